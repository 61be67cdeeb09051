"""The thesis scorecard: the probability of each claim, per scenario."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from enum import Enum
from typing import Any, cast

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from model.charts import style as st
from model.errors import RESULT_OR_COMPARISON, UnknownScenarioError, expect

__all__ = ["ScorecardKind", "claim_views", "scorecard_chart", "scorecard_table"]

#: The scenarios a crowded chart does not name one by one: light, behind the named ones.
MORE_COLOR = "#BBBBBB"


class ScorecardKind(str, Enum):  # noqa: UP042 (project convention: str, Enum)
    """How :func:`scorecard_chart` draws the claims."""

    AUTO = "auto"
    BARS = "bars"
    DOTS = "dots"


def _wrap(text: str, width: int) -> str:
    return textwrap.fill(str(text), width, break_on_hyphens=False)


def scorecard_table(result_or_comparison: Any) -> pd.DataFrame:
    """Long table scenario, claim, label, probability, probability_se for a result or comparison."""
    expect(result_or_comparison, RESULT_OR_COMPARISON)
    results = getattr(result_or_comparison, "results", None)
    if not isinstance(results, Mapping):
        results = {result_or_comparison.scenario: result_or_comparison}
    frames = []
    for name, res in results.items():
        card = res.scorecard()
        frames.append(card.assign(scenario=name, scenario_label=res.scenario_label or name))
    cols = ["scenario", "scenario_label", "claim", "label", "probability", "probability_se"]
    if not frames:
        return pd.DataFrame(columns=cols)
    return pd.concat(frames, ignore_index=True)[cols]


def claim_views(result: Any) -> dict[str, str]:
    """The article view of each claim that is not the thesis' own (claim -> view tag)."""
    thesis = getattr(result, "thesis", None)
    if thesis is None:
        results = getattr(result, "results", None)
        if isinstance(results, Mapping) and results:
            thesis = getattr(next(iter(results.values())), "thesis", None)
    items = getattr(thesis, "scorecard", None) or {}
    return {c: str(v) for c, item in items.items() if (v := getattr(item, "view", None))}


def _claim_label(label: str, view: str | None) -> str:
    return f"[{view} view] {label}" if view else label


def _title(
    table: pd.DataFrame, names: list[str], claims: list[str], views: Mapping[str, str]
) -> str:
    """Headline: how many of the thesis' own claims hold; claims of other views apart."""
    own = [c for c in claims if c not in views]
    others: dict[str, list[str]] = {}
    for c in claims:
        if c in views:
            others.setdefault(views[c], []).append(c)
    if len(names) != 1 or not len(table):
        k = len(names)
        head = "Scorecard: probability of the thesis' " + (
            "claim" if len(own) == 1 else f"{len(own)} claims"
        )
        for view, members in others.items():
            head += f" and of {len(members)} claim{'s' * (len(members) > 1)} of the {view} view"
        return head + f", in {k} scenario{'s' * (k > 1)}"
    probs = table.set_index("claim")["probability"]
    likely = int((probs.reindex(own) > 0.5).sum())
    scen = st.in_sentence(st.humanize(str(names[0])))
    head = (
        f"Scorecard, {scen} scenario: {likely} of the thesis' {len(own)} claims hold on more "
        "than half of the paths"
    )
    if len(own) == 1:  # one claim: how often it holds says more than "0 of 1"
        p_own = st.format_probability(float(probs[own[0]]))
        head = f"Scorecard, {scen} scenario: the thesis' claim holds on {p_own} of the paths"
    for view, members in others.items():
        if len(members) == 1:
            p = float(probs[members[0]])
            head += f"; the {view} view's claim on {st.format_probability(p)}"
        else:
            n = int((probs.reindex(members) > 0.5).sum())
            head += f"; {n} of the {view} view's {len(members)} claims"
    return head


#: Said under the axis when the scenarios' lines are too close to write each probability.
THIN = "Probabilities too close together to write: read them on the axis"


def _room_to_write(ax: Axes, share: float) -> bool:
    """True when a line taking ``share`` of the axes' height holds a line of 8-point text once
    a layout has made room for the title, the legend and the axis (about 60% of it left)."""
    fig = cast(Figure, ax.get_figure(root=True))
    return bool(0.6 * ax.get_position().height * fig.bbox.height * share >= 8 * 1.2 * fig.dpi / 72)


def scorecard_chart(
    result: Any,
    ax: Axes | None = None,
    *,
    scenarios: Sequence[str] | None = None,
    kind: ScorecardKind | str = "auto",
    title: str | None = None,
    footnote: bool | None = None,
) -> Figure:
    """The thesis scorecard: probability of each claim, per scenario, with ±2 s.e. whiskers.

    Every probability is written beside its bar or marker ("<1%" rather than a misleading
    "0%" for a rare outcome). Claims tagged with another article view (``view:`` in the
    scorecard, e.g. the opposing 2022 thesis carried forward) are labelled so and counted apart
    from the thesis' own in the title.

    On a small figure (a caller's 6 x 4 inch axes, or the chart exported at that size) where a
    scenario's line in a claim's row is thinner than a line of text, the probabilities are not
    written over one another: the axis label says to read them on the axis instead.

    Parameters
    ----------
    result : SimulationResult or ComparisonResult
        One scenario, or several side by side.
    ax : Axes, optional
        Axes to draw on; a new figure is made when omitted.
    scenarios : sequence of str, optional
        Scenarios drawn from a comparison, in order (default: all).
    kind : {"auto", "bars", "dots"}, default "auto"
        Grouped bars, or one marker per scenario on its own line within each claim's row (a
        forest plot, compact for many scenarios); "auto" uses bars for up to three scenarios.
        Past eight scenarios, eight are named (the base case first, then in order) and the
        others share one line of grey markers per claim, counted in one legend entry.
    title : str, optional
        Replaces the default title.
    footnote : bool, optional
        Add the footnote; by default only on a figure made here.

    Returns
    -------
    Figure
    """
    expect(result, RESULT_OR_COMPARISON)
    table = scorecard_table(result)
    scenarios = st.name_list(scenarios, "scenarios", empty=False)
    if scenarios is not None:
        known = list(dict.fromkeys(table["scenario"]))
        for name in scenarios:
            if name not in known:
                raise UnknownScenarioError(name, known)
        table = table[table["scenario"].isin(scenarios)]
    names = list(dict.fromkeys(scenarios or table["scenario"]))
    claims = list(dict.fromkeys(table["claim"]))
    labels = dict(zip(table["claim"], table["label"], strict=False))
    views = claim_views(result)
    results = getattr(result, "results", None)
    results = results if isinstance(results, Mapping) else {result.scenario: result}
    groups = st.view_groups(result, names, None) if len(names) > 1 else None
    scen_labels = {n: st.scenario_display(results[n], n) for n in names}
    if groups:
        scen_labels = {n: st.with_view(result, n, text) for n, text in scen_labels.items()}
    kind = st.choice(ScorecardKind, kind, "scorecard_chart kind")
    if kind is ScorecardKind.AUTO:
        kind = ScorecardKind.BARS if len(names) <= 3 else ScorecardKind.DOTS
    # Past a legend's worth of scenarios, the others share one grey line under one entry.
    named = st.named_first(names)
    rest = [n for n in names if n not in named]
    k = max(len(named) + (1 if rest else 0), 1)
    with st.house_style():
        if kind is ScorecardKind.BARS:
            height = max(4.0, 1.6 + len(claims) * (0.35 + 0.22 * k))
        else:
            # One line per scenario within each claim's row, tall enough for its label.
            height = max(4.0, 2.6 + len(claims) * (0.3 + 0.13 * k))
        fig, ax, created = st.new_axes(ax, figsize=(10.0, height))
        if kind is ScorecardKind.BARS:
            pos = np.arange(len(claims))[::-1].astype(float)
            step = 0.8 / k
        else:
            pos = (np.arange(len(claims))[::-1] * (k + 1.2)).astype(float)
            step = 1.0
        half = (k - 1) / 2 * step + 0.6 * step + (0.0 if kind is ScorecardKind.BARS else 0.2)
        # On a caller's small axes, a line of each claim's row may be thinner than a line of
        # text: the probabilities are then read on the axis, not written over one another.
        write = created or _room_to_write(ax, step / (pos.max() - pos.min() + 2 * half))
        for i, name in enumerate(named):
            rows = table[table["scenario"] == name].set_index("claim").reindex(claims)
            p = rows["probability"].to_numpy(float)
            se = rows["probability_se"].to_numpy(float)
            label = _wrap(scen_labels.get(name) or name, 30)
            style = st.scenario_style(name)
            y = pos + (k - 1) / 2 * step - i * step
            if kind is ScorecardKind.BARS:
                ax.barh(
                    y,
                    p,
                    height=step * 0.92,
                    color=style["color"],
                    hatch=style["hatch"],
                    edgecolor="white",
                    linewidth=0.5,
                    gid=f"claims_{name}",
                    label=label,
                )
                marker_pt = 0.0
            else:
                ax.plot(
                    p,
                    y,
                    linestyle="none",
                    marker=style["marker"],
                    color=style["color"],
                    markersize=5.5,
                    markeredgecolor=st.INK,
                    markeredgewidth=0.5,
                    gid=f"claims_{name}",
                    label=label,
                    zorder=3,
                )
                marker_pt = 3.0
            # Whiskers over the bar or marker, with caps taller than the marker so that even a
            # whisker narrower than the marker shows.
            # A probability stays within 0-100%: so do its whiskers.
            whisker = np.vstack([np.minimum(2 * se, p), np.minimum(2 * se, 1.0 - p)])
            _, caps, bars = ax.errorbar(
                p,
                y,
                xerr=whisker,
                fmt="none",
                ecolor=st.INK,
                elinewidth=1.0,
                capsize=4.5 if kind is ScorecardKind.DOTS else 3.0,
                capthick=1.0,
                gid=f"whiskers_{name}",
                label=f"_whiskers_{name}",  # found by tests, kept out of the legend
                zorder=4,
            )
            for artist in (*caps, *bars):
                artist.set_zorder(4)
            for yy, pp, ss in zip(y, p, se, strict=True):
                if np.isfinite(pp) and write:
                    ax.annotate(
                        st.format_probability(pp),
                        (min(pp + 2 * ss, 1.0), yy),
                        xytext=(4 + marker_pt, 0),
                        textcoords="offset points",
                        va="center",
                        fontsize=7.5 if kind is ScorecardKind.DOTS else 8,
                        color=st.INK,
                        gid=f"p_{name}",
                        # The 50% guide passes behind the label, as a gridline would.
                        bbox={
                            "boxstyle": "square,pad=0.05",
                            "facecolor": "white",
                            "edgecolor": "none",
                        },
                        zorder=5,
                    )
        y_rest = pos + (k - 1) / 2 * step - len(named) * step
        for j, name in enumerate(rest):
            rows = table[table["scenario"] == name].set_index("claim").reindex(claims)
            ax.plot(
                rows["probability"].to_numpy(float),
                y_rest,
                linestyle="none",
                marker="o",
                markersize=3.5,
                color=MORE_COLOR,
                gid=f"claims_{name}",
                label=st.more_text(len(rest)) if j == len(rest) - 1 else "_nolegend_",
                zorder=2,
            )
        if kind is ScorecardKind.DOTS:
            for j, p0 in enumerate(pos):
                if j % 2 == 0:
                    ax.axhspan(p0 - half, p0 + half, color="#F2F2F2", zorder=0, linewidth=0)
        ax.axvline(0.5, color="#777777", linewidth=1, linestyle="--", gid="guide_even_odds")
        ax.set_xlim(-0.03, 1.1)
        ax.set_ylim(pos.min() - half, pos.max() + half)
        ax.set_yticks(pos)
        ax.set_yticklabels([_wrap(_claim_label(labels.get(c) or c, views.get(c)), 50)
                            for c in claims])  # fmt: skip
        ax.tick_params(axis="y", length=0)
        ax.grid(axis="y", visible=False)
        words = "Probability the claim holds (% of paths)"
        ax.set_xlabel(words if write else f"{words}; {THIN[:1].lower()}{THIN[1:]}")
        st.dense_notes(ax, created, "p_", THIN)
        st.set_value_axis(ax, "share", axis="x")
        if k > 1 and created:
            # A column right of the plot (the footnote owns the space below it).
            ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), labelspacing=0.9)
        elif k > 1:
            # A band above the plot: inside it, the bars (0% to 100%) leave no free corner.
            # Many scenarios stand two abreast, so the band leaves the plot its room.
            ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.01), borderaxespad=0.0,
                      ncols=2 if k > 4 else 1)  # fmt: skip
        pad = st.legend_clearance(ax, created)
        st.set_title(ax, title or _title(table, names, claims, views), created, pad=pad)
        shape = "Bars" if kind is ScorecardKind.BARS else "Markers"
        extra = (
            f"{shape}: share of paths on which the claim holds; whiskers: ±2 standard errors "
            "(within 0-100%)."
        )
        return st.finish(fig, created, footnote, st.footnote_text(result, extra), ax=ax)
