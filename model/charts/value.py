"""The distribution of value per share (or any output) in one run, against the thesis price.

Scenarios side by side are in :mod:`model.charts.scenarios`, which shares the helpers here.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from enum import Enum
from typing import Any, cast

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from model.charts import style as st
from model.errors import HorizonError, UnknownScenarioError

__all__ = ["DistributionKind", "final_values", "value_distribution"]

#: Scenarios marked on the value distribution of a comparison, when present (order = left-right).
DEFAULT_MARKS: tuple[str, ...] = ("bear", "base", "bull")
_VALUE = "value_per_share"


class DistributionKind(str, Enum):  # noqa: UP042 (project convention: str, Enum)
    """How :func:`value_distribution` draws the distribution."""

    HIST = "hist"
    CDF = "cdf"


# -- data helpers -------------------------------------------------------------------------------


def final_values(result: Any, output: str, year: int | None = None) -> np.ndarray:
    """Per-path values of ``output`` in ``year`` (default: the exit year; (n,) outputs as is).

    Raises
    ------
    HorizonError
        If ``year`` is outside the result's years.
    """
    if year is None or output not in result.outputs:
        # final() also raises the did-you-mean error for an unknown output.
        return np.asarray(result.final(output), dtype=float)
    arr = np.asarray(result.outputs[output], dtype=float)
    if arr.ndim == 1:
        return arr
    years = [int(y) for y in result.years]
    if int(year) not in years:
        raise HorizonError(year, years)
    return arr[:, years.index(int(year))]


def value_year(result: Any, output: str, year: int | None) -> int | None:
    if np.asarray(result.outputs[output]).ndim == 1:
        return None
    return int(year) if year is not None else int(result.years[-1])


def _split(result_or_comparison: Any, scenario: str | None) -> tuple[Any, Mapping[str, Any]]:
    """(result to draw, mapping of all scenario results: empty for a single result)."""
    results = getattr(result_or_comparison, "results", None)
    if not isinstance(results, Mapping):
        return result_or_comparison, {}
    if scenario is None:
        scenario = "base" if "base" in results else next(iter(results))
    if scenario not in results:
        raise UnknownScenarioError(scenario, results)
    return results[scenario], results


def upside(values: np.ndarray, price: float) -> tuple[float, float]:
    """P(value > price) and its binomial standard error."""
    p = float(np.mean(values > price))
    return p, float(np.sqrt(p * (1.0 - p) / len(values)))


def has_price(result: Any, output: str) -> bool:
    return st.unit_of(result, output).endswith("/share") and np.isfinite(
        float(getattr(result, "price", np.nan))
    )


def _hist_edges(values: np.ndarray, bins: int) -> tuple[np.ndarray, np.ndarray, bool]:
    """Bin edges whose width is set by the central 99% of values; all values are binned.

    Returns (values to bin, edges, clipped). Bins run over the full range so the counts add up
    to the number of paths; only when the tails are extreme (more than 20x the bins needed) are
    tail values piled into the end bins instead.
    """
    lo, hi = np.quantile(values, [0.005, 0.995])
    vmin, vmax = float(values.min()), float(values.max())
    if hi <= lo:
        return values, np.linspace(vmin - 0.5, vmax + 0.5, bins + 1), False
    width = (hi - lo) / bins
    first = np.floor((vmin - lo) / width)
    last = np.ceil((vmax - lo) / width)
    if last - first <= 20 * bins:
        return values, lo + width * np.arange(first, last + 1), False
    return np.clip(values, lo, hi), np.linspace(lo, hi, bins + 1), True


def label_above(ax: Axes, x: float, text: str, gid: str, **box: Any) -> None:
    """Write ``text`` just above the plot area at data position ``x`` (never over the data).

    The constrained layout makes room for it between the headline and the axes.
    """
    lo, hi = ax.get_xlim()
    frac = (x - lo) / (hi - lo) if hi > lo else 0.5
    # Near an edge the label grows inwards so it stays over the plot.
    ha = "left" if frac < 0.2 else "right" if frac > 0.8 else "center"
    ax.annotate(
        text,
        (x, 1.0),
        xycoords=ax.get_xaxis_transform(),
        xytext=(0, 4),
        textcoords="offset points",
        ha=ha,
        va="bottom",
        fontsize=9,
        color=st.INK,
        gid=gid,
        annotation_clip=False,
        **box,
    )


# -- value distribution -------------------------------------------------------------------------


def value_distribution(
    result: Any,
    output: str = _VALUE,
    ax: Axes | None = None,
    *,
    kind: DistributionKind | str = DistributionKind.HIST,
    year: int | None = None,
    scenario: str | None = None,
    marks: Sequence[str] = DEFAULT_MARKS,
    bins: int = 60,
    by_scenario: bool | None = None,
    title: str | None = None,
    footnote: bool | None = None,
) -> Figure:
    """Distribution of value per share (histogram or CDF) against the thesis price.

    The title states the median, the price and P(upside) = P(value > price) with its standard
    error; the same probability is written above the price line, outside the plot area. For a
    single result the 5th percentile, median and 95th percentile are marked; for a
    ComparisonResult the chosen scenario (default ``base``) is drawn and the medians of the
    ``marks`` scenarios (bear, base, bull) are marked in their scenario colours.

    Parameters
    ----------
    result : SimulationResult or ComparisonResult
        The simulation(s).
    output : str, default "value_per_share"
        Output to draw.
    ax : Axes, optional
        Axes to draw on; a new figure is made when omitted. (Passing the axes second, as the
        first version of this function took it, still works but warns.)
    kind : {"hist", "cdf"}, default "hist"
        Histogram of path counts (the counts add up to the number of finite paths) or the
        empirical cumulative distribution.
    year : int, optional
        Year of a per-year output (default: the exit year).
    scenario : str, optional
        Scenario drawn from a ComparisonResult (default ``base``, else the first one).
    marks : sequence of str, default ("bear", "base", "bull")
        Scenarios whose medians are marked when a ComparisonResult is given (missing ones are
        skipped).
    bins : int, default 60
        Number of histogram bins across the central 99% of values.
    by_scenario : bool, optional
        For a blend (a result with ``path_scenarios``): stack the histogram by the scenario
        each path came from. Default: on for blends.
    title : str, optional
        Replaces the default title.
    footnote : bool, optional
        Add the thesis/scenario/run footnote; by default only on a figure made here.

    Returns
    -------
    Figure

    Raises
    ------
    ChartOptionError
        For an unknown ``kind``.
    UnknownScenarioError, UnknownOutputError, HorizonError
        For a scenario, output or year the results do not have.
    """
    if isinstance(output, Axes):
        # The first version took ``ax`` second; keep such calls working.
        warnings.warn(
            "value_distribution(result, ax) is deprecated: pass ax=... or put the output second",
            DeprecationWarning,
            stacklevel=2,
        )
        ax, output = output, _VALUE
    kind = st.choice(DistributionKind, kind, "value_distribution kind")
    main, results = _split(result, scenario)
    raw = final_values(main, output, year)
    values = raw[np.isfinite(raw)]
    dropped = raw.size - values.size
    unit = st.unit_of(main, output)
    vyear = value_year(main, output, year)
    show_price = has_price(main, output)
    price = float(main.price) if show_price else np.nan
    notes = []
    with st.house_style():
        fig, ax, created = st.new_axes(ax)
        if kind is DistributionKind.HIST:
            data, edges, clipped = _hist_edges(values, bins)
            sources = _path_scenarios(main, raw) if by_scenario is not False else None
            if sources is not None:
                _stacked_by_scenario(ax, data, sources, edges, main)
            else:
                _, edges, patches = ax.hist(
                    data,
                    bins=cast(Any, edges),
                    color=st.BAND_COLORS[1],
                    edgecolor="white",
                    linewidth=0.3,
                    gid="hist",
                )
            if show_price and sources is None:
                # Bins below the price in grey with hatching: the upside mass reads off the
                # chart in colour and in greyscale.
                for left, right, patch in zip(
                    edges[:-1], edges[1:], cast(Any, patches), strict=True
                ):
                    if (left + right) / 2 < price:
                        patch.set_facecolor("#BDBDBD")
                        patch.set_hatch("///")
                        patch.set_edgecolor("white")
            ax.set_ylabel("Number of paths")
            if clipped:
                notes.append(
                    "Values beyond the 0.5th/99.5th percentiles are counted in the end bins."
                )
        else:
            x = np.sort(values)
            y = np.arange(1, x.size + 1) / x.size
            ax.step(
                x,
                y,
                where="post",
                color=st.BAND_COLORS[2],
                linewidth=2,
                gid="cdf",
                label=f"Cumulative distribution ({st.scenario_name(main)})",
            )
            ax.set_ylim(0, 1.02)
            ax.set_ylabel("Probability value is at most x (%)")
            st.set_value_axis(ax, "share", axis="y")

        lo, hi = np.quantile(values, [0.005, 0.995])
        xs = [lo, hi]
        for gid, text, v, style in _marks(main, results, values, marks, output, year):
            ax.axvline(
                v,
                linewidth=1.8,
                gid=f"mark_{gid}",
                label=f"{text}: {st.format_value(v, unit)}",
                **style,
            )
            xs.append(v)
        # Sourced points of the same year only (the thesis price is a mark of the first year
        # and is drawn as the price line anyway).
        own = [
            m
            for m in getattr(main, "marks", ())
            if m.output == output and (vyear is None or int(m.year) == vyear)
        ]
        top = ax.get_ylim()[1]
        for i, mark in enumerate(own):
            ax.plot(
                [mark.value],
                [top * 0.97],
                linestyle="none",
                marker="D",
                color=st.INK,
                gid=f"source_mark_{i}",
                label=st.wrap(f"{mark.label} ({st.short_source(mark.source)})", 40),
            )
            xs.append(mark.value)
        if show_price:
            ax.axvline(
                price, color=st.PRICE_COLOR, linewidth=2.4, gid="price", label=st.price_text(main)
            )
            xs.append(price)
        span = max(xs) - min(xs)
        ax.set_xlim(min(xs) - 0.04 * span, max(xs) + 0.04 * span)
        if kind is DistributionKind.HIST:
            # Headroom so the tallest bar never touches the frame.
            ax.set_ylim(0, top * 1.04)
        med = float(np.median(values))
        headline = (
            f"{st.value_words(main, output, vyear)}, {st.scenario_name(main)} scenario: "
            f"median {st.format_value(med, unit)}"
        )
        if show_price:
            p, se = upside(values, price)
            label_above(
                ax,
                price,
                f"P(value > price) = {p:.0%} (± {se:.1%} s.e.)",
                "p_upside",
                fontweight="bold",
                bbox={
                    "boxstyle": "round,pad=0.25",
                    "facecolor": "white",
                    "linewidth": 0.8,
                    "edgecolor": st.PRICE_COLOR,
                },
            )
            headline += (
                f" vs price {st.format_value(price, unit)}; P(value > price) {p:.0%} ± {se:.1%}"
            )
        ax.set_xlabel(st.value_label(main, output, vyear))
        st.set_value_axis(ax, unit, axis="x")
        if created:
            # Beside the plot: inside, a legend would sit on the bars, the curve or the marks.
            ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))
        else:
            ax.legend(loc="best")
        st.set_title(ax, title or headline, created)
        if dropped:
            notes.append(f"{dropped:,} paths with a non-finite value are left out.")
        if show_price and st.price_note(main):
            notes.insert(0, f"{st.price_note(main)}.")
        text = st.footnote_text(main, " ".join(notes) or None)
        return st.finish(fig, created, footnote, text)


def _path_scenarios(result: Any, raw: np.ndarray) -> np.ndarray | None:
    """Scenario of each finite path of a blend, or None for a plain result."""
    labels = getattr(result, "path_scenarios", None)
    if labels is None:
        return None
    return np.asarray(labels)[np.isfinite(raw)]


def _stacked_by_scenario(
    ax: Axes, data: np.ndarray, sources: np.ndarray, edges: np.ndarray, result: Any
) -> None:
    """Histogram stacked by scenario: how each scenario fills the blended distribution."""
    weights = getattr(result, "weights", None) or {}
    names = [n for n in weights if np.any(sources == n)] or list(dict.fromkeys(sources))
    names += [n for n in dict.fromkeys(sources) if n not in names]
    layers = [data[sources == n] for n in names]
    labels = [
        f"{st.humanize(str(n))}" + (f" ({weights[n]:.0%})" if n in weights else "") for n in names
    ]
    styles = [st.scenario_style(str(n)) for n in names]
    _, _, containers = ax.hist(
        layers,
        bins=cast(Any, edges),
        stacked=True,
        label=labels,
        color=[s["color"] for s in styles],
        edgecolor="white",
        linewidth=0.3,
    )
    for name, style, bars in zip(names, styles, cast(Any, containers), strict=True):
        for patch in bars:
            patch.set_hatch(style["hatch"])
            patch.set_gid(f"hist_{name}")


def _marks(
    main: Any,
    results: Mapping[str, Any],
    values: np.ndarray,
    marks: Sequence[str],
    output: str,
    year: int | None,
) -> list[tuple[str, str, float, dict[str, Any]]]:
    """(gid suffix, legend text, value, line style) of each mark on the distribution."""
    if not results:
        qs = np.quantile(values, [0.05, 0.5, 0.95])
        names = ("5th percentile", "Median", "95th percentile")
        return [
            (n, n, float(q), dict(s)) for n, q, s in zip(names, qs, st.MARK_STYLES, strict=True)
        ]
    out = []
    for name in marks:
        if name in results:
            v = float(np.nanmedian(final_values(results[name], output, year)))
            style = st.scenario_style(name)
            text = f"{st.humanize(name)} median"
            out.append((text, text, v, {"color": style["color"], "linestyle": style["linestyle"]}))
    return out
