"""Evidence given as a mapping in Python is read as an evidence file reads it.

``model.condition(run, {"s": {"quantity": "sales[2026]", "unit": "EUR m", ...}})`` dropped the
unit: sales of EUR 14,500 m were compared with paths in EUR bn and refused as 1,000 sds away,
a percentage observed of a money line went unnoticed, a misspelt key (``sigma``) was ignored,
and a range given with a value silently won.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import model
from model.errors import ThesisModelError

N = 4_000


@pytest.fixture()
def run(write_vintage, tmp_path: Path):
    thesis = model.load_thesis(write_vintage(tmp_path / "t.yaml"))
    return model.simulate(thesis, n_paths=N, seed=7, keep_inputs=True, progress=False)


def test_a_unit_converts_the_observation(run) -> None:
    # Sales 2026 = 13 * (1 + growth), growth ~ N(0.07, 0.03): observed 14.0 +- 0.2 EUR bn.
    in_m = model.condition(run, {"s": {"quantity": "sales[2026]", "unit": "EUR m",
                                       "value": 14_000, "sd": 200}})  # fmt: skip
    in_bn = model.condition(run, {"s": {"quantity": "sales[2026]", "value": 14.0, "sd": 0.2}})
    assert np.allclose(in_m.weights, in_bn.weights)
    # The conjugate normal posterior of growth: prior N(0.07, 0.03), observed (14/13 - 1)
    # with sd 0.2/13.
    prior_prec, obs_prec = 1 / 0.03**2, (13 / 0.2) ** 2
    mean = (0.07 * prior_prec + (14 / 13 - 1) * obs_prec) / (prior_prec + obs_prec)
    growth = np.asarray(run.inputs["growth"], dtype=float)
    if growth.ndim > 1:
        growth = growth[:, 0]
    post = float(np.sum(in_m.weights * growth))
    se = float(np.sqrt(np.sum(in_m.weights**2 * (growth - post) ** 2)))
    assert abs(post - mean) < 4 * se, (post, mean, se)


def test_a_unit_of_another_kind_is_refused(run) -> None:
    with pytest.raises(ThesisModelError, match=r"stated in %, but 'sales\[2026\]' is in EUR bn"):
        model.condition(run, {"s": {"quantity": "sales[2026]", "unit": "%", "value": 0.2,
                                    "sd": 0.01}})  # fmt: skip


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"quantity": "growth", "value": 0.1, "sigma": 0.01}, "unknown key 'sigma'"),
        ({"quantity": "growth", "value": 0.1, "sd": 0.01, "range": [0, 1]}, "not both"),
    ],
)
def test_a_mapping_an_evidence_file_would_refuse_is_refused(run, entry, message) -> None:
    with pytest.raises(ThesisModelError, match=message):
        model.condition(run, {"g": entry})
