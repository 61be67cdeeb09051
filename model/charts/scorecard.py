"""The thesis scorecard: the probability of each claim, per scenario."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from enum import Enum
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from model.charts import style as st

__all__ = ["ScorecardKind", "scorecard_chart", "scorecard_table"]


class ScorecardKind(str, Enum):  # noqa: UP042 (project convention: str, Enum)
    """How :func:`scorecard_chart` draws the claims."""

    AUTO = "auto"
    BARS = "bars"
    DOTS = "dots"


def _wrap(text: str, width: int) -> str:
    return textwrap.fill(str(text), width, break_on_hyphens=False)


def scorecard_table(result_or_comparison: Any) -> pd.DataFrame:
    """Long table scenario, claim, label, probability, se for one result or a comparison."""
    results = getattr(result_or_comparison, "results", None)
    if not isinstance(results, Mapping):
        results = {result_or_comparison.scenario: result_or_comparison}
    frames = []
    for name, res in results.items():
        card = res.scorecard()
        frames.append(card.assign(scenario=name, scenario_label=res.scenario_label or name))
    cols = ["scenario", "scenario_label", "claim", "label", "probability", "se"]
    if not frames:
        return pd.DataFrame(columns=cols)
    return pd.concat(frames, ignore_index=True)[cols]


def scorecard_chart(
    result: Any,
    ax: Axes | None = None,
    *,
    scenarios: Sequence[str] | None = None,
    kind: ScorecardKind | str = "auto",
    title: str | None = None,
    footnote: bool | None = None,
) -> Figure:
    """The thesis scorecard: probability of each claim, per scenario, with ±2 s.e. error bars.

    Parameters
    ----------
    result : SimulationResult or ComparisonResult
        One scenario, or several side by side (one bar per scenario and claim).
    ax : Axes, optional
        Axes to draw on; a new figure is made when omitted.
    scenarios : sequence of str, optional
        Scenarios drawn from a comparison, in order (default: all).
    kind : {"auto", "bars", "dots"}, default "auto"
        Grouped bars, or one marker per scenario on each claim's row (a forest plot, compact
        for many scenarios); "auto" uses bars for up to three scenarios.
    title : str, optional
        Replaces the default title.
    footnote : bool, optional
        Add the footnote; by default only on a figure made here.

    Returns
    -------
    Figure
    """
    table = scorecard_table(result)
    if scenarios is not None:
        table = table[table["scenario"].isin(list(scenarios))]
    names = list(dict.fromkeys(scenarios or table["scenario"]))
    claims = list(dict.fromkeys(table["claim"]))
    labels = dict(zip(table["claim"], table["label"], strict=False))
    results = getattr(result, "results", None)
    results = results if isinstance(results, Mapping) else {result.scenario: result}
    groups = st.view_groups(result, names, None) if len(names) > 1 else None
    scen_labels = {n: st.scenario_display(results[n], n) for n in names}
    if groups:
        scen_labels = {n: st.with_view(result, n, text) for n, text in scen_labels.items()}
    k = max(len(names), 1)
    kind = st.choice(ScorecardKind, kind, "scorecard_chart kind")
    if kind is ScorecardKind.AUTO:
        kind = ScorecardKind.BARS if k <= 3 else ScorecardKind.DOTS
    with st.house_style():
        per_claim = 0.35 + 0.22 * k if kind is ScorecardKind.BARS else 0.62
        fig, ax, created = st.new_axes(ax, figsize=(10.0, max(4.0, 1.6 + len(claims) * per_claim)))
        pos = np.arange(len(claims))[::-1].astype(float)
        for i, name in enumerate(names):
            rows = table[table["scenario"] == name].set_index("claim").reindex(claims)
            p = rows["probability"].to_numpy(float)
            se = rows["se"].to_numpy(float)
            label = _wrap(scen_labels.get(name) or name, 30)
            style = st.scenario_style(name)
            if kind is ScorecardKind.BARS:
                h = 0.8 / k
                y = pos + (k - 1) / 2 * h - i * h
                ax.barh(
                    y,
                    p,
                    height=h * 0.92,
                    xerr=2 * se,
                    color=style["color"],
                    hatch=style["hatch"],
                    edgecolor="white",
                    linewidth=0.5,
                    gid=f"claims_{name}",
                    label=label,
                    error_kw={"ecolor": st.INK, "elinewidth": 0.9, "capsize": 2},
                )
                for yy, pp, ss in zip(y, p, se, strict=True):
                    if np.isfinite(pp):
                        ax.annotate(
                            f"{pp:.0%}",
                            (min(pp + 2 * ss, 1.0), yy),
                            xytext=(7, 0),
                            textcoords="offset points",
                            va="center",
                            fontsize=8,
                        )
            else:
                # Many scenarios: one marker per scenario on each claim's row (a forest plot),
                # spread vertically so equal probabilities stay distinguishable.
                y = pos + 0.3 - 0.6 * i / max(k - 1, 1)
                ax.errorbar(
                    p,
                    y,
                    xerr=2 * se,
                    fmt=style["marker"],
                    color=style["color"],
                    markersize=6.5,
                    markeredgecolor=st.INK,
                    markeredgewidth=0.5,
                    elinewidth=1.0,
                    capsize=2,
                    gid=f"claims_{name}",
                    label=label,
                )
        if kind is ScorecardKind.DOTS:
            for j, p0 in enumerate(pos):
                if j % 2 == 0:
                    ax.axhspan(p0 - 0.45, p0 + 0.45, color="#F2F2F2", zorder=0, linewidth=0)
        ax.axvline(0.5, color="#777777", linewidth=1, linestyle="--", gid="even_odds")
        ax.set_xlim(-0.02 if kind is ScorecardKind.DOTS else 0, 1.08)
        ax.set_ylim(pos.min() - 0.6, pos.max() + 0.6)
        ax.set_yticks(pos)
        ax.set_yticklabels([_wrap(labels.get(c) or c, 50) for c in claims])
        ax.grid(axis="y", visible=False)
        ax.set_xlabel("Probability the claim holds (% of paths)")
        st.set_value_axis(ax, "share", axis="x")
        if k > 1 and created:
            # A column right of the plot (the footnote owns the space below it).
            fig.legend(*ax.get_legend_handles_labels(), loc="outside right upper", labelspacing=0.9)
        elif k > 1:
            ax.legend(loc="best")
        if k == 1 and len(table):
            likely = int((table["probability"] > 0.5).sum())
            scen = st.humanize(str(names[0])).lower()
            head = (
                f"Scorecard, {scen} scenario: {likely} of {len(claims)} claims of the thesis "
                "hold on more than half of the paths"
            )
        else:
            head = f"Scorecard: probability of each claim of the thesis in {k} scenarios"
        st.set_title(ax, title or head, created)
        shape = "Bars" if kind is ScorecardKind.BARS else "Markers"
        extra = f"{shape}: share of paths on which the claim holds; whiskers: ±2 standard errors."
        return st.finish(fig, created, footnote, st.footnote_text(result, extra))
