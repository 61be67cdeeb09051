"""``model.load_thesis`` refuses what ``thesis validate`` refuses in the model and the scorecard
of the scenario it applies (a misspelt line, a cycle, a unit mismatch, a share count below zero,
a misspelt statement, a cost of equity written as a whole percentage), with validate's message,
at the load rather than at the first run."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import model
from model.cli.main import main
from model.errors import ThesisModelError
from model.inputs.assembly.thesis import load_thesis as inner_load

from .test_fraction_warnings import write

ROOT = Path(__file__).resolve().parents[2]

LEG = "      pe: {weight: 1, multiple: pe_exit}"
SCORECARD = '\nscorecard:\n  rich:\n    statement: "revenu[2029] > 60"\n    label: Sales pass 60\n'

CASES = {
    "misspelt line": ("value: revenue * margin", "value: revenu * margin"),
    "cycle": ("value: ebit * (1 - tax_rate)", "value: ebit * (1 - tax_rate) + 0 * free_cash_flow"),
    "unit mismatch": ("value: ebit + depreciation", "value: ebit + margin"),
    "shares below zero": ("value: 1.0", "value: -1.0"),
    "misspelt statement": (LEG, LEG + "\n" + SCORECARD),
    "whole percentage rate": (LEG, LEG + "\n    cost_of_equity: 8.5"),
}  # fmt: skip


def _validate_error(path: Path, capsys: pytest.CaptureFixture[str], *options: str) -> str:
    assert main(["validate", str(path), *options]) == 2
    (line,) = [x for x in capsys.readouterr().err.splitlines() if x.startswith("error: ")]
    return line.removeprefix("error: ")


@pytest.mark.parametrize("case", list(CASES))
def test_load_thesis_refuses_what_validate_refuses(tmp_path, capsys, case):
    path = write(tmp_path, CASES[case])
    inner_load(path)  # the file itself reads: only its model or scorecard is wrong
    said = _validate_error(path, capsys)
    assert said.startswith(f"{path}:")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(ThesisModelError) as caught:
            model.load_thesis(path)
    assert str(caught.value) == said


def _example_with_a_bad_bear(tmp_path: Path) -> Path:
    """The README's example thesis, whose bear case gains an event taking the discount rate
    below terminal growth at the base's DCF leg."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    body = text.split("<!-- readme-example: example.yaml -->\n```yaml\n", 1)[1].split("\n```")[0]
    bear = "    overrides:\n      sales_growth:\n"
    assert body.count(bear) == 1
    event = (
        "    events:\n      rate_cut:\n        label: A rate cut\n        annual_prob: 0.3\n"
        "        effects:\n          - {target: wacc, op: add, by: -0.07}\n"
        '        source: {estimate: "An easing cycle cuts the cost of capital"}\n'
    )
    path = tmp_path / "example.yaml"
    path.write_text(body.replace(bear, event + bear) + "\n", encoding="utf-8")
    return path


def test_the_scenario_applied_is_checked_and_named(tmp_path, capsys):
    path = _example_with_a_bad_bear(tmp_path)
    model.load_thesis(path)  # the base case is sound
    said = _validate_error(path, capsys, "--scenario", "bear")
    assert "in scenario 'bear'" in said
    with pytest.raises(ThesisModelError) as caught:
        model.load_thesis(path, "bear")
    assert str(caught.value) == said


def test_a_run_does_not_check_again_what_the_load_checked(tmp_path, monkeypatch):
    # The load's check costs a run nothing more: the run of the same thesis skips its own.
    from model.scenarios import run

    calls: list[str] = []
    real = run.check_scorecard
    monkeypatch.setattr(run, "check_scorecard", lambda t, m: calls.append(t.scenario) or real(t, m))
    path = write(tmp_path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model.simulate(model.load_thesis(path), n_paths=50, seed=1)
        assert calls == []
        model.simulate(inner_load(path), n_paths=50, seed=1)  # never checked: the run does
    assert calls == ["base"]
