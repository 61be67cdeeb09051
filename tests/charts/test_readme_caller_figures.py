"""The README tells a matplotlib user how to put the charts on a figure of their own and how to
export one at another size, and what it says holds."""

from __future__ import annotations

import re
from pathlib import Path

import matplotlib.pyplot as plt

import model
from model import charts

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _charts_section() -> str:
    start = README.index("Charts are plain matplotlib")
    return README[start : README.index("| function | what it draws |", start)]


def test_readme_names_a_layout_for_the_callers_figure_and_a_way_to_resize():
    text = _charts_section()
    assert re.search(r'plt\.subplots\(.*layout="constrained"\)', text)
    assert "tight_layout()" in text
    assert "set_size_inches" in text


def test_the_advice_holds():
    thesis = model.load_thesis(ROOT / "assumptions" / "examples" / "copper-miner.yaml")
    result = model.simulate(thesis, n_paths=300, seed=1)
    fig, axes = plt.subplots(1, 2, figsize=(12, 4), layout="constrained")
    try:
        charts.fan_chart(result, ax=axes[0])
        charts.value_distribution(result, ax=axes[1])
        assert [p for p in charts.review_chart(fig) if p.kind.value == "outside"] == []
    finally:
        plt.close(fig)
    own = charts.value_distribution(result)
    own.set_size_inches(6, 4)
    assert [p for p in charts.review_chart(own) if "figure text" in p.message] == []
