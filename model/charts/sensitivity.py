"""Charts of what drives the answer: tornado, rank correlations and Sobol' indices."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from model.charts import style as st
from model.charts.base.cells import fit_notes, narrow_ticks
from model.charts.base.fitting import tall_enough
from model.charts.base.input_words import (
    bar_end_label,
    end_texts,
    input_labels,
    legend_texts,
    short_label,
    shown_label,
    swing_text,
)
from model.charts.text import _thesis_of, sobol_notes
from model.errors import RANK, SOBOL, TORNADO, expect
from model.inputs.figures import quantile_text

__all__ = ["rank_correlation_bars", "sobol_bars", "tornado_chart"]


_LOW_COLOR = st.OKABE_ITO["orange"]
_HIGH_COLOR = st.OKABE_ITO["blue"]


def _two_line_title(head: str, tail_label: str, fig_width: float) -> str:
    """``head`` followed by a quoted label cut so the whole title wraps to two lines at most."""
    room = max(12, 2 * max(40, int(fig_width * 10.0)) - len(head) - 12) + 4
    while True:  # measured: a line of wide letters holds fewer than ten characters an inch
        room = max(12, room - 4)
        title = f"{head}\u201c{short_label(tail_label, room)}\u201d"
        if room == 12 or st.headline(title, fig_width).count("\n") <= 1:
            return title


def _ranked(
    frame: pd.DataFrame, key: pd.Series, top: int | None
) -> tuple[pd.DataFrame, np.ndarray]:
    """The ``top`` rows by ``key`` (largest first; ties keep the analysis order), and the key
    of every row in that order (what a smaller export says of the rows it leaves out)."""
    top = None if top is None else st.whole(top, "top", 1)
    if "label" not in frame:
        frame = frame.assign(label=frame["input"])
    order = key.sort_values(ascending=False, kind="stable")
    frame = frame.reindex(order.index)
    shown = frame.head(len(frame) if top is None else top).reset_index(drop=True)
    return shown, order.to_numpy(float)


def _input_axes(
    frame: pd.DataFrame, ax: Axes | None, year_end: str = "12-31"
) -> tuple[Figure, Axes, bool, np.ndarray]:
    """Figure and axes for one row per input (most important at the top), labelled.

    The figure is tall enough to give every row a label of up to three lines.
    """
    labels = input_labels(frame, year_end)
    lines = sum(label.count("\n") + 1 for label in labels) if len(frame) else 1
    size = (10.0, max(4.0, 1.6 + 0.2 * lines + 0.22 * len(frame)))
    fig, ax, created = st.new_axes(ax, figsize=size)
    pos = np.arange(len(frame))[::-1].astype(float)
    ax.set_yticks(pos)
    ax.set_yticklabels(labels)
    narrow_ticks(ax, created)  # on a caller's subplot: room for the bars and their values
    ax.grid(axis="y", visible=False)
    return fig, ax, created, pos


def _footnote(result: Any, context: str | None, extra: str, *, deterministic: bool) -> str:
    """Footnote: the caller's context line, else the thesis and scenario of ``result``.

    Tornado and Sobol' evaluate the deterministic model, so their footnote names no Monte
    Carlo run even when a run is given for labels.
    """
    if context:
        return f"{context}\n{extra}"
    if result is None:
        return extra
    if deterministic:
        return f"{st.thesis_context(result)}  |  deterministic model\n{extra}"
    return st.footnote_text(result, extra)


def _output_words(result: Any, found: Any) -> tuple[str, str]:
    """(label with year, unit) of the output a sensitivity ``found`` analysed; without a run,
    the year as the analysis names it (FY2030 for a thesis' year not ending in December)."""
    output = str(getattr(found, "output", "output"))
    year = getattr(found, "year", None)
    if result is None:
        from model.valuation.finance.dates import fiscal_year_text

        end = str(getattr(found, "year_end", None) or "12-31")
        at = f" in {fiscal_year_text(int(year), end)}" if year is not None else ""
        return st.humanize(output) + at, ""
    return st.value_words(result, output, year), st.unit_of(result, output)


def _legend_above(ax: Axes, **kwargs: Any) -> None:
    """The legend in a band above the plot: the bars fill the axes, so inside it covers some."""
    ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.01), borderaxespad=0.0, **kwargs)


def tornado_chart(
    tornado: Any,
    ax: Axes | None = None,
    *,
    result: Any = None,
    context: str | None = None,
    unit: str | None = None,
    top: int | None = 12,
    title: str | None = None,
    footnote: bool | None = None,
) -> Figure:
    """Tornado chart: how far the output moves when each input swings from low to high.

    Each input gets two bars starting at the *central case*: the deterministic model with every
    variable at its central value, processes without shocks and events at their median timing
    (:attr:`TornadoResult.central_value`), which is not the Monte Carlo median. The bars reach
    the output with a variable at its low quantile (orange, hatched) and at its high quantile
    (blue), or with an event not happening (orange) and happening (blue); their signed widths
    differ by the input's swing, ``output_at_high - output_at_low``. The inputs' low/high
    values are written at the ends of the bars, rounded by unit (a yes/no input reads "no" /
    "yes", an event "no" / "from <year>").

    Exported smaller than drawn (``fig.set_size_inches(6, 4)`` before saving), the chart keeps
    its labels on one line each at 8 points or more: the inputs with the largest swings that fit
    are shown, and a note under the axis label says how many of how many and that the others
    swing the output by no more than the first left out ("Top 3 of 37 inputs; the others swing
    it \u2264 25.1 HKD"). The rank-correlation and Sobol' charts do the same with |rho| and ST.

    Parameters
    ----------
    tornado : TornadoResult
        From :func:`model.sensitivities.tornado`: its ``central_value`` and its
        ``.to_frame()`` columns input, label, unit, low_value, high_value, output_at_low,
        output_at_high, swing (and kind, event_year).
    ax : Axes, optional
        Axes to draw on; a new figure is made when omitted.
    result : SimulationResult, optional
        A run of the same thesis and scenario: gives the output's label and unit, the thesis
        (to recognise yes/no inputs) and the footnote's thesis file and scenario.
    context : str, optional
        First footnote line (thesis, scenario), replacing the one taken from ``result``.
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
    expect(tornado, TORNADO)
    frame = tornado.to_frame()
    frame, swings = _ranked(frame, frame["swing"].abs(), top)
    label, out_unit = _output_words(result, tornado)
    # The output unit: given, else from the run, else from the analysis when it records one.
    out_unit = unit if unit is not None else (out_unit or str(getattr(tornado, "output_unit", "")))
    base = float(tornado.central_value)
    decimals = st.decimals_for([base])
    central = st.format_value(base, out_unit, decimals)
    lo_q = getattr(tornado, "low_quantile", 0.1)
    hi_q = getattr(tornado, "high_quantile", 0.9)
    # An event's year is named as the thesis names its years (FY2028 for a March year end).
    thesis = _thesis_of(result) if result is not None else None
    year_end = str(
        getattr(thesis, "fiscal_year_end", None) or getattr(tornado, "year_end", None) or "12-31"
    )
    with st.house_style():
        fig, ax, created, pos = _input_axes(frame, ax, year_end)
        sizes = [swing_text(v, out_unit, decimals) for v in swings]
        st.ranked_rows(ax, created, sizes, "swing it")
        low_w = frame["output_at_low"].to_numpy(float) - base
        high_w = frame["output_at_high"].to_numpy(float) - base
        events = "kind" in frame and bool((frame["kind"] == "event").any())
        variables = "kind" not in frame or bool((frame["kind"] != "event").any())
        low_text, high_text = legend_texts(lo_q, hi_q, variables=variables, events=events)
        low_bars = ax.barh(
            pos,
            low_w,
            left=base,
            height=0.62,
            color=_LOW_COLOR,
            hatch="///",
            edgecolor="white",
            linewidth=0.5,
            gid="low",
            label=low_text,
        )
        high_bars = ax.barh(
            pos,
            high_w,
            left=base,
            height=0.62,
            color=_HIGH_COLOR,
            edgecolor="white",
            linewidth=0.5,
            gid="high",
            label=high_text,
        )
        ends = np.concatenate([[base], base + low_w, base + high_w])
        span = float(ends.max() - ends.min()) or 1.0
        rows = frame.to_dict("records")
        for i, (p, row, lw, hw) in enumerate(zip(pos, rows, low_w, high_w, strict=True)):
            texts = end_texts(result, row, year_end)
            # Both ends on one side (an input whose effect is not monotone): the shorter bar is
            # drawn over the longer one and its value written on the other side of the centre.
            # A bar of zero length writes its value on the side away from the other bar.
            same_side = lw * hw > 0
            shorter = 0 if abs(lw) < abs(hw) else 1
            if same_side:
                (low_bars, high_bars)[shorter][i].set_zorder(2.5)
            sides = [float(np.sign(lw)), float(np.sign(hw))]
            if same_side:
                sides[shorter] = -sides[shorter]
            for k in (0, 1):
                if sides[k] == 0:
                    sides[k] = -sides[1 - k] or (-1.0 if k == 0 else 1.0)
            for k, (width, text, color) in enumerate(
                zip((lw, hw), texts, (_LOW_COLOR, _HIGH_COLOR), strict=True)
            ):
                at_centre = sides[k] != np.sign(width)
                bar_end_label(ax, base, width, p, text, color, span, f"value_{row['input']}",
                               side=sides[k], at_centre=at_centre)  # fmt: skip
        ax.axvline(
            base,
            color=st.INK,
            linewidth=1.2,
            gid="base",
            label=f"Central case: {central} (deterministic)",
        )
        ax.set_xlabel(st.axis_label(label, out_unit))
        st.set_value_axis(ax, out_unit, axis="x")
        # Room for the input values written at the bar ends.
        ax.set_xlim(ends.min() - 0.14 * span, ends.max() + 0.14 * span)
        if not created:  # a subplot: as much room as the values written there need
            fit_notes(ax, [f"value_{name}" for name in frame["input"]])
        # Entries that explain variables and events are long: one per row keeps them inside.
        _legend_above(ax, ncols=1 if events and variables else 2)
        head = f"What moves {st.in_sentence(label)} from its central case ({central})"
        if len(frame):
            first = frame.iloc[0]
            head = _two_line_title(
                f"{head}: the largest swing ({sizes[0]}) comes from ",
                shown_label(first),
                fig.get_figwidth(),
            )
        st.set_title(ax, title or head, created, pad=st.legend_clearance(ax, created))
        moves = f"variables at their {quantile_text(lo_q)} / {quantile_text(hi_q)} quantiles" + (
            ", events happening or not" if events else ""
        )
        centre_words = "every input at its central value"
        if events:
            centre_words = "every variable at its central value, events at their median timing"
        extra = (
            f"Tornado on the deterministic model, one input at a time ({moves}), the "
            f"others central. Central case {central}: {centre_words}; it is not the Monte "
            "Carlo median."
        )
        if events and "central_event_year" in frame and frame["central_event_year"].notna().any():
            extra += (
                "\nAn event already in the central case (its label gives the year) moves the value "
                "both ways: 'never' removes it, 'from <year>' has it happen that year instead."
            )
        text = _footnote(result, context, extra, deterministic=True)
        st.finish(fig, created, footnote, text, ax=ax)
        tall_enough(ax, created)
        return fig


def rank_correlation_bars(
    ranks: Any,
    ax: Axes | None = None,
    *,
    result: Any = None,
    context: str | None = None,
    top: int | None = 12,
    title: str | None = None,
    footnote: bool | None = None,
) -> Figure:
    """Spearman rank correlation of each input with the output, with confidence intervals.

    Bars are sorted by ``|rho|``; positive correlations are blue, negative orange and hatched.
    Beside each bar, on the other side of zero (so it never runs off the axes): rho and, in
    brackets, the input's share of the summed squared rank correlations, an approximate
    contribution to the output's variance (exact only for an additive model with independent
    inputs).

    Exported smaller than drawn, the legend's entries wrap, and when wrapped as far as their
    words allow they still reach past the figure's edge, they stand in fewer columns.

    Parameters
    ----------
    ranks : RankCorrelationResult
        ``.to_frame()`` columns input, label, unit, rho, rho_low, rho_high, contribution.
    ax : Axes, optional
        Axes to draw on; a new figure is made when omitted.
    result : SimulationResult, optional
        The run analysed (for the output label and the footnote).
    context : str, optional
        First footnote line, replacing the one taken from ``result``.
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
    expect(ranks, RANK)
    frame = ranks.to_frame()
    frame, rhos = _ranked(frame, frame["rho"].abs(), top)
    label, _ = _output_words(result, ranks)
    with st.house_style():
        fig, ax, created, pos = _input_axes(frame, ax)
        st.ranked_rows(ax, created, [f"{v:.2f}" for v in rhos], "have |rho|")
        rho = frame["rho"].to_numpy(float)
        err = np.vstack(
            [rho - frame["rho_low"].to_numpy(float), frame["rho_high"].to_numpy(float) - rho]
        )
        bars = ax.barh(
            pos,
            rho,
            height=0.62,
            color=[_HIGH_COLOR if r >= 0 else _LOW_COLOR for r in rho],
            xerr=err,
            gid="rho",
            error_kw={"ecolor": st.INK, "elinewidth": 1, "capsize": 3},
        )
        for bar, r in zip(bars, rho, strict=True):
            if r < 0:
                bar.set_hatch("///")
        for p, r, c in zip(pos, rho, frame["contribution"].to_numpy(float), strict=True):
            ax.annotate(
                f"{r:+.2f} ({c:.0%})",
                (0.0, p),
                xytext=(-6 if r >= 0 else 6, 0),
                textcoords="offset points",
                ha="right" if r >= 0 else "left",
                va="center",
                fontsize=8,
                color=st.INK,
                gid="rho_label",
            )
        ax.axvline(0, color=st.INK, linewidth=1)
        ax.set_xlim(*_rank_limits(rho, frame["rho_low"].to_numpy(float),
                                  frame["rho_high"].to_numpy(float)))  # fmt: skip
        if not created:  # a subplot: as much room as the labels need
            fit_notes(ax, ["rho_label"])
        ax.set_xlabel("Spearman rank correlation with the output (-1 to 1, unitless)")
        ax.legend(
            handles=[
                Patch(color=_HIGH_COLOR),
                Patch(facecolor=_LOW_COLOR, hatch="///"),
                Patch(alpha=0),
            ],
            labels=[
                "Rises with the output",
                "Falls as the output rises",
                "(x%): share of rank-correlation\u00b2\n(approx. contribution to variance)",
            ],
            loc="lower left",
            bbox_to_anchor=(0.0, 1.01),
            borderaxespad=0.0,
            # Three abreast are wider than a subplot of the caller's grid: one a row there.
            ncols=3 if created else 1,
        )
        head = f"Which inputs move with {st.in_sentence(label)}: rank correlation across paths"
        st.set_title(ax, title or head, created, pad=st.legend_clearance(ax, created))
        level = getattr(ranks, "conf_level", 0.95)
        extra = (
            f"Bars: Spearman rho over {getattr(ranks, 'n_paths', 0):,} paths; whiskers: "
            f"{level:.0%} confidence interval. Events count by occurrences, processes by "
            "their yearly shocks."
        )
        text = _footnote(result, context, extra, deterministic=False)
        st.finish(fig, created, footnote, text, ax=ax)
        tall_enough(ax, created)
        return fig


def _rank_limits(rho: np.ndarray, low: np.ndarray, high: np.ndarray) -> tuple[float, float]:
    """x limits fitted to the bars and their intervals, with room on the other side of zero
    for the labels (a positive bar's label sits left of zero, a negative one's right)."""
    if not rho.size:
        return -1.0, 1.0
    left = min(0.0, float(np.nanmin(low)))
    right = max(0.0, float(np.nanmax(high)))
    reach = max(abs(left), abs(right), 0.05)
    # A label "+0.34 (11%)" takes about a fifth of the widest bar's length.
    room = 0.32 * reach
    if np.any(rho >= 0):
        left = min(left, -room)
    if np.any(rho < 0):
        right = max(right, room)
    pad = 0.04 * (right - left)
    return max(-1.0, left - pad), min(1.0, right + pad)


def sobol_bars(
    sobol: Any,
    ax: Axes | None = None,
    *,
    result: Any = None,
    context: str | None = None,
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
    context : str, optional
        First footnote line, replacing the one taken from ``result``.
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
    expect(sobol, SOBOL)
    frame = sobol.to_frame()
    frame, totals = _ranked(frame, frame["ST"], top)
    label, _ = _output_words(result, sobol)
    with st.house_style():
        fig, ax, created, pos = _input_axes(frame, ax)
        st.ranked_rows(ax, created, [f"{v:.0%}" for v in totals], "have ST")
        h = 0.36
        err = {"ecolor": st.INK, "elinewidth": 1, "capsize": 3}
        st_val = frame["ST"].to_numpy(float)
        s1_val = frame["S1"].to_numpy(float)
        st_conf = frame["ST_conf"].to_numpy(float)
        s1_conf = frame["S1_conf"].to_numpy(float)
        # An index cannot be negative: estimates and whiskers below 0 are cut at 0 (and said).
        s1_shown = np.maximum(s1_val, 0.0)
        st_shown = np.maximum(st_val, 0.0)
        s1_lower = np.minimum(s1_conf, s1_shown)
        st_lower = np.minimum(st_conf, st_shown)
        cut = bool(np.any(s1_val - s1_conf < 0) or np.any(st_val - st_conf < 0))
        ax.barh(
            pos + h / 2,
            st_shown,
            height=h,
            xerr=np.vstack([st_lower, st_conf]),
            color=_HIGH_COLOR,
            edgecolor="white",
            gid="ST",
            label="Total effect ST (alone and with interactions)",
            error_kw=err,
        )
        ax.barh(
            pos - h / 2,
            s1_shown,
            height=h,
            xerr=np.vstack([s1_lower, s1_conf]),
            color=_LOW_COLOR,
            hatch="///",
            edgecolor="white",
            gid="S1",
            label="First-order effect S1 (alone)",
            error_kw=err,
        )
        # Scaled to the largest index (not to 100%) so small indices stay readable.
        most = float(np.max(np.maximum(st_val + st_conf, s1_val + s1_conf))) if len(frame) else 1
        ax.set_xlim(0.0, min(1.05, max(0.1, most * 1.08)))
        ax.set_xlabel("Share of the output's variance (%)")
        st.set_value_axis(ax, "share", axis="x")
        _legend_above(ax, ncols=2)
        head = f"What drives the uncertainty in {st.in_sentence(label)}"
        if len(frame):
            first = frame.iloc[0]
            head = _two_line_title(
                f"{head}: {first['ST']:.0%} of the variance (total effect) comes from ",
                shown_label(first),
                fig.get_figwidth(),
            )
        st.set_title(ax, title or head, created, pad=st.legend_clearance(ax, created))
        level = getattr(sobol, "conf_level", 0.95)
        lines = [
            f"Sobol' indices (Saltelli) on the deterministic model: base sample "
            f"{getattr(sobol, 'n_base', 0):,}, {getattr(sobol, 'n_evaluations', 0):,} model runs, "
            f"seed {getattr(sobol, 'seed_entropy', '?')}."
        ]
        whiskers = f"Whiskers: {level:.0%} bootstrap intervals" + (
            ", cut at 0% (an index cannot be negative)." if cut else "."
        )
        if bool(np.any(s1_val > st_val)):
            whiskers += " S1 above ST is estimation noise: in theory S1 \u2264 ST."
        lines.append(whiskers)
        notes = sobol_notes(tuple(getattr(sobol, "notes", ())))
        if notes:
            lines.append(notes)
        text = _footnote(result, context, "\n".join(lines), deterministic=True)
        st.finish(fig, created, footnote, text, ax=ax)
        tall_enough(ax, created)
        return fig
