"""Charts along a run: fan charts of markets and revenues by year, market-share paths, and the
convergence of the estimates with the number of paths."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal, cast

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, LogFormatter

from model.charts import lines
from model.charts import style as st
from model.charts.base.numbers import whole_tick
from model.charts.base.running import convergence_table, mean_and_half
from model.charts.lines import year_axis
from model.charts.value import final_values, value_year
from model.errors import RESULT, UnknownNameError, expect

__all__ = ["convergence", "convergence_table", "fan_chart", "share_paths"]

#: Quantiles drawn by the fan chart: outer band, inner band, median.
FAN_QUANTILES: tuple[float, ...] = (0.05, 0.25, 0.5, 0.75, 0.95)
#: Black markers of the sourced points, one shape per point so the legend tells them apart.
_MARK_SHAPES: tuple[str, ...] = ("D", "s", "^", "v", "P", "X", "*", "o")


def fan_chart(
    result: Any,
    output: str | None = None,
    ax: Axes | None = None,
    *,
    marks: bool = True,
    title: str | None = None,
    footnote: bool | None = None,
) -> Figure:
    """Fan chart of one per-year output: p5-p95 and p25-p75 bands and the median, by year.

    Sourced points of the thesis for this output (``result.marks``, e.g. a forecast of the market
    in 2026 quoted by a source) are drawn as black markers; what each is, its value and its
    source are written in the legend, so no label covers the bands and the simulated range can
    be checked against the sources at a glance. The legend takes a corner the bands leave free; on a
    small figure (a caller's 6 x 4 inch axes, or exported at that size), where it would lie on
    the median or another line, it goes to a band above the plot.

    Parameters
    ----------
    result : SimulationResult
        The simulation; ``output`` must be a per-year output of shape ``(n_paths, n_years)``.
    output : str, optional
        Output name, e.g. a segment's market or revenue line; by default the line the thesis
        model marks as revenue.
    ax : Axes, optional
        Axes to draw on; a new figure is made when omitted.
    marks : bool, default True
        Draw the sourced points of ``result.marks`` that belong to ``output``.
    title : str, optional
        Replaces the default title (which states the median and 90% range in the last year).
    footnote : bool, optional
        Add the thesis/scenario/run footnote; by default only on a figure made here.

    Returns
    -------
    Figure

    Raises
    ------
    ChartOptionError
        If ``output`` has one value a path (today's value, a fixed assumption), not one a year.
    """
    expect(result, RESULT)
    output = output if output is not None else lines.default_line(result)
    if np.ndim(result.array(output)) != 2:
        # One value a path: a fan would be one dot at the exit year with legend bands undrawn.
        raise st.ChartOptionError(
            f"fan_chart draws an output year by year; {output!r} has one value a path: "
            f"draw it with value_distribution(result, {output!r})"
        )
    with st.house_style():
        fig, ax, created = st.new_axes(ax)
        q = result.quantiles(output, qs=FAN_QUANTILES).dropna(how="all")  # no unheld years
        years = [int(y) for y in q.index]
        lo, q25, med, q75, hi = (q[c].to_numpy(dtype=float) for c in q.columns)
        unit = st.unit_of(result, output)
        label = st.output_label(result, output)

        ax.fill_between(
            years,
            lo,
            hi,
            color=st.BAND_COLORS[0],
            linewidth=0,
            label="5th-95th percentile",
            gid="band_90",
        )
        ax.fill_between(
            years,
            q25,
            q75,
            color=st.BAND_COLORS[1],
            linewidth=0,
            label="25th-75th percentile",
            gid="band_50",
        )
        ax.plot(
            years,
            med,
            color=st.BAND_COLORS[2],
            linewidth=2.2,
            marker="o",
            markersize=4,
            label="Median",
            gid="median",
        )
        decimals = st.decimals_for([med[-1], lo[-1], hi[-1]])
        ax.annotate(
            st.format_value(med[-1], unit, decimals),
            (years[-1], med[-1]),
            xytext=(6, 0),
            textcoords="offset points",
            va="center",
            fontsize=9,
            color=st.BAND_COLORS[2],
            fontweight="bold",
        )

        own = [m for m in getattr(result, "marks", ()) if m.output == output] if marks else []
        for i, mark in enumerate(own):
            src = st.source_title(result, mark.source)
            when = st.year_words(result, mark.year)
            text = f"Sourced: {st.format_value(mark.value, unit)} in {when}, {mark.label}" + (
                f" ({src})" if src else ""
            )
            ax.plot(
                [mark.year],
                [mark.value],
                linestyle="none",
                marker=_MARK_SHAPES[i % len(_MARK_SHAPES)],
                markersize=7,
                color=st.INK,
                markeredgecolor="white",
                zorder=5,
                gid=f"mark_{i}",
                label=st.wrap(text, 70),
            )

        xmin = min([years[0], *(int(m.year) for m in own)])
        xmax = max([years[-1], *(int(m.year) for m in own)])
        year_axis(ax, list(range(xmin, xmax + 1)), result)
        ax.set_xlim(xmin - 0.3, xmax + 0.8)
        ax.set_ylabel(st.axis_label(label, unit))
        st.set_value_axis(ax, unit)
        st.zero_baseline(ax)
        # Where the bands leave room: top left for a rising series, bottom left for a falling one.
        ax.legend(loc=_legend_corner(ax, years, lo, hi, rising=bool(med[-1] >= med[0])))
        moved = st.legend_off_lines(ax, created)  # a small figure: above the plot if need be
        st.set_title(
            ax,
            title
            or (
                f"{label}, {st.scenario_name(result)} scenario: median "
                f"{st.format_value(med[-1], unit, decimals)} in "
                f"{st.year_words(result, years[-1])} (90% range "
                f"{st.format_range(lo[-1], hi[-1], unit, decimals)})"
            ),
            created,
            pad=st.legend_clearance(ax, created) if moved else None,
        )
        notes = [_flat_note(result, years, lo, med, hi, unit), lines.floored_note(result, output)]
        extra = "\n".join(n for n in notes if n) or None
        return st.finish(fig, created, footnote, st.footnote_text(result, extra), ax=ax)


def _legend_corner(
    ax: Axes,
    years: list[int],
    lo: np.ndarray,
    hi: np.ndarray,
    *,
    rising: bool,
) -> Literal["upper left", "lower left", "best"]:
    """The left corner the legend (about a fifth of the height, a quarter of the width) can
    take without covering the bands: a series held near the top by the zero line leaves the
    bottom free, whichever way it slopes; "best" when neither corner is free."""
    y0, y1 = ax.get_ylim()
    x0, x1 = ax.get_xlim()
    left = np.asarray(years, dtype=float) <= x0 + 0.3 * (x1 - x0)
    top = float(np.max(hi[left])) > y0 + 0.75 * (y1 - y0) if left.any() else False
    bottom = float(np.min(lo[left])) < y0 + 0.25 * (y1 - y0) if left.any() else False
    # The zero line spans the whole width: losses turning to profits have it inside the top
    # quarter, where a legend would sit on it (on the axis edge itself it covers nothing).
    top = top or y0 + 0.75 * (y1 - y0) < 0.0 < y1
    bottom = bottom or y0 < 0.0 < y0 + 0.25 * (y1 - y0)
    if rising:
        return "upper left" if not top else "lower left" if not bottom else "best"
    return "lower left" if not bottom else "upper left" if not top else "best"


def _flat_note(
    result: Any, years: list[int], lo: np.ndarray, med: np.ndarray, hi: np.ndarray, unit: str
) -> str | None:
    """Say which years have no spread at all while others do (a band of zero width reads as a
    drawing error otherwise)."""
    width = hi - lo
    scale = np.maximum(np.abs(med), 1e-12)
    flat = width <= 1e-9 * scale
    if not flat.any() or flat.all():
        return None
    shown = [f"{st.year_words(result, y)} ({st.format_value(m, unit)})"
             for y, m, f in zip(years, med, flat, strict=True) if f]  # fmt: skip
    return (
        f"No spread in {', '.join(shown)}: every path has the same value there (the thesis "
        "fixes it, e.g. to a reported figure)."
    )


def share_paths(
    result: Any,
    segment: str | None = None,
    ax: Axes | None = None,
    *,
    company: str | None = None,
    stacked: bool = False,
    title: str | None = None,
    footnote: bool | None = None,
) -> Figure:
    """Market-share paths of the company and its rivals in one segment.

    Lines (default): the median share of each player by year, with p5-p95 and p25-p75 bands for
    the company, and each player's last share written at the end of its line (nudged apart
    when two are close). Stacked: the mean share of each player by year stacked to 100% (means,
    unlike medians, add up to the whole market on every path and so in expectation).

    Parameters
    ----------
    result : SimulationResult
        Needs the market-share lines of ``segment`` (role ``market_share``, shape
        ``(n_paths, n_years)``).
    segment : str, optional
        Segment (market-share group) name as in the thesis model; the first one by default.
    ax : Axes, optional
        Axes to draw on; a new figure is made when omitted.
    company : str, optional
        The company's player name; the thesis model's company when omitted.
    stacked : bool, default False
        Stacked areas of mean shares instead of median lines with bands.
    title : str, optional
        Replaces the default title.
    footnote : bool, optional
        Add the thesis/scenario/run footnote; by default only on a figure made here.

    Returns
    -------
    Figure

    Raises
    ------
    UnknownNameError
        If the result has no share outputs for ``segment``.
    """
    expect(result, RESULT)
    known = lines.share_segments(result)
    segment = segment if segment is not None else (known[0] if known else "")
    found = lines.players(result, segment)
    if not found:
        raise UnknownNameError(
            "segment with market shares",
            segment,
            known,
            none="the result has no market-share lines to draw (a market_segment block writes "
            "them, one per player)",
        )
    chosen = company or next(p.name for p in found if p.company)
    if chosen not in {p.name for p in found}:
        raise UnknownNameError(f"player of {segment!r}", chosen, [p.name for p in found])
    by_name = {p.name: p for p in found}
    order = [chosen] + [p.name for p in found if p.name != chosen]
    label = {p: lines.player_label(result, segment, by_name[p]) for p in order}
    company = chosen
    with st.house_style():
        fig, ax, created = st.new_axes(ax)
        years = [int(y) for y in result.years]
        seg_label = st.segment_label(result, segment)
        data = {p: np.asarray(result.outputs[by_name[p].output], dtype=float) for p in order}
        if stacked:
            means = [np.nanmean(data[p], axis=0) for p in order]
            polys = ax.stackplot(
                years,
                means,
                labels=[label[p] for p in order],
                colors=[_player_color(i, by_name[p]) for i, p in enumerate(order)],
                edgecolor="white",
                linewidth=0.8,
            )
            for i, poly in enumerate(polys):
                poly.set_hatch(st.HATCHES[i % len(st.HATCHES)])
                poly.set_gid(f"stack_{order[i]}")
            ax.set_ylim(0, 1)
            stat = "mean"
        else:
            _share_lines(ax, result, [by_name[p] for p in order], label, data, years)
            stat = "median"
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
        year_axis(ax, years, result)
        ax.set_xlim(years[0] - 0.2, years[-1] + (0.1 if stacked else 0.5))
        ax.set_ylabel(st.axis_label(f"Share of {seg_label} market", "share"))
        st.set_value_axis(ax, "share")
        if not stacked:
            _end_labels(ax, [by_name[p] for p in order], data, years)
        comp = (np.nanmean if stacked else np.nanmedian)(data[company], axis=0)
        st.set_title(
            ax,
            title
            or (
                f"{label[company]} share of the {seg_label} market, "
                f"{st.scenario_name(result)} scenario: {stat} {st.format_value(comp[0], 'share')} "
                f"in {st.year_words(result, years[0])}, "
                f"{st.format_value(comp[-1], 'share')} in {st.year_words(result, years[-1])}"
            ),
            created,
        )
        return st.finish(fig, created, footnote, st.footnote_text(result), ax=ax)


def _share_lines(
    ax: Axes,
    result: Any,
    order: list[lines.Player],
    label: Mapping[str, str],
    data: Mapping[str, np.ndarray],
    years: list[int],
) -> None:
    """Median lines of every player, bands for the first (the company), and the articles' share
    figures."""
    company = order[0]
    q = result.quantiles(company.output, qs=FAN_QUANTILES)
    lo, q25, _, q75, hi = (q[c].to_numpy(dtype=float) for c in q.columns)
    name = label[company.name]
    ax.fill_between(
        years,
        lo,
        hi,
        color=st.BAND_COLORS[0],
        linewidth=0,
        gid="band_90",
        label=f"{name}: 5th-95th pct.",
    )
    ax.fill_between(
        years,
        q25,
        q75,
        color=st.BAND_COLORS[1],
        linewidth=0,
        gid="band_50",
        label=f"{name}: 25th-75th pct.",
    )
    for i, p in enumerate(order):
        style = st.series_style(i)
        ax.plot(
            years,
            np.nanmedian(data[p.name], axis=0),
            color=_player_color(i, p),
            linestyle=style["linestyle"],
            marker=style["marker"],
            markersize=4,
            gid=f"median_{p.name}",
            linewidth=2.6 if p is company else 1.6,
            label=f"{label[p.name]} (median)",
        )
    outs = {p.output for p in order}
    marks = [m for m in getattr(result, "marks", ()) if m.output in outs]
    for i, mark in enumerate(marks):
        ax.plot(
            [mark.year],
            [mark.value],
            linestyle="none",
            marker="D",
            markersize=7,
            color=st.INK,
            markeredgecolor="white",
            zorder=5,
            gid=f"mark_{i}",
            label=("Sourced share" if i == 0 else "_nolegend_"),
        )
    st.zero_baseline(ax)


def _end_labels(
    ax: Axes, order: list[lines.Player], data: Mapping[str, np.ndarray], years: list[int]
) -> None:
    """Each player's last median share at the end of its line, nudged apart vertically."""
    ends = [float(np.nanmedian(data[p.name][:, -1])) for p in order]
    low, high = ax.get_ylim()
    # One label's height in data units: 8.5 pt text over the axes' height in points (the
    # axes take about three quarters of the figure's height).
    height_pt = (
        cast(Figure, ax.get_figure(root=True)).get_figheight() * 72 * ax.get_position().height
    )
    gap = (high - low) * 8.5 * 1.25 / max(height_pt, 1.0)
    for i, (p, y, at) in enumerate(zip(order, ends, st.spread(ends, gap), strict=True)):
        ax.annotate(
            st.format_value(y, "share"),
            (years[-1], y),
            xytext=(years[-1] + 0.12, at),
            textcoords="data",
            va="center",
            fontsize=8,
            color=_player_color(i, p),
            gid=f"end_label_{p.name}",
        )


def _player_color(i: int, player: lines.Player) -> str:
    # The company keeps the dark blue of the fan charts; the rest of the market is neutral grey.
    if player.rest:
        return "#999999"
    return st.BAND_COLORS[2] if i == 0 else st.COLORS[i % len(st.COLORS)]


# -- convergence --------------------------------------------------------------------------------


def convergence(
    result: Any,
    output: str | None = None,
    ax: Axes | None = None,
    *,
    year: int | None = None,
    stats: Sequence[str] = ("mean", "p5", "p50", "p95"),
    checkpoints: int = 60,
    title: str | None = None,
    footnote: bool | None = None,
) -> Figure:
    """Convergence of the key estimates with the number of paths.

    Each statistic is recomputed on the first k paths for k on a log grid up to all paths, with
    a band of about two standard errors (see :func:`convergence_table`). A run has enough paths
    when the bands are narrow compared with the decisions the numbers feed.

    Prefixes of a Latin-hypercube or Sobol run are not themselves stratified, so for those
    methods the curve shows plain Monte Carlo-like behaviour up to the full run.

    Parameters
    ----------
    result : SimulationResult
        The simulation (paths in run order).
    output : str, optional
        Output to follow; by default the value per share (the line with that role).
    ax : Axes, optional
        Axes to draw on; a new figure is made when omitted.
    year : int, optional
        Year of a per-year output (default: the exit year).
    stats : sequence of {"mean", "p5", "p50", "p95"}
        Statistics to draw.
    checkpoints : int, default 60
        Number of path counts on the log grid.
    title : str, optional
        Replaces the default title.
    footnote : bool, optional
        Add the thesis/scenario/run footnote; by default only on a figure made here.

    Returns
    -------
    Figure

    Raises
    ------
    UnknownNameError
        For a statistic outside ``mean, p5, p50, p95``.
    """
    expect(result, RESULT)
    output = output if output is not None else lines.value_line(result)
    stats = st.name_list(stats, "stats") or []
    raw = final_values(result, output, year)
    table = convergence_table(raw[np.isfinite(raw)], stats, checkpoints)
    unit = st.unit_of(result, output)
    label = st.output_label(result, output)
    vyear = value_year(result, output, year)
    ks = table["n"].to_numpy()
    with st.house_style():
        fig, ax, created = st.new_axes(ax)
        for i, name in enumerate(stats):
            color = st.BAND_COLORS[2] if i == 0 else st.COLORS[i % len(st.COLORS)]
            est = table[name].to_numpy()
            ax.fill_between(
                ks,
                table[f"{name}_lo"],
                table[f"{name}_hi"],
                color=color,
                alpha=0.18,
                linewidth=0,
                gid=f"band_{name}",
            )
            text = {"mean": "Mean", "p50": "Median"}.get(name, f"{name[1:]}th percentile")
            ax.plot(
                ks,
                est,
                color=color,
                linestyle=st.LINESTYLES[i % len(st.LINESTYLES)],
                linewidth=1.8,
                gid=f"running_{name}",
                label=f"{text}: {st.format_value(est[-1], unit)}",
            )
        ax.set_xscale("log")
        ax.set_xlim(ks[0], ks[-1] * 1.05)
        ax.set_xlabel("Number of paths (log scale)")
        ax.set_ylabel(st.value_label(result, output, vyear))
        st.set_value_axis(ax, unit)
        ax.xaxis.set_major_formatter(FuncFormatter(whole_tick))
        ax.xaxis.set_minor_formatter(_PathCounts())  # under a decade: 200, not 2x10^2
        handles, labels = ax.get_legend_handles_labels()
        handles.append(Patch(color="#999999", alpha=0.35))
        labels.append("±2 standard errors")
        if created:
            # Beside the plot: inside, it would sit on the running estimates.
            ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.01, 1.0))
        else:  # a band above the plot: inside, the lines and their bands leave no free spot
            ax.legend(handles, labels, loc="lower left", bbox_to_anchor=(0.0, 1.01),
                      borderaxespad=0.0, ncols=2)  # fmt: skip
        n = int(ks[-1])
        if "mean" in stats:
            half = float(table["mean_hi"].iloc[-1] - table["mean"].iloc[-1])
            mean = float(table["mean"].iloc[-1])
            head = f"{label}: mean {mean_and_half(mean, half, unit)} (2 s.e.) after {n:,} paths"
        else:
            head = f"{label}: estimates against the number of paths ({n:,} paths)"
        st.set_title(ax, title or head, created, pad=st.legend_clearance(ax, created))
        return st.finish(fig, created, footnote, st.footnote_text(result), ax=ax)


class _PathCounts(LogFormatter):
    """The log axis' own choice of in-between ticks to label, written as whole numbers."""

    def _num_to_string(self, x: float, vmin: float, vmax: float) -> str:
        return f"{x:,.0f}"
