"""Text fitted to the room a chart has: lines wrapped without parting a number from its unit,
and a chart's text fitted to the cell of a caller's subplot.

On the caller's axes a layout engine (``layout="tight"`` or ``"constrained"``, a later
``fig.tight_layout()``) shrinks the plot to make room for the text around it, but a title
anchored at the plot's left edge, an x label centred under it and category labels do not
shrink with it. :func:`narrow_ticks` and :func:`fit_cell` wrap (or cut) them to the room the
subplot's grid cell will leave, and move a legend from beside the plot to a band above it when
the plot would keep too little of the cell; a chart's own figure is left as it is.
:func:`fit_notes` widens the x limits until the notes beside the bars fit.
"""

from __future__ import annotations

import itertools
import re
import textwrap
from collections.abc import Sequence
from typing import Any, Literal, cast

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.gridspec import GridSpecFromSubplotSpec, SubplotSpec
from matplotlib.text import Text
from matplotlib.ticker import FixedLocator

from model.charts.base.placing import legend_gap

__all__ = ["cell_width", "fit_cell", "fit_notes", "narrow_ticks", "wrap"]


def wrap(text: str, width: int) -> str:
    """Wrap ``text`` at ``width`` characters, never between a number and its unit or its ±."""
    glued = re.sub(r"(\d) (?=[A-Za-z%])", "\\1\x00", text).replace("\u00b1 ", "\u00b1\x00")
    # A scaled unit is one word too: "GBP m", "USD bn", "shares m".
    glued = re.sub(r"\b([A-Z]{3}|shares) (?=(?:k|m|bn|tn)\b)", "\\1\x00", glued)
    # "85% ± 0.3%" and "85% (s.e. 0.3%)" are one figure: no break inside them.
    glued = glued.replace(" \u00b1", "\x00\u00b1").replace(" (s.e. ", "\x00(s.e.\x00")
    lines = textwrap.wrap(glued, width, break_on_hyphens=False) or [""]
    # Balance the lines (a title of 1.1 lines becomes two halves, not a line and an orphan).
    for narrower in range(-(-len(glued) // len(lines)), width):
        # (never by splitting a word: that would be a worse line than the orphan)
        balanced = textwrap.wrap(glued, narrower, break_on_hyphens=False, break_long_words=False)
        if len(balanced) <= len(lines) and all(len(line) <= narrower for line in balanced):
            lines = balanced
            break
    return "\n".join(lines).replace("\x00", " ")


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


def fit_notes(ax: Axes, gids: Sequence[str], *, slack: float = 1.1) -> None:
    """Widen the x limits of a caller's axes until the notes with these ``gids`` (annotations at
    a data point, offset in points) fit inside it: a subplot is narrower than the chart's own
    figure, and a fixed share of the data range left for them ran them over the input labels.

    The width the axes will have once the caller's layout makes room for the y tick labels is
    used (the subplot's width less the widest tick label), so a later ``tight_layout`` keeps
    them inside.
    """
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.text import Annotation

    # (a renderer of its own: the canvas of a figure made without pyplot has none)
    fig: Any = ax.get_figure(root=True)  # (the whole figure, when ax is on a subfigure)
    renderer = RendererAgg(int(fig.bbox.width), int(fig.bbox.height), fig.dpi)
    box = ax.get_window_extent(renderer)
    ticks = [t.get_window_extent(renderer).width for t in ax.get_yticklabels() if t.get_text()]
    width = max(box.width - max(ticks, default=0.0), 0.3 * box.width)
    notes = []  # (anchor in data, pixels left of it, pixels right of it)
    for text in ax.texts:
        if isinstance(text, Annotation) and text.get_gid() in gids and text.get_text():
            anchor = float(text.xy[0])
            at = float(ax.transData.transform((anchor, 0.0))[0])
            extent = text.get_window_extent(renderer)
            notes.append((anchor, at - extent.x0 + 3.0, extent.x1 - at + 3.0))
    if not notes:
        return
    lo0, hi0 = lo, hi = ax.get_xlim()
    for _ in range(20):  # each step shrinks the scale less: a few steps settle it
        per_px = (hi - lo) / width * slack
        new_lo = min([lo, *(a - left * per_px for a, left, _ in notes)])
        new_hi = max([hi, *(a + right * per_px for a, _, right in notes)])
        if (new_lo, new_hi) == (lo, hi):
            break
        lo, hi = new_lo, new_hi
    # The limits the chart chose keep two thirds of the axes: on a subplot too narrow for the
    # notes as well, squeezing the bars to a sliver would hide what the chart is for.
    extra = (hi - lo) - (hi0 - lo0)
    most = (hi0 - lo0) / 0.65 - (hi0 - lo0)
    if extra > most > 0:
        lo, hi = lo0 - (lo0 - lo) * most / extra, hi0 + (hi - hi0) * most / extra
    ax.set_xlim(lo, hi)
