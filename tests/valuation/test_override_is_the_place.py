"""A number a scenario's override makes bad (a share count at or below zero, a multiple or a
discount rate below zero) is said at the override, naming the field of the model it feeds,
not at the base file's line that reads it, which is not what to change."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_share_count_line import LINE, _thesis

from model.cli.main import main

DATA = Path(__file__).parent / "data" / "multi_legs.yaml"
LEGS = "pe: {weight: 1.0, multiple: pe_exit}"
OVERRIDE = {
    "value": ("        unit: shares bn\n        value: -5.8\n", "is -5.8", "value: -5.8"),
    # A normal whose draws reach zero: the override as a whole is at fault.
    "dist": (
        "        unit: shares bn\n        dist: normal\n        mean: 1.0\n        sd: 0.4\n",
        "can fall to -",
        "shares_2025:",
    ),
}


def _scenario(text: str, override: str) -> str:
    return (
        f'{text}\nscenarios:\n  slip:\n    label: "Slip"\n'
        '    rationale: {estimate: "A share count written by mistake"}\n'
        f"    overrides:\n      shares_2025:\n{override}"
        '        source: {estimate: "A share count written by mistake"}\n'
    )


@pytest.mark.parametrize("kind", sorted(OVERRIDE))
@pytest.mark.parametrize(
    ("model", "feeds"),
    [("block", "model.blocks.count.shares"), ("line", "model.lines.shares.start")],
)
@pytest.mark.parametrize(
    "command",
    [["validate", "--all-scenarios"], ["run", "--scenario", "slip", "--paths", "200", "-q"]],
    ids=["validate", "run"],
)
def test_override_that_breaks_the_count_is_the_place(tmp_path, capsys, kind, model, feeds, command):
    override, words, written = OVERRIDE[kind]
    if model == "block":
        path = tmp_path / "thesis.yaml"
        path.write_text(_scenario(DATA.read_text().replace("LEGS", LEGS), override))
    else:
        path, _ = _thesis(tmp_path, "  shares_2025:\n    unit: shares bn\n    value: 1.0\n", LINE)
        path.write_text(_scenario(path.read_text(), override))
    lines = path.read_text().splitlines()
    start = lines.index("scenarios:")
    at = next(i for i, s in enumerate(lines[start:], start + 1) if s.strip() == written)
    field = "scenarios.slip.overrides.shares_2025" + (".value" if kind == "value" else "")
    assert main([command[0], str(path), *command[1:]]) == 2
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert err.startswith(f"error: {path}:{at}: {field}: "), err
    assert f"'shares_2025' (read by {feeds}) {words}" in err, err


@pytest.mark.parametrize(
    ("name", "unit", "legs", "feeds", "words"),
    [
        ("pe_exit", "x", LEGS, "model.valuation.legs.pe.multiple", "is below zero on 100.0%"),
        (
            "wacc",
            '"%"',
            f"{LEGS}\n    cost_of_equity: wacc",
            "model.valuation.cost_of_equity",
            "(-0.09 at its central value) is below zero on every path",
        ),
    ],
    ids=["multiple", "cost_of_equity"],
)
def test_override_that_turns_a_number_negative_is_warned_there(
    tmp_path, capsys, name, unit, legs, feeds, words
):
    base = DATA.read_text().replace("LEGS", legs)
    central = {"pe_exit": 20, "wacc": 0.09}[name]
    override = f"        unit: {unit}\n        value: {-central}\n"
    text = _scenario(base, override).replace("      shares_2025:\n", f"      {name}:\n")
    path = tmp_path / "thesis.yaml"
    path.write_text(text)
    lines = text.splitlines()
    at = next(i for i, s in enumerate(lines, 1) if s.strip() == f"value: {-central}")
    assert main(["validate", "--all-scenarios", str(path)]) == 0
    err = capsys.readouterr().err
    said = [s for s in err.splitlines() if f"{name!r} (read by" in s]
    assert len(said) == 1, err
    field = f"scenarios.slip.overrides.{name}.value"
    assert said[0].startswith(f"warning: {path}:{at}: {field}: "), said
    assert f"{name!r} (read by {feeds}) {words}" in said[0], said


def _overridden(tmp_path: Path, legs: str, name: str, override: str, extra: str = "") -> Path:
    base = DATA.read_text().replace("LEGS", legs).replace("  wacc:\n", f"{extra}  wacc:\n", 1)
    path = tmp_path / "thesis.yaml"
    path.write_text(_scenario(base, override).replace("      shares_2025:\n", f"      {name}:\n"))
    return path


def _line(path: Path, text: str, after: int = 0) -> int:
    lines = path.read_text().splitlines()
    return next(i for i, s in enumerate(lines[after:], after + 1) if s.strip() == text)


@pytest.mark.parametrize(
    "command",
    [["validate", "--all-scenarios"], ["run", "--scenario", "slip", "--paths", "200", "-q"]],
    ids=["validate", "run"],
)
def test_override_that_breaks_terminal_growth_is_the_place(tmp_path, capsys, command):
    legs = "dcf: {weight: 1.0, discount_rate: wacc, terminal_growth: long_growth}"
    path = _overridden(tmp_path, legs, "wacc", '        unit: "%"\n        value: 0.02\n')
    start = _line(path, "scenarios:")
    at, key = _line(path, "value: 0.02", start), _line(path, "wacc:", start)
    assert main([command[0], str(path), *command[1:]]) == 2
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert err.startswith(f"error: {path}:{at}: scenarios.slip.overrides.wacc.value: "), err
    assert "(read by model.valuation.legs.dcf.terminal_growth)" in err, err
    # The rate is said with the override's value and line, not the base file's.
    assert f"the discount rate 'wacc' (0.02, line {key})" in err, err


def test_override_that_breaks_the_weights_is_the_place(tmp_path, capsys):
    legs = "pe: {weight: w_pe, multiple: pe_exit}"
    weight = '    unit: "%"\n    value: 1.0\n    source: {estimate: "The one leg"}\n'
    override = '        unit: "%"\n        value: 0.6\n'
    path = _overridden(tmp_path, legs, "w_pe", override, f"  w_pe:\n{weight}")
    at = _line(path, "value: 0.6", _line(path, "scenarios:"))
    assert main(["validate", "--all-scenarios", str(path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert err.startswith(f"error: {path}:{at}: scenarios.slip.overrides.w_pe.value: "), err
    assert "the valuation weights (read by model.valuation.legs) must" in err, err
