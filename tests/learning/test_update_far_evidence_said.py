"""Evidence the thesis did not foresee is said, whether the thesis or its run is conditioned.

Conditioning a finished run warned when the nearest path lay more than ``Z_FAR`` measurement
sds from a normal observation, but :func:`model.condition` on a thesis file silenced every
warning of that kind while it decided whether to re-simulate, and ``thesis update`` dropped it
whenever the effective sample was low: a growth rate of 50% observed against a thesis of 7%
gave a posterior with no word that the evidence conflicts with the prior.
"""

from __future__ import annotations

import warnings

import pytest

import model
from model.cli.main import main

#: Growth is N(0.07, 0.03): 0.50 lies 14 prior sds above the mean, over 8 measurement sds
#: beyond any of 2,000 paths (low effective sample); 4.0 ± 0.5 lies over 7 measurement sds
#: beyond them yet leaves most paths effective (the tilt is gentle).
CASES = [(0.50, 0.04), (4.0, 0.5)]


def _evidence(value: float, sd: float) -> dict[str, dict[str, object]]:
    return {"growth_seen": {"quantity": "growth", "value": value, "sd": sd}}


@pytest.mark.parametrize(("value", "sd"), CASES)
def test_condition_on_a_thesis_warns_of_far_evidence(write_vintage, tmp_path, value, sd):
    thesis = write_vintage(tmp_path / "example.yaml")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = model.condition(thesis, _evidence(value, sd), n_paths=2_000, seed=1)
    texts = [str(w.message) for w in caught]
    assert any("measurement sds away" in t for t in texts), texts
    # The posterior still moves towards the observation: the conjugate normal posterior puts
    # at least 0.68 of its mass above the prior mean 0.07 in both cases.
    assert out.prob("growth > 0.07").p > 0.6


def test_update_prints_far_evidence_with_a_low_effective_sample(write_vintage, tmp_path, capsys):
    thesis = write_vintage(tmp_path / "example.yaml")
    evidence = tmp_path / "evidence.yaml"
    evidence.write_text(
        "format: 1\nevidence:\n  growth_seen:\n    quantity: growth\n    unit: '%'\n"
        "    value: 0.50\n    sd: 0.04\n"
        '    source: {estimate: "A reading far above anything the thesis allows"}\n',
        encoding="utf-8",
    )
    argv = ["update", str(thesis), "--evidence", str(evidence), "--paths", "2000", "--seed", "1"]
    assert main(argv) == 0
    err = capsys.readouterr().err
    assert "low effective sample" in err, err
    assert "measurement sds away" in err, err
