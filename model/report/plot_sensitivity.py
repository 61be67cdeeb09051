"""Charts of what drives the answer and what to watch: tornado, ranks, Sobol, scorecard."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from enum import Enum
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from model.report import plot_style as st

__all__ = [
    "ScorecardKind",
    "rank_correlation_bars",
    "scorecard_chart",
    "scorecard_table",
    "sobol_bars",
    "tornado_chart",
]

class ScorecardKind(str, Enum):  # noqa: UP042 (project convention: str, Enum)
    """How :func:`scorecard_chart` draws the claims."""

    AUTO = "auto"
    BARS = "bars"
    DOTS = "dots"


_LOW_COLOR = st.OKABE_ITO["orange"]
_HIGH_COLOR = st.OKABE_ITO["blue"]


def _wrap(text: str, width: int = 34) -> str:
    return textwrap.fill(str(text), width, break_on_hyphens=False)


def _input_labels(frame: pd.DataFrame) -> list[str]:
    """Wrapped tick labels of the inputs (their thesis label, else their name)."""
    # Events and unlabelled inputs carry their snake_case name as label: make it readable.
    return [_wrap(r.label if r.label and r.label != r.input else st.humanize(r.input), 42)
            for r in frame.itertuples(index=False)]


def _bar_figsize(frame: pd.DataFrame) -> tuple[float, float]:
    """Figure size giving every input row room for a label of up to three lines."""
    lines = sum(label.count("\n") + 1 for label in _input_labels(frame)) if len(frame) else 1
    return 10.0, max(4.0, 1.6 + 0.2 * lines + 0.22 * len(frame))


def _context_footnote(result: Any, extra: str) -> str:
    """Footnote for charts of sensitivity results, using a simulation result when given."""
    if result is None:
        return extra
    return st.footnote_text(result, extra)


def _output_words(result: Any, output: str, year: Any) -> tuple[str, str]:
    """(label with year, unit) of the analysed output."""
    label = st.output_label(result, output) if result is not None else st.humanize(output)
    unit = st.unit_of(result, output) if result is not None else ""
    return (f"{label} in {year}" if year is not None else label), unit


def tornado_chart(
    tornado: Any,
    ax: Axes | None = None,
    *,
    result: Any = None,
    unit: str | None = None,
    top: int | None = 12,
    title: str | None = None,
    footnote: bool | None = None,
) -> Figure:
    """Tornado chart: how far the output moves when each input swings from low to high.

    Each input gets two bars starting at the base case (every input central): to the output
    with the input at its low quantile (orange, hatched) and at its high quantile (blue). The
    signed widths of the two bars differ by the input's swing, ``output_at_high -
    output_at_low``. The inputs' low/high values are written at the ends of the bars.

    Parameters
    ----------
    tornado : TornadoResult
        From :func:`model.report.sensitivity.tornado` (``.to_frame()`` columns input, label,
        unit, low_value, high_value, output_at_low, output_at_high, swing, base).
    ax : Axes, optional
        Axes to draw on; a new figure is made when omitted.
    result : SimulationResult, optional
        A run of the same thesis and scenario: gives the output's label and unit and the
        footnote's thesis file and scenario.
    unit : str, optional
        Unit of the output (overrides the one from ``result``).
    top : int or None, default 12
        Number of inputs drawn, largest swing first (None: all).
    title : str, optional
        Replaces the default title.
    footnote : bool, optional
        Add the footnote; by default only on a figure made here.

    Returns
    -------
    Figure
    """
    frame = tornado.to_frame()
    frame = frame.reindex(frame["swing"].abs().sort_values(ascending=False, kind="stable").index)
    frame = frame.head(len(frame) if top is None else top).reset_index(drop=True)
    output = getattr(tornado, "output", "output")
    year = getattr(tornado, "year", None)
    label, out_unit = _output_words(result, output, year)
    # The output unit: given, else from the run, else from the analysis when it records one.
    out_unit = unit if unit is not None else (out_unit or str(getattr(tornado, "output_unit", "")))
    base = float(frame["base"].iloc[0]) if len(frame) else float(getattr(tornado, "base", 0.0))
    lo_q = getattr(tornado, "low_quantile", 0.1)
    hi_q = getattr(tornado, "high_quantile", 0.9)
    with st.house_style():
        fig, ax, created = st.new_axes(ax, figsize=_bar_figsize(frame))
        pos = np.arange(len(frame))[::-1].astype(float)
        low_w = frame["output_at_low"].to_numpy(float) - base
        high_w = frame["output_at_high"].to_numpy(float) - base
        ax.barh(pos, low_w, left=base, height=0.62, color=_LOW_COLOR, hatch="///",
                edgecolor="white", linewidth=0.5, gid="low",
                label=f"Input at its {lo_q:.0%} quantile")
        ax.barh(pos, high_w, left=base, height=0.62, color=_HIGH_COLOR, edgecolor="white",
                linewidth=0.5, gid="high", label=f"Input at its {hi_q:.0%} quantile")
        for p, row, lw, hw in zip(pos, frame.itertuples(index=False), low_w, high_w, strict=True):
            for width, value in ((lw, row.low_value), (hw, row.high_value)):
                ax.annotate(st.format_value(float(value), row.unit), (base + width, p),
                            xytext=(4 if width >= 0 else -4, 0), textcoords="offset points",
                            ha="left" if width >= 0 else "right", va="center", fontsize=8,
                            color=st.INK)
        ax.axvline(base, color=st.INK, linewidth=1.2, gid="base")
        ax.set_yticks(pos)
        ax.set_yticklabels(_input_labels(frame))
        ax.grid(axis="y", visible=False)
        ax.set_xlabel(st.axis_label(label, out_unit))
        st.set_value_axis(ax, out_unit, axis="x")
        # Room for the input values written at the bar ends.
        ends = np.concatenate([[base], base + low_w, base + high_w])
        span = float(ends.max() - ends.min()) or 1.0
        ax.set_xlim(ends.min() - 0.14 * span, ends.max() + 0.14 * span)
        ax.legend(loc="lower right")
        if len(frame):
            first = frame.iloc[0]
            head = (f"What moves {label.lower()}: the largest swing "
                    f"({st.format_value(abs(float(first['swing'])), out_unit)}) comes from "
                    f"\u201c{first['label'] or first['input']}\u201d")
        else:
            head = f"What moves {label.lower()}"
        st.set_title(ax, title or head, created)
        extra = (f"Tornado: one input at a time at its {lo_q:.0%} / {hi_q:.0%} quantile, all "
                 f"others at their central values; base case {st.format_value(base, out_unit)}.")
        return st.finish(fig, created, footnote, _context_footnote(result, extra))


def rank_correlation_bars(
    ranks: Any,
    ax: Axes | None = None,
    *,
    result: Any = None,
    top: int | None = 12,
    title: str | None = None,
    footnote: bool | None = None,
) -> Figure:
    """Spearman rank correlation of each input with the output, with confidence intervals.

    Bars are sorted by ``|rho|``; positive correlations are blue, negative orange and hatched.
    The share of variance each input explains (``rho**2`` normalised) is written at the bar.

    Parameters
    ----------
    ranks : RankCorrelationResult
        ``.to_frame()`` columns input, label, unit, rho, rho_low, rho_high, contribution.
    ax : Axes, optional
        Axes to draw on; a new figure is made when omitted.
    result : SimulationResult, optional
        The run analysed (for the output label and the footnote).
    top : int or None, default 12
        Number of inputs drawn (None: all).
    title : str, optional
        Replaces the default title.
    footnote : bool, optional
        Add the footnote; by default only on a figure made here.

    Returns
    -------
    Figure
    """
    frame = ranks.to_frame()
    frame = frame.reindex(frame["rho"].abs().sort_values(ascending=False, kind="stable").index)
    frame = frame.head(len(frame) if top is None else top).reset_index(drop=True)
    label, _ = _output_words(result, getattr(ranks, "output", "output"),
                             getattr(ranks, "year", None))
    with st.house_style():
        fig, ax, created = st.new_axes(ax, figsize=_bar_figsize(frame))
        pos = np.arange(len(frame))[::-1].astype(float)
        rho = frame["rho"].to_numpy(float)
        err = np.vstack([rho - frame["rho_low"].to_numpy(float),
                         frame["rho_high"].to_numpy(float) - rho])
        colors = [_HIGH_COLOR if r >= 0 else _LOW_COLOR for r in rho]
        bars = ax.barh(pos, rho, height=0.62, color=colors, xerr=err, gid="rho",
                       error_kw={"ecolor": st.INK, "elinewidth": 1, "capsize": 3})
        for bar, r in zip(bars, rho, strict=True):
            if r < 0:
                bar.set_hatch("///")
        for p, r, c in zip(pos, rho, frame["contribution"].to_numpy(float), strict=True):
            ax.annotate(f"{r:+.2f} ({c:.0%} of variance)", (r, p),
                        xytext=(6 if r >= 0 else -6, -10), textcoords="offset points",
                        ha="left" if r >= 0 else "right", va="center", fontsize=8)
        ax.axvline(0, color=st.INK, linewidth=1)
        ax.set_xlim(-1.05, 1.05)
        ax.set_yticks(pos)
        ax.set_yticklabels(_input_labels(frame))
        ax.grid(axis="y", visible=False)
        ax.set_xlabel("Spearman rank correlation with the output (-1 to 1, unitless)")
        head = f"Which inputs move with {label.lower()}: rank correlation across paths"
        st.set_title(ax, title or head, created)
        level = getattr(ranks, "conf_level", 0.95)
        extra = (f"Bars: Spearman rho over {getattr(ranks, 'n_paths', 0):,} paths; whiskers: "
                 f"{level:.0%} confidence interval.")
        return st.finish(fig, created, footnote, _context_footnote(result, extra))


def sobol_bars(
    sobol: Any,
    ax: Axes | None = None,
    *,
    result: Any = None,
    top: int | None = 12,
    title: str | None = None,
    footnote: bool | None = None,
) -> Figure:
    """Sobol' indices: first-order (S1) and total (ST) share of the output's variance per input.

    Parameters
    ----------
    sobol : SobolResult
        ``.to_frame()`` columns input, S1, S1_conf, ST, ST_conf (and label, unit).
    ax : Axes, optional
        Axes to draw on; a new figure is made when omitted.
    result : SimulationResult, optional
        A run of the same thesis and scenario (for the output label and the footnote).
    top : int or None, default 12
        Number of inputs drawn, largest ST first (None: all).
    title : str, optional
        Replaces the default title.
    footnote : bool, optional
        Add the footnote; by default only on a figure made here.

    Returns
    -------
    Figure
    """
    frame = sobol.to_frame()
    frame = frame.reindex(frame["ST"].sort_values(ascending=False, kind="stable").index)
    frame = frame.head(len(frame) if top is None else top).reset_index(drop=True)
    if "label" not in frame:
        frame["label"] = frame["input"]
    label, _ = _output_words(result, getattr(sobol, "output", "output"),
                             getattr(sobol, "year", None))
    with st.house_style():
        fig, ax, created = st.new_axes(ax, figsize=_bar_figsize(frame))
        pos = np.arange(len(frame))[::-1].astype(float)
        h = 0.36
        err = {"ecolor": st.INK, "elinewidth": 1, "capsize": 3}
        ax.barh(pos + h / 2, frame["ST"], height=h, xerr=frame["ST_conf"], color=_HIGH_COLOR,
                edgecolor="white", gid="ST", label="Total effect ST (incl. interactions)",
                error_kw=err)
        ax.barh(pos - h / 2, frame["S1"], height=h, xerr=frame["S1_conf"], color=_LOW_COLOR,
                hatch="///", edgecolor="white", gid="S1", label="First-order effect S1 (alone)",
                error_kw=err)
        ax.set_yticks(pos)
        ax.set_yticklabels(_input_labels(frame))
        ax.grid(axis="y", visible=False)
        # Scaled to the largest index (not to 100%) so small indices stay readable.
        top = float((frame["ST"] + frame["ST_conf"]).max()) if len(frame) else 1.0
        ax.set_xlim(min(0.0, float((frame["S1"] - frame["S1_conf"]).min()) - 0.02),
                    min(1.05, max(0.1, top * 1.15)))
        ax.set_xlabel("Share of the output's variance (%)")
        st.set_value_axis(ax, "share", axis="x")
        ax.legend(loc="lower right")
        if len(frame):
            first = frame.iloc[0]
            head = (f"What drives the uncertainty in {label.lower()}: "
                    f"\u201c{first['label'] or first['input']}\u201d explains "
                    f"{first['ST']:.0%} of the variance (total effect)")
        else:
            head = f"What drives the uncertainty in {label.lower()}"
        st.set_title(ax, title or head, created)
        level = getattr(sobol, "conf_level", 0.95)
        extra = (f"Sobol' indices (Saltelli), base sample {getattr(sobol, 'n_base', 0):,}, "
                 f"{getattr(sobol, 'n_evaluations', 0):,} model runs, seed "
                 f"{getattr(sobol, 'seed_entropy', '?')}; whiskers: {level:.0%} bootstrap "
                 "interval.")
        return st.finish(fig, created, footnote, _context_footnote(result, extra))


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
    scen_labels = dict(zip(table["scenario"], table["scenario_label"], strict=False))
    k = max(len(names), 1)
    kind = ScorecardKind(kind)
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
            if kind is ScorecardKind.BARS:
                h = 0.8 / k
                y = pos + (k - 1) / 2 * h - i * h
                ax.barh(y, p, height=h * 0.92, xerr=2 * se, color=st.COLORS[i % len(st.COLORS)],
                        hatch=st.HATCHES[i % len(st.HATCHES)], edgecolor="white",
                        linewidth=0.5, gid=f"claims_{name}", label=label,
                        error_kw={"ecolor": st.INK, "elinewidth": 0.9, "capsize": 2})
                for yy, pp, ss in zip(y, p, se, strict=True):
                    if np.isfinite(pp):
                        ax.annotate(f"{pp:.0%}", (min(pp + 2 * ss, 1.0), yy), xytext=(7, 0),
                                    textcoords="offset points", va="center", fontsize=8)
            else:
                # Many scenarios: one marker per scenario on each claim's row (a forest plot),
                # spread vertically so equal probabilities stay distinguishable.
                y = pos + 0.3 - 0.6 * i / max(k - 1, 1)
                style = st.series_style(i)
                ax.errorbar(p, y, xerr=2 * se, fmt=style["marker"], color=style["color"],
                            markersize=6.5, markeredgecolor=st.INK, markeredgewidth=0.5,
                            elinewidth=1.0, capsize=2, gid=f"claims_{name}", label=label)
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
            fig.legend(*ax.get_legend_handles_labels(), loc="outside right upper",
                       labelspacing=0.9)
        elif k > 1:
            ax.legend(loc="best")
        if k == 1 and len(table):
            likely = int((table["probability"] > 0.5).sum())
            scen = st.humanize(str(names[0])).lower()
            head = (f"Scorecard, {scen} scenario: {likely} of {len(claims)} claims of the thesis "
                    "hold on more than half of the paths")
        else:
            head = f"Scorecard: probability of each claim of the thesis in {k} scenarios"
        st.set_title(ax, title or head, created)
        shape = "Bars" if kind is ScorecardKind.BARS else "Markers"
        extra = f"{shape}: share of paths on which the claim holds; whiskers: ±2 standard errors."
        return st.finish(fig, created, footnote, st.footnote_text(result, extra))
