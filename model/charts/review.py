"""Chart review: the checks a careful reader makes of a finished chart, done by the renderer.

:func:`review_chart` lays a figure out exactly as saving would and then measures, with
matplotlib's own renderer extents (:meth:`matplotlib.text.Text.get_window_extent`), what a
reviewer would otherwise find by eye:

``outside``
    a piece of text (title, label, tick label, annotation, legend, footnote) runs off the figure;
``overlap``
    two pieces of text cover each other (a legend counts as one box);
``covers``
    a legend or a note inside the plot area sits on a drawn line (the data, or a reference line
    such as the price; a guide with a gid starting ``"guide"`` is read like a gridline);
``cut``
    the data run past the axes and the chart does not say so (a chart that cuts on purpose
    writes a note with a gid starting ``"cut_note"`` naming what is cut and how much);
``empty``
    a large part of an axis shows neither data nor text (an axis running to 500 where the data
    end near 370). A side that ends at (or just past) zero, or 0% / 100% on a percentage axis,
    is a natural bound and is not reported.

The checks are geometric and generic, so they run on any figure, not only on this package's
charts. They are used by the test suite on every chart the report draws; users can run them on
charts they assemble themselves.

The text of a chart drawn on a caller's subplot is fitted to its grid cell by
:mod:`model.charts.base.cells` (:func:`fit_cell`, :func:`narrow_ticks`, re-exported here).

Examples
--------
>>> from model.charts import review_chart                  # doctest: +SKIP
>>> problems = review_chart(fig)                           # doctest: +SKIP
>>> assert not problems, "\\n".join(map(str, problems))     # doctest: +SKIP
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import Enum

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.collections import Collection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.path import Path
from matplotlib.spines import Spine
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from model.charts.base.cells import cell_width, fit_cell, narrow_ticks  # noqa: F401 (re-exported)

__all__ = ["Problem", "ProblemKind", "review_chart"]

#: Pixels of slack: anti-aliasing and rounding put extents a fraction of a pixel apart.
_TOL = 1.0


class ProblemKind(str, Enum):  # noqa: UP042 (project convention: str, Enum)
    """What :func:`review_chart` found."""

    OUTSIDE = "outside"
    OVERLAP = "overlap"
    COVERS = "covers"
    CUT = "cut"
    EMPTY = "empty"


@dataclass(frozen=True)
class Problem:
    """One finding of the review: its kind and a sentence naming the artists involved."""

    kind: ProblemKind
    message: str

    def __str__(self) -> str:
        return f"{self.kind.value}: {self.message}"


@dataclass(frozen=True)
class _Box:
    name: str
    bbox: Bbox
    axes: Axes | None


def review_chart(fig: Figure, *, max_empty: float = 0.22) -> list[Problem]:
    """Review a figure's layout: text off the figure, text on text, notes on lines, data cut.

    The figure is laid out as it is when saved (its layout engine runs); nothing is drawn to
    pixels and the figure is left as it was otherwise.

    Parameters
    ----------
    fig : Figure
        The chart.
    max_empty : float, default 0.22
        Largest share of an axis, at either end, that may show neither data nor text.

    Returns
    -------
    list of Problem
        Empty when the chart passes.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    old = fig.canvas
    canvas = FigureCanvasAgg(fig)
    try:
        fig.draw_without_rendering()
        renderer = canvas.get_renderer()
        problems: list[Problem] = []
        boxes = list(_text_boxes(fig, renderer))
        problems += _outside(fig, boxes)
        problems += _overlaps(boxes)
        for ax in fig.axes:
            if not ax.get_visible() or not ax.axison:
                continue
            problems += _covers(ax, renderer)
            problems += _cut(fig, ax)
            problems += _empty(ax, renderer, max_empty)
        return problems
    finally:
        fig.set_canvas(old)


# -- text boxes ---------------------------------------------------------------------------------


def _visible_text(text: Text) -> bool:
    return bool(text.get_visible() and text.get_text().strip())


def _text_bbox(text: Text, renderer: RendererBase) -> Bbox:
    """Extent of a text with its box patch (when it has one), in display pixels."""
    box = text.get_window_extent(renderer)
    patch = text.get_bbox_patch()
    if patch is not None:
        box = Bbox.union([box, patch.get_window_extent(renderer)])
    return box


def _describe(text: Text) -> str:
    words = " ".join(text.get_text().split())
    return repr(words if len(words) <= 50 else words[:47] + "...")


def _ticks_in_view(ax: Axes, which: str) -> Iterator[Text]:
    axis = ax.xaxis if which == "x" else ax.yaxis
    lo, hi = sorted(axis.get_view_interval())
    for tick in axis.get_major_ticks():
        loc = tick.get_loc()
        if loc is None or not (lo - 1e-9 * (hi - lo) <= loc <= hi + 1e-9 * (hi - lo)):
            continue
        for label in (tick.label1, tick.label2):
            if tick.get_visible() and label.get_visible() and _visible_text(label):
                yield label


def _text_boxes(fig: Figure, renderer: RendererBase) -> Iterator[_Box]:
    """Every visible text of the figure; a legend is one box (its entries are laid out by it)."""
    for text in fig.texts:
        if _visible_text(text):
            yield _Box(f"figure text {_describe(text)}", _text_bbox(text, renderer), None)
    for legend in fig.legends:
        if legend.get_visible():
            yield _Box("figure legend", legend.get_window_extent(renderer), None)
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        titles = [ax.title, getattr(ax, "_left_title", None), getattr(ax, "_right_title", None)]
        for title in (t for t in titles if isinstance(t, Text)):
            if _visible_text(title):
                yield _Box(f"axes title {_describe(title)}", _text_bbox(title, renderer), ax)
        if ax.axison:
            for which, axis in (("x", ax.xaxis), ("y", ax.yaxis)):
                if _visible_text(axis.label):
                    yield _Box(f"{which} label {_describe(axis.label)}",
                               _text_bbox(axis.label, renderer), ax)  # fmt: skip
                if _visible_text(axis.offsetText):
                    yield _Box(f"{which} offset text", _text_bbox(axis.offsetText, renderer), ax)
                for label in _ticks_in_view(ax, which):
                    yield _Box(f"{which} tick {_describe(label)}", _text_bbox(label, renderer), ax)
        for text in ax.texts:
            if _visible_text(text):
                yield _Box(f"note {_describe(text)}", _text_bbox(text, renderer), ax)
        own = ax.get_legend()
        if own is not None and own.get_visible():
            yield _Box("legend", own.get_window_extent(renderer), ax)


def _outside(fig: Figure, boxes: Iterable[_Box]) -> list[Problem]:
    width, height = fig.bbox.width, fig.bbox.height
    out = []
    for box in boxes:
        b = box.bbox
        if b.x0 < -_TOL or b.y0 < -_TOL or b.x1 > width + _TOL or b.y1 > height + _TOL:
            out.append(
                Problem(
                    ProblemKind.OUTSIDE,
                    f"{box.name} runs off the figure ({b.x0:.0f}, {b.y0:.0f})-({b.x1:.0f}, "
                    f"{b.y1:.0f}) px on a {width:.0f} x {height:.0f} px figure",
                )
            )
    return out


def _intersect(a: Bbox, b: Bbox) -> bool:
    return min(a.x1, b.x1) - max(a.x0, b.x0) > _TOL and min(a.y1, b.y1) - max(a.y0, b.y0) > _TOL


def _overlaps(boxes: list[_Box]) -> list[Problem]:
    out = []
    for a, b in itertools.combinations(boxes, 2):
        if _intersect(a.bbox, b.bbox):
            out.append(Problem(ProblemKind.OVERLAP, f"{a.name} overlaps {b.name}"))
    return out


# -- notes and legends on lines -----------------------------------------------------------------


def _line_paths(ax: Axes) -> Iterator[tuple[str, Path]]:
    """Drawn lines, except guides: a line whose gid starts with ``"guide"`` (an even-odds
    line, say) is read like a gridline, which may pass behind a note."""
    for line in ax.get_lines():
        if not line.get_visible() or line.get_linestyle() in ("None", "none", "", " "):
            continue
        if (line.get_gid() or "").startswith("guide"):
            continue
        path = line.get_transform().transform_path(line.get_path())
        label = str(line.get_label())
        yield (label if not label.startswith("_") else (line.get_gid() or "a line")), path


def _covers(ax: Axes, renderer: RendererBase) -> list[Problem]:
    """Legends and notes inside the plot area must not sit on a drawn line."""
    inside: list[tuple[str, Bbox]] = []
    frame = ax.get_window_extent(renderer)
    legend = ax.get_legend()
    if legend is not None and legend.get_visible():
        box = legend.get_window_extent(renderer)
        if _intersect(box, frame):
            inside.append(("the legend", box))
    for text in ax.texts:
        if _visible_text(text):
            box = _text_bbox(text, renderer)
            if _intersect(box, frame):
                inside.append((f"note {_describe(text)}", box))
    out = []
    for (name, box), (line_name, path) in itertools.product(inside, list(_line_paths(ax))):
        shrunk = Bbox.from_extents(box.x0 + _TOL, box.y0 + _TOL, box.x1 - _TOL, box.y1 - _TOL)
        if path.intersects_bbox(shrunk, filled=False):
            out.append(Problem(ProblemKind.COVERS, f"{name} sits on {line_name!r}"))
    return out


# -- data against the axes ----------------------------------------------------------------------


def _data_extents(ax: Axes) -> Iterator[tuple[str, Bbox]]:
    """Display extents of what the axes draw clipped to the plot area (what clipping can cut)."""
    for artist in ax.get_children():
        if not isinstance(artist, Line2D | Patch | Collection) or not artist.get_visible():
            continue
        if not artist.get_clip_on() or artist is ax.patch or isinstance(artist, Spine):
            continue
        box = _artist_extent(artist)
        if box is not None:
            yield str(artist.get_gid() or artist.get_label() or type(artist).__name__), box


def _artist_extent(artist: Artist) -> Bbox | None:
    if isinstance(artist, Line2D):
        if artist.get_linestyle() in ("None", "none", "", " ") and artist.get_marker() in (
            None,
            "None",
            "none",
            "",
        ):
            return None
        xy = artist.get_transform().transform(artist.get_xydata())
    elif isinstance(artist, Patch):
        xy = artist.get_transform().transform(artist.get_path().vertices)
    else:
        assert isinstance(artist, Collection)
        paths = artist.get_paths()
        offsets = np.asarray(artist.get_offsets())
        if len(paths) == 0:
            return None
        if len(offsets) and not np.all(offsets == 0):
            xy = artist.get_offset_transform().transform(offsets)
        else:
            trans = artist.get_transform()
            pts = [trans.transform(p.vertices) for p in paths if np.size(p.vertices)]
            if not pts:
                return None
            xy = np.concatenate(pts)
    xy = np.asarray(xy, dtype=float)
    xy = xy[np.all(np.isfinite(xy), axis=1)]
    if not len(xy):
        return None
    return Bbox.from_extents(xy[:, 0].min(), xy[:, 1].min(), xy[:, 0].max(), xy[:, 1].max())


def _cut_noted(fig: Figure) -> bool:
    """Whether the figure says what it cuts: a visible text (a note, a legend entry, the
    footnote) whose gid starts with ``"cut_note"``."""
    texts = fig.findobj(Text)
    return any((t.get_gid() or "").startswith("cut_note") and _visible_text(t) for t in texts)


def _cut(fig: Figure, ax: Axes) -> list[Problem]:
    frame = ax.bbox
    cut = []
    for name, box in _data_extents(ax):
        if (
            box.x0 < frame.x0 - _TOL
            or box.x1 > frame.x1 + _TOL
            or box.y0 < frame.y0 - _TOL
            or box.y1 > frame.y1 + _TOL
        ):
            cut.append(str(name))
    if not cut or _cut_noted(fig):
        return []
    names = ", ".join(dict.fromkeys(cut))
    return [Problem(ProblemKind.CUT, f"data run past the axes without a note: {names}")]


def _percent_axis(ax: Axes, which: str) -> bool:
    labels = [t.get_text() for t in _ticks_in_view(ax, which)]
    return bool(labels) and all(t.strip().endswith("%") for t in labels)


def _empty(ax: Axes, renderer: RendererBase, max_empty: float) -> list[Problem]:
    frame = ax.bbox
    boxes = [box for _, box in _data_extents(ax)]
    for text in ax.texts:
        if _visible_text(text):
            boxes.append(_text_bbox(text, renderer))
    if not boxes:
        return []
    used = Bbox.union(boxes)
    out = []
    for which in ("x", "y"):
        lo_px, hi_px = (frame.x0, frame.x1) if which == "x" else (frame.y0, frame.y1)
        used_lo, used_hi = (used.x0, used.x1) if which == "x" else (used.y0, used.y1)
        size = hi_px - lo_px
        if size <= 0:
            continue
        lo_v, hi_v = ax.get_xlim() if which == "x" else ax.get_ylim()
        natural = {0.0, 1.0} if _percent_axis(ax, which) else {0.0}
        span = abs(hi_v - lo_v) or 1.0
        for side, gap, limit in (
            ("low", (used_lo - lo_px) / size, min(lo_v, hi_v)),
            ("high", (hi_px - used_hi) / size, max(lo_v, hi_v)),
        ):
            if gap <= max_empty:
                continue
            if any(abs(limit - n) <= 0.1 * span for n in natural):
                continue
            out.append(
                Problem(
                    ProblemKind.EMPTY,
                    f"{gap:.0%} of the {which} axis at its {side} end shows nothing "
                    f"(limits {lo_v:.4g} to {hi_v:.4g})",
                )
            )
    return out
