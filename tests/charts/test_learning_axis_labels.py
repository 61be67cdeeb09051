"""The learning charts name their axes as the other charts do ("Value today (JPY per share)"),
not with the output's raw name ("median value_today", "value_today today (JPY/share)")."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import pytest

import model
from model.charts import learning

ROOT = Path(__file__).resolve().parents[2]
THESIS = ROOT / "assumptions" / "examples" / "japan-conglomerate.yaml"


@pytest.fixture(scope="module")
def thesis():
    return model.load_thesis(THESIS)


def _check(label: str) -> None:
    assert "_" not in label, label
    assert "today today" not in label
    assert label[:1].isupper(), label
    assert "per share" in label, label


def test_waterfall_value_axis(thesis):
    fig = learning.attribution_waterfall(model.attribute(thesis, "bear", "base", n_paths=400))
    try:
        _check(fig.axes[0].get_ylabel())
    finally:
        plt.close(fig)


def test_watch_value_axis(thesis):
    result = model.simulate(thesis, n_paths=400, seed=1)
    fig = learning.watch_chart(model.watch(result))
    try:
        _check(fig.axes[0].get_xlabel())
    finally:
        plt.close(fig)


def test_prior_posterior_value_axis(thesis):
    result = model.simulate(thesis, n_paths=400, seed=1)
    found = result.condition(model.Observation.normal("ebit[2027]", 250.0, 20.0))
    fig = learning.prior_posterior_chart(found)
    try:
        _check(fig.axes[0].get_xlabel())
    finally:
        plt.close(fig)


def test_waterfall_title_names_another_output_in_words(thesis):
    found = model.attribute(thesis, "bear", "base", output="ebit", n_paths=400)
    fig = learning.attribution_waterfall(found)
    try:
        title = " ".join(fig.axes[0].figure._suptitle.get_text().split())
        assert "median EBIT in" in title, title
    finally:
        plt.close(fig)
