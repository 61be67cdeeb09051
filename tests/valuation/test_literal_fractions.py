"""A whole percentage written straight into a block's fraction is warned about at its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
EUR = ROOT / "tests" / "valuation" / "data" / "eur_two_segments.yaml"
COUNT = "      dilution: dilution\n"


def _with_dilution(tmp_path: Path, written: str) -> Path:
    text = EUR.read_text(encoding="utf-8")
    assert COUNT in text
    path = tmp_path / "t.yaml"
    path.write_text(text.replace(COUNT, f"      dilution: {written}\n"), encoding="utf-8")
    return path


def test_dilution_of_two_meaning_two_percent_is_warned(tmp_path: Path, capsys) -> None:
    # 'dilution: 2' issues 200% more shares a year; the assumptions' check never saw it, as
    # a number in a block has no assumption (no unit, no name) to judge it by.
    path = _with_dilution(tmp_path, "2")
    assert main(["validate", str(path)]) == 0
    err = capsys.readouterr().err
    line = path.read_text(encoding="utf-8").splitlines().index("      dilution: 2") + 1
    assert f"t.yaml:{line}: model.blocks.count.dilution: 2 means 200%" in err
    assert "did you mean 0.02?" in err


@pytest.mark.parametrize("written", ["0.02", "dilution"])
def test_fractions_and_names_are_not_warned(tmp_path: Path, capsys, written: str) -> None:
    assert main(["validate", str(_with_dilution(tmp_path, written))]) == 0
    assert "model.blocks.count.dilution" not in capsys.readouterr().err
