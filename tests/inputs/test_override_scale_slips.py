"""An override written in another scale of the base's unit, its numbers unchanged, is warned
about at its unit line.

The base's sales are 18 TWD bn; a bull case copying the figure under ``TWD m`` ran with sales
of 0.018 TWD bn, a thousandth of the base, without a word (the units convert, so nothing
failed). The same sales written as 18,000 TWD m draw nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import model
from model.cli.main import main
from model.inputs.plausibility import scale_slips

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "assumptions" / "templates" / "growth-company.yaml"
BULL = "    overrides:\n      fade_year:\n"


def _copy(tmp_path: Path, unit: str, value: str) -> tuple[Path, int]:
    text = TEMPLATE.read_text(encoding="utf-8")
    assert text.count(BULL) == 1 and "  sales_2025:\n    unit: TWD bn\n    value: 18\n" in text
    override = (
        f"    overrides:\n      sales_2025:\n        unit: {unit}\n        value: {value}\n"
        '        source: {estimate: "Sales restated by the second generation"}\n'
        "      fade_year:\n"
    )
    text = text.replace(BULL, override)
    path = tmp_path / "thesis.yaml"
    path.write_text(text, encoding="utf-8")
    line = next(i for i, s in enumerate(text.splitlines(), 1) if s == f"        unit: {unit}")
    return path, line


@pytest.mark.parametrize("command", [["validate"], ["validate", "--all-scenarios"]])
def test_the_same_numbers_in_another_scale_are_warned_about(tmp_path, capsys, command):
    path, line = _copy(tmp_path, "TWD m", "18")
    assert main([command[0], str(path), *command[1:]]) == 0
    err = capsys.readouterr().err
    field = "scenarios.bull.overrides.sales_2025.unit"
    assert err.count(f"{path}:{line}: {field}: the override is in TWD m, the base in TWD bn") == 1
    assert "1/1,000 of the base's 18 TWD bn" in err, err


@pytest.mark.parametrize(
    ("unit", "value"), [("TWD m", "18000"), ("TWD bn", "18"), ("TWD bn", "0.1")]
)
def test_a_converted_or_same_scale_override_draws_nothing(tmp_path, unit, value):
    path, _ = _copy(tmp_path, unit, value)
    thesis = model.load_thesis(path)
    assert scale_slips(thesis.with_scenario("bull"), thesis) == []


def test_a_scenario_runs_when_only_the_base_has_no_value(tmp_path, capsys):
    # The checks of the overrides apply the base too; a base the scenario repairs is said at
    # its line when the base runs, not when the scenario does.
    path, _ = _copy(tmp_path, "TWD bn", "18")
    text = path.read_text(encoding="utf-8")
    base = '  odd_ratio:\n    unit: "1"\n    derived: "margin_target / (tax_rate - 0.2)"\n'
    fixed = '      odd_ratio:\n        unit: "1"\n        value: 1\n'
    fixed += '        source: {estimate: "The bull case reads it as one"}\n'
    text = text.replace("  cost_of_equity:\n", base + "  cost_of_equity:\n", 1)
    text = text.replace(
        "    overrides:\n      sales_2025:\n", "    overrides:\n" + fixed + "      sales_2025:\n"
    )
    path.write_text(text, encoding="utf-8")
    assert main(["run", str(path), "--scenario", "bull", "--paths", "1000", "--seed", "1"]) == 0
    assert main(["run", str(path), "--paths", "1000", "--seed", "1"]) == 2
