"""Charts of per-year paths: fan charts of markets and revenues, and market-share paths."""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from model.report import plot_style as st

__all__ = ["fan_chart", "share_paths"]

#: Quantiles drawn by the fan chart: outer band, inner band, median.
FAN_QUANTILES: tuple[float, ...] = (0.05, 0.25, 0.5, 0.75, 0.95)


def _year_axis(ax: Axes, years: list[int]) -> None:
    ax.set_xticks(years)
    ax.set_xticklabels([str(y) for y in years])
    ax.set_xlabel("Year")


def fan_chart(
    result: Any,
    output: str = "revenue_cloud_total",
    ax: Axes | None = None,
    *,
    marks: bool = True,
    title: str | None = None,
    footnote: bool | None = None,
) -> Figure:
    """Fan chart of one per-year output: p5-p95 and p25-p75 bands and the median, by year.

    Sourced points of the thesis for this output (``result.marks``, e.g. a forecast of the market
    in 2026 quoted by an article) are drawn as black diamonds labelled with their value, what they
    are and their source, so the simulated range can be checked against the articles at a glance.

    Parameters
    ----------
    result : SimulationResult
        The simulation; ``output`` must be a per-year output of shape ``(n_paths, n_years)``.
    output : str, default "revenue_cloud_total"
        Output name, e.g. ``"market_ai_cloud"`` or ``"revenue_cloud"``.
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
    """
    with st.house_style():
        fig, ax, created = st.new_axes(ax)
        q = result.quantiles(output, qs=FAN_QUANTILES)
        years = [int(y) for y in q.index]
        lo, q25, med, q75, hi = (q[c].to_numpy(dtype=float) for c in q.columns)
        unit = st.unit_of(result, output)
        label = st.output_label(result, output)

        ax.fill_between(years, lo, hi, color=st.BAND_COLORS[0], linewidth=0,
                        label="5th-95th percentile", gid="band_90")
        ax.fill_between(years, q25, q75, color=st.BAND_COLORS[1], linewidth=0,
                        label="25th-75th percentile", gid="band_50")
        ax.plot(years, med, color=st.BAND_COLORS[2], linewidth=2.2, marker="o", markersize=4,
                label="Median", gid="median")
        ax.annotate(st.format_value(med[-1], unit), (years[-1], med[-1]), xytext=(6, 0),
                    textcoords="offset points", va="center", fontsize=9,
                    color=st.BAND_COLORS[2], fontweight="bold")

        own = [m for m in getattr(result, "marks", ()) if m.output == output] if marks else []
        xmin = min([years[0], *(int(m.year) for m in own)])
        xmax = max([years[-1], *(int(m.year) for m in own)])
        for i, mark in enumerate(own):
            ax.plot([mark.year], [mark.value], linestyle="none", marker="D", markersize=7,
                    color=st.INK, markeredgecolor="white", zorder=5, gid=f"mark_{i}",
                    label="Sourced point (article)" if i == 0 else "_nolegend_")
            src = st.short_source(mark.source)
            text = f"{st.format_value(mark.value, unit)}: {mark.label}"
            # Labels point into the plot (right of marks in the left half, left of the others)
            # and alternate above/below so neighbouring marks do not collide.
            left_half = (mark.year - xmin) <= (xmax - xmin) / 2
            dy = 18 if i % 2 == 0 else -30
            ax.annotate(text + (f"\nsource: {src}" if src else ""), (mark.year, mark.value),
                        xytext=(12 if left_half else -12, dy), textcoords="offset points",
                        ha="left" if left_half else "right", fontsize=8, color=st.INK,
                        zorder=6, gid=f"mark_label_{i}",
                        bbox={"boxstyle": "round,pad=0.25", "facecolor": "white",
                              "edgecolor": "#BBBBBB", "linewidth": 0.6, "alpha": 0.9},
                        arrowprops={"arrowstyle": "-", "color": st.INK, "lw": 0.6})

        _year_axis(ax, list(range(xmin, xmax + 1)))
        ax.set_xlim(xmin - 0.3, xmax + 0.8)
        ax.set_ylabel(st.axis_label(label, unit))
        st.set_value_axis(ax, unit)
        st.zero_baseline(ax)
        ax.legend(loc="upper left")
        st.set_title(ax, title or (
            f"{label}, {st.scenario_name(result)} scenario: median "
            f"{st.format_value(med[-1], unit)} in {years[-1]} (90% range "
            f"{st.format_range(lo[-1], hi[-1], unit)})"), created)
        return st.finish(fig, created, footnote, st.footnote_text(result))


def players_of(result: Any, segment: str) -> list[str]:
    """Player names with a ``share_<segment>_<player>`` output, in output order, "rest" last."""
    segs = st.segments_of(result)
    players = []
    for name in result.outputs:
        if not name.startswith(f"share_{segment}_"):
            continue
        # A longer segment name sharing this prefix owns the output (ai vs ai_cloud).
        owner = next((s for s in segs if name.startswith(f"share_{s}_")), segment)
        if owner == segment:
            players.append(name[len(f"share_{segment}_"):])
    return [p for p in players if p != "rest"] + (["rest"] if "rest" in players else [])


def company_player(result: Any, segment: str, players: list[str]) -> str:
    """The company's player in ``segment``: from the thesis model, else the largest first share.

    The fallback keeps the chart usable with theses that do not expose their model section.
    """
    company = st._thesis_segment_attr(result, segment, "company")
    if company in players:
        return str(company)
    candidates = [p for p in players if p != "rest"] or players
    first = {p: float(np.nanmedian(np.asarray(result.outputs[f"share_{segment}_{p}"])[:, 0]))
             for p in candidates}
    return max(candidates, key=lambda p: (first[p], p))


def share_paths(
    result: Any,
    segment: str = "ai_cloud",
    ax: Axes | None = None,
    *,
    company: str | None = None,
    stacked: bool = False,
    title: str | None = None,
    footnote: bool | None = None,
) -> Figure:
    """Market-share paths of the company and its rivals in one segment.

    Lines (default): the median share of each player by year, with p5-p95 and p25-p75 bands for
    the company. Stacked: the mean share of each player by year stacked to 100% (means, unlike
    medians, add up to the whole market on every path and so in expectation).

    Parameters
    ----------
    result : SimulationResult
        Needs the ``share_<segment>_<player>`` outputs (shape ``(n_paths, n_years)``).
    segment : str, default "ai_cloud"
        Segment name as in the thesis model.
    ax : Axes, optional
        Axes to draw on; a new figure is made when omitted.
    company : str, optional
        The company's player name; read from the thesis model when omitted.
    stacked : bool, default False
        Stacked areas of mean shares instead of median lines with bands.
    title : str, optional
        Replaces the default title.
    footnote : bool, optional
        Add the thesis/scenario/run footnote; by default only on a figure made here.

    Returns
    -------
    Figure
    """
    players = players_of(result, segment)
    if not players:
        raise ValueError(f"no share_{segment}_<player> outputs in this result")
    company = company or company_player(result, segment, players)
    order = [company] + [p for p in players if p != company]
    with st.house_style():
        fig, ax, created = st.new_axes(ax)
        years = [int(y) for y in result.years]
        seg_label = st.segment_label(result, segment)
        data = {p: np.asarray(result.outputs[f"share_{segment}_{p}"], dtype=float) for p in order}
        if stacked:
            means = [np.nanmean(data[p], axis=0) for p in order]
            polys = ax.stackplot(years, means, labels=[_player_label(p) for p in order],
                                 colors=[_player_color(i, p) for i, p in enumerate(order)],
                                 edgecolor="white", linewidth=0.8)
            for i, poly in enumerate(polys):
                poly.set_hatch(st.HATCHES[i % len(st.HATCHES)])
                poly.set_gid(f"stack_{order[i]}")
            ax.set_ylim(0, 1)
            ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
            stat = "mean"
        else:
            q = result.quantiles(f"share_{segment}_{company}", qs=FAN_QUANTILES)
            lo, q25, _, q75, hi = (q[c].to_numpy(dtype=float) for c in q.columns)
            ax.fill_between(years, lo, hi, color=st.BAND_COLORS[0], linewidth=0,
                            gid="band_90", label=f"{_player_label(company)}: 5th-95th pct.")
            ax.fill_between(years, q25, q75, color=st.BAND_COLORS[1], linewidth=0,
                            gid="band_50", label=f"{_player_label(company)}: 25th-75th pct.")
            for i, p in enumerate(order):
                med = np.nanmedian(data[p], axis=0)
                style = st.series_style(i)
                ax.plot(years, med, color=_player_color(i, p), linestyle=style["linestyle"],
                        marker=style["marker"], markersize=4, gid=f"median_{p}",
                        linewidth=2.6 if p == company else 1.6,
                        label=f"{_player_label(p)} (median)")
                ax.annotate(f"{med[-1]:.0%}", (years[-1], med[-1]), xytext=(6, 0),
                            textcoords="offset points", va="center", fontsize=8,
                            color=_player_color(i, p))
            # The articles' share figures, to check the simulated starting points against.
            outs = {f"share_{segment}_{p}" for p in order}
            marks = [m for m in getattr(result, "marks", ()) if m.output in outs]
            for i, mark in enumerate(marks):
                ax.plot([mark.year], [mark.value], linestyle="none", marker="D", markersize=7,
                        color=st.INK, markeredgecolor="white", zorder=5, gid=f"mark_{i}",
                        label=("Sourced share (article)" if i == 0 else "_nolegend_"))
            st.zero_baseline(ax)
            ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
            stat = "median"
        _year_axis(ax, years)
        ax.set_xlim(years[0] - 0.2, years[-1] + (0.1 if stacked else 0.5))
        ax.set_ylabel(st.axis_label(f"Share of {seg_label} market", "share"))
        st.set_value_axis(ax, "share")
        comp = (np.nanmean if stacked else np.nanmedian)(data[company], axis=0)
        st.set_title(ax, title or (
            f"{_player_label(company)} share of the {seg_label} market, "
            f"{st.scenario_name(result)} scenario: {stat} {st.format_value(comp[0], 'share')} "
            f"in {years[0]}, {st.format_value(comp[-1], 'share')} in {years[-1]}"), created)
        return st.finish(fig, created, footnote, st.footnote_text(result))


def _player_label(player: str) -> str:
    return "Rest of market" if player == "rest" else st.humanize(player)


def _player_color(i: int, player: str) -> str:
    # The company keeps the dark blue of the fan charts; "rest" is neutral grey.
    if player == "rest":
        return "#999999"
    return st.BAND_COLORS[2] if i == 0 else st.COLORS[i % len(st.COLORS)]
