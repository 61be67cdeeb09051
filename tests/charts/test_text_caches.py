"""The renderer that keeps text measurements, layouts and glyphs draws matplotlib's own pixels."""

from __future__ import annotations

import importlib.util
import io

import matplotlib.ft2font
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties

from model.charts import style as st
from model.charts.base import agg


def _figure(shift: float = 0.0) -> Figure:
    """Text of several sizes, weights and angles, at positions that fall between pixels."""
    fig = Figure(figsize=(5.3, 3.1), dpi=100)
    ax = fig.add_subplot()
    ax.plot(np.arange(12) * 1.37, np.sin(np.arange(12)) * 1000)
    ax.set_title("Value per share, USD (2030)", fontweight="bold", fontsize=12)
    ax.set_xlabel("Year of the forecast")
    ax.set_ylabel("Value per share, USD")  # rotated by 90 degrees
    ax.text(0.113 + shift, 0.731, "Median 162.5 | p95 359.6", transform=ax.transAxes)
    ax.text(0.5, 0.2 + shift, "leaning", rotation=33.3, fontsize=7.5)
    ax.text(0.3, 0.4, "jagged 0123", antialiased=False, transform=ax.transAxes)
    fig.text(0.011 + shift, 0.008, "Footnote: thesis alibaba.yaml, seed 2025", fontsize=7.5)
    return fig


def _png(fig: Figure, canvas: type[FigureCanvasAgg]) -> bytes:
    canvas(fig)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=150, metadata={"Software": None})
    return buffer.getvalue()


def test_the_cached_canvas_draws_the_bytes_of_matplotlibs_own():
    agg.clear_text_caches()
    for shift in (0.0, 0.00173, 0.0391):  # the same strings, moved by fractions of a pixel
        expected = _png(_figure(shift), FigureCanvasAgg)
        assert _png(_figure(shift), agg.HouseCanvas) == expected  # caches filling
        assert _png(_figure(shift), agg.HouseCanvas) == expected  # drawn from the caches
    assert agg._METRICS
    if agg.GLYPH_DRAWING:
        assert agg._LAYOUTS and agg._GLYPHS


def test_the_cached_measurements_are_matplotlibs_own():
    agg.clear_text_caches()
    plain, cached = RendererAgg(400, 300, 150), agg.HouseRenderer(400, 300, 150)
    again = agg.HouseRenderer(10, 10, 150)  # another renderer reads the same cache
    for size, weight in ((9, "normal"), (12, "bold"), (7.5, "normal")):
        prop = FontProperties(family="DejaVu Sans", size=size, weight=weight)
        for text in ("0", "1,250", "Value per share, USD", "p5 to p95 range"):
            expected = plain.get_text_width_height_descent(text, prop, False)
            assert cached.get_text_width_height_descent(text, prop, False) == expected
            assert again.get_text_width_height_descent(text, prop, False) == expected
    assert len(agg._METRICS) == 12


def test_render_png_draws_with_the_caches():
    agg.clear_text_caches()
    with st.house_style():
        plain = _figure()
        plain.set_layout_engine("constrained")
        expected = _png(plain, FigureCanvasAgg)  # the same figure, laid out by savefig
        fig = _figure()
        fig.set_layout_engine("constrained")
    assert st.render_png(fig) == expected
    assert agg._METRICS


def test_the_caches_stay_bounded(monkeypatch):
    agg.clear_text_caches()
    monkeypatch.setattr(agg, "MAX_ENTRIES", 3)
    renderer = agg.HouseRenderer(100, 100, 100)
    prop = FontProperties(family="DejaVu Sans", size=9)
    for text in ("a", "b", "c", "d", "e"):
        renderer.get_text_width_height_descent(text, prop, False)
    assert 1 <= len(agg._METRICS) <= 3


def test_without_render_mode_only_the_measurements_are_kept(monkeypatch):
    # matplotlib 3.10 has no RenderMode: the module still loads, and matplotlib draws the text.
    monkeypatch.delattr(matplotlib.ft2font, "RenderMode", raising=False)
    spec = importlib.util.spec_from_file_location("_agg_without_render_mode", agg.__file__)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.RenderMode is None
    assert module.GLYPH_DRAWING is False
    expected = _png(_figure(), FigureCanvasAgg)
    assert _png(_figure(), module.HouseCanvas) == expected


@pytest.mark.parametrize(("figsize", "dpi"), [((10, 4.28), 151), ((4, 2.5), 72.5)])
def test_a_figure_of_fractional_pixels_draws_matplotlibs_bytes(figsize, dpi):
    # 642.28 and 181.25 pixels high: matplotlib 3.10 sizes its renderer by the figure's bbox
    # (fractions kept) and 3.11 by whole pixels; the cached canvas must do as the installed one.
    def png(canvas: type[FigureCanvasAgg]) -> bytes:
        fig = Figure(figsize=figsize)
        ax = fig.add_subplot()
        ax.plot([0, 1, 2], [3, 1, 2])
        ax.set_title("Value per share, USD")
        fig.text(0.01, 0.01, "Footnote", fontsize=7.5)
        canvas(fig)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
        return buffer.getvalue()

    assert png(agg.HouseCanvas) == png(FigureCanvasAgg)


def test_the_canvas_draws_with_the_cached_renderer():
    fig = Figure(figsize=(2, 1), dpi=72.5)
    renderer = agg.HouseCanvas(fig).get_renderer()
    assert type(renderer) is agg.HouseRenderer
    assert fig.canvas.get_renderer() is renderer  # kept while the size stays


@pytest.fixture(autouse=True)
def _fresh_caches():
    yield
    agg.clear_text_caches()
