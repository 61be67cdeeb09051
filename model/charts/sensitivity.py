"""Charts of what drives the answer: tornado, rank correlations and Sobol' indices."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from typing import Any, cast

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from model.charts import style as st

__all__ = ["rank_correlation_bars", "sobol_bars", "tornado_chart"]


_LOW_COLOR = st.OKABE_ITO["orange"]
_HIGH_COLOR = st.OKABE_ITO["blue"]


def _wrap(text: str, width: int = 34) -> str:
    return textwrap.fill(str(text), width, break_on_hyphens=False)


#: What the tick label adds for inputs that are not plain variables.
_KIND_WORDS = {"event": "event", "shocks": "yearly shocks"}


def _input_labels(frame: pd.DataFrame) -> list[str]:
    """Wrapped tick labels of the inputs (their thesis label, else their name, and kind)."""
    out = []
    for row in frame.to_dict("records"):
        # Events and unlabelled inputs carry their snake_case name as label: make it readable.
        text = (
            row["label"]
            if row["label"] and row["label"] != row["input"]
            else st.humanize(row["input"])
        )
        kind = _KIND_WORDS.get(str(row.get("kind", "")))
        if kind and kind.split()[-1].rstrip("s") not in text.lower():
            text += f" ({kind})"
        out.append(_wrap(text, 42))
    return out


def _ranked(frame: pd.DataFrame, key: pd.Series, top: int | None) -> pd.DataFrame:
    """The ``top`` rows by ``key`` (largest first; ties keep the analysis order)."""
    if "label" not in frame:
        frame = frame.assign(label=frame["input"])
    frame = frame.reindex(key.sort_values(ascending=False, kind="stable").index)
    return frame.head(len(frame) if top is None else top).reset_index(drop=True)


def _input_axes(frame: pd.DataFrame, ax: Axes | None) -> tuple[Figure, Axes, bool, np.ndarray]:
    """Figure and axes for one row per input (most important at the top), labelled.

    The figure is tall enough to give every row a label of up to three lines.
    """
    labels = _input_labels(frame)
    lines = sum(label.count("\n") + 1 for label in labels) if len(frame) else 1
    size = (10.0, max(4.0, 1.6 + 0.2 * lines + 0.22 * len(frame)))
    fig, ax, created = st.new_axes(ax, figsize=size)
    pos = np.arange(len(frame))[::-1].astype(float)
    ax.set_yticks(pos)
    ax.set_yticklabels(labels)
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


def _output_words(result: Any, output: str, year: Any) -> tuple[str, str]:
    """(label with year, unit) of the analysed output."""
    if result is None:
        return (st.humanize(output) + (f" in {year}" if year is not None else "")), ""
    return st.value_words(result, output, year), st.unit_of(result, output)


def _is_yes_no(result: Any, name: str, low: float, high: float, unit: str) -> bool:
    """True for a yes/no input: a bernoulli assumption, or a unitless 0/1 swing."""
    thesis = getattr(result, "thesis", None)
    assumption = (getattr(thesis, "assumptions", None) or {}).get(name)
    family = getattr(getattr(assumption, "dist", None), "family", None)
    if family is not None:
        return str(family) == "bernoulli"
    return unit.strip() in {"", "1"} and {float(low), float(high)} <= {0.0, 1.0}


def _legend_above(ax: Axes, **kwargs: Any) -> None:
    """The legend in a band above the plot: the bars fill the axes, so inside it covers some."""
    ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.01), borderaxespad=0.0, **kwargs)


def _bar_end_label(
    ax: Axes, base: float, width: float, y: float, text: str, color: str, span: float, gid: str
) -> None:
    """Write ``text`` at the end of a bar: outside it, or inside a long bar when it is long.

    A long text outside a long bar would run past the axes into the input labels.
    """
    outward = 1 if width >= 0 else -1
    inside = len(text) > 8 and abs(width) > 0.3 * span
    side = -outward if inside else outward
    ax.annotate(
        text,
        (base + width, y),
        xytext=(4 * side, 0),
        textcoords="offset points",
        ha="left" if side > 0 else "right",
        va="center",
        fontsize=8,
        color="white" if inside else st.INK,
        gid=gid,
        fontweight="bold" if inside else "normal",
        bbox={"boxstyle": "square,pad=0.1", "facecolor": color, "edgecolor": "none"}
        if inside
        else None,
    )


def _end_texts(result: Any, row: Mapping[str, Any]) -> tuple[str, str]:
    """What the input is at the low and the high end of its bars.

    An event's bars say whether it happens; the "happens" end names the year it starts in,
    since the tornado puts it in one year (the legend says what the ends mean).
    """
    if str(row.get("kind", "")) == "event":
        year = row.get("event_year")
        known = year is not None and not pd.isna(year)
        return "no", f"from {int(cast(float, year))}" if known else "yes"
    low, high, unit = float(row["low_value"]), float(row["high_value"]), str(row["unit"])
    yes_no = _is_yes_no(result, str(row["input"]), low, high, unit)
    return (st.format_input(low, unit, yes_no=yes_no), st.format_input(high, unit, yes_no=yes_no))


def _legend_texts(lo_q: float, hi_q: float, *, variables: bool, events: bool) -> tuple[str, str]:
    """Legend entries of the low and high bars: a quantile is only claimed for variables."""
    if not events:
        return f"Input at its {lo_q:.0%} quantile", f"Input at its {hi_q:.0%} quantile"
    if not variables:
        return "Event does not happen", "Event happens"
    return (
        f"Variable at its {lo_q:.0%} quantile; event does not happen",
        f"Variable at its {hi_q:.0%} quantile; event happens",
    )


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
    frame = tornado.to_frame()
    frame = _ranked(frame, frame["swing"].abs(), top)
    output = getattr(tornado, "output", "output")
    label, out_unit = _output_words(result, output, getattr(tornado, "year", None))
    # The output unit: given, else from the run, else from the analysis when it records one.
    out_unit = unit if unit is not None else (out_unit or str(getattr(tornado, "output_unit", "")))
    base = float(tornado.central_value)
    central = st.format_value(base, out_unit)
    lo_q = getattr(tornado, "low_quantile", 0.1)
    hi_q = getattr(tornado, "high_quantile", 0.9)
    with st.house_style():
        fig, ax, created, pos = _input_axes(frame, ax)
        low_w = frame["output_at_low"].to_numpy(float) - base
        high_w = frame["output_at_high"].to_numpy(float) - base
        events = "kind" in frame and bool((frame["kind"] == "event").any())
        variables = "kind" not in frame or bool((frame["kind"] != "event").any())
        low_text, high_text = _legend_texts(lo_q, hi_q, variables=variables, events=events)
        ax.barh(
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
        ax.barh(
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
        for p, row, lw, hw in zip(pos, frame.to_dict("records"), low_w, high_w, strict=True):
            texts = _end_texts(result, row)
            for width, text, color in zip((lw, hw), texts, (_LOW_COLOR, _HIGH_COLOR), strict=True):
                _bar_end_label(ax, base, width, p, text, color, span, f"value_{row['input']}")
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
        # Entries that explain variables and events are long: one per row keeps them inside.
        _legend_above(ax, ncols=1 if events and variables else 2)
        head = f"What moves {label.lower()} from its central case ({central})"
        if len(frame):
            first = frame.iloc[0]
            swing = st.format_value(abs(float(first["swing"])), out_unit)
            head += (
                f": the largest swing ({swing}) comes from "
                f"\u201c{first['label'] or first['input']}\u201d"
            )
        st.set_title(ax, title or head, created)
        moves = f"variables at their {lo_q:.0%} / {hi_q:.0%} quantiles" + (
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
        text = _footnote(result, context, extra, deterministic=True)
        return st.finish(fig, created, footnote, text)


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
    frame = ranks.to_frame()
    frame = _ranked(frame, frame["rho"].abs(), top)
    label, _ = _output_words(
        result, getattr(ranks, "output", "output"), getattr(ranks, "year", None)
    )
    with st.house_style():
        fig, ax, created, pos = _input_axes(frame, ax)
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
        ax.set_xlim(-1.05, 1.05)
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
            ncols=3,
        )
        head = f"Which inputs move with {label.lower()}: rank correlation across paths"
        st.set_title(ax, title or head, created)
        level = getattr(ranks, "conf_level", 0.95)
        extra = (
            f"Bars: Spearman rho over {getattr(ranks, 'n_paths', 0):,} paths; whiskers: "
            f"{level:.0%} confidence interval. Events count by occurrences, processes by "
            "their yearly shocks."
        )
        text = _footnote(result, context, extra, deterministic=False)
        return st.finish(fig, created, footnote, text)


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
    frame = sobol.to_frame()
    frame = _ranked(frame, frame["ST"], top)
    label, _ = _output_words(
        result, getattr(sobol, "output", "output"), getattr(sobol, "year", None)
    )
    with st.house_style():
        fig, ax, created, pos = _input_axes(frame, ax)
        h = 0.36
        err = {"ecolor": st.INK, "elinewidth": 1, "capsize": 3}
        ax.barh(
            pos + h / 2,
            frame["ST"],
            height=h,
            xerr=frame["ST_conf"],
            color=_HIGH_COLOR,
            edgecolor="white",
            gid="ST",
            label="Total effect ST (incl. interactions)",
            error_kw=err,
        )
        ax.barh(
            pos - h / 2,
            frame["S1"],
            height=h,
            xerr=frame["S1_conf"],
            color=_LOW_COLOR,
            hatch="///",
            edgecolor="white",
            gid="S1",
            label="First-order effect S1 (alone)",
            error_kw=err,
        )
        # Scaled to the largest index (not to 100%) so small indices stay readable.
        most = float((frame["ST"] + frame["ST_conf"]).max()) if len(frame) else 1.0
        ax.set_xlim(
            min(0.0, float((frame["S1"] - frame["S1_conf"]).min()) - 0.02),
            min(1.05, max(0.1, most * 1.15)),
        )
        ax.set_xlabel("Share of the output's variance (%)")
        st.set_value_axis(ax, "share", axis="x")
        _legend_above(ax, ncols=2)
        head = f"What drives the uncertainty in {label.lower()}"
        if len(frame):
            first = frame.iloc[0]
            head += (
                f": \u201c{first['label'] or first['input']}\u201d explains "
                f"{first['ST']:.0%} of the variance (total effect)"
            )
        st.set_title(ax, title or head, created)
        level = getattr(sobol, "conf_level", 0.95)
        notes = tuple(getattr(sobol, "notes", ()))
        # A note on ignored correlations already says the inputs are sampled independently.
        said = any("independently" in note for note in notes)
        extra = (
            "Sobol' indices (Saltelli) on the deterministic model"
            + ("" if said else ", inputs sampled independently")
            + f": base sample {getattr(sobol, 'n_base', 0):,}, "
            f"{getattr(sobol, 'n_evaluations', 0):,} model runs, seed "
            f"{getattr(sobol, 'seed_entropy', '?')}; whiskers: {level:.0%} bootstrap "
            "interval."
        )
        if notes:  # what the indices leave out belongs next to them, not only in the files
            extra += " Notes: " + "; ".join(notes) + "."
        text = _footnote(result, context, extra, deterministic=True)
        return st.finish(fig, created, footnote, text)
