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

Fitting a chart to a caller's subplot
-------------------------------------
On the caller's axes a layout engine (``layout="tight"`` or ``"constrained"``, a later
``fig.tight_layout()``) shrinks the plot to make room for the text around it, but a title
anchored at the plot's left edge, an x label centred under it and category labels do not
shrink with it. :func:`narrow_ticks` and :func:`fit_cell` wrap (or cut) them to the room the
subplot's grid cell will leave, and move a legend from beside the plot to a band above it when
the plot would keep too little of the cell; a chart's own figure is left as it is.

Examples
--------
>>> from model.charts import review_chart                  # doctest: +SKIP
>>> problems = review_chart(fig)                           # doctest: +SKIP
>>> assert not problems, "\\n".join(map(str, problems))     # doctest: +SKIP
"""

from __future__ import annotations

import itertools
import textwrap
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import Enum
from typing import Any, Literal, cast

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.collections import Collection
from matplotlib.figure import Figure
from matplotlib.gridspec import GridSpecFromSubplotSpec, SubplotSpec
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.path import Path
from matplotlib.spines import Spine
from matplotlib.text import Text
from matplotlib.ticker import FixedLocator
from matplotlib.transforms import Bbox

from model.charts.base.placing import legend_gap
from model.charts.text import wrap

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


# ---------------------------------------------------------------------- a caller's subplot

#: The most of its cell's width the decorations on one side of a subplot may take.
SIDE_SHARE = 0.3
#: The least share of its cell a plot keeps before a legend beside it moves above it, and
#: the most of the cell's height the band above the plot may then take.
MIN_PLOT = 0.45
MAX_BAND = 0.3
#: A legend anchored past this (in axes fractions) is beside the plot (x) or above it (y).
EDGE = 0.99
#: Of a cell's width, what the layout engines keep between neighbours (pads and spacing).
GAP_SHARE = 0.06
#: Points of the text the charts shrink to fit a small subplot (titles, a moved legend).
SMALL_FONT = 8.0
#: Lines a title may take at the house size before it is set at :data:`TITLE_FONT` points.
TITLE_LINES, TITLE_FONT = 3, 10.0
#: The narrowest a wrapped line may get, in characters.
MIN_CHARS = 12


def _renderer(fig: Any) -> RendererAgg:
    """A renderer to measure text on ``fig`` (a figure, or a subfigure of one) with."""
    root = fig.get_figure(root=True)
    return RendererAgg(int(root.bbox.width), int(root.bbox.height), root.dpi)


def _share(spec: SubplotSpec, rows: bool = False) -> float:
    """The share of the figure's width (height, with ``rows``) of the grid cell(s) ``spec``
    spans."""
    grid = spec.get_gridspec()
    if rows:
        given, span, count = grid.get_height_ratios(), spec.rowspan, grid.nrows
    else:
        given, span, count = grid.get_width_ratios(), spec.colspan, grid.ncols
    ratios = [float(r) for r in cast(Any, given or [1.0] * count)]
    share = sum(ratios[c] for c in span) / sum(ratios)
    if isinstance(grid, GridSpecFromSubplotSpec):
        share *= _share(grid.get_topmost_subplotspec(), rows)
    return share


def cell_width(ax: Axes) -> float | None:
    """Pixels of the (sub)figure's width the grid cell of ``ax`` spans (None: not on a grid)."""
    spec = ax.get_subplotspec()
    if spec is None or ax.figure is None:
        return None
    return float(ax.figure.bbox.width * _share(spec))


def _overhangs(ax: Axes, renderer: RendererAgg) -> tuple[float, float]:
    """Pixels the axes' decorations (but its title) reach left and right of its frame."""
    box = ax.get_window_extent(renderer)
    left = right = 0.0
    parts: list[Any] = [ax.yaxis, *ax.texts, *ax.artists]
    if ax.get_legend() is not None:
        parts.append(ax.get_legend())
    for part in parts:
        if not part.get_visible() or not part.get_in_layout():
            continue
        extent = (
            part.get_tightbbox(renderer) if part is ax.yaxis else part.get_window_extent(renderer)
        )
        if extent is None or extent.width == 0:
            continue
        left = max(left, box.x0 - extent.x0)
        right = max(right, extent.x1 - box.x1)
    return left, right


def _length(text: Text, renderer: RendererAgg) -> float:
    """Pixels along its own direction of the longest line of ``text`` (rotated or not)."""
    font = text.get_fontproperties()
    return max(
        renderer.get_text_width_height_descent(line, font, ismath=False)[0]
        for line in text.get_text().split("\n")
    )


def _wrap_to(text: Text, room: float, renderer: RendererAgg) -> None:
    """Wrap ``text`` (narrower, a line at a time) until its lines are at most ``room`` pixels
    long."""
    words = " ".join(text.get_text().split())
    if not words or _length(text, renderer) <= room:
        return
    chars = max(len(line) for line in text.get_text().split("\n"))
    least = max(MIN_CHARS, *(len(word) for word in words.split()))
    while chars > least and _length(text, renderer) > room:
        chars -= 2
        text.set_text(wrap(words, chars))


def _lines(text: str, chars: int, most: int) -> str:
    """``text`` wrapped at ``chars`` characters, cut to ``most`` lines with an ellipsis."""
    lines = textwrap.wrap(" ".join(text.split()), chars, break_on_hyphens=False) or [text]
    if len(lines) > most:
        rest = " ".join(lines[most - 1 :])
        lines = [*lines[: most - 1], rest[: chars - 1].rstrip() + "\u2026"]
    return "\n".join(lines)


def narrow_ticks(ax: Axes, created: bool) -> None:
    """On a caller's subplot, wrap long category labels on the y axis narrower, so that they
    take at most :data:`SIDE_SHARE` of the subplot's cell and leave the plot its room; a label
    that would then need more lines than its row has room for is cut short with an ellipsis."""
    cell = cell_width(ax)
    if created or cell is None or not isinstance(ax.yaxis.get_major_locator(), FixedLocator):
        return
    fig: Any = ax.figure
    renderer = _renderer(fig)
    ticks = list(ax.get_yticks())
    labels = [t.get_text() for t in ax.get_yticklabels()]
    if not labels or not any(" " in label for label in labels):  # numbers or single words
        return
    font = ax.get_yticklabels()[0].get_fontproperties()

    def widest(texts: list[str]) -> float:
        return max(
            renderer.get_text_width_height_descent(line, font, ismath=False)[0]
            for text in texts
            for line in text.split("\n")
        )

    room = SIDE_SHARE * cell
    if widest(labels) <= room:
        return
    # The rows' pitch once a layout has made room for the title and the x label (about 60%
    # of the axes' height now), in lines of the label font.
    rows = ax.transData.transform([(0.0, y) for y in ticks])[:, 1]
    pitch = 0.6 * (min(abs(a - b) for a, b in itertools.pairwise(rows)) if len(rows) > 1 else 1e9)
    most = max(1, int(pitch / (font.get_size_in_points() * 1.4 * fig.dpi / 72.0)))
    chars = max(len(line) for text in labels for line in text.split("\n"))
    wrapped = labels
    while chars > MIN_CHARS and widest(wrapped) > room:
        chars -= 2
        wrapped = [_lines(text, chars, most) for text in labels]
    ax.set_yticks(ticks, wrapped)


def fit_cell(ax: Axes, created: bool) -> None:
    """On a caller's subplot, keep the chart's text inside the subplot's cell once a layout
    engine has made room for it: a legend beside the plot that would leave the plot less than
    :data:`MIN_PLOT` of the cell goes to a band above it, and the title and the axis labels are
    wrapped to the room left for them."""
    cell = cell_width(ax)
    if created or cell is None:
        return
    narrow_ticks(ax, created)
    fig: Any = ax.figure
    renderer = _renderer(fig)
    legend = ax.get_legend()
    left, right = _overhangs(ax, renderer)
    spec = ax.get_subplotspec()
    if spec is not None and spec.get_gridspec().nrows > 1:
        # A layout gives the subplots of a column one left edge: room for the widest labels
        # among them (which the charts keep to SIDE_SHARE of the cell), ticks and pads.
        left = max(left, (SIDE_SHARE + GAP_SHARE) * cell)
    moved = False
    if legend is not None and cell * (1.0 - GAP_SHARE) - left - right < MIN_PLOT * cell:
        anchor = legend.get_bbox_to_anchor().transformed(ax.transAxes.inverted())
        # Beside the plot: in a band above it, two entries a row (about half its height), if
        # that band leaves the plot most of the cell's height.
        rows = fig.bbox.height * _share(spec, rows=True) if spec is not None else 0.0
        tall = legend.get_window_extent(renderer).height / 2 > MAX_BAND * rows
        if anchor.x0 > EDGE and not tall:
            legend, moved = _legend_above(ax, legend), True
            right = _overhangs(ax, renderer)[1]
    span = cell * (1.0 - GAP_SHARE) - left  # from the plot's left edge to the cell's right
    sides: tuple[Literal["left", "center", "right"], ...] = ("left", "center", "right")
    loc = next((k for k in sides if ax.get_title(loc=k)), None)
    if legend is not None and (_fit_legend(legend, ax, span, renderer) or moved) and loc:
        # The legend above the plot, now taller, lifts the title over it (as the chart did).
        height = (legend.get_window_extent(renderer).height + legend_gap(ax)) * 72.0 / fig.dpi
        ax.set_title(ax.get_title(loc=loc), loc=loc, pad=height + 6.0)
    plot = max(span - right, 0.25 * cell)
    if loc is not None:
        title = cast(Any, ax)._left_title if loc == "left" else cast(Any, ax).title
        title = cast(Any, ax)._right_title if loc == "right" else title
        # A left title runs from the plot's left edge; a centred one is centred over the plot.
        room = span if loc == "left" else plot + 2 * min(left, right)
        _wrap_to(title, room, renderer)
        if title.get_text().count("\n") >= TITLE_LINES:  # a headline that would fill the cell
            title.set_text(" ".join(title.get_text().split()))
            title.set_fontsize(TITLE_FONT)
            _wrap_to(title, room, renderer)
    _wrap_to(ax.xaxis.label, plot + 2 * min(left, right), renderer)
    # The y label runs along the plot's height, which the text above and below it will take
    # a share of (about 40% on a small subplot).
    _wrap_to(ax.yaxis.label, 0.6 * ax.get_window_extent(renderer).height, renderer)
    _fit_rows(ax, renderer)


def _fit_rows(ax: Axes, renderer: RendererAgg) -> None:
    """Cut the category labels of the y axis to the lines their rows will have room for once a
    layout has made room for the text above and below the plot (and set them smaller when
    not even one line at the house size fits)."""
    spec = ax.get_subplotspec()
    ticks = list(ax.get_yticks())
    labels = ax.get_yticklabels()
    if spec is None or len(ticks) < 2 or not isinstance(ax.yaxis.get_major_locator(), FixedLocator):
        return
    if not any(" " in t.get_text() for t in labels):
        return
    fig: Any = ax.figure
    box = ax.get_window_extent(renderer)
    tight = ax.get_tightbbox(renderer)
    if tight is None:
        return
    cell = fig.bbox.height * _share(spec, rows=True)
    height = cell * (1.0 - GAP_SHARE) - (tight.y1 - box.y1) - (box.y0 - tight.y0)
    rows = ax.transData.transform([(0.0, y) for y in ticks])[:, 1]
    spread = abs(rows[-1] - rows[0]) / box.height if box.height else 1.0
    pitch = max(height, 0.0) * spread / (len(ticks) - 1)
    size = float(labels[0].get_fontsize())
    line = size * 1.3 * fig.dpi / 72.0
    most = int(pitch / line)
    if most < 1:  # not one line at this size: smaller, down to 6 points
        size = max(6.0, pitch / (1.3 * fig.dpi / 72.0))
        most = 1
    texts = [t.get_text() for t in labels]
    if all(t.count("\n") < most for t in texts) and size == float(labels[0].get_fontsize()):
        return
    chars = max(len(line) for t in texts for line in t.split("\n"))
    ax.set_yticks(ticks, [_lines(t, chars, most) for t in texts], fontsize=size)


def _legend_above(ax: Axes, legend: Any) -> Any:
    """The axes' legend again, in a band above the plot with two entries a row."""
    texts = legend.get_texts()
    gids = [t.get_gid() for t in texts]
    new = ax.legend(
        legend.legend_handles,
        [t.get_text() for t in texts],
        loc="lower left",
        bbox_to_anchor=(0.0, 1.01),
        borderaxespad=0.0,
        ncols=2,
        fontsize=SMALL_FONT,
    )
    for text, gid in zip(new.get_texts(), gids, strict=True):
        text.set_gid(gid)
    return new


def _fit_legend(legend: Any, ax: Axes, span: float, renderer: RendererAgg) -> bool:
    """Wrap the entries of a legend in a band above the plot that runs from the plot's left
    edge past ``span`` pixels until it fits; True if it was wrapped."""
    box = ax.get_window_extent(renderer)
    anchor = legend.get_bbox_to_anchor().transformed(ax.transAxes.inverted())
    texts = legend.get_texts()
    above = anchor.y0 > EDGE and anchor.x0 <= EDGE and bool(texts)
    if not above or legend.get_window_extent(renderer).x1 - box.x0 <= span:
        return False
    chars = max(len(line) for t in texts for line in t.get_text().split("\n"))
    words = [" ".join(t.get_text().split()) for t in texts]
    least = max(MIN_CHARS, *(len(word) for line in words for word in line.split()))
    while chars > least and legend.get_window_extent(renderer).x1 - box.x0 > span:
        chars -= 2
        for text, line in zip(texts, words, strict=True):
            text.set_text(wrap(line, chars))
    return True
