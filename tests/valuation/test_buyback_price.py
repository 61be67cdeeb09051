"""The share count's buyback price: a yearly fall of 100% or more is refused at its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
EUR = ROOT / "tests" / "valuation" / "data" / "eur_two_segments.yaml"
COUNT = "      shares: shares_2025\n      dilution: dilution\n"


def _with_price_growth(tmp_path: Path, growth: str) -> Path:
    text = EUR.read_text(encoding="utf-8")
    assert COUNT in text
    wired = f"{COUNT}      buyback_spend: 0.02 * revenue\n      price_growth: {growth}\n"
    path = tmp_path / "t.yaml"
    path.write_text(text.replace(COUNT, wired), encoding="utf-8")
    return path


@pytest.mark.parametrize("command", ["validate", "run"])
def test_a_price_falling_to_zero_or_below_is_an_error_at_its_line(
    tmp_path: Path, capsys, command: str
) -> None:
    # At -150% a year the buyback price turns negative: the buybacks issued shares and the
    # value per share came out silently wrong.
    path = _with_price_growth(tmp_path, "-1.5")
    args = [command, str(path)] + (["--paths", "2000", "-q"] if command == "run" else [])
    assert main(args) == 2
    err = capsys.readouterr().err
    line = path.read_text(encoding="utf-8").splitlines().index("      price_growth: -1.5") + 1
    assert f"t.yaml:{line}: model.blocks.count.price_growth:" in err
    assert "zero or below" in err and "Traceback" not in err


def test_a_falling_price_above_minus_100_percent_runs(tmp_path: Path) -> None:
    path = _with_price_growth(tmp_path, "-0.2")
    assert main(["run", str(path), "--paths", "2000", "-q"]) == 0
