"""Text of a chart's own figure refitted to a size the caller chose (``set_size_inches``).

A chart wraps its category labels and legend for the size it draws at. Exported smaller (a
6 x 4 inch slide panel), rows of two-line labels would overlap and a legend above the plot
would run off the figure. :class:`Refit` keeps the text as the chart wrote it and, after a
layout at the new size, cuts each category label to the lines its row has room for (with an
ellipsis), narrows labels that would take more than a third of the width, and wraps legend
entries until the legend is inside the figure. Back at the drawn size the text is restored.
"""

from __future__ import annotations

import itertools
import textwrap
from typing import Any

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator

from model.charts.base.placing import fit_along

__all__ = ["Refit"]

#: Widest share of the figure category labels take on a refitted figure.
LABEL_SHARE = 0.34
#: Fewest characters a line of a label or legend entry is wrapped to.
MIN_CHARS = 12
#: Smallest font (points) a category label is set in before rows share a line.
MIN_FONT = 6.0
#: Line height of a label, in font sizes.
LEADING = 1.4


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


class Refit:
    """The chart's text as drawn, and its refitting to another figure size."""

    def __init__(self, size: tuple[float, float]) -> None:
        self.size = (float(size[0]), float(size[1]))  # the size the chart was drawn at
        self.ticks: list[tuple[Axes, list[float], list[str], float]] = []
        self.legends: list[tuple[Any, list[str]]] = []
        self.xlabels: list[tuple[Axes, str]] = []
        self.seen = False  # the text as the chart wrote it is noted
        self.fitted = False  # the text now differs from it

    def remember(self, fig: Figure) -> None:
        """Note the text of the figure as the chart wrote it (once, before any refit)."""
        if self.seen:
            return
        self.seen = True
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
        for legend, texts in self.legends:
            for artist, text in zip(legend.get_texts(), texts, strict=True):
                artist.set_text(text)
        for ax, text in self.xlabels:
            ax.set_xlabel(text)

    def fit(self, fig: Figure, *, rows: bool = True) -> bool:
        """Cut labels and wrap legends to the figure as laid out now; True if any changed.

        With ``rows`` false only the widths are fitted (before a first layout, whose rows
        would be measured on axes squeezed by labels too wide for the figure).
        """
        renderer = RendererAgg(int(fig.bbox.width), int(fig.bbox.height), fig.dpi)
        changed = False
        for ax, ticks, labels, size in self.ticks:
            changed |= _fit_labels(fig, ax, ticks, labels, size, renderer, rows=rows)
        for legend, texts in self.legends:
            changed |= _fit_legend(fig, legend, texts, renderer, rows=rows)
        for ax, text in self.xlabels:
            fit_along(ax.xaxis.label, float(ax.bbox.width))
            changed |= ax.get_xlabel() != text
        self.fitted |= changed
        return changed


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


def _fit_legend(fig: Figure, legend: Any, texts: list[str], renderer: Any, *, rows: bool) -> bool:
    """Wrap the legend's entries until it ends inside the figure: before a layout, until it is
    no wider than the room right of the widest labels (a legend that reaches past the figure
    would squeeze the plot); after one, until its right edge is on the figure."""
    edge = fig.bbox.x1 - 2.0

    def over() -> bool:
        box = legend.get_window_extent(renderer)
        if rows:
            return bool(box.x1 > edge)
        return bool(box.width > (1.0 - LABEL_SHARE) * fig.bbox.width - 16.0)

    if not over():
        return False
    words = [" ".join(t.split()) for t in texts]
    chars = max(len(line) for t in texts for line in t.split("\n"))
    least = max(MIN_CHARS, *(len(w) for line in words for w in line.split()))
    artists = legend.get_texts()
    while chars > least and over():
        chars -= 2
        for artist, line in zip(artists, words, strict=True):
            artist.set_text(textwrap.fill(line, chars, break_on_hyphens=False))
    return True
