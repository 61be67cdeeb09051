"""The notebook's small histogram writes the price's label above the bars, not on them: the
price usually sits near the mode, where the tallest bars used to run through its text."""

from __future__ import annotations

import re

import numpy as np
import pytest

from model.results.display import svg_histogram

FONT = 10  # the label's font size in the svg, in pixels


def _bar_tops(svg: str) -> list[float]:
    return [float(y) for y in re.findall(r'<rect x="[^"]+" y="([^"]+)"', svg)]


@pytest.mark.parametrize("where", [0.0, 0.3, -0.4])
def test_price_label_clears_every_bar(where):
    values = np.random.default_rng(1).normal(0.0, 1.0, 20_000)
    svg = svg_histogram(values, marker=where, marker_label="price 42.5")
    label = re.search(r'<text x="[^"]+" y="([^"]+)"[^>]*fill="#c44e52"[^>]*>price 42.5<', svg)
    assert label is not None, svg
    baseline = float(label.group(1))
    # Text descends a little below its baseline; the bars must start below that.
    assert min(_bar_tops(svg)) >= baseline + 0.25 * FONT


def test_sparklines_without_labels_keep_their_full_height():
    values = np.random.default_rng(1).normal(0.0, 1.0, 5_000)
    svg = svg_histogram(values, marker=0.0, marker_label="price 1", labels=False, height=20)
    assert min(_bar_tops(svg)) < 0.25 * 20
