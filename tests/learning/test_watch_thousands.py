"""A watch list writes its figures as the rest of the toolkit does: thousands grouped (1,185)."""

from __future__ import annotations

import re
from pathlib import Path

import model

ROOT = Path(__file__).resolve().parents[2]
#: Values per share in yen: figures in the thousands.
THESIS = ROOT / "assumptions" / "examples" / "japan-conglomerate.yaml"


def _watch() -> model.learning.WatchList:
    result = model.simulate(model.load_thesis(THESIS), n_paths=1000, seed=1, progress=False)
    return model.watch(result)


def _yen_figures(text: str) -> list[str]:
    """Every figure written before a yen unit, as written."""
    return re.findall(r"(-?[\d,.]+) JPY", text)


def test_sentences_group_thousands():
    watch = _watch()
    figures = _yen_figures(" ".join(watch.sentences()))
    large = [f for f in figures if float(f.replace(",", "")) >= 1000]
    assert watch.median >= 1000 and len(large) >= 2  # the figures this test is about
    assert all(re.fullmatch(r"\d{1,3}(,\d{3})+", f) for f in large), figures


def test_repr_groups_thousands():
    figures = _yen_figures(repr(_watch()))
    large = [f for f in figures if float(f.replace(",", "")) >= 1000]
    assert large and all(re.fullmatch(r"\d{1,3}(,\d{3})+", f) for f in large), figures
