"""Buybacks below zero on the central path (a sign slipped: ``-30`` for 30 spent) issue shares
at the buyback price; ``validate`` warns at the block's key or the line, with the amount and
the year, and says nothing of buybacks at or above zero."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.cli.main import main

EXAMPLE = Path(__file__).parents[2] / "assumptions" / "examples" / "japan-conglomerate.yaml"
SPEND = "      buyback_spend: buyback\n"


def _copy(tmp_path: Path, *swaps: tuple[str, str]) -> Path:
    for item in EXAMPLE.parent.iterdir():  # the example's sources sit beside it
        target = tmp_path / item.name
        if item.is_dir():
            target.symlink_to(item, target_is_directory=True)
    text = EXAMPLE.read_text(encoding="utf-8")
    for old, new in swaps:
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / EXAMPLE.name
    path.write_text(text, encoding="utf-8")
    return path


def _said(capsys: pytest.CaptureFixture[str], path: Path) -> list[str]:
    assert main(["validate", str(path)]) == 0
    return [x for x in capsys.readouterr().err.splitlines() if "below zero on the" in x]


def test_a_negative_buyback_is_warned_at_the_blocks_key(tmp_path, capsys):
    path = _copy(tmp_path, (SPEND, "      buyback_spend: -buyback\n"))
    said = _said(capsys, path)
    assert len(said) == 1, said
    line = 1 + path.read_text().splitlines().index("      buyback_spend: -buyback")
    assert f"{path.name}:{line}: model.blocks.count.buyback_spend: the buybacks" in said[0]
    assert "issues shares at the buyback price" in said[0]
    assert " in FY" in said[0] or " in 20" in said[0]


def test_a_negative_buyback_from_the_second_year_names_that_year(tmp_path, capsys):
    spend = '      buyback_spend: "buyback if year < 2027 else -buyback"\n'
    said = _said(capsys, _copy(tmp_path, (SPEND, spend)))
    assert len(said) == 1 and "2027" in said[0], said


@pytest.mark.parametrize("spend", ["buyback", "0 * buyback"])
def test_buybacks_at_or_above_zero_are_not_warned(tmp_path, capsys, spend):
    assert _said(capsys, _copy(tmp_path, (SPEND, f"      buyback_spend: {spend}\n"))) == []
