"""With a fiscal year ending in June, the console names the exit year's end date, not a bare
calendar year (which reads as 31 December)."""

from __future__ import annotations

from pathlib import Path

from model.cli.main import main

DATA = Path(__file__).parents[1] / "valuation" / "data" / "multi_legs.yaml"
LEGS = "dcf: {weight: 1.0, discount_rate: wacc, terminal_growth: long_growth}"


def _run(tmp_path: Path, capsys, extra: str) -> str:
    text = DATA.read_text().replace("LEGS", LEGS)
    text = text.replace("  currency: USD\n", "  currency: USD\n" + extra, 1)
    path = tmp_path / "thesis.yaml"
    path.write_text(text)
    assert main(["run", str(path), "--paths", "2000", "--seed", "1"]) == 0
    return capsys.readouterr().out


def test_june_year_end_is_dated(tmp_path, capsys):
    out = _run(tmp_path, capsys, '  fiscal_year_end: "06-30"\n')
    assert "of holding to 2029-06-30 (USD" in out, out
    assert "Value per share at the end of FY2029 (2029-06-30) (not discounted)" in out, out
    assert "from 2025-06-30 to 2029-06-30:" in out, out


def test_december_year_end_keeps_the_year(tmp_path, capsys):
    out = _run(tmp_path, capsys, "")
    assert "of holding to 2029 (USD" in out, out
    assert "Value per share at the end of 2029 (not discounted)" in out, out
