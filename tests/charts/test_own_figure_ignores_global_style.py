"""A chart's own figure is drawn in the house colours whatever style the caller set globally:
under ``plt.style.use("dark_background")`` its titles, labels and legend used to be written in
white on the house style's white figure. A caller's own axes keep the caller's style."""

from __future__ import annotations

import matplotlib as mpl
import matplotlib.style
import numpy as np
import pytest
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure

from model.charts import fan_chart, save_png, value_distribution


@pytest.fixture(scope="module")
def result():
    import model

    return model.simulate("assumptions/alibaba.yaml", n_paths=300, seed=2025)


def _png(fig: Figure, path) -> bytes:
    return save_png(fig, path).read_bytes()


@pytest.mark.parametrize("draw", [value_distribution, fan_chart])
def test_a_dark_global_style_leaves_the_chart_byte_identical(result, tmp_path, draw):
    plain = _png(draw(result), tmp_path / "plain.png")
    with mpl.style.context("dark_background"):
        before = dict(mpl.rcParams)
        fig = draw(result)
        assert dict(mpl.rcParams) == before  # nothing of the caller's settings changed
    assert _png(fig, tmp_path / "dark.png") == plain


def test_the_text_of_a_chart_drawn_under_a_dark_style_is_dark(result):
    with mpl.style.context("dark_background"):
        fig = value_distribution(result, "value_today")
    ax = fig.axes[0]
    black = np.array(to_rgba("black"))
    texts = [fig._suptitle, ax.xaxis.label, ax.yaxis.label, *ax.get_xticklabels()]
    texts += list(ax.get_legend().get_texts())
    for text in texts:
        if text is not None and text.get_text():
            assert np.allclose(to_rgba(text.get_color()), black), text.get_text()
    assert to_rgba(ax.get_facecolor()) == to_rgba("white")


def test_a_callers_dark_axes_keep_their_style(result):
    with mpl.style.context("dark_background"):
        fig = Figure()
        mine, theirs = fig.subplots(1, 2)
        fan_chart(result, "revenue_cloud", ax=theirs)
        assert to_rgba(theirs.get_facecolor()) == to_rgba("black")
        assert to_rgba(mine.get_facecolor()) == to_rgba("black")
        assert not mine.lines and not mine.patches
