"""A warning given while a scenario is checked or run names the scenario after its location, as
its errors do: ``validate --all-scenarios`` on a thesis whose value is far from the price said the
same line four times with four different values and no scenario. The same warning for several
scenarios is one line naming them; for the base case too, the base case's line alone."""

from __future__ import annotations

import warnings
from pathlib import Path

import model
from model.cli.main import _print_warnings, main
from model.errors import ThesisModelWarning, scenario_marked, scenario_unmarked

SAME = """  same:
    label: "The base case again"
    rationale: {estimate: "A scenario that changes nothing of the value"}
    overrides:
      capex_to_sales:
        unit: "%"
        value: 0.04
        source: {estimate: "As in the base case"}
"""


def _thesis(tmp_path: Path, readme_example: str) -> Path:
    """The README's example priced a hundred times too low (38.0 written as 0.38), with a
    scenario 'same' that changes nothing of the value."""
    text = readme_example.replace("    value: 38.0\n", "    value: 0.38\n", 1)
    assert text.count("\nscenarios:\n") == 1
    text = text.replace("\nscenarios:\n", "\nscenarios:\n" + SAME)
    text = text.replace(
        "  bear: {value: 0.25,",
        '  same: {value: 0.0, source: {estimate: "Kept out of the blend on purpose"}}\n'
        "  bear: {value: 0.25,",
    )
    path = tmp_path / "example.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_validate_names_the_scenario_of_each_warning(tmp_path, readme_example, capsys):
    path = _thesis(tmp_path, readme_example)
    assert main(["validate", str(path), "--all-scenarios", "-q"]) == 0
    said = [x for x in capsys.readouterr().err.splitlines() if "thesis.price.value" in x]
    # The base case's, then the bear case's; 'same' says what the base says: not repeated.
    assert len(said) == 2, said
    base, bear = said
    assert "in scenario" not in base and "times above the price of 0.38" in base, said
    assert (
        bear.startswith(f"warning: {path}:")
        and ": thesis.price.value: in scenario 'bear': the central path values" in bear
    ), said
    assert base.split("values the share at ")[1] != bear.split("values the share at ")[1]


def test_python_names_the_scenario_too(tmp_path, readme_example):
    path = _thesis(tmp_path, readme_example)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        thesis = model.load_thesis(path)
        model.simulate(thesis, scenario="bear", n_paths=200, seed=1)
    said = [str(w.message) for w in caught if "thesis.price.value" in str(w.message)]
    assert any("in scenario" not in s for s in said), said
    assert any(": thesis.price.value: in scenario 'bear': " in s for s in said), said


def _message(text: str) -> warnings.WarningMessage:
    return warnings.WarningMessage(ThesisModelWarning(text), ThesisModelWarning, "x.py", 1)


def test_one_warning_for_several_scenarios_is_one_line(capsys):
    at = "t.yaml:9: model.lines.ebit.value: "
    caught = [
        _message(f"{at}in scenario 'bull': the margin is high"),
        _message(f"{at}in scenario 'bear': the margin is high"),
        _message(f"{at}in scenario 'bear': the margin is high"),
        _message(f"{at}the share count is low"),
        _message(f"{at}in scenario 'bull': the share count is low"),
    ]
    _print_warnings(caught, __import__("sys").stderr)
    assert capsys.readouterr().err.splitlines() == [
        f"warning: {at}in scenarios 'bull', 'bear': the margin is high",
        f"warning: {at}the share count is low",
    ]


def test_marks_go_after_the_location_and_come_off_again():
    at = "t.yaml:9: model.lines.ebit.value: "
    assert scenario_marked(f"{at}text", "bull") == f"{at}in scenario 'bull': text"
    assert scenario_marked(f"{at}text", "base") == f"{at}text"
    # Located at the scenario's own override, or naming it already: as it is.
    own = "t.yaml:70: scenarios.bull.overrides.g.value: text"
    assert scenario_marked(own, "bull") == own
    assert scenario_marked("no place: text", "bear") == "in scenario 'bear': no place: text"
    assert scenario_unmarked(f"{at}in scenario 'bull': text") == (f"{at}text", "bull")
    assert scenario_unmarked(f"{at}text") == (f"{at}text", None)
    # A location without a field takes the mark after its line number.
    bare = "t.yaml:74: 3 assumptions are not used"
    marked = scenario_marked(bare, "bear")
    assert marked == "t.yaml:74: in scenario 'bear': 3 assumptions are not used"
    assert scenario_unmarked(marked) == (bare, "bear")
    # A scenario named like an event the message quotes is still named as the scenario.
    quoted = f"{at}event 'derating' cuts the multiple"
    assert scenario_marked(quoted, "derating") == (
        f"{at}in scenario 'derating': event 'derating' cuts the multiple"
    )
