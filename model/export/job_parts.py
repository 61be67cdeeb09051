"""Each part of a report folder: its tables and, as one call that draws them, its charts.

The parts are the folder's sub-folders (see :mod:`model.export.job`). A part's charts are one
group :class:`model.export.render.ChartGroups` hands to a worker process, so every chart of a
part is drawn by one process from the finished report while this one writes the tables.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from model.results import export as ex
from model.results.analysis import TODAY, VALUE, value_output
from model.results.export import VALUE_TODAY_BASIS, YEAR_END_BASIS

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from model.export.job import Report
    from model.results.results import SimulationResult
    from model.sensitivities.results import RankCorrelationResult, SobolResult, TornadoResult

__all__ = [
    "BASE",
    "PARTS",
    "RETURN",
    "chart_groups",
    "value_sensitivity",
    "workbook",
    "write_tables",
]

BASE = "base"
RETURN = "return_annual"
#: Today's value of holding to the exit year, one number a path (the views charts draw it).
TODAY_VALUE = "value_today"
#: The dated annualised total return (from the price's date, with the dividends).
DATED = "return_dated"
#: The folder parts, in the order their tables and charts are listed.
PARTS = ("comparison", "blend", "views", "sensitivity", "learning", BASE)


def value_sensitivity(base: SimulationResult, output: str, notes: list[str]) -> dict[str, Any]:
    """The tornado and rank correlations of the base case's value (``tornado``, ``ranks``, and
    with today's value as ``output`` the year-end ones too), or none with a note saying why.

    A thesis whose inputs are all fixed has nothing to swing; one whose value is the same
    number on every path and at every input's low and high (nothing left for the
    shareholders, say) has nothing for an input to explain. Either is reported without a
    sensitivity, not refused. Each output stands alone: a flat one is noted and left out,
    and the other's tables are kept.
    """
    from model.errors import FlatOutputError
    from model.sensitivities import sensitivity

    if _all_fixed(base):
        notes.append("no sensitivity: the base case has no distribution or event to swing")
        return {}
    # With today's value as the headline, the undiscounted year-end ones are kept too.
    outputs = {"": output, "year_end_": VALUE} if output != VALUE else {"": output}
    found: dict[str, Any] = {}
    flat: dict[str, FlatOutputError] = {}
    # One output at a time: a year-end value that is flat keeps the headline's tables.
    for key, on in outputs.items():
        try:
            tornado = sensitivity(base.thesis, BASE, on, None, "tornado")
            ranks = sensitivity(base.thesis, BASE, on, None, "rank", result=base)
        except FlatOutputError as exc:
            flat[key] = exc
            continue
        found[f"{key}tornado"], found[f"{key}ranks"] = tornado, ranks
    if len(flat) == len(outputs):  # nothing left: one note, of the headline
        notes.append(f"no sensitivity: {_flat(flat[''])}")
    elif "" in flat:
        notes.append(
            f"no sensitivity of the headline value: {_flat(flat[''])}; the year-end value's is kept"
        )
    elif flat:
        notes.append(f"no year-end sensitivity: {_flat(flat['year_end_'])}; today's is kept")
    return found


def _flat(exc: Any) -> str:
    """Why an output of the sensitivity has nothing for an input to explain."""
    when = f" in {exc.year}" if exc.year is not None else ""
    return (
        f"the base case's {exc.output} is one number{when} whatever the inputs (often 0, "
        "nothing left for the shareholders), so no input explains any of it; check the "
        "run's flagged paths"
    )


def _all_fixed(base: SimulationResult) -> bool:
    """Whether no input of the base case varies (a deterministic check of a thesis): nothing
    for a sensitivity to swing or rank."""
    from model.errors import SettingsError
    from model.sensitivities.eval import choose_factors
    from model.sensitivities.results import FactorKind

    kinds = frozenset({FactorKind.VARIABLE, FactorKind.EVENT})  # what the tornado swings
    try:
        choose_factors(base.thesis.with_scenario(BASE).to_spec(), None, kinds=kinds)
    except SettingsError:
        return True
    return False


def write_tables(report: Report, root: Path) -> None:
    """Write every part's tables into its folder under ``root``."""
    writers: dict[str, Callable[[Report, Path], None]] = {
        "comparison": _comparison_tables,
        "blend": _blend_tables,
        "views": _views_tables,
        "sensitivity": _sensitivity_tables,
        "learning": _learning_tables,
        BASE: _base_tables,
    }
    for part in PARTS:
        writers[part](report, root / part)


def _comparison_tables(report: Report, folder: Path) -> None:
    folder.mkdir(exist_ok=True)
    ex.write_comparison_tables(report.comparison, folder)
    card = report.comparison.scorecard()
    if len(card):
        ex.write_table(card, folder, "scorecard_wide")


def _blend_tables(report: Report, folder: Path) -> None:
    if report.blend is not None:
        folder.mkdir(exist_ok=True)
        ex.write_result_tables(report.blend, folder)


def _views_tables(report: Report, folder: Path) -> None:
    if report.views is not None:
        table = report.views_table()
        folder.mkdir(exist_ok=True)
        ex.write_table(table, folder, "views")


def _sensitivity_tables(report: Report, folder: Path) -> None:
    if report.tornado is None and report.year_end_tornado is None:  # nothing to swing
        return
    folder.mkdir(exist_ok=True)
    found: dict[str, TornadoResult | RankCorrelationResult | SobolResult | None] = {
        "tornado": report.tornado,
        "rank_correlation": report.ranks,
        "sobol": report.sobol,
        "year_end_tornado": report.year_end_tornado,
        "year_end_rank_correlation": report.year_end_ranks,
    }
    for stem, item in found.items():
        if item is not None:
            # Which value the table measures: the headline's (today's) or the year-end one.
            table = item.to_frame().assign(output=item.output)
            table["basis"] = VALUE_TODAY_BASIS if item.output == TODAY else YEAR_END_BASIS
            ex.write_table(table, folder, stem)


def _base_tables(report: Report, folder: Path) -> None:
    folder.mkdir(exist_ok=True)
    ex.write_result_tables(report.base, folder)


def _learning_tables(report: Report, folder: Path) -> None:
    from model.export.learning import learning_tables

    learning_tables(report.learning, folder)


def workbook(report: Report, path: Path) -> None:
    from model.export.learning import learning_sheets
    from model.results.formats.excel import workbook_bytes

    # The year-end ones too: the sheet's output column tells them from today's.
    every = (report.tornado, report.ranks, report.sobol, report.year_end_tornado,
             report.year_end_ranks)  # fmt: skip
    found = [f for f in every if f is not None]
    data = workbook_bytes(report.comparison.results, sensitivity=found, weights=report.weights,
                          extra=learning_sheets(report.learning))  # fmt: skip
    path.write_bytes(data)


def _blend(report: Report) -> dict[str, Figure]:
    blended = report.blend
    if blended is None:
        return {}
    from model import charts as plots

    figures = {}
    # Today's value against the price first, as the blend's tables and the base case's charts
    # give it; the undiscounted year-end value after.
    if TODAY_VALUE in blended.outputs:
        figures["value_today_histogram"] = plots.value_distribution(blended, TODAY_VALUE)
    if VALUE in blended.outputs:
        figures["value_histogram"] = plots.value_distribution(blended, kind="hist")
        figures["value_cdf"] = plots.value_distribution(blended, kind="cdf")
    return figures


def _views(report: Report) -> dict[str, Figure]:
    if report.views is None:
        return {}
    from model import charts as plots

    comparison = report.views
    words = " and ".join(report.view_tags)
    year = report.exit_year
    # On the headline's value, as the views table beside them: today's where the run states
    # it (its P(> price) then shows), else the year-end value per share.
    value, what = VALUE, f"value per share in {year}"
    if value_output(report.base) == TODAY and TODAY_VALUE in report.base.outputs:
        value, what = TODAY_VALUE, f"value today (held to {year})"
    # by_view: the scenarios are grouped under the view they belong to, whatever their number.
    figures = {
        "views_value": plots.scenario_comparison(
            comparison, value, kind="box", by_view=True,
            title=f"The {words} views side by side: {what}",
        ),
        "views_value_cdf": plots.scenario_comparison(
            comparison, value, kind="cdf", by_view=True,
            title=f"The {words} views: distribution of {what}",
        ),
    }  # fmt: skip
    # The return over real dates, with the dividends, where every run has it (from the
    # price's date to the exit year end, as the report's tables and the comparison's chart
    # give it); else the return over whole model years (dividends counted when the model
    # states them). The chart's own title says which.
    runs = comparison.results.values()
    ret = DATED if all(DATED in r.outputs for r in runs) else RETURN
    if ret in report.base.outputs:
        figures["views_return"] = plots.scenario_comparison(
            comparison, ret, kind="box", by_view=True
        )
    # No scorecard here: the comparison's scorecard already shows every scenario.
    return figures


def _sensitivity(report: Report) -> dict[str, Figure]:
    from model import charts as plots

    base = report.base
    if report.tornado is None or report.ranks is None:
        return {}
    figures = {
        "tornado": plots.tornado_chart(report.tornado, result=base),
        "rank_correlation": plots.rank_correlation_bars(report.ranks, result=base),
    }
    if report.sobol is not None:
        figures["sobol"] = plots.sobol_bars(report.sobol, result=base)
    return figures


def chart_groups(report: Report) -> dict[str, Callable[[], Mapping[str, Figure]]]:
    """Each part's charts, as the call that draws them."""
    return {
        "comparison": lambda: ex.chart_figures(report.comparison),
        "blend": lambda: _blend(report),
        "views": lambda: _views(report),
        "sensitivity": lambda: _sensitivity(report),
        "learning": lambda: _learning(report),
        BASE: lambda: ex.chart_figures(report.base),
    }


def _learning(report: Report) -> dict[str, Figure]:
    from model.export.learning import learning_charts

    return learning_charts(report.learning)
