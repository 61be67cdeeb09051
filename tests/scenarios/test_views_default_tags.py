"""``model.views(thesis)`` puts the thesis' own view tags side by side, whatever they are."""

from __future__ import annotations

from pathlib import Path

import pytest

import model
from model.errors import SettingsError

ROOT = Path(__file__).resolve().parents[2]
BANK = ROOT / "assumptions" / "examples" / "regional-bank.yaml"


def _tagged(tmp_path: Path) -> Path:
    text = BANK.read_text(encoding="utf-8")
    text = text.replace(
        'label: "Bull: steeper curve"', 'label: "Bull: steeper curve"\n    view: "Q3"'
    )
    text = text.replace(
        'label: "Bear: deposit competition"', 'label: "Bear: deposit competition"\n    view: "Q1"'
    )
    path = tmp_path / "bank.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_default_is_every_view_the_thesis_tags(tmp_path):
    # The default was the flagship's ("2022", "2025"): any other thesis was refused with
    # "no scenario has view '2022'".
    side = model.views(_tagged(tmp_path), n_paths=64, seed=1)
    assert side.scenarios == ("base", "bear", "bull")  # views in order: Q1, then Q3


def test_a_thesis_without_views_says_so():
    with pytest.raises(SettingsError, match="no scenario of the thesis carries a view"):
        model.views(BANK, n_paths=64, seed=1)
