"""Where labels go: positions near the wanted ones, kept a gap apart."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.text import Text

__all__ = ["MAX_NAMED", "fit_along", "legend_gap", "more_text", "named_first", "spread"]

#: Scenarios a legend names one by one; past this many, the others are drawn in grey and
#: counted in one entry (a legend of hundreds runs off any figure).
MAX_NAMED = 8


def named_first(
    names: Sequence[str], ranks: Sequence[float] | None = None, cap: int = MAX_NAMED
) -> list[str]:
    """The scenarios a crowded chart names, in the order given.

    Every one when there are at most ``cap``; else the base case, the lowest and the highest
    of ``ranks`` (e.g. medians; the first on a tie), then the rest in order up to ``cap``.
    Fixed by the names and ranks alone, so a chart names the same scenarios on every call.
    """
    names = list(names)
    if len(names) <= cap:
        return names
    keep: list[str] = [n for n in ("base",) if n in names]
    if ranks is not None:
        values = np.asarray(ranks, dtype=float)
        keep += [names[int(np.argmin(values))], names[int(np.argmax(values))]]
    keep += names
    chosen = set(list(dict.fromkeys(keep))[:cap])
    return [n for n in names if n in chosen]


def more_text(k: int) -> str:
    """The legend entry counting the scenarios not named one by one."""
    return f"and {k} more scenario{'s' * (k != 1)}"


def spread(values: Sequence[float], gap: float) -> np.ndarray:
    """Positions near ``values`` that are at least ``gap`` apart (order kept).

    Used to nudge end-of-line labels apart vertically. Labels too close together are pushed
    apart as a block centred on where they want to be, so no label moves further than needed.
    """
    y = np.asarray(values, dtype=float)
    order = np.argsort(y, kind="stable")
    want = y[order]
    # Group neighbours into clusters whose members need spreading; centre each cluster on
    # its members' mean and merge clusters until none overlap.
    clusters = [[float(v)] for v in want]
    merged = True
    while merged:
        merged = False
        for i in range(len(clusters) - 1):
            top_a = _cluster_pos(clusters[i], gap)[-1]
            bottom_b = _cluster_pos(clusters[i + 1], gap)[0]
            if bottom_b - top_a < gap - 1e-12:
                clusters[i : i + 2] = [clusters[i] + clusters[i + 1]]
                merged = True
                break
    placed = np.concatenate([_cluster_pos(c, gap) for c in clusters]) if clusters else want
    out = np.empty_like(y)
    out[order] = placed
    return out


def _cluster_pos(members: list[float], gap: float) -> np.ndarray:
    centre = float(np.mean(members))
    k = len(members)
    return centre + gap * (np.arange(k) - (k - 1) / 2)


def legend_gap(ax: Axes) -> float:
    """Pixels between the plot's top and a legend anchored above it (a share of the plot's
    height, so a title lifted by the legend's height alone lands on it on a tall plot)."""
    legend = ax.get_legend()
    if legend is None:
        return 0.0
    anchor = legend.get_bbox_to_anchor().transformed(ax.transAxes.inverted())
    return max(float(anchor.y0) - 1.0, 0.0) * float(ax.bbox.height)


def fit_along(text: Text, room: float) -> None:
    """Wrap ``text`` (a line at a time narrower) until its lines are at most ``room`` pixels
    long along their own direction (a rotated y label: along the plot's height)."""
    fig = text.get_figure(root=True)
    words = " ".join(text.get_text().split())
    if fig is None or not words:
        return
    renderer = RendererAgg(int(fig.bbox.width), int(fig.bbox.height), fig.dpi)
    font = text.get_fontproperties()

    def longest() -> float:
        return max(
            renderer.get_text_width_height_descent(line, font, ismath=False)[0]
            for line in text.get_text().split("\n")
        )

    chars = max(len(line) for line in text.get_text().split("\n"))
    least = max(12, *(len(word) for word in words.split()))
    while chars > least and longest() > room:
        chars -= 2
        text.set_text(textwrap.fill(words, chars, break_on_hyphens=False))
