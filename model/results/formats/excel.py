"""Results as one Excel workbook: summary, scenarios, scorecard, ledger, sensitivity, paths.

:func:`write_workbook` writes a :class:`~model.results.results.SimulationResult`, a
:class:`~model.results.comparison.ComparisonResult` (``result.to_excel(path)``) or the
full
report (``thesis report --xlsx``) with openpyxl. pandas' own ``to_excel`` is not used: it
cannot give each cell the number format of its row's unit, which the summary needs (a share
reads as a percentage, a value in USD bn with two decimals, in the same column). Sheets:

``summary``
    mean, sd and percentiles of every output per year, each with its standard error
    (``mean_se``, ``p50_se``, ...), with the scenario, output, year and ``unit`` as columns.
``scenarios``
    one row per scenario at the exit year: label, view, weight, the value's percentiles (its
    basis in ``value_basis``), P(upside), the median annual return and the expected return
    (the mean total return annualised), ``p_loss_30`` and ``expected_shortfall_5`` (that
    value against the price: today's value, after the cost of equity, on today's basis; the
    total return on the year-end basis), each mean and probability with its standard error.
``scorecard``
    the probability of each claim of the thesis under each scenario, with its error.
``ledger``
    every number of the thesis with its unit, source document and quote (or rationale).
``sensitivity``
    tornado, rank correlation and Sobol' results in one long table (column ``method``);
    fractions stay fractions and are formatted as percentages.
``paths``
    the first paths of every output at the exit year (at most ``max_paths`` rows in all,
    shared among the scenarios; row 2 gives each column's unit). Paths are independent, so
    the first ones are a random sample; path ``i`` of two scenarios used the same random
    numbers, so differences can be taken row by row.

Every sheet has its header frozen, an auto-filter over its table and column widths fitted to
its content. Number formats: percentages for shares, percentages, probabilities, returns and
Sobol' indices; thousands separators and two decimals for money; whole numbers for counts and
years. The file is written atomically and is byte-identical for identical results (fixed
document dates and zip time stamps); a file at the path is replaced only with ``overwrite``
and only if this toolkit wrote it.
"""

from __future__ import annotations

import io
import math
import os
import re
import zipfile
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from model._files import atomic_write_bytes, path_argument
from model.errors import ExportError, missing_extra
from model.results.analysis import (
    UPSIDE_NOTE,
    VALUE,
    has_returns,
    upside_leaves_out_dividends,
    value_basis,
)
from model.results.export import blend_weights, full_ledger
from model.results.formats.cells import FRACTION_UNITS as FRACTION_UNITS
from model.results.formats.cells import INTEGER as INTEGER
from model.results.formats.cells import MAX_WIDTH as MAX_WIDTH
from model.results.formats.cells import MONEY as MONEY
from model.results.formats.cells import NUMBER_WIDTH as NUMBER_WIDTH
from model.results.formats.cells import PERCENT as PERCENT
from model.results.formats.cells import PERCENT_FINE as PERCENT_FINE
from model.results.formats.cells import PLAIN_INTEGER as PLAIN_INTEGER
from model.results.formats.cells import RATIO as RATIO
from model.results.formats.cells import YEARS as YEARS
from model.results.formats.cells import cell_format as cell_format
from model.results.formats.cells import cell_text
from model.results.formats.cells import number_format as number_format
from model.results.statements import view_tag
from model.results.summary import MIN_SD_SE_PATHS

if TYPE_CHECKING:
    from model.results.comparison import ComparisonResult
    from model.results.results import SimulationResult

__all__ = ["DEFAULT_MAX_PATHS", "SHEETS", "number_format", "write_workbook"]

#: Rows of the ``paths`` sheet unless asked otherwise (shared among the scenarios).
DEFAULT_MAX_PATHS = 1_000
#: The sheets, in order (a blend's workbook adds ``blend_weights`` after ``scenarios``).
SHEETS = ("summary", "scenarios", "scorecard", "ledger", "sensitivity", "paths")
#: The workbook's creator; an existing file that does not name it is never replaced.
CREATOR = "thesis-model"
#: Fixed document dates and zip time stamps: identical results give identical bytes.
_DOC_TIME = datetime(2000, 1, 1)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


# ---------------------------------------------------------------------- tables


def _flat(frame: pd.DataFrame) -> pd.DataFrame:
    """Index levels as leading columns: a table's dimensions are columns in a sheet."""
    if any(name is not None for name in frame.index.names):
        frame = frame.reset_index()
    return frame.reset_index(drop=True)


def summary_table(results: Mapping[str, SimulationResult]) -> pd.DataFrame:
    """Every scenario's summary stacked: scenario, output, year, unit, n, statistics, errors."""
    pieces = []
    for name, result in results.items():
        table = _flat(result.summary())
        table.insert(0, "scenario", name)
        pieces.append(table)
    return pd.concat(pieces, ignore_index=True)


def scenario_table(
    results: Mapping[str, SimulationResult], weights: Mapping[str, float] | None = None
) -> pd.DataFrame:
    """One row per scenario: label, view, weight, paths and the returns at the exit year."""
    rows = []
    for name, result in results.items():
        row: dict[str, Any] = {
            "scenario": name,
            "label": result.scenario_label,
            "view": view_tag(result.thesis, name),
            "weight": (weights or {}).get(name, _whole(result)),
            "n_paths": result.n_paths,
        }
        if has_returns(result):
            row["year"] = result.exit_year
            row["price"] = result.price
            row["currency"] = result.currency
            # What the value columns hold: "value_p50" beside "year" read as that year's value.
            row["value_basis"] = value_basis(result)
            # A one-path run (a deterministic check) has its path's returns, without errors.
            least = 1 if result.n_paths == 1 else 2
            returns = result.returns().table([result.exit_year], least=least)
            row.update(returns.iloc[0].to_dict())
            row.pop("n", None)
        rows.append(row)
    return pd.DataFrame(rows)


def _whole(result: SimulationResult) -> float:
    """A blend's weight: the sum of its scenarios' (on the ``blend_weights`` sheet); else NaN."""
    return float(sum(result.weights.values())) if result.weights else math.nan


def blend_weights_table(results: Mapping[str, SimulationResult]) -> pd.DataFrame | None:
    """Every blend's scenarios with their weights and paths, as its ``blend_weights`` CSV."""
    pieces = [t for r in results.values() if (t := blend_weights(r)) is not None]
    return pd.concat(pieces, ignore_index=True) if pieces else None


def scorecard_table(results: Mapping[str, SimulationResult]) -> pd.DataFrame:
    """Every claim under every scenario: probability and its standard error."""
    pieces = []
    for name, result in results.items():
        card = result.scorecard()
        if len(card):
            card.insert(0, "scenario", name)
            pieces.append(card)
    if not pieces:
        return pd.DataFrame(columns=["scenario", "claim", "probability", "probability_se"])
    return pd.concat(pieces, ignore_index=True)


def notes_table(results: Mapping[str, SimulationResult]) -> pd.DataFrame | None:
    """What the workbook leaves blank and why, and what its ``p_upside`` leaves out (None:
    nothing): the standard deviations and standard errors of a one-path run, which need two
    paths or more, and the sd's error of a run of 2 or 3 paths, which needs
    :data:`~model.results.summary.MIN_SD_SE_PATHS`; the dividends, without a cost of equity,
    that the returns count."""
    notes = []
    single = [name for name, result in results.items() if result.n_paths < 2]
    if single:
        notes.append(
            f"{', '.join(single)}: a run of 1 path (one random draw, not the central case "
            "unless every input is fixed). Its quantiles and means are its one path's values; "
            "the standard deviation and every standard error need 2 paths or more, so they "
            "are blank."
        )
    few = [name for name, result in results.items() if 2 <= result.n_paths < MIN_SD_SE_PATHS]
    if few:
        notes.append(
            f"{', '.join(few)}: a run of fewer than {MIN_SD_SE_PATHS} paths: the standard "
            f"error of the standard deviation needs {MIN_SD_SE_PATHS} paths or more, so it is "
            "blank."
        )
    upside = [n for n, r in results.items() if has_returns(r) and upside_leaves_out_dividends(r)]
    if upside:  # the column keeps its name: the file's format does not change
        notes.append(f"p_upside ({', '.join(upside)}; sheet scenarios): {UPSIDE_NOTE}.")
    return pd.DataFrame({"note": notes}) if notes else None


def ledger_table(results: Mapping[str, SimulationResult]) -> pd.DataFrame:
    """The thesis' ledger with quotes: the base case, then each scenario's own overrides."""
    thesis = next(iter(results.values())).thesis
    if not hasattr(thesis, "with_scenario"):  # a hand-made result: whatever ledger it has
        ledger = getattr(thesis, "ledger", None)
        return ledger() if callable(ledger) else pd.DataFrame(columns=["name"])
    # A blend's paths come from its weighted scenarios: list the ledgers of those.
    names = dict.fromkeys(n for r in results.values() for n in (r.weights or [r.scenario]))
    return full_ledger(thesis.with_scenario("base"), tuple(names))


def sensitivity_table(found: Sequence[Any]) -> pd.DataFrame:
    """Tornado, rank and Sobol' results in one long table with a ``method`` column."""
    pieces = []
    for item in found:
        if item is None:
            continue
        frame = item.to_frame()
        frame.insert(0, "method", _method_name(item))
        frame.insert(1, "rank", range(1, len(frame) + 1))
        frame.insert(2, "output", item.output)
        frame.insert(3, "year", item.year)
        frame.insert(4, "output_unit", str(getattr(item, "output_unit", "") or ""))
        pieces.append(frame)
    if not pieces:
        return pd.DataFrame(columns=["method", "rank", "output", "year", "input"])
    return pd.concat(pieces, ignore_index=True)


_METHODS = {"TornadoResult": "tornado", "RankCorrelationResult": "rank", "SobolResult": "sobol"}

#: Where each sensitivity column's unit is: the input's values in the row's ``unit``, the
#: output's in ``output_unit``; correlations, shares of variance and years have none.
_INPUT_VALUES = frozenset({"low_value", "high_value"})
_OUTPUT_VALUES = frozenset(
    {"output_at_low", "output_at_high", "swing", "central_value", "change_at_low", "change_at_high"}
)


def sensitivity_units(columns: Sequence[str]) -> dict[str, str | None]:
    """Each column of :func:`sensitivity_table` -> the column holding its unit, or None."""
    return {
        c: "unit" if c in _INPUT_VALUES else "output_unit" if c in _OUTPUT_VALUES else None
        for c in columns
    }


def _method_name(item: Any) -> str:
    return _METHODS.get(type(item).__name__, type(item).__name__)


def check_sensitivity(found: Any) -> list[Any]:
    """``found`` as a list of tornado, rank or Sobol' results (None entries skipped).

    Raises
    ------
    ExportError
        For anything else (a method's name, one result not in a list), before the workbook
        is begun: a wrong entry used to fail half-way through the writing.
    """
    if isinstance(found, str | bytes) or not isinstance(found, Sequence):
        raise ExportError(
            "sensitivity must be a list of results of model.sensitivity (tornado, rank or "
            f"sobol), got {type(found).__name__} {found!r:.60}"
        )
    for item in found:
        if item is not None and type(item).__name__ not in _METHODS:
            raise ExportError(
                "sensitivity must hold results of model.sensitivity (tornado, rank or sobol), "
                f"got {type(item).__name__} {item!r:.60}"
            )
    return [item for item in found if item is not None]


def check_sensitivity_runs(found: Sequence[Any], results: Mapping[str, SimulationResult]) -> None:
    """Refuse, before the workbook is begun, a sensitivity result of another thesis or of a
    scenario the workbook does not hold (its results', and a blend's mixed ones), with the
    checks of a sensitivity given a run (its ``origin.check_run``, which is
    :func:`model.sensitivities.rank.check_run_of`). A result without an ``origin`` (not made
    by :func:`model.sensitivity`) is not checked.

    Raises
    ------
    SettingsError
        Naming the entry, the thesis or scenario it is of and the workbook's.
    """
    from model.errors import SettingsError

    runs = list(results.values())
    held = dict(results)
    for run in runs:  # a blend's paths are its scenarios' own
        held.update(dict.fromkeys(getattr(run, "weights", None) or {}, run))
    for k, item in enumerate(found, start=1):
        origin = getattr(item, "origin", None)
        if origin is None or not runs:
            continue
        what = f"sensitivity entry {k} ({_method_name(item)} of {item.output})"
        advice = "pass sensitivity results of the workbook's own thesis and scenario"
        try:
            origin.check_run(runs[0], scenario=False, advice=advice)
            if origin.scenario is not None and origin.scenario not in held:
                if len(runs) == 1:
                    origin.check_run(runs[0], advice=advice)
                raise SettingsError(
                    f"scenario={origin.scenario!r}, but the workbook holds the scenarios "
                    f"{', '.join(map(repr, held))}; {advice}"
                )
        except SettingsError as exc:
            raise SettingsError(f"{what}: {exc}") from None


def paths_table(
    results: Mapping[str, SimulationResult], max_paths: int
) -> tuple[pd.DataFrame, list[str]]:
    """The first paths of every output at the exit year; the units of the columns.

    ``max_paths`` rows in all, shared equally among the scenarios (the same path numbers in
    each, so rows of two scenarios with one path number used the same random numbers).
    """
    per = max(1, max_paths // max(len(results), 1))
    pieces = []
    units: list[str] = []
    for name, result in results.items():
        n = min(per, result.n_paths)
        names = sorted(result.outputs, key=lambda k: (k != VALUE, k))
        data: dict[str, Any] = {"scenario": [name] * n, "path": np.arange(n)}
        column_units = ["", ""]
        for output in names:
            # Today's value (one value per path) has no year to carry in its heading.
            one = np.ndim(result.outputs[output]) == 1
            heading = output if one else f"{output}[{result.exit_year}]"
            data[heading] = np.asarray(result.final(output)[:n], float)
            column_units.append(str(result.units.get(output, "")))
        pieces.append(pd.DataFrame(data))
        units = units or column_units
    return pd.concat(pieces, ignore_index=True), units


# ---------------------------------------------------------------------- writing


def require_openpyxl() -> Any:
    """The openpyxl module; :class:`~model.errors.MissingExtraError` naming the extra without it."""
    try:
        import openpyxl
    except ImportError:  # depends on the installation
        raise missing_extra("Excel output", "openpyxl", "excel") from None
    return openpyxl


def _value(value: Any) -> Any:
    """A cell value: numpy scalars as Python numbers, NaN and missing values empty."""
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float):
        return value if math.isfinite(value) else (None if math.isnan(value) else str(value))
    if isinstance(value, str):
        return cell_text(value)
    if isinstance(value, bool | int):
        return value
    if isinstance(value, list | tuple | dict | set):
        return cell_text(str(value))
    return None if pd.isna(value) else cell_text(str(value))


def _sheet(
    wb: Any,
    title: str,
    frame: pd.DataFrame,
    *,
    unit_column: str | None = None,
    unit_row: Sequence[str] | None = None,
    column_units: Mapping[str, str | None] | None = None,
) -> None:
    """A table with its header (and unit row) frozen, formats per cell, widths and a filter.

    A number's format follows its row's ``unit_column``, or for a column in ``column_units``
    the column named there (None: no unit, the column's name alone decides).
    """
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title)
    frame = _flat(frame)
    columns = [str(c) for c in frame.columns]
    numeric = [
        pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c])
        for c in frame.columns
    ]
    widths = []
    for j, column in enumerate(columns):
        if numeric[j]:
            widths.append(max(len(column), NUMBER_WIDTH))
        else:
            texts = frame.iloc[:, j].dropna().astype(str)
            longest = int(texts.str.len().max()) if len(texts) else 0
            widths.append(min(max(len(column), longest), MAX_WIDTH))
    for j, width in enumerate(widths):
        ws.column_dimensions[get_column_letter(j + 1)].width = width + 2
    header_rows = 1 + (unit_row is not None)
    ws.freeze_panes = f"A{header_rows + 1}"
    last = get_column_letter(max(len(columns), 1))
    ws.auto_filter.ref = f"A{header_rows}:{last}{header_rows + max(len(frame), 1)}"
    bold = Font(bold=True)
    italic = Font(italic=True)
    head = []
    for column in columns:
        cell = WriteOnlyCell(ws, value=column)
        cell.font = bold
        head.append(cell)
    ws.append(head)
    if unit_row is not None:
        units = []
        for unit in unit_row:
            cell = WriteOnlyCell(ws, value=unit or None)
            cell.font = italic
            units.append(cell)
        ws.append(units)
    sources = {c: (column_units or {}).get(c, unit_column) for c in columns}
    by_source = {
        name: frame[name].astype(str).tolist()
        for name in {*sources.values()}
        if name is not None and name in frame
    }
    row_units = by_source or None
    column_unit = [unit_row[j] if unit_row is not None else "" for j in range(len(columns))]
    wrap = Alignment(wrap_text=True, vertical="top")
    long_text = [not numeric[j] and widths[j] >= MAX_WIDTH for j in range(len(columns))]
    for i, values in enumerate(frame.itertuples(index=False, name=None)):
        cells = []
        for j, raw in enumerate(values):
            cell = WriteOnlyCell(ws, value=_value(raw))
            if cell.data_type == "f":  # text that looks like a formula stays text, never run
                cell.data_type = "s"
            if numeric[j] and row_units:
                source = sources[columns[j]]
                unit = row_units[source][i] if source in row_units else ""
                cell.number_format = cell_format(columns[j], unit, cell.value)
            elif numeric[j]:
                cell.number_format = cell_format(columns[j], column_unit[j], cell.value)
            elif long_text[j]:
                cell.alignment = wrap
            cells.append(cell)
        ws.append(cells)


def _normalise_zip(data: bytes) -> bytes:
    """The same archive with fixed time stamps, so identical content gives identical bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                # openpyxl stamps the save time here whatever the properties say.
                body = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + _DOC_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode() + rb"\g<2>",
                    body,
                )
            dst.writestr(fixed, body)
    return out.getvalue()


def check_replaceable(path: Path, overwrite: bool) -> None:
    """Refuse a target that exists unless ``overwrite`` and it is a workbook we wrote."""
    from model._folders import check_overwrite

    check_overwrite(overwrite)
    if not path.exists():
        return
    if path.is_dir():
        raise ExportError(f"{path} is a folder, not a workbook file")
    if not overwrite:
        raise ExportError(f"{path} already exists; pass overwrite=True to replace it")
    try:
        with zipfile.ZipFile(path) as archive:
            core = archive.read("docProps/core.xml").decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile):
        core = ""
    if f"<dc:creator>{CREATOR}</dc:creator>" not in core:
        raise ExportError(f"{path} exists and was not written by {CREATOR}; refusing to replace it")


def workbook_bytes(
    results: Mapping[str, SimulationResult],
    *,
    sensitivity: Sequence[Any] = (),
    weights: Mapping[str, float] | None = None,
    max_paths: int = DEFAULT_MAX_PATHS,
    extra: Mapping[str, pd.DataFrame] | None = None,
) -> bytes:
    """The workbook of some scenarios' results, as the bytes of an ``.xlsx`` file.

    ``extra`` adds one sheet per table (sheet name -> table), after the others.
    """
    openpyxl = require_openpyxl()
    if isinstance(max_paths, bool) or not isinstance(max_paths, int | np.integer) or max_paths < 0:
        raise ExportError(f"max_paths must be a whole number, 0 or more (got {max_paths!r})")
    # Every table first, then the sheets: a table that refuses (a streamed output, too few
    # paths) then leaves no write-only sheet open, to complain when it is collected.
    scenarios = scenario_table(results, weights)
    # The price and the values are in the currency the row names (a share of it).
    money = {c: "currency" for c in scenarios if c == "price" or c.startswith("value_p")}
    money |= {c: "currency" for c in ("value_mean", "value_mean_se") if c in scenarios}
    sheets: list[tuple[str, pd.DataFrame, dict[str, Any]]] = [
        ("summary", summary_table(results), {"unit_column": "unit"}),
        ("scenarios", scenarios, {"column_units": money}),
    ]
    shares = blend_weights_table(results)
    if shares is not None:  # a blend: its scenarios' weights, after its own row
        sheets.append(("blend_weights", shares, {}))
    sheets.append(("scorecard", scorecard_table(results), {}))
    sheets.append(("ledger", ledger_table(results), {"unit_column": "unit"}))
    table = sensitivity_table(sensitivity)
    units = {"unit_column": "unit", "column_units": sensitivity_units(table.columns)}
    sheets.append(("sensitivity", table, units))
    if max_paths:
        frame, row = paths_table(results, max_paths)
        sheets.append(("paths", frame, {"unit_row": row}))
    notes = notes_table(results)
    if notes is not None:
        sheets.append(("notes", notes, {}))
    for name, table in (extra or {}).items():
        sheets.append((name, table.reset_index() if table.index.name else table, {}))
    wb = openpyxl.Workbook(write_only=True)
    wb.properties.creator = CREATOR
    wb.properties.lastModifiedBy = CREATOR
    wb.properties.created = _DOC_TIME
    wb.properties.modified = _DOC_TIME
    first = next(iter(results.values()))
    wb.properties.title = str(getattr(first.thesis, "name", "") or "thesis")
    for name, table, options in sheets:
        _sheet(wb, name, table, **options)
    buffer = io.BytesIO()
    wb.save(buffer)
    return _normalise_zip(buffer.getvalue())


def write_workbook(
    obj: SimulationResult | ComparisonResult,
    path: str | os.PathLike[str],
    *,
    sensitivity: Sequence[Any] = (),
    weights: Mapping[str, float] | None = None,
    max_paths: int = DEFAULT_MAX_PATHS,
    overwrite: bool = False,
) -> Path:
    """Write a result or a comparison to one ``.xlsx`` workbook, atomically.

    Parameters
    ----------
    obj : SimulationResult or ComparisonResult
        What to write.
    path : path
        The workbook file (``.xlsx``).
    sensitivity : sequence of sensitivity results
        Tornado, rank or Sobol' results for the ``sensitivity`` sheet (empty without).
    weights : Mapping[str, float], optional
        Scenario weights for the ``scenarios`` sheet (a blend's own weights by default).
    max_paths : int
        Rows of the ``paths`` sheet (0 leaves the sheet out).
    overwrite : bool
        Replace an existing workbook that this toolkit wrote.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    ExportError
        If the path exists and may not be replaced.
    SettingsError
        A sensitivity result of another thesis, or of a scenario the workbook does not hold.
    MissingExtraError
        If openpyxl is not installed (the ``excel`` extra).
    """
    target = path_argument(path, "workbook path")
    if target.suffix.lower() != ".xlsx":
        raise ExportError(f"an Excel workbook needs a .xlsx file name (got {target.name!r})")
    check_replaceable(target, overwrite)
    sensitivity = check_sensitivity(sensitivity)
    results = getattr(obj, "results", None) or {obj.scenario: obj}  # type: ignore[union-attr]
    check_sensitivity_runs(sensitivity, results)
    if weights is None:
        weights = dict(getattr(obj, "weights", None) or {}) or _thesis_weights(obj)
    data = workbook_bytes(results, sensitivity=sensitivity, weights=weights, max_paths=max_paths)
    return atomic_write_bytes(target, data)


def _thesis_weights(obj: Any) -> dict[str, float]:
    """A comparison's scenario weights from its thesis' ``weights:`` (none for a single run,
    or a thesis without them)."""
    from model.errors import ThesisModelError
    from model.results.values import thesis_weights

    if getattr(obj, "results", None) is None or getattr(obj, "thesis", None) is None:
        return {}
    try:
        return thesis_weights(obj.thesis)
    except ThesisModelError:
        return {}
