"""Text of a chart's own figure refitted to a size the caller chose (``set_size_inches``).

A chart wraps its category labels and legend for the size it draws at. Exported smaller (a
6 x 4 inch slide panel), rows of two-line labels would overlap and a legend above the plot
would run off the figure. :class:`Refit` keeps the text as the chart wrote it and, after a
layout at the new size, cuts each category label to the lines its row has room for (with an
ellipsis), narrows labels that would take more than a third of the width, and wraps legend
entries until the legend is inside the figure. A chart whose rows are ranked (most important at
the top) shows only the top rows that fit at a readable size instead, and says so under the
plot. Back at the drawn size the text and the rows are restored.
"""

from __future__ import annotations

import itertools
import math
import textwrap
from dataclasses import dataclass, field
from typing import Any, cast

import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.figure import Figure
from matplotlib.text import Annotation
from matplotlib.ticker import FixedLocator

from model.charts.base.placing import fit_along

__all__ = [
    "Dense",
    "Ranked",
    "Refit",
    "covers_lines",
    "dense_notes",
    "legend_off_lines",
    "ranked_rows",
    "tall_enough",
]

#: Widest share of the figure category labels take on a refitted figure.
LABEL_SHARE = 0.34
#: Fewest characters a line of a label or legend entry is wrapped to.
MIN_CHARS = 12
#: Smallest font (points) a category label is set in before rows share a line.
MIN_FONT = 6.0
#: Line height of a label, in font sizes.
LEADING = 1.4
#: Smallest font (points) a ranked chart's labels and values are set in: below it, the rows
#: that do not fit are left out (the least important first) rather than set smaller.
RANKED_FONT = 8.0
#: The gid of an axis label that says which rows are left out (the review's mark of a chart
#: that says what it leaves out of the axes).
CUT_NOTE = "cut_note_rows"


@dataclass
class Ranked:
    """Rows of a chart ranked by importance, most important at the top (highest y).

    ``notes[k]`` says what is left out when only the top ``k`` rows are shown (``notes[0]``
    is unused), e.g. "Top 5 of 12 inputs; the others swing it \u2264 23.1 HKD".
    """

    ax: Axes
    notes: list[str]
    limits: tuple[float, float] = (0.0, 1.0)  # the y limits as drawn
    view: tuple[float, float] = (0.0, 1.0)  # the y limits that show the rows shown now
    note: str | None = None  # the note of the rows shown now, when some are left out
    hidden: list[Any] = field(default_factory=list)  # the row values hidden with their rows


def cut_lines(text: str, chars: int, most: int) -> str:
    """``text`` wrapped to ``chars`` a line, at most ``most`` lines (the last ends in an
    ellipsis when words were left out)."""
    words = " ".join(text.split())
    lines = textwrap.wrap(words, max(chars, 1), break_on_hyphens=False) or [""]
    if len(lines) <= most:
        return "\n".join(lines)
    kept = lines[:most]
    last = kept[-1]
    if len(last) >= chars:
        last = last[: max(chars - 1, 1)].rstrip()
    kept[-1] = last.rstrip(",;: ") + "\u2026"
    return "\n".join(kept)


@dataclass
class Dense:
    """Notes written one per line of a row (gid ``prefix``...), left out when their lines are
    closer than a line of their text, with ``note`` under the axis label instead."""

    ax: Axes
    prefix: str
    note: str
    hidden: list[Any] = field(default_factory=list)


def row_notes(sizes: list[str], total: int, words: str) -> list[str]:
    """The notes of a ranked chart with ``total`` inputs: ``notes[k]`` for the top ``k`` shown,
    e.g. "Top 5 of 12 inputs; the others swing it \u2264 23.1 HKD", where ``sizes``
    are the rows' measures (``words`` says of what) in rank order."""
    return [""] + [
        f"Top {k} of {total} inputs; the others {words} \u2264 {sizes[k]}"
        for k in range(1, len(sizes))
    ]


class Refit:
    """The chart's text as drawn, and its refitting to another figure size."""

    def __init__(self, size: tuple[float, float]) -> None:
        self.size = (float(size[0]), float(size[1]))  # the size the chart was drawn at
        self.ticks: list[tuple[Axes, list[float], list[str], float]] = []
        self.legends: list[tuple[Any, list[str]]] = []
        self.xlabels: list[tuple[Axes, str]] = []
        self.ranked: list[Ranked] = []  # registered by the chart (see model.charts.style)
        self.relaid: list[tuple[Axes, Any]] = []  # legends drawn again in fewer columns
        self.dense: list[Dense] = []  # registered by the chart (see model.charts.style)
        self.clear: list[Axes] = []  # axes whose legend inside the plot keeps off the lines
        self.ylabels: list[tuple[Axes, str]] = []  # y labels wrapped for a legend moved above
        self.seen = False  # the text as the chart wrote it is noted
        self.fitted = False  # the text now differs from it

    def remember(self, fig: Figure) -> None:
        """Note the text of the figure as the chart wrote it (once, before any refit)."""
        if self.seen:
            return
        self.seen = True
        for rows in self.ranked:
            lo, hi = sorted(rows.ax.get_ylim())
            rows.limits = (float(lo), float(hi))
        for ax in fig.axes:
            self.xlabels.append((ax, ax.get_xlabel()))
            labels = [t.get_text() for t in ax.get_yticklabels()]
            fixed = isinstance(ax.yaxis.get_major_locator(), FixedLocator)
            if fixed and len(labels) > 1 and any(" " in t for t in labels):
                size = float(ax.get_yticklabels()[0].get_fontsize())
                self.ticks.append((ax, list(ax.get_yticks()), labels, size))
            legend = ax.get_legend()
            if legend is not None:
                self.legends.append((legend, [t.get_text() for t in legend.get_texts()]))

    def resized(self, fig: Figure) -> bool:
        """True when the figure is no longer at the size the chart drew it at."""
        return self.size != (
            float(fig.get_figwidth()),
            float(fig.get_figheight()),
        )

    def restore(self) -> None:
        """Put back the text as the chart wrote it."""
        if not self.fitted:
            return
        self.fitted = False
        for ax, ticks, labels, size in self.ticks:
            ax.set_yticks(ticks, labels, fontsize=size)
        for ax, legend in self.relaid:
            ax.legend_ = legend
        self.relaid = []
        for legend, texts in self.legends:
            for artist, text in zip(legend.get_texts(), texts, strict=True):
                artist.set_text(text)
        for ax, text in self.ylabels:
            ax.set_ylabel(text)
        self.ylabels = []
        for ax, text in self.xlabels:
            ax.set_xlabel(text)
            if ax.xaxis.label.get_gid() == CUT_NOTE:
                ax.xaxis.label.set_gid(None)
        for rows in self.ranked:
            rows.ax.set_ylim(*rows.limits)
            for text in rows.hidden:
                text.set_visible(True)
            rows.hidden, rows.note = [], None
        for dense in self.dense:
            for text in dense.hidden:
                text.set_visible(True)
            dense.hidden = []

    def fit(self, fig: Figure, *, rows: bool = True) -> bool:
        """Cut labels and wrap legends to the figure as laid out now; True if any changed.

        With ``rows`` false only the widths are fitted (before a first layout, whose rows
        would be measured on axes squeezed by labels too wide for the figure).
        """
        self.restore()  # fitted afresh to the latest layout, from the chart's own text
        renderer = RendererAgg(int(fig.bbox.width), int(fig.bbox.height), fig.dpi)
        changed = False
        for ax, ticks, labels, size in self.ticks:
            ranked = next((r for r in self.ranked if r.ax is ax), None)
            if ranked is not None:
                changed |= _top_rows(fig, ranked, ticks, size, rows=rows)
            changed |= _fit_labels(fig, ax, ticks, labels, size, renderer, rows=rows)
            if ranked is not None and ranked.note:  # new ticks widen the limits to all rows
                ax.set_ylim(*ranked.view)
        for legend, texts in self.legends:
            fitted, shown = _fit_legend(fig, legend, texts, renderer, rows=rows)
            changed |= fitted
            if shown is not legend:  # laid out again in fewer columns: put back on restore
                self.relaid.append((legend.axes, legend))
        for legend, texts in self.legends:
            if rows and legend.axes in self.clear and covers_lines(legend, renderer):
                ax = legend.axes
                self.relaid.append((ax, legend))
                above = _in_columns(legend, texts, 2, anchor=(0.0, 1.01))
                # The plot may move right by a line of its y label, wrapped below.
                line = LEADING * float(ax.yaxis.label.get_fontsize()) * fig.dpi / 72.0
                _fit_legend(fig, above, texts, renderer, rows=rows, slack=line)
                # The band above takes the plot's height from the y label running along it.
                self.ylabels.append((ax, ax.get_ylabel()))
                room = ax.bbox.height - above.get_window_extent(renderer).height - 12.0
                fit_along(ax.yaxis.label, max(float(room), 0.3 * float(ax.bbox.height)))
                changed = True
        for ax, text in self.xlabels:
            ax.set_xlabel(text)  # as the chart wrote it (a previous pass may have added a note)
            fit_along(ax.xaxis.label, float(ax.bbox.width))
            notes = [r.note for r in self.ranked if r.ax is ax and r.note]
            if rows:
                notes += [d.note for d in self.dense if d.ax is ax and _thin_out(d)]
            note = " ".join(notes)
            if note:  # under the axis label, as wide: what the rows left out were
                label = ax.get_xlabel()
                ax.set_xlabel(note)
                fit_along(ax.xaxis.label, float(ax.bbox.width))
                ax.set_xlabel(f"{label}\n{ax.get_xlabel()}")
                ax.xaxis.label.set_gid(CUT_NOTE)
            changed |= ax.get_xlabel() != text
        self.fitted |= changed
        return changed


def _thin_out(dense: Dense) -> bool:
    """Hide the notes of ``dense`` when two of its lines are closer than a line of their text;
    True when they are hidden."""
    for text in dense.hidden:
        text.set_visible(True)
    dense.hidden = []
    texts = [
        t
        for t in dense.ax.texts
        if isinstance(t, Annotation)
        and t.get_visible()
        and str(t.get_gid() or "").startswith(dense.prefix)
    ]
    if len(texts) < 2:
        return False
    fig = cast(Figure, dense.ax.get_figure(root=True))
    ys = sorted({float(dense.ax.transData.transform((0.0, t.xy[1]))[1]) for t in texts})
    gaps = [b - a for a, b in itertools.pairwise(ys)]
    line = max(float(t.get_fontsize()) for t in texts) * 1.2 * fig.dpi / 72.0
    if not gaps or min(gaps) >= line:
        return False
    for text in texts:
        text.set_visible(False)
    dense.hidden = texts
    return True


def _top_rows(fig: Figure, ranked: Ranked, ticks: list[float], size: float, *, rows: bool) -> bool:
    """Show only the top rows of a ranked chart that fit one line each at :data:`RANKED_FONT`
    or more; True when rows were left out. With ``rows`` false (before a first layout) only
    the top row is shown, so that the layout measures the plot's height uncrowded by labels
    stacked past its edges."""
    if len(ticks) < 2:
        return False
    px = fig.dpi / 72.0
    lo, hi = ranked.limits
    ranked.ax.set_ylim(lo, hi)  # measured with every row, as a previous pass may have cut some
    for text in ranked.hidden:
        text.set_visible(True)
    ranked.hidden, ranked.note = [], None
    step = min(b - a for a, b in itertools.pairwise(sorted(ticks)))
    height = float(ranked.ax.bbox.height)
    need = min(size, RANKED_FONT) * LEADING * px  # a row's pitch at the smallest font
    if rows and height * step / (hi - lo) >= need:
        return False
    # Half a row above the top row and under the last row shown: every row a full pitch.
    shown = max(1, math.floor(height / need)) if rows else 1
    if shown >= len(ticks):
        return False
    top = max(ticks) + step / 2
    bottom = top - shown * step
    ranked.view = (bottom, top)
    ranked.ax.set_ylim(bottom, top)
    for text in ranked.ax.texts:
        y = getattr(text, "xy", (0.0, hi))[1]
        if text.get_visible() and not bottom <= float(y) <= top:
            text.set_visible(False)  # its row is left out
            ranked.hidden.append(text)
    ranked.note = ranked.notes[shown]
    return True


def _fit_labels(
    fig: Figure,
    ax: Axes,
    ticks: list[float],
    labels: list[str],
    size: float,
    renderer: Any,
    *,
    rows: bool,
) -> bool:
    font = size
    most = max(t.count("\n") + 1 for t in labels)
    if rows:
        at = sorted(ax.transData.transform([(0.0, y) for y in ticks])[:, 1])
        pitch = min(b - a for a, b in itertools.pairwise(at))
        px = fig.dpi / 72.0
        most = int(pitch / (size * LEADING * px))
        if most < 1:  # not one line at the chart's size: smaller, down to MIN_FONT
            font, most = max(MIN_FONT, pitch / (LEADING * px)), 1
    room = LABEL_SHARE * fig.bbox.width
    texts = ax.get_yticklabels()
    chars = max(len(line) for t in labels for line in t.split("\n"))

    def widest(shown: list[str]) -> float:
        prop = texts[0].get_fontproperties().copy()
        prop.set_size(font)
        return max(
            renderer.get_text_width_height_descent(line, prop, ismath=False)[0]
            for text in shown
            for line in text.split("\n")
        )

    shown = labels
    if any(t.count("\n") >= most for t in labels) or font != size:
        shown = [cut_lines(t, chars, most) for t in labels]
    while chars > MIN_CHARS and widest(shown) > room:
        chars -= 2
        shown = [cut_lines(t, chars, most) for t in labels]
    if shown == labels and font == size:
        return False
    ax.set_yticks(ticks, shown, fontsize=font)
    return True


def _fit_legend(
    fig: Figure, legend: Any, texts: list[str], renderer: Any, *, rows: bool, slack: float = 0.0
) -> tuple[bool, Any]:
    """Wrap the legend's entries until it ends inside the figure: before a layout, until it is
    no wider than the room right of the widest labels (a legend that reaches past the figure
    would squeeze the plot); after one, until its right edge is on the figure. A legend above
    the plot whose entries are wrapped as far as they go and still reach past is laid out
    again in fewer columns. Returns whether it changed, and the legend now shown."""
    edge = fig.bbox.x1 - 2.0 - slack  # (slack: room for the plot to move right)

    def over() -> bool:
        box = legend.get_window_extent(renderer)
        if rows:
            return bool(box.x1 > edge)
        return bool(box.width > (1.0 - LABEL_SHARE) * fig.bbox.width - 16.0)

    if not over():
        return False, legend
    words = [" ".join(t.split()) for t in texts]
    least = max(MIN_CHARS, *(len(w) for line in words for w in line.split()))
    columns = len(texts)
    while True:
        chars = max(len(line) for t in texts for line in t.split("\n"))
        artists = legend.get_texts()
        while chars > least and over():
            chars -= 2
            for artist, line in zip(artists, words, strict=True):
                artist.set_text(textwrap.fill(line, chars, break_on_hyphens=False))
        columns -= 1
        if not over() or columns < 1 or not _above(legend):
            return True, legend
        legend = _in_columns(legend, texts, columns)


def _above(legend: Any) -> bool:
    """True for a legend anchored in a band above its plot."""
    ax = legend.axes
    anchor = legend.get_bbox_to_anchor().transformed(ax.transAxes.inverted())
    return bool(anchor.y0 >= 1.0 - 1e-9)


def _in_columns(
    legend: Any, texts: list[str], columns: int, anchor: tuple[float, float] | None = None
) -> Any:
    """The axes' legend above the plot drawn again in ``columns`` columns (entries as the
    chart wrote them, at the legend's own anchor, or ``anchor`` in axes fractions, and font)."""
    ax = legend.axes
    old = legend.get_texts()
    pad = 0.0  # a band above the plot, on its edge
    if anchor is None:
        box = legend.get_bbox_to_anchor().transformed(ax.transAxes.inverted())
        anchor, pad = (float(box.x0), float(box.y0)), legend.borderaxespad
    new = ax.legend(
        legend.legend_handles,
        texts,
        loc="lower left",
        bbox_to_anchor=anchor,
        borderaxespad=pad,
        ncols=columns,
        fontsize=old[0].get_fontsize(),
    )
    for artist, was in zip(new.get_texts(), old, strict=True):
        artist.set_gid(was.get_gid())
    return new


def covers_lines(legend: Any, renderer: Any, grow: float = 1.0) -> bool:
    """True when the legend (its box ``grow`` times as large about its centre) lies on a line
    of its axes: a point of a line, or of a straight run between two points, inside it."""
    ax = legend.axes
    box = legend.get_window_extent(renderer)
    pad_x, pad_y = (grow - 1.0) * box.width / 2, (grow - 1.0) * box.height / 2
    x0, y0, x1, y1 = box.x0 - pad_x, box.y0 - pad_y, box.x1 + pad_x, box.y1 + pad_y
    for line in ax.get_lines():
        if not line.get_visible():
            continue
        points = line.get_transform().transform(line.get_xydata())
        if len(points) > 1:  # straight runs between the points, finely enough to meet a box
            t = np.linspace(0.0, 1.0, 40)[:, None]
            points = np.concatenate([a + t * (b - a) for a, b in itertools.pairwise(points)])
        inside = (points[:, 0] > x0) & (points[:, 0] < x1) & (points[:, 1] > y0)
        if bool(np.any(inside & (points[:, 1] < y1))):
            return True
    return False


# -- what the charts register for a refit (re-exported by model.charts.style) ----------------


def _refit_of(fig: Figure) -> Refit | None:
    """The refit of a chart's own figure (its house layout's), or None on any other figure."""
    refit = getattr(fig.get_layout_engine(), "refit", None)
    return refit if isinstance(refit, Refit) else None


def ranked_rows(ax: Axes, created: bool, sizes: list[str], words: str) -> None:
    """Mark the rows of ``ax`` as ranked (most important at the top) by ``sizes``, the rows'
    measures of every input analysed in rank order: on its own figure exported smaller, the
    chart then shows the top rows that fit and says the rest are no larger than the first left
    out (``words`` names the measure, e.g. "swing it")."""
    fig = cast(Figure, ax.get_figure(root=True))
    refit = _refit_of(fig) if created else None
    if refit is not None:
        refit.ranked.append(Ranked(ax, row_notes(sizes, len(sizes), words)))


def dense_notes(ax: Axes, created: bool, prefix: str, note: str) -> None:
    """Mark the notes of ``ax`` with gids starting ``prefix``, one per line of a row: on its
    own figure exported smaller, they are left out when their lines come closer than a line of
    their text, and ``note`` is written under the axis label instead."""
    fig = cast(Figure, ax.get_figure(root=True))
    refit = _refit_of(fig) if created else None
    if refit is not None:
        refit.dense.append(Dense(ax, prefix, note))


def legend_off_lines(ax: Axes, created: bool) -> bool:
    """Keep the legend the chart put inside the plot off its lines (a median, the zero line):
    on a caller's axes, now, when it would lie on one (measured a third larger, as the
    caller's layout will shrink the plot); on its own figure exported smaller, when the layout
    finds it on one. It goes to a band above the plot, two entries a row. True if moved now."""
    fig = cast(Figure, ax.get_figure(root=True))
    legend = ax.get_legend()
    refit = _refit_of(fig) if created else None
    if refit is not None:
        refit.clear.append(ax)
    if created or legend is None:
        return False
    renderer = RendererAgg(int(fig.bbox.width), int(fig.bbox.height), fig.dpi)
    if not covers_lines(legend, renderer, grow=4.0 / 3.0):
        return False
    _in_columns(legend, [t.get_text() for t in legend.get_texts()], 2, anchor=(0.0, 1.01))
    return True


def tall_enough(ax: Axes, created: bool) -> None:
    """Make a chart's own figure taller when the labels of its rows, wrapped to several lines,
    would touch those of the next row (two three-line labels side by side need more height
    than rows of one line): the plot grows by the share the closest pair lacks, and the new
    size is the size the chart is drawn at (a later ``set_size_inches`` refits from it).

    On a caller's axes nothing changes: the caller chose the figure's size.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = cast(Figure, ax.get_figure(root=True))
    refit = _refit_of(fig) if created else None
    labels = [t for t in ax.get_yticklabels() if t.get_text()]
    if refit is None or len(labels) < 2:
        return
    for _ in range(2):  # a second pass when the grown layout moved the text around the plot
        # The layout starts from where the last one left the plots: measured, they go back, so
        # a chart that needs no more room is saved exactly as if it had not been measured.
        places = [(a, a.get_position(original=True), a.get_position()) for a in fig.axes]
        old = fig.canvas
        canvas = FigureCanvasAgg(fig)
        try:
            fig.draw_without_rendering()
            renderer = canvas.get_renderer()
            boxes = sorted((t.get_window_extent(renderer) for t in labels), key=lambda b: b.y0)
            plot = float(ax.get_position().height)
        finally:
            fig.set_canvas(old)
            for axes, original, active in places:
                # Not set_position: that would take the plot out of the layout.
                cast(Any, axes)._set_position(original, which="original")
                cast(Any, axes)._set_position(active, which="active")
        gap = 0.3 * float(labels[0].get_fontsize()) * fig.dpi / 72.0
        lacking = 1.0
        for low, high in itertools.pairwise(boxes):
            pitch = (high.y0 + high.y1 - low.y0 - low.y1) / 2.0
            needed = (low.height + high.height) / 2.0 + gap
            if pitch > 0 and low.y1 + gap > high.y0:
                lacking = max(lacking, needed / pitch)
        if lacking <= 1.0:
            return
        width, height = (float(v) for v in fig.get_size_inches())
        size = (width, round(height + plot * height * (lacking - 1.0) + 0.05, 2))
        fig.set_size_inches(*size)
        refit.size = size
