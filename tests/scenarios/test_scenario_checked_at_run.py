"""A scenario run from a loaded thesis is checked on its own central path, as ``validate``
checks it: its errors and warnings, not the base's, and on the command line as in Python."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import model
from model.cli.main import main
from model.errors import ThesisError

EXAMPLE = Path(__file__).resolve().parents[2] / "assumptions" / "examples"
PREMIUM = """\
  premium:
    label: "Premium: a re-rating past the parts"
    rationale: {estimate: "Activists force a premium to the sum of the parts"}
    overrides:
      holding_discount:
        unit: "%"
        value: -0.1
        source: {estimate: "A ten percent premium to the parts after activism"}
"""


def _premium(tmp_path: Path) -> Path:
    text = (EXAMPLE / "japan-conglomerate.yaml").read_text(encoding="utf-8")
    assert text.count("\nscenarios:\n") == 1
    # A fraction that may leave [0, 1] is a percentage ('share' would refuse the -0.1 itself).
    old = "  holding_discount:\n    unit: share\n"
    assert text.count(old) == 1
    text = text.replace(old, '  holding_discount:\n    unit: "%"\n')
    path = tmp_path / "conglomerate.yaml"
    path.write_text(text.replace("\nscenarios:\n", "\nscenarios:\n" + PREMIUM), encoding="utf-8")
    return path


def test_a_scenario_whose_central_path_breaks_a_leg_is_refused_by_the_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _premium(tmp_path)
    assert main(["run", str(path), "--paths", "200"]) == 0  # the base is sound
    capsys.readouterr()
    for argv in (["run", str(path), "--scenario", "premium"], ["compare", str(path)]):
        assert main([*argv, "--paths", "200"]) == 2
        err = capsys.readouterr().err
        # At the override that broke it, which names the scenario, and the leg key it feeds.
        assert "scenarios.premium.overrides.holding_discount.value" in err, err
        assert "legs.sotp.discount" in err, err
        assert "on the central path it is -0.1" in err, err
    with pytest.raises(ThesisError, match=r"on the central path it is -0\.1"):
        model.simulate(model.load_thesis(path), scenario="premium", n_paths=200, seed=1)


def test_a_scenario_run_warns_of_its_own_central_path(tmp_path: Path, readme_example: str) -> None:
    earning = "cash[t-1] * (1 + deposit_rate * (1 - tax_rate)) + free_cash_flow"
    assert readme_example.count(earning) == 1
    path = tmp_path / "example.yaml"  # its cash kept at no rate, which validate warns about
    path.write_text(readme_example.replace(earning, "cash[t-1] + free_cash_flow"), encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        thesis = model.load_thesis(path)
        model.simulate(thesis, scenario="bear", n_paths=200, seed=1)
    said = [str(w.message) for w in caught if "at no rate" in str(w.message)]
    # The base's idle cash at the load, then the bear case's own (less cash kept).
    assert len(said) == 2, said
    assert "in scenario" not in said[0] and "in scenario 'bear'" in said[1], said
    assert said[0] != said[1].replace("in scenario 'bear': ", ""), said
