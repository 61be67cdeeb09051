"""An Agg canvas that remembers the text it has measured and drawn, for the same pixels.

Text is most of what rendering a chart costs: every string is shaped (its glyphs found and
placed) once to measure it and again to draw it, and every glyph is rasterised by FreeType as
it is drawn. matplotlib keeps measurements per renderer only, and each chart is rendered by a
renderer of its own, so a report shapes and rasterises the same tick labels, axis labels,
legend entries and footnote words again for every chart. :class:`HouseCanvas` renders with
:class:`HouseRenderer`, which keeps them for the life of the process:

* a string's metrics and its shaped glyphs, by font (with its fallbacks), size, resolution,
  hinting and the string;
* each glyph's bitmap, by font, size, resolution, glyph, hinting, rotation and where the pen
  falls inside a pixel (in FreeType's 1/64ths). A glyph moved by whole pixels rasterises to the
  same bitmap moved by as many pixels, so the cached bitmap is drawn at the glyph's own place.

The calls that fill the caches and draw from them are those of matplotlib's own
``RendererAgg.draw_text`` (3.11), with the same arguments, so every pixel is the one
matplotlib draws (the tests compare the bytes of the PNG files, and the report's files are
byte-identical). Measured on the report of the Alibaba thesis (matplotlib 3.11): one process
drawing and rendering its 32 charts takes 5.9-6.0 CPU seconds instead of 7.2-7.6; in the
report, where worker processes share the charts, "rendering charts" takes 7.0 CPU seconds
instead of 7.9 (medians of 3 paired runs). Where matplotlib draws text in some other way
(another version), only the metrics are kept and matplotlib draws the text itself.

The caches are bounded: past :data:`MAX_ENTRIES` entries one is emptied and fills again.
"""

from __future__ import annotations

import math
from typing import Any

import matplotlib as mpl
import numpy as np
from matplotlib import ft2font
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg, get_hinting_flag
from matplotlib.ft2font import FT2Font

__all__ = ["HouseCanvas", "HouseRenderer", "clear_text_caches"]

#: FreeType's render modes (matplotlib 3.11); matplotlib 3.10 has none, and there only the
#: measurements are kept (:data:`GLYPH_DRAWING` is false).
RenderMode: Any = getattr(ft2font, "RenderMode", None)

#: Entries a cache holds before it is emptied (a glyph's bitmap is a few hundred bytes).
MAX_ENTRIES = 50_000

#: (font, size, dpi, hinting, string) -> (width, height, descent) in pixels.
_METRICS: dict[tuple[Any, ...], tuple[float, float, float]] = {}
#: (font, size, dpi, hinting, string, features, language) -> [(font, glyph, x, y)].
_LAYOUTS: dict[tuple[Any, ...], list[tuple[Any, int, float, float]]] = {}
#: (font, size, dpi, glyph, hinting, matrix, x and y in 1/64 px, mode) -> (bitmap, left, top).
_GLYPHS: dict[tuple[Any, ...], tuple[np.ndarray, int, int]] = {}


def _glyph_drawing() -> bool:
    """Whether matplotlib draws text glyph by glyph as mirrored here (3.11)."""
    version = tuple(int(p) for p in mpl.__version__.split(".")[:2] if p.isdigit())
    needed = ("_layout", "_render_glyph", "_set_transform")
    return (
        version == (3, 11)
        and RenderMode is not None
        and all(hasattr(FT2Font, name) for name in needed)
    )


GLYPH_DRAWING = _glyph_drawing()


def clear_text_caches() -> None:
    """Forget every remembered measurement, layout and glyph."""
    for cache in (_METRICS, _LAYOUTS, _GLYPHS):
        cache.clear()


def _bounded(cache: dict[Any, Any]) -> dict[Any, Any]:
    if len(cache) >= MAX_ENTRIES:
        cache.clear()
    return cache


class HouseRenderer(RendererAgg):
    """:class:`~matplotlib.backends.backend_agg.RendererAgg` with the process's text caches."""

    def get_text_width_height_descent(self, s: str, prop: Any, ismath: Any) -> Any:
        if ismath is not False:  # mathtext and TeX (and the check of ismath) as matplotlib's
            return super().get_text_width_height_descent(s, prop, ismath)
        font = self._prepare_font(prop)
        key = (font, prop.get_size_in_points(), self.dpi, get_hinting_flag(), s)
        got = _METRICS.get(key)
        if got is None:
            got = super().get_text_width_height_descent(s, prop, ismath)
            _bounded(_METRICS)[key] = got
        return got

    def draw_text(
        self,
        gc: Any,
        x: float,
        y: float,
        s: str,
        prop: Any,
        angle: float,
        ismath: Any = False,
        mtext: Any = None,
    ) -> None:
        if ismath or not GLYPH_DRAWING:
            return super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)
        flags = get_hinting_flag()
        features = mtext.get_fontfeatures() if mtext is not None else None
        language = mtext.get_language() if mtext is not None else None
        font: Any = self._prepare_font(prop)
        size = prop.get_size_in_points()
        key = (font, size, self.dpi, flags, s, _frozen(features), _frozen(language))
        items = _LAYOUTS.get(key)
        if items is None:
            laid = font._layout(s, flags=flags, features=features, language=language)
            items = [(item.ft_object, item.glyph_index, item.x, item.y) for item in laid]
            _bounded(_LAYOUTS)[key] = items
        cos = math.cos(math.radians(angle))
        sin = math.sin(math.radians(angle))
        # As matplotlib builds it for upright, unstretched text (slant 0, extend 1).
        matrix = (0x10000 * np.array([[cos, -sin], [sin, cos]]) @ [[1, 0], [0, 1]]).round()
        matrix = matrix.astype(int)
        shape = tuple(matrix.ravel().tolist())
        mode = RenderMode.NORMAL if gc.get_antialiased() else RenderMode.MONO
        draw = self._renderer.draw_text_image
        for ft_object, glyph, dx, dy in items:  # dy is upwards, as FreeType's y
            px = round(0x40 * (x + dx * cos - dy * sin))
            py = round(0x40 * (self.height - y + dx * sin + dy * cos))
            gkey = (ft_object, size, self.dpi, glyph, flags, shape, px & 63, py & 63, mode)
            cached = _GLYPHS.get(gkey)
            if cached is None:
                # Rasterised at the pen's place within its pixel; whole pixels are added below.
                ft_object.set_size(size, self.dpi)
                ft_object._set_transform(matrix, [px & 63, py & 63])
                bitmap = ft_object._render_glyph(glyph, flags, mode)
                buffer = np.array(bitmap.buffer, copy=True)
                if mode is RenderMode.MONO:
                    buffer *= 0xFF
                cached = (buffer, int(bitmap.left), int(bitmap.top))
                _bounded(_GLYPHS)[gkey] = cached
            buffer, left, top = cached
            # draw_text_image's y is downwards and the bitmap's bottom side.
            bottom = int(self.height) - (top + (py >> 6)) + buffer.shape[0]
            draw(buffer, left + (px >> 6), bottom, 0, gc)
        return None


def _frozen(value: Any) -> Any:
    """A hashable form of a text's font features or language (a string, None or a list)."""
    if value is None or isinstance(value, str):
        return value
    return tuple(tuple(v) if isinstance(v, list) else v for v in value)


class HouseCanvas(FigureCanvasAgg):
    """:class:`~matplotlib.backends.backend_agg.FigureCanvasAgg` drawing with
    :class:`HouseRenderer`.

    The renderer is the one the installed matplotlib's own ``get_renderer`` makes (a new one
    when the size or resolution changes), so its size is always matplotlib's: whole pixels in
    3.11, the figure's bounding box, fractions kept, in 3.10 (its height places every mark).
    HouseRenderer adds methods only, no state, so the renderer is made one by its class.
    """

    def get_renderer(self) -> Any:
        renderer = super().get_renderer()
        if type(renderer) is RendererAgg:
            renderer.__class__ = HouseRenderer
        return renderer
