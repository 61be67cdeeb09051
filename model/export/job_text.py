"""The text files of a report folder: ``summary.txt`` and the ``README.txt`` index.

Both are generated from the report alone (no time stamps, no host names, no absolute paths), so
they are byte-identical for the same thesis, settings and seed. :func:`report_dates` gives
the manifest the dates those texts state. The index describes every file
the folder holds, one line each; :func:`describe` knows what each writer of
:mod:`model.export.job` and :mod:`model.results.export` puts where.
"""

from __future__ import annotations

import io
import re
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from model._folders import STAGING_MARK
from model.charts import style as st
from model.export import console
from model.export.learning import learning_summary
from model.inputs.units import plural
from model.results.analysis import (
    UNANNUALISED,
    UPSIDE_NOTE,
    ReturnsView,
    fiscal_year_text,
    is_unannualised,
    today_basis,
    upside_leaves_out_dividends,
    year_end_of,
)
from model.results.export import MANIFEST, has_parquet

if TYPE_CHECKING:
    from model.export.job import Report

__all__ = [
    "UNDESCRIBED",
    "caption",
    "describe",
    "index_text",
    "report_dates",
    "summary_text",
    "value_basis",
]

#: Description of a file :func:`describe` does not know (tests check none is left).
UNDESCRIBED = "(no description)"
#: Inputs of the tornado printed in the summary.
TOP_DRIVERS = 5
#: Longest description, so that each stays on one line of README.txt.
DESCRIPTION_WIDTH = 92


def _settings_line(report: Report) -> str:
    base = report.base
    return (
        f"{console.scenarios_text(len(report.comparison))} x {plural(base.n_paths, 'path')}, "
        f"{base.method.value}, common random numbers, {console.seed_line(base)}"
    )


def summary_text(report: Report) -> str:
    """The summary of a report as printed by ``thesis report`` (without the elapsed time).

    Parameters
    ----------
    report : Report
        From :func:`model.export.job.build_report`.

    Returns
    -------
    str
        Lines: settings; value per share at the exit year, P(upside) and expected annual return
        per scenario and for the blend; the paths the model's checks flagged; the classic
        bull/base/bear view; the top tornado drivers; the scorecard per scenario; notes on
        anything left out.
    """
    # Written into the folder and then printed by the command line: made once per report.
    cached: str | None = report.__dict__.get("_summary_text")
    if cached is None:
        cached = _summary_text(report)
        object.__setattr__(report, "_summary_text", cached)
    return cached


def _summary_text(report: Report) -> str:
    out = io.StringIO()
    comparison = report.comparison
    print(f"{getattr(report.thesis, 'name', 'thesis')} - report", file=out)
    print(f"Thesis: {st.thesis_file(report.base)}", file=out)
    print(_settings_line(report), file=out)
    print("", file=out)
    console.print_scenario_table(
        comparison, out, blend=report.blend, weights=report.weights or None
    )
    if report.blend is not None:
        print(
            "  (blend: the scenarios mixed path by path in proportion to their weights)", file=out
        )
    if any(any(r.invalid.values()) for r in comparison.results.values()):
        print("", file=out)
        console.print_flagged(comparison.results, out)
    if set(console.CASES) <= set(comparison.scenarios):
        print("", file=out)
        console.print_classic_view(comparison, out)
    if report.tornado is not None:
        print("", file=out)
        unit = report.base.units.get(report.tornado.output, "")
        console.print_tornado(
            report.tornado,
            out,
            unit=unit,
            top=TOP_DRIVERS,
            year_end=getattr(report.thesis, "fiscal_year_end", None),
        )
    if report.sobol is not None:
        top = report.sobol.summary(TOP_DRIVERS)
        shares = ", ".join(f"{row.label} {row.ST:.1%}" for row in top.itertuples())
        print(f"Sobol' total effects (share of variance, top {len(top)}): {shares}", file=out)
    if len(comparison.scorecard()):
        print("", file=out)
        console.print_scorecard(comparison, out)
    learned = learning_summary(getattr(report, "learning", None))
    if learned:
        print("", file=out)
        for line in learned:
            print(line, file=out)
    if report.notes:
        print("", file=out)
        for note in report.notes:
            print(f"Note: {note}", file=out)
    return out.getvalue()


def report_dates(report: Report) -> dict[str, str | None]:
    """The dates the figures rest on, as ``--json`` gives them: the valuation date, the
    price's (None: undated, so the valuation date's), the month and day each model year ends,
    and the day the exit year ends."""
    from model.valuation.finance import fiscal_year_end

    thesis = report.thesis
    price_date = getattr(getattr(thesis, "price_info", None), "date", None)
    end = str(getattr(thesis, "fiscal_year_end", None) or "12-31")
    return {
        "as_of": thesis.as_of.isoformat(),
        "price_date": None if price_date is None else price_date.isoformat(),
        "fiscal_year_end": end,
        "exit_year_end": fiscal_year_end(report.exit_year, end).isoformat(),
    }


def value_basis(report: Report) -> str:
    """What the headline value columns hold, with their dates: ``value today (2025-11-27) of
    holding to 2030-12-31, at the cost of equity``, or the undiscounted year-end value."""
    from model.results.analysis import value_basis as basis

    return basis(report.base, report.exit_year)


# ---------------------------------------------------------------------- descriptions

# One line each (README.txt puts it under the file name); "{year}" is the exit year.
_TABLES: dict[str, str] = {
    "scenarios": "Per scenario: {value} (p5/p50/p95), P(upside), E[return], weight",
    "ledger": "Every number of the thesis and its source; base, then each scenario's overrides",
    "comparison/summary": "Mean, sd, quantiles and their s.e. per output, year and scenario",
    "comparison/scorecard": "Probability and s.e. of each claim, one row per claim and scenario",
    "comparison/scorecard_wide": "Scorecard per scenario: claims x scenarios, probabilities",
    "comparison/returns": "{Value} and dated returns to every horizon year, per scenario",
    "comparison/differences": "Paired difference of {value} vs base (same draws); column basis",
    "comparison/year_end_differences": (
        "The same paired differences of year-end value per share in {year}, undiscounted"
    ),
    "comparison/classic_view": "Bull/base/bear medians, weights, weighted value and reward-to-risk",
    "comparison/ledger": "The base case's ledger (as in every comparison export)",
    "base/summary": "Base case: mean, sd, quantiles and their standard errors per output and year",
    "base/quantiles": "Base case: quantiles from 1% to 99% of every output per year",
    "base/returns": "Base case: {value} and dated returns to every horizon year",
    "base/scorecard": "Base case: probability, s.e. and undefined paths of each scorecard claim",
    "base/ledger": "Base case: every number with its value or distribution and its source",
    "blend/summary": "Blend: mean, sd, quantiles and their standard errors per output and year",
    "blend/quantiles": "Blend: quantiles from 1% to 99% of every output per year",
    "blend/returns": "Blend: {value} and dated returns to every horizon year",
    "blend/scorecard": "Blend: probability, s.e. and undefined paths of each scorecard claim",
    "blend/blend_weights": "Blend: weight and number of paths of each blended scenario",
    "blend/ledger": "Blend: the ledgers of the blended scenarios, stacked (column run_scenario)",
    "views/views": "Base case and each view's scenarios: {value}, P(upside), gap to base",
    "sensitivity/tornado": "{Value}: each variable at p10 / p90, each event or not; by |swing|",
    "sensitivity/rank_correlation": "Rank correlation of each input with {value}",
    "sensitivity/sobol": "Sobol' indices S1 and ST of {value}, with intervals",
    "sensitivity/year_end_tornado": (
        "The same tornado of year-end value per share in {year}, undiscounted"
    ),
    "sensitivity/year_end_rank_correlation": (
        "The same rank correlations with year-end value per share in {year}, undiscounted"
    ),
    "learning/watch": "What to watch: the median value if each observable comes in low or high",
    "learning/watch_outcomes": "Watch list: share of paths and median value in every outcome",
    "learning/prior_posterior": "Base case before and after the evidence: every output in {year}",
    "learning/evidence": "The evidence: each observation, its source, prior and posterior",
    "learning/attribution": "What changed since the previous vintage: a waterfall by group",
    "learning/attribution_groups": "Vintage waterfall: each group's assumptions and shares",
    "learning/backtest": "Previous vintage backtest: percentile of each realised value",
}

_CHARTS: dict[str, str] = {
    "comparison/scenarios_value_today": "Value today by scenario vs the price (today's basis)",
    "comparison/scenarios_value": "Year-end {year} value per share by scenario, undiscounted",
    "comparison/scenarios_value_cdf": "Cumulative distributions of value in {year} by scenario",
    "comparison/scenarios_return": "{Return} to {year} by scenario (box plots)",
    "comparison/scorecard": "Probability of each scorecard claim per scenario (±2 s.e.)",
    "base/value_today_histogram": "Base case: value today vs the price, P(value > price)",
    "blend/value_today_histogram": "Blend: value today vs the price, P(value > price)",
    "base/value_histogram": "Base case: year-end {year} value per share, undiscounted",
    "base/value_cdf": "Base case: cumulative distribution of value per share in {year}",
    "base/scorecard": "Base case: probability of each scorecard claim (±2 s.e.)",
    "base/convergence": "Base case: running mean and p5/p50/p95 of value per share vs paths",
    "blend/value_histogram": "Blend: value in {year}, stacked by scenario, vs the price",
    "blend/value_cdf": "Blend: cumulative distribution of value per share in {year}",
    "views/views_value": "{Value}: base case and each view's scenarios",
    "views/views_value_cdf": "Cumulative distributions of {value} by view scenario",
    "views/views_return": "{Return} to {year}: base case and each view's scenarios",
    "sensitivity/tornado": "Tornado: {value}, each variable at p10 / p90, each event or not",
    "sensitivity/rank_correlation": "Rank correlation of each input with {value}",
    "sensitivity/sobol": "Share of the variance of {value} each input explains (Sobol')",
    "learning/watch": "What to watch: median value if each fact comes in low or high",
    "learning/prior_posterior": "Value before and after the evidence (importance weights)",
    "learning/waterfall": "What changed since the previous vintage, by group (Shapley values)",
    "learning/backtest": "Where what happened fell in the previous vintage's distributions",
}

_FIXED: dict[str, str] = {
    "README.txt": "This index",
    "index.html": "The whole report on one page to open or mail: charts, tables, every source",
    MANIFEST: (
        "Seed, paths, method, versions; the sha256 of every input file read and of every file here"
    ),
    "summary.txt": "The summary the command printed (without the elapsed time)",
    "report.xlsx": (
        "One Excel workbook: summary with units, scenarios, scorecard, ledger with quotes, "
        "sensitivity, a sample of paths"
    ),
}

_PATTERNS: tuple[tuple[str, Callable[[Report, re.Match[str]], str]], ...] = (
    (
        r"base/charts/fan_(?P<name>\w+)\.png",
        lambda r, m: f"Base case: {st.output_label(r.base, m['name'])} per year (fan chart)",
    ),
    (
        r"base/charts/share_paths_(?P<seg>\w+)\.png",
        lambda r, m: (
            f"Base case: market shares per year, {st.segment_label(r.base, m['seg'])} market"
        ),
    ),
)


def describe(report: Report, relative: str) -> str:
    """One line describing a file of a report folder.

    Parameters
    ----------
    report : Report
        The report written.
    relative : str
        The file's path inside the folder (POSIX separators).

    Returns
    -------
    str
        The description; :data:`UNDESCRIBED` for a file no writer is known to produce.
    """
    # A fiscal year is named as such (FY2030): a bare 2030 reads as its 31 December.
    year = fiscal_year_text(report.exit_year, year_end_of(report.base))
    # The tables' value columns hold today's value (held to the year) when the run states it.
    value = f"value today (held to {year})" if today_basis(report.base) else f"value in {year}"
    words = {"year": year, "value": value, "Value": value[0].upper() + value[1:]}
    # Under a year the return is the period's own, not annualised, as the charts say.
    words["Return"] = "Annual return"
    if today_basis(report.base):
        ahead = ReturnsView(report.base).table([report.exit_year]).iloc[0]["years_ahead"]
        if is_unannualised(float(ahead)):
            words["Return"] = f"Return ({UNANNUALISED})"
    if relative in _FIXED:
        return _FIXED[relative]
    stem, _, suffix = relative.rpartition(".")
    if suffix in ("csv", "parquet") and stem in _TABLES:
        return _TABLES[stem].format(**words)
    chart = stem.replace("/charts/", "/")
    if suffix == "png" and chart == "comparison/value_histogram":
        return _cases_histogram(report, year)
    if suffix == "png" and chart in _CHARTS:
        return _CHARTS[chart].format(**words)
    for pattern, text in _PATTERNS:
        if match := re.fullmatch(pattern, relative):
            return text(report, match)
    return UNDESCRIBED


#: Charts that set the year-end value against the price (P(> price), or the mass above it).
_AGAINST_PRICE = re.compile(
    r"(?:base|blend|comparison|views)/charts/"
    r"(?:value_histogram|value_cdf|scenarios_value(?:_cdf)?|views_value(?:_cdf)?)\.png"
)


def caption(report: Report, relative: str) -> str:
    """A chart's caption in the report page: its :func:`describe` line, and for a chart that
    sets the year-end value against the price, when the returns count dividends it leaves
    out, what its P(upside) leaves out (the chart itself is unchanged)."""
    text = describe(report, relative)
    if _AGAINST_PRICE.fullmatch(relative) and upside_leaves_out_dividends(report.base):
        text += f". {UPSIDE_NOTE}"
    return text


def _cases_histogram(report: Report, year: str) -> str:
    """The comparison's histogram, by the scenarios it draws: bear, base and bull where the
    run has two or more of them (each with its median), else the first scenario alone."""
    cases = [c for c in ("bear", "base", "bull") if c in report.comparison.scenarios]
    if len(cases) < 2:
        first = report.comparison.scenarios[0]
        shown = "Base case" if first == "base" else f"Scenario {first}"
        return f"{shown}: value in {year} with its 5th, 50th and 95th percentiles"
    named = f"{', '.join(cases[:-1])} and {cases[-1]}"
    return f"{named[0].upper()}{named[1:]}: value in {year}, each with its median"


def _entries(report: Report, root: Path) -> list[tuple[str, str]]:
    """(name, description) per file; a table's CSV and Parquet twins share one line."""
    files = sorted(
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file() and p.name != STAGING_MARK  # the staging folder's mark, not exported
    )
    # The index itself and the manifest are written after this text is made.
    files += [name for name in ("README.txt", MANIFEST) if name not in files]
    names = set(files)
    out = []
    for name in files:
        if name.endswith(".parquet") and name[: -len("parquet")] + "csv" in names:
            continue
        shown = name
        if name.endswith(".csv") and name[: -len("csv")] + "parquet" in names:
            shown = f"{name} (+ .parquet)"
        out.append((shown, describe(report, name)))
    return out


def _section(name: str) -> str:
    return name.split("/", 1)[0] if "/" in name else ""


_SECTIONS: dict[str, str] = {
    "": "Start here",
    "comparison": "comparison/ - every scenario side by side (common random numbers)",
    "base": "base/ - the base scenario's full export",
    "blend": "blend/ - the probability-weighted blend of the scenarios",
    "views": "views/ - the views side by side, each against the base case",
    "sensitivity": "sensitivity/ - what drives the value",
}


#: Files of the folder's top level in reading order (others follow by name).
_FIRST = (
    "index.html",
    "summary.txt",
    "report.xlsx",
    "scenarios.csv",
    "ledger.csv",
    "README.txt",
    MANIFEST,
)


def _file_key(shown: str) -> tuple[int, str]:
    name = shown.split(" ", 1)[0]
    return (_FIRST.index(name), name) if name in _FIRST else (len(_FIRST), name)


def _section_key(section: str) -> tuple[int, str]:
    """Known sections in reading order, any other after them by name."""
    order = list(_SECTIONS)
    return (order.index(section), section) if section in order else (len(order), section)


def index_text(report: Report, root: Path) -> str:
    """The ``README.txt`` of a report folder: what was run and what every file holds.

    Parameters
    ----------
    report : Report
        The report being written.
    root : Path
        The folder as written so far (every file but the manifest).

    Returns
    -------
    str
    """
    base = report.base
    exit_end = console.year_end_text(base, report.exit_year, fiscal=True)
    lines = [
        f"{getattr(report.thesis, 'name', 'thesis')} - report",
        "",
        f"Thesis file: {st.thesis_file(base)} (sha256 in manifest.json)",
        _settings_line(report),
        f"Value per share is in {base.units.get('value_per_share', base.currency)}, at the end "
        f"of {exit_end} unless a file says otherwise;",
        f"returns are measured from the thesis' {console.price_text(base)}.",
    ]
    if upside_leaves_out_dividends(base):  # the column p_upside of every table that has one
        lines += textwrap.wrap(f"{UPSIDE_NOTE} (column p_upside of the tables).", 92)
    lines += ["Tables are CSV" + (" with a Parquet twin." if has_parquet() else "."), ""]
    entries = _entries(report, root)
    sections = sorted({_section(n) for n, _ in entries}, key=_section_key)
    for section in sections:
        lines.append(_SECTIONS.get(section, f"{section}/"))
        chosen = [(n, t) for n, t in entries if _section(n) == section]
        for name, text in sorted(chosen, key=lambda e: _file_key(e[0])):
            lines.append(f"  {name}")
            lines.append(f"      {text}")
        lines.append("")
    return "\n".join(lines)
