"""Charts of value per share and returns: distribution, scenarios side by side, convergence."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from enum import Enum
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from model.report import plot_style as st

__all__ = [
    "CompareKind",
    "DistributionKind",
    "convergence",
    "final_values",
    "scenario_comparison",
    "value_distribution",
]

#: Scenarios marked on the value distribution of a comparison, when present (order = left-right).
DEFAULT_MARKS: tuple[str, ...] = ("bear", "base", "bull")


class DistributionKind(str, Enum):  # noqa: UP042 (project convention: str, Enum)
    """How :func:`value_distribution` draws the distribution."""

    HIST = "hist"
    CDF = "cdf"


class CompareKind(str, Enum):  # noqa: UP042
    """How :func:`scenario_comparison` draws the scenarios."""

    BOX = "box"
    VIOLIN = "violin"
    CDF = "cdf"


# -- data helpers -------------------------------------------------------------------------------

def final_values(result: Any, output: str, year: int | None = None) -> np.ndarray:
    """Per-path values of ``output`` in ``year`` (default: the exit year; (n,) outputs as is)."""
    if year is None:
        return np.asarray(result.final(output), dtype=float)
    arr = np.asarray(result.outputs[output], dtype=float)
    if arr.ndim == 1:
        return arr
    years = [int(y) for y in result.years]
    if int(year) not in years:
        raise ValueError(f"year {year} is outside the horizon {years[0]}-{years[-1]}")
    return arr[:, years.index(int(year))]


def _value_year(result: Any, output: str, year: int | None) -> int | None:
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
        raise ValueError(f"scenario {scenario!r} is not in this comparison: {list(results)}")
    return results[scenario], results


def _upside(values: np.ndarray, price: float) -> tuple[float, float]:
    """P(value > price) and its binomial standard error."""
    p = float(np.mean(values > price))
    return p, float(np.sqrt(p * (1.0 - p) / len(values)))


def _label(result: Any) -> str:
    return getattr(result, "scenario_label", "") or result.scenario


def _has_price(result: Any, output: str) -> bool:
    return st.unit_of(result, output).endswith("/share") and np.isfinite(
        float(getattr(result, "price", np.nan)))


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


# -- value distribution -------------------------------------------------------------------------

def value_distribution(
    result: Any,
    ax: Axes | None = None,
    *,
    kind: DistributionKind | str = DistributionKind.HIST,
    output: str = "value_per_share",
    year: int | None = None,
    scenario: str | None = None,
    marks: Sequence[str] = DEFAULT_MARKS,
    bins: int = 60,
    by_scenario: bool | None = None,
    title: str | None = None,
    footnote: bool | None = None,
) -> Figure:
    """Distribution of value per share (histogram or CDF) against the current price.

    The title states the median, the price and P(upside) = P(value > price) with its standard
    error. For a single result the 5th percentile, median and 95th percentile are marked; for a
    ComparisonResult the chosen scenario (default ``base``) is drawn and the medians of the
    ``marks`` scenarios (bear, base, bull) are marked.

    Parameters
    ----------
    result : SimulationResult or ComparisonResult
        The simulation(s).
    ax : Axes, optional
        Axes to draw on; a new figure is made when omitted.
    kind : {"hist", "cdf"}, default "hist"
        Histogram of path counts (the counts add up to the number of finite paths) or the
        empirical cumulative distribution.
    output : str, default "value_per_share"
        Output to draw.
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
    """
    kind = DistributionKind(kind)
    main, results = _split(result, scenario)
    raw = final_values(main, output, year)
    values = raw[np.isfinite(raw)]
    dropped = raw.size - values.size
    unit = st.unit_of(main, output)
    label = st.output_label(main, output)
    vyear = _value_year(main, output, year)
    show_price = _has_price(main, output)
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
                _, edges, patches = ax.hist(data, bins=edges, color=st.BAND_COLORS[1],
                                            edgecolor="white", linewidth=0.3, gid="hist")
            if show_price and sources is None:
                # Bins below the price in grey with hatching: the upside mass reads off the
                # chart in colour and in greyscale.
                for left, right, patch in zip(edges[:-1], edges[1:], patches, strict=True):
                    if (left + right) / 2 < price:
                        patch.set_facecolor("#BDBDBD")
                        patch.set_hatch("///")
                        patch.set_edgecolor("white")
            ax.set_ylabel("Number of paths")
            if clipped:
                notes.append("Values beyond the 0.5th/99.5th percentiles are counted in the "
                              "end bins.")
        else:
            x = np.sort(values)
            y = np.arange(1, x.size + 1) / x.size
            ax.step(x, y, where="post", color=st.BAND_COLORS[2], linewidth=2, gid="cdf",
                    label=f"{_label(main)}: cumulative distribution")
            ax.set_ylim(0, 1.02)
            ax.set_ylabel("Probability value is at most x (%)")
            st.set_value_axis(ax, "share", axis="y")

        lo, hi = np.quantile(values, [0.005, 0.995])
        xs = [lo, hi]
        top = ax.get_ylim()[1]
        for i, (name, v) in enumerate(_marks(main, results, values, marks, output, year)):
            style = st.MARK_STYLES[i % len(st.MARK_STYLES)]
            ax.axvline(v, linewidth=1.8, gid=f"mark_{name}",
                       label=f"{name}: {st.format_value(v, unit)}", **style)
            xs.append(v)
        # Sourced points of the same year only (today's price is a mark of the first year and
        # is drawn as the price line anyway).
        own = [m for m in getattr(main, "marks", ())
               if m.output == output and (vyear is None or int(m.year) == vyear)]
        for i, mark in enumerate(own):
            ax.plot([mark.value], [top * 0.97], linestyle="none", marker="D", color=st.INK,
                    gid=f"source_mark_{i}",
                    label=f"{mark.label} ({st.short_source(mark.source)})")
            xs.append(mark.value)
        if show_price:
            p, se = _upside(values, price)
            ax.axvline(price, color=st.PRICE_COLOR, linewidth=2.4, gid="price",
                       label=f"Current price: {st.format_value(price, unit)}")
            ax.annotate(f"P(value > price) = {p:.0%}\n(± {se:.1%} s.e.)", (price, top * 0.93),
                        xytext=(8, 0), textcoords="offset points", fontsize=9.5, va="top",
                        color=st.PRICE_COLOR, fontweight="bold", gid="p_upside",
                        bbox={"boxstyle": "round,pad=0.3", "facecolor": "white",
                              "edgecolor": st.PRICE_COLOR, "linewidth": 0.8})
            xs.append(price)
        span = max(xs) - min(xs)
        ax.set_xlim(min(xs) - 0.04 * span, max(xs) + 0.04 * span)
        ax.set_xlabel(st.axis_label(label + (f" in {vyear}" if vyear else ""), unit))
        st.set_value_axis(ax, unit, axis="x")
        ax.legend(loc="upper right")
        med = float(np.median(values))
        headline = (f"{label}{f' in {vyear}' if vyear else ''}, {st.scenario_name(main)} "
                    f"scenario: median {st.format_value(med, unit)}")
        if show_price:
            headline += f" vs price {st.format_value(price, unit)}; P(upside) {p:.0%}"
        st.set_title(ax, title or headline, created)
        if dropped:
            notes.append(f"{dropped:,} paths with a non-finite value are left out.")
        text = st.footnote_text(main, " ".join(notes) or None)
        return st.finish(fig, created, footnote, text)


def _path_scenarios(result: Any, raw: np.ndarray) -> np.ndarray | None:
    """Scenario of each finite path of a blend, or None for a plain result."""
    labels = getattr(result, "path_scenarios", None)
    if labels is None:
        return None
    return np.asarray(labels)[np.isfinite(raw)]


def _stacked_by_scenario(ax: Axes, data: np.ndarray, sources: np.ndarray, edges: np.ndarray,
                         result: Any) -> None:
    """Histogram stacked by scenario: how each scenario fills the blended distribution."""
    weights = getattr(result, "weights", None) or {}
    names = [n for n in weights if np.any(sources == n)] or list(dict.fromkeys(sources))
    names += [n for n in dict.fromkeys(sources) if n not in names]
    layers = [data[sources == n] for n in names]
    labels = [f"{st.humanize(str(n))}" + (f" ({weights[n]:.0%})" if n in weights else "")
              for n in names]
    colors = [st.COLORS[i % len(st.COLORS)] for i in range(len(names))]
    _, _, containers = ax.hist(layers, bins=edges, stacked=True, color=colors, label=labels,
                               edgecolor="white", linewidth=0.3)
    for i, (name, bars) in enumerate(zip(names, containers, strict=True)):
        for patch in bars:
            patch.set_hatch(st.HATCHES[i % len(st.HATCHES)])
            patch.set_gid(f"hist_{name}")


def _marks(main: Any, results: Mapping[str, Any], values: np.ndarray, marks: Sequence[str],
           output: str, year: int | None) -> list[tuple[str, float]]:
    """(legend label, value) pairs marked on the distribution."""
    if not results:
        p5, p50, p95 = np.quantile(values, [0.05, 0.5, 0.95])
        return [("5th percentile", float(p5)), ("Median", float(p50)),
                ("95th percentile", float(p95))]
    out = []
    for name in marks:
        if name in results:
            v = final_values(results[name], output, year)
            out.append((f"{st.humanize(name)} median", float(np.nanmedian(v))))
    return out


# -- scenarios side by side ---------------------------------------------------------------------

def scenario_comparison(
    comparison: Any,
    output: str = "value_per_share",
    ax: Axes | None = None,
    *,
    kind: CompareKind | str = CompareKind.BOX,
    year: int | None = None,
    scenarios: Sequence[str] | None = None,
    title: str | None = None,
    footnote: bool | None = None,
) -> Figure:
    """Scenarios side by side: the distribution of one output per scenario.

    Boxes show the 25th-75th percentiles with the median, whiskers the 5th-95th percentiles
    (no outliers drawn; the mean is a white diamond). Violins show the full density; CDFs overlay
    the cumulative distributions. Value per share is drawn against the current price, returns
    against zero.

    Parameters
    ----------
    comparison : ComparisonResult
        The scenarios (common random numbers make their differences meaningful path by path).
    output : str, default "value_per_share"
        Output to compare, e.g. ``"return_annual"``.
    ax : Axes, optional
        Axes to draw on; a new figure is made when omitted.
    kind : {"box", "violin", "cdf"}, default "box"
        Chart type.
    year : int, optional
        Year of a per-year output (default: the exit year).
    scenarios : sequence of str, optional
        Scenarios to show, in order (default: all, in the comparison's order).
    title : str, optional
        Replaces the default title.
    footnote : bool, optional
        Add the thesis/scenario/run footnote; by default only on a figure made here.

    Returns
    -------
    Figure
    """
    kind = CompareKind(kind)
    results = comparison.results
    names = list(scenarios or getattr(comparison, "scenarios", None) or results)
    first = results[names[0]]
    unit = st.unit_of(first, output)
    label = st.output_label(first, output)
    vyear = _value_year(first, output, year)
    data = {}
    for n in names:
        v = final_values(results[n], output, year)
        data[n] = v[np.isfinite(v)]
    medians = {n: float(np.median(v)) for n, v in data.items()}
    with st.house_style():
        fig, ax, created = st.new_axes(ax)
        ticks = [textwrap.fill(_label(results[n]), 30, break_on_hyphens=False) for n in names]
        if kind is CompareKind.CDF:
            for i, n in enumerate(names):
                x = np.sort(data[n])
                style = st.series_style(i)
                # Sparse markers, staggered per scenario, tell the lines apart in greyscale
                # where two dash patterns look alike.
                ax.step(x, np.arange(1, x.size + 1) / x.size, where="post", color=style["color"],
                        linestyle=style["linestyle"], linewidth=1.8, gid=f"cdf_{n}",
                        marker=style["marker"], markersize=5, markeredgecolor=st.INK,
                        markeredgewidth=0.4, markevery=(0.03 + 0.017 * i, 0.14),
                        label=_label(results[n]))
            ax.set_ylim(0, 1.02)
            ax.set_ylabel("Probability value is at most x (%)")
            st.set_value_axis(ax, "share", axis="y")
        else:
            # First scenario at the top: positions count down.
            pos = np.arange(len(names))[::-1].astype(float)
            if kind is CompareKind.BOX:
                stats = [_box_stats(data[n], n) for n in names]
                art = ax.bxp(stats, positions=pos, orientation="horizontal", patch_artist=True,
                             showfliers=False, showmeans=True, widths=0.55,
                             meanprops={"marker": "D", "markerfacecolor": "white",
                                        "markeredgecolor": st.INK, "markersize": 5},
                             medianprops={"color": st.INK, "linewidth": 2})
                bodies = art["boxes"]
            else:
                art = ax.violinplot([data[n] for n in names], positions=pos,
                                    orientation="horizontal", showmedians=True, widths=0.8,
                                    quantiles=[[0.05, 0.95]] * len(names))
                bodies = art["bodies"]
                for key in ("cmedians", "cmins", "cmaxes", "cbars", "cquantiles"):
                    if key in art:
                        art[key].set_color(st.INK)
                        art[key].set_linewidth(1.0)
            for i, (body, n) in enumerate(zip(bodies, names, strict=True)):
                # Lightened fills keep the median line and the hatching readable.
                body.set_facecolor(st.lighten(st.COLORS[i % len(st.COLORS)], 0.3))
                body.set_alpha(1.0)
                body.set_edgecolor(st.INK)
                body.set_hatch(st.HATCHES[i % len(st.HATCHES)])
                body.set_gid(f"body_{n}")
            ax.set_yticks(pos)
            ax.set_yticklabels(ticks)
            ax.grid(axis="y", visible=False)
            price = float(first.price) if _has_price(first, output) else None
            for p, n in zip(pos, names, strict=True):
                text = f"median {st.format_value(medians[n], unit)}"
                if price is not None:
                    text += f"\nP(> price) {_upside(data[n], price)[0]:.0%}"
                ax.annotate(text, (float(np.quantile(data[n], 0.95)), p), xytext=(8, 0),
                            textcoords="offset points", ha="left", va="center", fontsize=8.5,
                            color=st.INK, gid=f"note_{n}", zorder=6,
                            bbox={"boxstyle": "round,pad=0.2", "facecolor": "white",
                                  "edgecolor": "none", "alpha": 0.85})
        # The value is on the x axis for every kind, so the reference is always vertical.
        if _has_price(first, output):
            ax.axvline(float(first.price), color=st.PRICE_COLOR, linewidth=2.4, gid="price",
                 label=f"Current price: {st.format_value(float(first.price), unit)}")
        elif st.is_fraction_unit(unit):
            ax.axvline(0.0, color=st.INK, linewidth=1, gid="zero")
        ax.set_xlabel(st.axis_label(label + (f" in {vyear}" if vyear else ""), unit))
        st.set_value_axis(ax, unit, axis="x")
        # Central 99% of every scenario (and the price): far tails would squash the body.
        ends = [np.quantile(v, [0.005, 0.995]) for v in data.values()]
        xs = [min(e[0] for e in ends), max(e[1] for e in ends)]
        if _has_price(first, output):
            xs.append(float(first.price))
        span = max(xs) - min(xs) or 1.0
        right = 0.22 if kind is CompareKind.BOX else 0.04  # room for the median notes
        ax.set_xlim(min(xs) - 0.04 * span, max(xs) + right * span)
        if kind is CompareKind.CDF or _has_price(first, output):
            ax.legend(loc="lower right")
        lo_n = min(medians, key=medians.__getitem__)
        hi_n = max(medians, key=medians.__getitem__)
        st.set_title(ax, title or (
            f"{label}{f' in {vyear}' if vyear else ''} by scenario: medians from "
            f"{st.format_value(medians[lo_n], unit)} ({st.humanize(lo_n).lower()}) to "
            f"{st.format_value(medians[hi_n], unit)} ({st.humanize(hi_n).lower()})"), created)
        extra = ("Boxes: 25th-75th percentiles and median; whiskers: 5th-95th percentiles; "
                 "diamond: mean." if kind is CompareKind.BOX else None)
        return st.finish(fig, created, footnote, st.footnote_text(comparison, extra))


def _box_stats(values: np.ndarray, name: str) -> dict[str, Any]:
    p5, q1, med, q3, p95 = np.quantile(values, [0.05, 0.25, 0.5, 0.75, 0.95])
    return {"label": name, "med": med, "q1": q1, "q3": q3, "whislo": p5, "whishi": p95,
            "mean": float(np.mean(values)), "fliers": np.empty(0)}


# -- convergence --------------------------------------------------------------------------------

#: Statistics drawn by :func:`convergence`: name -> quantile (None = the mean).
_STATS: Mapping[str, float | None] = {"mean": None, "p5": 0.05, "p50": 0.5, "p95": 0.95}


def convergence(
    result: Any,
    output: str = "value_per_share",
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
    a band of about two standard errors: for the mean, ``mean ± 2 sd / sqrt(k)``; for a quantile,
    the distribution-free order-statistic interval (ranks ``kq ± 2 sqrt(kq(1-q))``). A run has
    enough paths when the bands are narrow compared with the decisions the numbers feed.

    Prefixes of a Latin-hypercube or Sobol run are not themselves stratified, so for those
    methods the curve shows plain Monte Carlo-like behaviour up to the full run.

    Parameters
    ----------
    result : SimulationResult
        The simulation (paths in run order).
    output : str, default "value_per_share"
        Output to follow.
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
    """
    unknown = [s for s in stats if s not in _STATS]
    if unknown:
        raise ValueError(f"unknown statistics {unknown}; choose from {list(_STATS)}")
    raw = final_values(result, output, year)
    values = raw[np.isfinite(raw)]
    table = convergence_table(values, stats, checkpoints)
    unit = st.unit_of(result, output)
    label = st.output_label(result, output)
    vyear = _value_year(result, output, year)
    ks = table["n"]
    with st.house_style():
        fig, ax, created = st.new_axes(ax)
        for i, name in enumerate(stats):
            color = st.BAND_COLORS[2] if i == 0 else st.COLORS[i % len(st.COLORS)]
            ls = st.LINESTYLES[i % len(st.LINESTYLES)]
            est, lo, hi = table[name], table[f"{name}_lo"], table[f"{name}_hi"]
            ax.fill_between(ks, lo, hi, color=color, alpha=0.18, linewidth=0, gid=f"band_{name}")
            text = "Mean" if name == "mean" else f"{name[1:]}th percentile"
            ax.plot(ks, est, color=color, linestyle=ls, linewidth=1.8, gid=f"running_{name}",
                    label=f"{text}: {st.format_value(est[-1], unit)}")
        ax.set_xscale("log")
        ax.set_xlim(ks[0], ks[-1] * 1.05)
        ax.set_xlabel("Number of paths (log scale)")
        ax.set_ylabel(st.axis_label(label + (f" in {vyear}" if vyear else ""), unit))
        st.set_value_axis(ax, unit)
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: f"{v:,.0f}"))
        handles, labels = ax.get_legend_handles_labels()
        handles.append(Patch(color="#999999", alpha=0.35))
        labels.append("±2 standard errors")
        ax.legend(handles, labels, loc="upper right", ncols=2)
        n = int(ks[-1])
        if "mean" in stats:
            se = float(np.std(values, ddof=1) / np.sqrt(n)) if n > 1 else np.nan
            head = (f"{label}: mean {st.format_value(table['mean'][-1], unit)} ± "
                    f"{st.format_value(2 * se, unit)} (2 s.e.) after {n:,} paths")
        else:
            head = f"{label}: estimates against the number of paths ({n:,} paths)"
        st.set_title(ax, title or head, created)
        return st.finish(fig, created, footnote, st.footnote_text(result))


def convergence_table(values: np.ndarray, stats: Sequence[str] = tuple(_STATS),
                      checkpoints: int = 60) -> dict[str, np.ndarray]:
    """Running estimates on prefixes of ``values``: ``n`` and, per stat, value and 2-se band.

    Returns a dict of arrays: ``"n"`` (path counts), and for each stat ``<stat>``,
    ``<stat>_lo`` and ``<stat>_hi``.
    """
    values = np.asarray(values, dtype=float)
    n = values.size
    if n < 2:
        raise ValueError("convergence needs at least 2 finite paths")
    # Fewer than ~100 paths say nothing about a 5th percentile; start where the bands mean
    # something, but keep a few points for small test runs.
    start = max(2, min(100, n // 4))
    ks = np.unique(np.geomspace(start, n, checkpoints).round().astype(int))
    out: dict[str, np.ndarray] = {"n": ks}
    # Centre before accumulating so the running variance does not lose precision.
    c = values - values.mean()
    s1, s2 = np.cumsum(c)[ks - 1], np.cumsum(c * c)[ks - 1]
    mean_c = s1 / ks
    var = np.maximum(s2 - ks * mean_c**2, 0.0) / np.maximum(ks - 1, 1)
    se = np.sqrt(var / ks)
    for name in stats:
        q = _STATS[name]
        if q is None:
            est = mean_c + values.mean()
            out[name], out[f"{name}_lo"], out[f"{name}_hi"] = est, est - 2 * se, est + 2 * se
            continue
        est, lo, hi = np.empty(ks.size), np.empty(ks.size), np.empty(ks.size)
        for j, k in enumerate(ks):
            srt = np.sort(values[:k])
            est[j] = np.quantile(srt, q)
            half = 2.0 * np.sqrt(k * q * (1.0 - q))
            lo[j] = srt[int(np.clip(np.floor(k * q - half), 0, k - 1))]
            hi[j] = srt[int(np.clip(np.ceil(k * q + half), 0, k - 1))]
        out[name], out[f"{name}_lo"], out[f"{name}_hi"] = est, lo, hi
    return out
