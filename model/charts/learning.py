"""Charts of a thesis that learns: prior and posterior, the vintage waterfall, the watch list,
the backtest.

Each takes the object the :mod:`model.learning` functions return (read by attribute, so this
stage does not import that one), draws on ``ax`` or a new figure, and returns the Figure.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from model.charts import style as st
from model.charts.base.numbers import share_tick
from model.errors import ATTRIBUTION, BACKTEST, CONDITIONED, WATCH_LIST, expect
from model.inputs.units import plural

__all__ = ["attribution_waterfall", "backtest_chart", "prior_posterior_chart", "watch_chart"]

_UP, _DOWN, _END = st.COLORS[2], st.COLORS[5], st.COLORS[4]


def attribution_waterfall(
    attribution: Any, ax: Axes | None = None, *, stat: str = "median", footnote: bool | None = None
) -> Figure:
    """Waterfall from one vintage's value to the other's, one bar per group of assumptions.

    Parameters
    ----------
    attribution : Attribution
        From :func:`model.attribute`.
    stat : {"median", "mean"}
        Which statistic's change is split.
    """
    expect(attribution, ATTRIBUTION)
    if stat not in ("median", "mean"):
        raise ValueError(f"stat must be 'median' or 'mean', not {stat!r}")
    with st.house_style():
        fig, ax, created = st.new_axes(ax)
        shares = getattr(attribution, stat)
        start, end = attribution.start[stat], attribution.end[stat]
        labels = [f"{attribution.from_}", *attribution.groups, f"{attribution.to}"]
        level = start
        ax.bar(0, start, color=_END, edgecolor=st.INK, linewidth=0.6)
        ax.annotate(
            f"{start:,.1f}",
            (0, start),
            ha="center",
            va="bottom",
            fontsize=9,
            xytext=(0, 2),
            textcoords="offset points",
        )
        for i, g in enumerate(attribution.groups, start=1):
            d = shares[g]
            bottom = level if d >= 0 else level + d
            ax.bar(
                i,
                abs(d),
                bottom=bottom,
                color=_UP if d >= 0 else _DOWN,
                edgecolor=st.INK,
                linewidth=0.6,
                hatch="" if d >= 0 else "///",
            )
            ax.annotate(
                f"{d:+,.1f}",
                (i, max(level, level + d)),
                ha="center",
                va="bottom",
                fontsize=9,
                xytext=(0, 2),
                textcoords="offset points",
            )
            ax.plot([i - 1.4, i + 0.4], [level, level], color="#888888", linewidth=0.6)
            level += d
        n = len(labels) - 1
        ax.bar(n, end, color=_END, edgecolor=st.INK, linewidth=0.6)
        ax.annotate(
            f"{end:,.1f}",
            (n, end),
            ha="center",
            va="bottom",
            fontsize=9,
            xytext=(0, 2),
            textcoords="offset points",
        )
        ax.set_xticks(range(len(labels)), labels)
        top = max(start, end, *np.cumsum([start, *[shares[g] for g in attribution.groups]]))
        ax.set_ylim(0, top * 1.12)
        unit = attribution.unit
        # Named as the other charts name a value: "Median value today (JPY per share)".
        named = f"{stat} {st.in_sentence(st.humanize(attribution.output))}"
        ax.set_ylabel(st.axis_label(named[:1].upper() + named[1:], unit))
        if attribution.output == "value_today":
            what = "value today (each as of its own valuation date)"
        else:
            years = {getattr(attribution, "from_year", None) or attribution.year, attribution.year}
            what = f"{st.in_sentence(st.humanize(attribution.output))} in " + " and ".join(
                str(y) for y in sorted(years)
            )
        st.set_title(
            ax,
            f"What changed from {attribution.from_} to {attribution.to}: {stat} {what}",
            created,
        )
        return st.finish(
            fig,
            created,
            footnote,
            f"Shapley shares over {attribution.groups_text} "
            f"({attribution.n_runs} runs of "
            f"{attribution.n_paths:,} paths on common random numbers); each bar is the group's "
            "average effect over every order of substitution.",
        )


def _on_lowest_row(ax: Axes, legend: Any, item: Any) -> bool:
    """Whether the legend in the lower right corner reaches the lowest row's line or markers
    (measured as drawn: the row's right end against the legend's left edge)."""
    fig = ax.figure
    box = legend.get_window_extent()  # the figure's own renderer, whatever its canvas
    end = max(item.medians[0], item.medians[-1])
    x, y = ax.transData.transform((end, 0.0))
    marker = 8.0 * fig.dpi / 72.0  # half a marker and a little air, in pixels
    return bool(x + marker >= box.x0 and box.y0 - marker <= y <= box.y1 + marker)


def watch_chart(
    watch_list: Any, ax: Axes | None = None, *, top: int = 8, footnote: bool | None = None
) -> Figure:
    """Median value if each observable comes in low or high, around the overall median."""
    expect(watch_list, WATCH_LIST)
    with st.house_style():
        items = list(watch_list.items)[: st.whole(top, "top", 1)]
        fig, ax, created = st.new_axes(ax, (10.0, max(3.0, 1.0 + 0.55 * len(items))))
        mid = watch_list.median
        for i, it in enumerate(reversed(items)):
            lo, hi = it.medians[0], it.medians[-1]
            ax.plot([lo, hi], [i, i], color="#999999", linewidth=2, zorder=1)
            ax.scatter(
                [lo],
                [i],
                color=_DOWN,
                marker="v",
                s=45,
                zorder=2,
                label="low outcome" if i == 0 else None,
            )
            ax.scatter(
                [hi],
                [i],
                color=_UP,
                marker="^",
                s=45,
                zorder=2,
                label="high outcome" if i == 0 else None,
            )
        labels = [st.wrap((it.label or it.quantity) + it.when(), 38) for it in reversed(items)]
        ax.set_yticks(range(len(items)), labels)
        ax.axvline(mid, color=st.INK, linewidth=0.8, linestyle="--", label="median, all paths")
        unit = watch_list.unit
        measure = str(watch_list.measure)
        ax.set_xlabel(st.axis_label(measure[:1].upper() + measure[1:], unit))
        st.set_value_axis(ax, unit, axis="x")  # thousands separated, as on every chart
        legend = ax.legend(loc="lower right", fontsize=8, frameon=False)
        above = bool(items) and _on_lowest_row(ax, legend, items[-1])
        if above:
            # The lowest row reaches into the corner the legend takes (few facts, each with a
            # wide swing): the legend goes in a band above the plot instead of on its line.
            ax.legend(
                loc="lower left",
                bbox_to_anchor=(0.0, 1.01),
                borderaxespad=0.0,
                ncols=3,
                fontsize=8,
                frameon=False,
            )
        seen = f" in {watch_list.observed}" if getattr(watch_list, "observed", "") else ""
        st.set_title(
            ax,
            f"What to watch{seen}: the median value if each fact comes in low or high",
            created,
            pad=22.0 if above else None,  # an axes title clears the legend band above
        )
        return st.finish(
            fig,
            created,
            footnote,
            "Low: below the 20th percentile (or the event does not happen); high: above the 80th "
            "(or it happens). Computed on the paths already simulated.",
        )


def backtest_chart(bt: Any, ax: Axes | None = None, *, footnote: bool | None = None) -> Figure:
    """Percentile of each realised value in the old vintage's distribution."""
    expect(bt, BACKTEST)
    with st.house_style():
        table = bt.table
        fig, ax, created = st.new_axes(ax, (10.0, max(3.0, 1.0 + 0.6 * len(table))))
        y = np.arange(len(table))[::-1] + 0.0
        ax.axvspan(
            0.05, 0.95, facecolor="#e4e4e4", edgecolor="#bbbbbb", zorder=0,
            label="the vintage's 90% range",
        )  # fmt: skip
        ax.axvline(0.5, color=st.INK, linewidth=0.8, linestyle="--", label="its median")
        ax.scatter(
            table["percentile"], y, color=st.COLORS[1], s=60, zorder=3, label="what happened",
            clip_on=False,
        )  # fmt: skip
        labels = table["label"] if "label" in table else pd.Series([""] * len(table))
        names = [str(lab) or str(q) for q, lab in zip(table.index, labels, strict=True)]
        ax.set_yticks(y, [st.wrap(n, 40) for n in names])
        ax.set_ylim(-0.6, len(table) - 0.4)
        ax.set_xlim(-0.02, 1.02)
        ax.xaxis.set_major_formatter(FuncFormatter(share_tick))
        ax.set_xlabel("percentile of the realised value in the vintage's distribution")
        # beside the axes: inside, it would sit on the median line or on a point
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
        name = getattr(bt, "vintage", "") or bt.scenario
        st.set_title(ax, f"Backtest of {name}: where what happened fell", created)
        return st.finish(fig, created, footnote, bt.caveat)


def prior_posterior_chart(
    conditioned: Any, ax: Axes | None = None, *, output: str | None = None,
    footnote: bool | None = None,
) -> Figure:  # fmt: skip
    """The value's distribution before and after the evidence (weighted histogram).

    Parameters
    ----------
    conditioned : ConditionedResult
        From :func:`model.condition`.
    output : str, optional
        Default ``value_today`` where the run has it, else ``value_per_share`` (exit year).
    """
    expect(conditioned, CONDITIONED)
    prior = conditioned.prior
    name = output or ("value_today" if "value_today" in prior.outputs else "value_per_share")
    x = np.asarray(prior.final(name), dtype=float)
    ok = np.isfinite(x)
    x, w = x[ok], np.asarray(conditioned.weights, dtype=float)[ok]
    with st.house_style():
        fig, ax, created = st.new_axes(ax)
        lo, hi = (float(v) for v in np.quantile(x, [0.005, 0.995]))
        bins = [float(b) for b in np.linspace(lo, hi, 60)]
        ax.hist(x, bins=bins, density=True, histtype="step", color=st.COLORS[0], label="prior")
        ax.hist(
            x,
            bins=bins,
            weights=w / w.sum() * x.size,
            density=True,
            histtype="stepfilled",
            alpha=0.45,
            color=st.COLORS[1],
            label="given the evidence",
        )
        # "Value today" says its date; a year-end value says its (fiscal) year.
        when = "" if name == "value_today" else f" in {st.year_words(prior, prior.exit_year)}"
        unit = prior.units.get(name, "")
        ax.set_xlabel(st.axis_label(st.output_label(prior, name) + when, unit))
        ax.set_ylabel("density")
        ax.legend(frameon=False)
        thesis = getattr(prior.thesis, "name", "the thesis")
        st.set_title(ax, f"{thesis}: before and after the evidence", created)
        return st.finish(
            fig,
            created,
            footnote,
            f"{plural(len(conditioned.evidence), 'observation')}; {conditioned.ess:,.0f} effective "
            f"paths of {conditioned.n_paths:,} (importance weights).",
        )
