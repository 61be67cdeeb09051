"""A claim comparing a price per unit of a quantity (``AUD/t``) with a number written in
thousands (``> 15`` meaning 15,000 AUD/t) is warned at its statement with the number meant; a
number near the central value, or a tail far from it that no power of 1000 explains, is not."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.cli.main import main
from model.inputs.expressions.claimscale import _per_unit
from model.inputs.units import parse_unit

EXAMPLE = Path(__file__).parents[2] / "assumptions" / "examples" / "copper-miner.yaml"
ANCHOR = '    label: "Net debt repaid by FY2028"\n'


def _said(tmp_path: Path, capsys: pytest.CaptureFixture[str], statement: str) -> list[str]:
    claim = f'  copper_high:\n    statement: "{statement}"\n    label: "Copper high"\n'
    text = EXAMPLE.read_text(encoding="utf-8").replace(ANCHOR, ANCHOR + claim, 1)
    path = tmp_path / EXAMPLE.name
    path.write_text(text, encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    return [x for x in capsys.readouterr().err.splitlines() if "scorecard.copper_high" in x]


def test_a_price_per_tonne_written_in_thousands_is_warned(tmp_path, capsys):
    (said,) = _said(tmp_path, capsys, "copper_price_aud[2028] > 15")
    assert "reads 15 in AUD/t; copper_price_aud[2028] is " in said
    assert "did you mean 15,000 (15 thousand AUD/t)?" in said


@pytest.mark.parametrize("number", ["15000", "45000", "3000"])
def test_a_price_per_tonne_in_its_own_unit_is_not_warned(tmp_path, capsys, number):
    # Near the central value (about 14,600 AUD/t), or a tail claim a few times away.
    assert _said(tmp_path, capsys, f"copper_price_aud[2028] > {number}") == []


@pytest.mark.parametrize(
    ("unit", "per_unit"),
    [("USD/t", True), ("AUD/bbl", True), ("USD/MWh", True), ("USD/share", False),
     ("USD m", False), ("t", False), ("%", False)],
)  # fmt: skip
def test_prices_per_unit_are_told_from_other_units(unit, per_unit):
    assert _per_unit(parse_unit(unit)) is per_unit
