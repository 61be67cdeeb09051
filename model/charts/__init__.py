"""Charts of simulation results, in one house style, for notebooks, reports and decks.

Every chart function has the same shape: ``chart(result, <what to plot>, ax=None, *, ...)``. The
result (or comparison, or sensitivity analysis) comes first, then what is plotted (an output or
a segment) where the chart has a choice, then an optional matplotlib ``ax``; everything else is
keyword-only. Each draws into ``ax`` (or into a new figure) and returns the
:class:`~matplotlib.figure.Figure`. Nothing is shown and nothing is registered with pyplot: in a
notebook the returned figure displays under the cell once the inline backend is on
(``%matplotlib inline``, or any ``import matplotlib.pyplot``); in a script, save it with
:func:`save_png`, which writes byte-identical files for identical inputs, atomically.

A scenario has one colour, hatch and line style in every chart (fixed by its name), fractions
always read as percentages, and the thesis price is labelled "Price" (it may be a reference
price rather than today's).

Charts
------
fan_chart
    Per-year output (market, revenue) as p5-p95 / p25-p75 bands and the median, with the
    articles' sourced points marked.
value_distribution
    Value per share (histogram or CDF) against the thesis price, with P(value > price) and the
    percentile marks; for a comparison, the bear, base and bull distributions with their medians.
scenario_comparison
    One output across scenarios (box, violin or overlaid CDFs), grouped by article view when
    the scenarios come by view.
share_paths
    Market-share paths of the company and its rivals in one segment.
tornado_chart, rank_correlation_bars, sobol_bars
    What drives the answer (sensitivity results from :mod:`model.sensitivities`).
implied_value
    What the price implies for one assumption, against the thesis' distribution of it.
scorecard_chart
    Probability of each claim of the thesis, per scenario, with ±2 s.e. error bars.
convergence
    Running mean and p5/p50/p95 against the number of paths, with ±2 s.e. bands.
review_chart
    Check a finished chart: no text off the figure or on other text, no note on a line, no
    data cut without saying so, no axis mostly empty.
standard_charts
    The set of charts for a result or comparison, by name (used by exports and the CLI).

Examples
--------
>>> from model import simulate                                   # doctest: +SKIP
>>> from model.charts import fan_chart, save_png           # doctest: +SKIP
>>> result = simulate("assumptions/alibaba.yaml", n_paths=20_000, seed=1)  # doctest: +SKIP
>>> save_png(fan_chart(result), "revenue.png")  # the line with role revenue  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from matplotlib.figure import Figure

# The learning charts as the README names them, model.charts.learning.watch_chart(...): a
# submodule is an attribute of its package only once something has imported it.
from model.charts import learning as learning
from model.charts import lines
from model.charts.implied import implied_value
from model.charts.paths import (
    convergence,
    convergence_table,
    fan_chart,
    share_paths,
)
from model.charts.review import Problem, ProblemKind, review_chart
from model.charts.scenarios import CompareKind, scenario_comparison
from model.charts.scorecard import ScorecardKind, scorecard_chart, scorecard_table
from model.charts.sensitivity import rank_correlation_bars, sobol_bars, tornado_chart
from model.charts.style import (
    ChartOptionError,
    footnote_text,
    house_style,
    save_png,
)
from model.charts.style import add_footnote as _add_footnote
from model.charts.value import DistributionKind, value_distribution
from model.errors import RESULT_OR_COMPARISON, expect

__all__ = [
    "ChartOptionError",
    "CompareKind",
    "DistributionKind",
    "Problem",
    "ProblemKind",
    "ScorecardKind",
    "add_footnote",
    "convergence",
    "convergence_table",
    "fan_chart",
    "house_style",
    "implied_value",
    "rank_correlation_bars",
    "review_chart",
    "save_png",
    "scenario_comparison",
    "scorecard_chart",
    "scorecard_table",
    "share_paths",
    "sobol_bars",
    "standard_charts",
    "tornado_chart",
    "value_distribution",
]

#: Today's value per share (as of the valuation date), when the run states it.
_TODAY = "value_today"
_RETURN = "return_annual"
_DATED = "return_dated"


def _has_claims(result: Any) -> bool:
    """True when the thesis behind ``result`` has a scorecard."""
    card = getattr(getattr(result, "thesis", None), "scorecard", None)
    return bool(card)


def _result_charts(result: Any) -> dict[str, Figure]:
    out: dict[str, Figure] = {}
    outputs = result.outputs
    value = lines.value_line(result)
    # The revenue line, each segment's market and revenue, the earnings: by role, so every
    # thesis gets fans of its own lines under its own names.
    for name in lines.chart_lines(result):
        out[f"fan_{name}"] = fan_chart(result, name)
    if _TODAY in outputs:
        out["value_today_histogram"] = value_distribution(result, _TODAY)
    if value in outputs:
        out["value_histogram"] = value_distribution(result, value, kind=DistributionKind.HIST)
        out["value_cdf"] = value_distribution(result, value, kind=DistributionKind.CDF)
    for seg in lines.share_segments(result):
        out[f"share_paths_{seg}"] = share_paths(result, seg)
    if _has_claims(result):
        out["scorecard"] = scorecard_chart(result)
    if value in outputs and result.n_paths >= 20:
        out["convergence"] = convergence(result, value)
    return out


def _comparison_charts(comparison: Any) -> dict[str, Figure]:
    out: dict[str, Figure] = {}
    first = next(iter(comparison.results.values()))
    value = lines.value_line(first)
    if _TODAY in first.outputs:
        out["scenarios_value_today"] = scenario_comparison(comparison, _TODAY)
    if value in first.outputs:
        out["scenarios_value"] = scenario_comparison(comparison, value, kind=CompareKind.BOX)
        out["scenarios_value_cdf"] = scenario_comparison(comparison, value, kind=CompareKind.CDF)
        out["value_histogram"] = value_distribution(comparison, value, kind=DistributionKind.HIST)
    # The return over real dates where the run has it (from the price's date to the exit year
    # end, as the report's tables give it); else the return over whole model years.
    ret = _DATED if _DATED in first.outputs else _RETURN
    if ret in first.outputs:
        out["scenarios_return"] = scenario_comparison(comparison, ret, kind=CompareKind.BOX)
    if _has_claims(first):
        out["scorecard"] = scorecard_chart(comparison)
    return out


def add_footnote(fig: Figure, source: Any, extra: str | None = None) -> Figure:
    """Add the house footnote to a figure you assembled yourself (e.g. several panels).

    Parameters
    ----------
    fig : Figure
        The figure (with a constrained layout, so room is made for the footnote).
    source : SimulationResult, ComparisonResult or str
        Whose thesis file, scenario(s) and run settings to name; a string is used as it is.
    extra : str, optional
        A second line, e.g. what the panels show.

    Returns
    -------
    Figure
        ``fig``, for chaining.
    """
    text = source if isinstance(source, str) else footnote_text(source)
    if extra:
        text = f"{text}\n{extra}"
    with house_style():
        _add_footnote(fig, text)
    return fig


def standard_charts(
    result_or_comparison: Any,
    *,
    tornado: Any = None,
    ranks: Any = None,
    sobol: Any = None,
) -> dict[str, Figure]:
    """The standard set of charts for a result or a comparison, by name.

    Names are stable and safe as file names (``"<name>.png"``). Charts whose outputs the result
    does not have are skipped.

    Parameters
    ----------
    result_or_comparison : SimulationResult or ComparisonResult
        For a single result: fan charts of the lines the thesis model marks as revenue, each
        segment's market and revenue, and earnings (named ``fan_<output>``), value histogram
        and CDF, market-share paths per market-share group, scorecard, convergence. For a
        comparison: value and return by scenario, value CDFs by scenario, the
        bear, base and bull histograms with their medians, and the scorecard per scenario.
    tornado, ranks, sobol : optional
        Sensitivity results to add as ``"tornado"``, ``"rank_correlation"`` and ``"sobol"``
        charts (their footnotes use the first result for the thesis and scenario).

    Returns
    -------
    dict of str to Figure
        In a fixed order.
    """
    expect(result_or_comparison, RESULT_OR_COMPARISON)
    results = getattr(result_or_comparison, "results", None)
    if isinstance(results, Mapping):
        charts = _comparison_charts(result_or_comparison)
        context = results.get("base", next(iter(results.values())))
    else:
        charts = _result_charts(result_or_comparison)
        context = result_or_comparison
    if tornado is not None:
        charts["tornado"] = tornado_chart(tornado, result=context)
    if ranks is not None:
        charts["rank_correlation"] = rank_correlation_bars(ranks, result=context)
    if sobol is not None:
        charts["sobol"] = sobol_bars(sobol, result=context)
    return charts
