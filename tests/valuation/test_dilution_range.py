"""The share count's dilution: a yearly fall of 100% or more is refused at its line, not
floored into a tiny share count."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
EUR = ROOT / "tests" / "valuation" / "data" / "eur_two_segments.yaml"
COUNT = "      shares: shares_2025\n      dilution: dilution\n"


def _with_dilution(tmp_path: Path, dilution: str) -> Path:
    text = EUR.read_text(encoding="utf-8")
    assert COUNT in text
    wired = f"      shares: shares_2025\n      dilution: {dilution}\n"
    path = tmp_path / "t.yaml"
    path.write_text(text.replace(COUNT, wired), encoding="utf-8")
    return path


@pytest.mark.parametrize("command", ["validate", "run"])
@pytest.mark.parametrize("dilution", ["-1", "-1.5", "-3"])
def test_a_share_count_falling_to_zero_or_below_is_an_error_at_its_line(
    tmp_path: Path, capsys, command: str, dilution: str
) -> None:
    path = _with_dilution(tmp_path, dilution)
    args = [command, str(path)] + (["--paths", "2000", "-q"] if command == "run" else [])
    assert main(args) == 2
    err = capsys.readouterr().err
    line = path.read_text(encoding="utf-8").splitlines().index(f"      dilution: {dilution}") + 1
    assert f"t.yaml:{line}: model.blocks.count.dilution:" in err
    assert f"dilution reaches {dilution} in a year" in err and "Traceback" not in err


def test_a_shrinking_share_count_above_minus_100_percent_runs(tmp_path: Path) -> None:
    path = _with_dilution(tmp_path, "-0.2")
    assert main(["run", str(path), "--paths", "2000", "-q"]) == 0
