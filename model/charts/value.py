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
from matplotlib.patches import Patch

from model.charts import lines
from model.charts import style as st
from model.errors import (
    RESULT_OR_COMPARISON,
    HorizonError,
    UnknownScenarioError,
    expect,
    whole_year,
)

__all__ = ["DistributionKind", "final_values", "value_distribution"]

#: Scenarios marked on the value distribution of a comparison, when present (order = left-right).
DEFAULT_MARKS: tuple[str, ...] = ("bear", "base", "bull")
#: Today's value per share (the finance stage's output), the basis of P(value > price).
_TODAY = "value_today"
#: Today's value of holding to each year end: like ``value_today``, comparable with the price.
_TODAY_BY_YEAR = "value_today_by_year"


class DistributionKind(str, Enum):  # noqa: UP042 (project convention: str, Enum)
    """How :func:`value_distribution` draws the distribution."""

    HIST = "hist"
    CDF = "cdf"


# -- data helpers -------------------------------------------------------------------------------


def final_values(result: Any, output: str, year: int | None = None) -> np.ndarray:
    """Per-path values of ``output`` (an output or a kept input) in ``year`` (default: the exit
    year; (n,) outputs as is).

    Raises
    ------
    HorizonError
        If ``year`` is outside the result's years.
    ChartOptionError
        If ``year`` is another year than the exit year for an output with one value a path
        (today's value of holding to the exit year, a fixed assumption): it has no such year.
    """
    # array() knows kept inputs too, and raises the did-you-mean error for an unknown name.
    arr = np.asarray(result.array(output), dtype=float)
    if year is None:
        return np.asarray(result.final(output), dtype=float)
    years = [int(y) for y in result.years]
    if whole_year(year) not in years:
        raise HorizonError(year, years)
    if arr.ndim == 1:
        if whole_year(year) != years[-1]:
            # Only today's value is of holding to the exit year; a fixed input is held to none.
            held = f" (held to {years[-1]})" if output == "value_today" else ""
            by_year = f"{output}_by_year"
            hint = f"; {by_year} has each year" if by_year in result.outputs else ""
            raise st.ChartOptionError(
                f"{output!r} has one value a path{held}, not one a year: "
                f"year={year!r} does not apply, leave it out{hint}"
            )
        return arr
    return arr[:, years.index(int(year))]


def value_year(result: Any, output: str, year: int | None) -> int | None:
    if np.ndim(result.array(output)) == 1:
        return None
    return int(year) if year is not None else int(result.years[-1])


def _split(result_or_comparison: Any, scenario: str | None) -> tuple[Any, Mapping[str, Any]]:
    """(result to draw, mapping of all scenario results: empty for a single result)."""
    results = getattr(result_or_comparison, "results", None)
    if not isinstance(results, Mapping):
        own = str(getattr(result_or_comparison, "scenario", ""))
        if scenario is not None and scenario != own:  # one run holds one scenario: not another's
            raise UnknownScenarioError(scenario, [own])
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
    """Whether the price is the yardstick of ``output``: a value per share, not a year's flow
    per share (earnings, a dividend), whose P(> price) would mean nothing."""
    if output in ("eps", "dividends_per_share"):
        return False
    return st.unit_of(result, output).endswith("/share") and np.isfinite(
        float(getattr(result, "price", np.nan))
    )


def axis_range(
    values: np.ndarray, extra: Sequence[float] = (), *, tail: float = 0.3
) -> tuple[float, float]:
    """The stretch of the value axis a distribution chart shows.

    The whole data range, unless a tail runs further from the central 99% than ``tail`` times
    its width: that side is then cut at the 0.5th (99.5th) percentile, so a few extreme paths
    do not squash the body. ``extra`` values (the price, marks) are always in view. Charts that
    cut say so with :func:`cut_text`.
    """
    lo, hi = (float(q) for q in np.quantile(values, [0.005, 0.995]))
    vmin, vmax = float(values.min()), float(values.max())
    width = max(hi - lo, 1e-12 * max(abs(hi), 1.0))
    left = vmin if lo - vmin <= tail * width else lo
    right = vmax if vmax - hi <= tail * width else hi
    finite = [float(v) for v in extra if np.isfinite(v)]
    return min([left, *finite]), max([right, *finite])


def cut_text(counts: Sequence[tuple[int, int]], n: int, lo: float, hi: float, unit: str) -> str:
    """``"Beyond the axis: 96 above 370.0 HKD (0.5% of 20,000 paths)"`` (``""`` when none are).

    ``counts`` holds (below, above) per distribution drawn; ``n`` is their total of paths.
    """
    below = sum(c[0] for c in counts)
    above = sum(c[1] for c in counts)
    if not below and not above:
        return ""
    lo_text, hi_text = st.format_value(lo, unit), st.format_value(hi, unit)
    sides = []
    if below:
        sides.append(f"{below:,} below {lo_text}")
    if above:
        sides.append(f"{above:,} above {hi_text}")
    share = (below + above) / max(n, 1)
    return f"Beyond the axis: {' and '.join(sides)} ({share:.1%} of {n:,} paths)"


def fit_axis(
    data: Mapping[str, np.ndarray], extra: Sequence[float], unit: str
) -> tuple[float, float, str]:
    """The shown stretch of a value axis for several distributions, with a little room at each
    end, and the note saying how many paths lie beyond it (``""`` when none do; see
    :func:`axis_range` and :func:`cut_text`)."""
    values = np.concatenate(list(data.values()))
    lo, hi = axis_range(values, extra)
    pad = 0.02 * (hi - lo or 1.0)
    lo, hi = lo - pad, hi + pad
    counts = [(int(np.sum(v < lo)), int(np.sum(v > hi))) for v in data.values()]
    return lo, hi, cut_text(counts, values.size, lo, hi, unit)


def legend_with_note(ax: Axes, note: str, *, width: int, beside: bool, **options: Any) -> None:
    """The axes' legend with ``note`` (what the axis cuts) as its last entry, beside the plot
    (on a figure made for the chart, where a legend inside would cover the data) or where it
    fits best."""
    handles, entries = ax.get_legend_handles_labels()
    if note:
        handles.append(Patch(alpha=0.0))
        entries.append(st.wrap(note, width))
    if beside:
        legend = ax.legend(
            handles, entries, loc="upper left", bbox_to_anchor=(1.01, 1.0), **options
        )
    else:
        legend = ax.legend(handles, entries, loc="best")
    if note:
        legend.get_texts()[-1].set_gid("cut_note")


#: More bins than a chart's width in pixels draw nothing more, only take longer.
MAX_BINS = 1_000


def _hist_edges(values: np.ndarray, bins: int, lo: float, hi: float) -> np.ndarray:
    """``bins`` equal bins across the shown range [lo, hi] (a single value gets a unit bin)."""
    if hi <= lo:
        return np.linspace(lo - 0.5, hi + 0.5, bins + 1)
    return np.linspace(lo, hi, bins + 1)


# -- value distribution -------------------------------------------------------------------------


def value_distribution(
    result: Any,
    output: str | None = None,
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

    For one result the 5th percentile, median and 95th percentile are marked and the title
    states the median and the share of paths above the price with its standard error (the
    histogram) or the share at or below it (the CDF). For a ComparisonResult the ``marks``
    scenarios it has (bear, base, bull) are drawn over each other, each with its own median
    line in its scenario colour; pass ``scenario`` to draw one of them alone.

    The value axis covers every path unless a tail is far out; then it is cut at the 0.5th /
    99.5th percentile and the legend says how many paths lie beyond, on which side.

    Parameters
    ----------
    result : SimulationResult or ComparisonResult
        The simulation(s).
    output : str, optional
        Output to draw; by default the value per share (the line with that role).
    ax : Axes, optional
        Axes to draw on; a new figure is made when omitted. (Passing the axes second, as the
        first version of this function took it, still works but warns.)
    kind : {"hist", "cdf"}, default "hist"
        Histogram of path counts (the counts add up to the number of paths in view) or the
        empirical cumulative distribution.
    year : int, optional
        Year of a per-year output (default: the exit year).
    scenario : str, optional
        The one scenario drawn from a ComparisonResult (default: the ``marks`` scenarios
        together, else ``base``).
    marks : sequence of str, default ("bear", "base", "bull")
        Scenarios of a ComparisonResult drawn together (missing ones are skipped).
    bins : int, default 60
        Number of histogram bins across the axis.
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
        For an unknown ``kind``, or ``bins`` not a whole number from 1 to 1,000.
    UnknownScenarioError, UnknownOutputError, HorizonError
        For a scenario, output or year the results do not have.
    """
    expect(result, RESULT_OR_COMPARISON)
    if isinstance(output, Axes):
        # The first version took ``ax`` second; keep such calls working.
        warnings.warn(
            "value_distribution(result, ax) is deprecated: pass ax=... or put the output second",
            DeprecationWarning,
            stacklevel=2,
        )
        ax, output = output, None
    output = output if output is not None else lines.value_line(result)
    kind = st.choice(DistributionKind, kind, "value_distribution kind")
    bins = st.whole(bins, "bins", 1, MAX_BINS)
    main, results = _split(result, scenario)
    marks = st.name_list(marks, "marks") or []
    drawn = [n for n in marks if n in results] if results and scenario is None else []
    if len(drawn) < 2:
        drawn = []
    series = {n: final_values(results[n], output, year) for n in drawn} or {
        str(main.scenario): final_values(main, output, year)
    }
    raw_all = np.concatenate([np.ravel(v) for v in series.values()])
    dropped = int(np.sum(~np.isfinite(raw_all)))
    data = {n: v[np.isfinite(v)] for n, v in series.items()}
    values = np.concatenate(list(data.values()))
    unit = st.unit_of(main, output)
    vyear = value_year(main, output, year)
    show_price = has_price(main, output)
    price = float(main.price) if show_price else np.nan
    # Today's price set against undiscounted year-end values measures no upside: no shading
    # by it (the title says what the values are).
    like_with_like = show_price and not _undiscounted(main, output)
    with st.house_style():
        fig, ax, created = st.new_axes(ax)
        if drawn:
            marks_at = [float(np.median(v)) for v in data.values()]
        else:
            marks_at = [float(q) for q in np.quantile(values, [0.05, 0.5, 0.95])]
        xlo, xhi, cut = fit_axis(data, [price, *marks_at], unit)
        if kind is DistributionKind.HIST:
            edges = _hist_edges(values, bins, xlo, xhi)
            if drawn:
                labels = {n: _series_label(results, n) for n in data}
                _overlaid_histograms(ax, data, edges, labels)
            else:
                sources = _path_scenarios(main, series[str(main.scenario)])
                inside = (values >= xlo) & (values <= xhi)
                if sources is not None and by_scenario is not False:
                    _stacked_by_scenario(ax, values[inside], sources[inside], edges, main)
                else:
                    _plain_histogram(ax, values[inside], edges, price if like_with_like else None)
            ax.set_ylabel("Number of paths")
        else:
            for n, v in data.items():
                x = np.sort(v)
                style = st.scenario_style(n) if drawn else {"color": st.BAND_COLORS[2]}
                ax.step(
                    x,
                    np.arange(1, x.size + 1) / x.size,
                    where="post",
                    color=style["color"],
                    linestyle=style.get("linestyle", "-"),
                    linewidth=2,
                    gid=f"cdf_{n}" if drawn else "cdf",
                    label=_series_label(results, n) if drawn else "Cumulative share of paths",
                )
            ax.set_ylim(0, 1.02)
            ax.set_ylabel("Share of paths at or below the value (%)")
            st.set_value_axis(ax, "share", axis="y")
        mark_texts = st.format_values(marks_at, unit)
        for (gid, text, style), v, v_text in zip(
            _mark_styles(drawn, results), marks_at, mark_texts, strict=True
        ):
            ax.axvline(v, linewidth=1.8, gid=f"mark_{gid}", label=f"{text}: {v_text}", **style)
        own = [
            m
            for m in getattr(main, "marks", ())
            if m.output == output and (vyear is None or int(m.year) == vyear)
        ]
        for i, mark in enumerate(own):
            ax.axvline(
                mark.value,
                color=st.INK,
                linestyle=(0, (1, 2)),
                linewidth=1.4,
                gid=f"source_mark_{i}",
                label=st.wrap(
                    f"{mark.label}: {st.format_value(mark.value, unit)} "
                    f"({st.source_title(main, mark.source)})",
                    42,
                ),
            )
        if show_price:
            # Against year-end values the title says they are undiscounted (no upside read).
            ax.axvline(
                price, color=st.PRICE_COLOR, linewidth=2.4, gid="price", label=st.price_text(main)
            )
        ax.set_xlim(xlo, xhi)
        if kind is DistributionKind.HIST:
            # Headroom so the tallest bar never touches the frame.
            ax.set_ylim(0, ax.get_ylim()[1] * 1.04)
        ax.set_xlabel(st.value_label(main, output, vyear))
        st.set_value_axis(ax, unit, axis="x")
        # Beside the plot, on the caller's axes too: inside, a legend would sit on the bars, the
        # curve or the percentile marks, which run the full height (a layout engine makes room).
        legend_with_note(ax, cut, width=40, beside=True)
        headline = _headline(main, results, drawn, data, output, vyear, unit, kind, price)
        st.set_title(ax, title or headline, created)
        notes = []
        if dropped:
            notes.append(f"{dropped:,} paths with a non-finite value are left out.")
        if not drawn:  # a spike at zero is the floor of the value, not a forecast of nothing
            value = lines.value_line(main)
            on = value if output == _TODAY else output
            floor = lines.floored_note(main, on, main.exit_year if output == _TODAY else vyear)
            notes.append(floor or "")
        if show_price and st.price_note(main):
            notes.insert(0, f"{st.price_note(main)}.")
        source = result if drawn else main
        text = st.footnote_text(source, " ".join(n for n in notes if n) or None)
        return st.finish(fig, created, footnote, text, ax=ax)


def _headline(
    main: Any,
    results: Mapping[str, Any],
    drawn: list[str],
    data: Mapping[str, np.ndarray],
    output: str,
    vyear: int | None,
    unit: str,
    kind: DistributionKind,
    price: float,
) -> str:
    """The title: what is drawn, its median(s) and where the price falls."""
    words = st.value_words(main, output, vyear)
    # A year-end value against today's price is no upside: that comparison is made on today's
    # value, drawn in a chart of its own.
    undiscounted = _undiscounted(main, output)
    if drawn:
        names = [st.scenario_name(results[n]) for n in drawn]
        meds = st.format_values([float(np.median(data[n])) for n in drawn], unit)
        which = ", ".join(names[:-1]) + f" and {names[-1]}"
        if undiscounted:
            # (The legend gives the price; set beside these medians it would read as upside.)
            return f"{words}, year-end and undiscounted; {which}: medians {', '.join(meds)}"
        head = f"{words}, {which} scenarios: medians {', '.join(meds)}"
        if np.isfinite(price):
            head += f" against a price of {st.format_price(price, unit)}"
        return head
    values = next(iter(data.values()))
    med = float(np.median(values))
    head = f"{words}, {st.scenario_name(main)} scenario"
    if kind is DistributionKind.CDF:
        head += " (cumulative)"
    if not np.isfinite(price):
        p5, p95 = np.quantile(values, [0.05, 0.95])
        return head + (
            f": median {st.format_value(med, unit)}, 90% range {st.format_range(p5, p95, unit)}"
        )
    price_words = st.format_price(price, unit)
    if undiscounted:
        p5, p95 = np.quantile(values, [0.05, 0.95])
        return (
            f"{head}, year-end and undiscounted: median {st.format_value(med, unit)}, 90% "
            f"range {st.format_range(p5, p95, unit)}; {_price_clause(main, price_words)}"
        )
    p, se = upside(values, price)
    if kind is DistributionKind.CDF:
        return (
            f"{head}: {st.format_probability(1.0 - p)} of paths at or below the price of "
            f"{price_words}, half below {st.format_value(med, unit)}"
        )
    return (
        f"{head}: median {st.format_value(med, unit)}; {st.format_probability(p)} of paths "
        f"above the price of {price_words} (s.e. {st.format_probability(se, se=True)})"
    )


def _undiscounted(main: Any, output: str) -> bool:
    """Whether ``output`` is a year-end value of a run that also states today's value (a thesis
    with a cost of equity): set against today's price it would read as upside it is not."""
    return output not in (_TODAY, _TODAY_BY_YEAR) and _TODAY in getattr(main, "outputs", {})


def _price_clause(main: Any, price_words: str) -> str:
    """``"the price today is 38.0 EUR"``, or with a price dated before the valuation date
    (a reference price, not today's) ``"the price is 129.5 HKD (17 Feb 2025)"``."""
    import datetime as dt

    from model.inputs.assembly.items import format_date

    thesis = getattr(main, "thesis", None)
    date = getattr(getattr(thesis, "price_info", None), "date", None)
    as_of = getattr(thesis, "as_of", None)
    if isinstance(date, dt.date) and date != as_of:
        return f"the price is {price_words} ({format_date(date)})"
    return f"the price today is {price_words}"


def _series_label(results: Mapping[str, Any], name: str) -> str:
    return st.wrap(st.scenario_display(results[name], name), 34)


def _mark_styles(
    drawn: list[str], results: Mapping[str, Any]
) -> list[tuple[str, str, dict[str, Any]]]:
    """(gid suffix, legend text, line style) of each vertical mark."""
    if not drawn:
        names = ("5th percentile", "Median", "95th percentile")
        return [(n, n, dict(s)) for n, s in zip(names, st.MARK_STYLES, strict=True)]
    out = []
    for name in drawn:
        style = st.scenario_style(name)
        text = f"{st.humanize(name)} median"
        out.append((text, text, {"color": style["color"], "linestyle": style["linestyle"]}))
    return out


def _plain_histogram(ax: Axes, data: np.ndarray, edges: np.ndarray, price: float | None) -> None:
    _, _, patches = ax.hist(
        data,
        bins=cast(Any, edges),
        color=st.BAND_COLORS[1],
        edgecolor="white",
        linewidth=0.3,
        gid="hist",
    )
    if price is None:
        return
    # Bins below the price in grey with hatching: the upside mass reads off the chart in colour
    # and in greyscale.
    for left, right, patch in zip(edges[:-1], edges[1:], cast(Any, patches), strict=True):
        if (left + right) / 2 < price:
            patch.set_facecolor("#BDBDBD")
            patch.set_hatch("///")
            patch.set_edgecolor("white")


def _overlaid_histograms(
    ax: Axes, data: Mapping[str, np.ndarray], edges: np.ndarray, labels: Mapping[str, str]
) -> None:
    """One outlined histogram per scenario on shared bins: each keeps its own shape."""
    for name, values in data.items():
        style = st.scenario_style(name)
        inside = values[(values >= edges[0]) & (values <= edges[-1])]
        ax.hist(
            inside,
            bins=cast(Any, edges),
            histtype="stepfilled",
            color=st.lighten(style["color"], 0.55),
            alpha=0.45,
            linewidth=0,
            gid=f"fill_{name}",
        )
        ax.hist(
            inside,
            bins=cast(Any, edges),
            histtype="step",
            color=style["color"],
            linestyle=style["linestyle"],
            linewidth=1.6,
            gid=f"hist_{name}",
            label=labels[name],
        )


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
    labels = [  # wrapped as the other series' labels: a long name left the plot no room
        st.wrap(f"{st.humanize(str(n))}" + (f" ({weights[n]:.0%})" if n in weights else ""), 34)
        for n in names
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
