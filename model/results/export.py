"""Export results to a folder: tables (CSV and Parquet), charts (PNG) and a manifest, atomically.

Layout of a simulation export::

    manifest.json        thesis, scenario, seed, settings, versions, sha256 of inputs and files
    summary.csv/.parquet     mean, sd, quantiles (+ standard errors) per output and year
    quantiles.csv/.parquet   a finer grid of quantiles per output and year
    returns.csv/.parquet     value per share and returns to each horizon year
    scorecard.csv/.parquet   probability of each scorecard claim
    ledger.csv/.parquet      every assumption with its value or distribution and source
    charts/<name>.png        the standard charts

A comparison export has the comparison tables at the top (summary, scorecard, returns,
differences on the headline's basis and, when that is today's value, the year-end ones, classic
view, the base ledger) and each scenario's own export (with its own
ledger) under ``scenarios/<name>/``. A blend's ledger stacks the ledgers of the blended
scenarios (column ``run_scenario``), next to ``blend_weights`` (weights and path counts).

Atomicity and ownership
-----------------------
Everything is written into a temporary sibling folder (``.<name>.tmp-*``) that is moved into
place only when complete, so a failed export leaves no partial folder behind
(:mod:`model._folders`). ``manifest.json`` lists every file with its sha256 and ends with the
sha256 of its own text, which is how an earlier export is recognised: an existing target is
replaced only with ``overwrite=True`` (the command line's ``--force``) and only if it is empty
or holds exactly what an earlier export wrote; a file added or changed by a user is named and
nothing is deleted. The old and new folders are exchanged in one step, so at every moment the
target is either the complete old export or the complete new one; a second writer of the same
target fails at once (a lock file). Single files are written with :mod:`model._files`, so even
a table written on its own (:func:`write_table`) is never seen half-written. A failure to write
raises :class:`~model.errors.WriteError` naming the target folder, not the temporary one.

Reproducibility
---------------
No file holds a time stamp or a host name, so the same thesis, scenario and seed give
byte-identical files. Software versions appear only in the manifest and in the Parquet metadata
(which names the writer library), so they change the bytes only when the software changes.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from model._files import atomic_write_bytes, atomic_write_text
from model._folders import (
    MANIFEST,
    STAGING_MARK,
    check_folder_target,
    export_folder,
    manifest_text,
    sha256_of,
)
from model.results.analysis import TODAY, VALUE, ReturnsView, has_returns, value_output
from model.results.formats.csvtext import csv_text
from model.results.manifest import (
    MANIFEST_FORMAT,
    input_files,
    result_settings,
    seed_text,
    thesis_info,
    versions,
)
from model.results.summary import quantile_name

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from model.inputs.assembly.thesis import Thesis
    from model.results.comparison import ComparisonResult, Difference
    from model.results.results import SimulationResult

#: Quantile levels of ``quantiles.csv``.
EXPORT_QS: tuple[float, ...] = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.975, 0.99)


# ---------------------------------------------------------------------- low-level writers


#: The manifest's note on a one-path export: what its tables leave blank, and why.
ONE_PATH_NOTE = (
    "a run of 1 path (one random draw, not the central case unless every input is fixed): its "
    "quantiles and means are its one path's "
    "values; the standard deviation and every standard error need 2 paths or more, so they "
    "are blank (NaN)"
)


def has_parquet() -> bool:
    """Whether Parquet files can be written (the optional ``pyarrow`` is installed)."""
    return importlib.util.find_spec("pyarrow") is not None


def _parquet_ready(frame: pd.DataFrame) -> pd.DataFrame:
    """Object columns as strings: Parquet needs one type per column, a ledger mixes them."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object:
            out[column] = out[column].map(lambda v: None if v is None else str(v))
    out.columns = [str(c) for c in out.columns]
    return out


def write_table(frame: pd.DataFrame, folder: Path, stem: str) -> list[Path]:
    """Write one table as ``<stem>.csv`` (and ``<stem>.parquet`` when pyarrow is installed).

    Each file is written atomically (:func:`model._files.atomic_write_bytes`).

    Parameters
    ----------
    frame : DataFrame
        The table; its index is written as columns when named.
    folder : Path
        Target folder (exists).
    stem : str
        File name without extension.

    Returns
    -------
    list of Path
        Files written.
    """
    flat = frame.reset_index() if any(n is not None for n in frame.index.names) else frame
    flat = flat.reset_index(drop=True)
    csv = folder / f"{stem}.csv"
    # Text that a spreadsheet would run as a formula is quoted (see csvtext); Parquet keeps
    # the text as is, as its readers never evaluate it.
    atomic_write_text(csv, csv_text(flat))
    written = [csv]
    if has_parquet():
        parquet = folder / f"{stem}.parquet"
        data = _parquet_ready(flat).to_parquet(None, index=False, engine="pyarrow")
        written.append(atomic_write_bytes(parquet, data))
    return written


def _file_list(root: Path) -> list[dict[str, Any]]:
    """Every file under ``root`` (relative POSIX path, size, sha256), sorted by path."""
    skip = {MANIFEST, STAGING_MARK}
    files = sorted(
        p for p in root.rglob("*") if p.is_file() and p.relative_to(root).as_posix() not in skip
    )
    return [
        {"path": p.relative_to(root).as_posix(), "bytes": p.stat().st_size, "sha256": sha256_of(p)}
        for p in files
    ]


def write_manifest(root: Path, body: Mapping[str, Any]) -> None:
    """Write ``manifest.json``: ``body`` plus the format, versions, every file's sha256 and the
    sha256 of the manifest's own text (see :func:`model._folders.manifest_text`).

    Written last, since it lists the files already in ``root``.
    """
    body = {"format": MANIFEST_FORMAT, **body, "versions": versions(), "files": _file_list(root)}
    atomic_write_text(root / MANIFEST, manifest_text(body))


# ---------------------------------------------------------------------- charts seam


def chart_figures(obj: SimulationResult | ComparisonResult) -> dict[str, Figure]:
    """The standard charts of a result or comparison, by file stem (empty without plots).

    Charts come from :mod:`model.charts`; if that module is not part of the installation
    the export holds tables only.
    """
    if importlib.util.find_spec("model.charts") is None:
        return {}
    from model import charts as plots

    return dict(plots.standard_charts(obj))


def batch_charts() -> contextlib.AbstractContextManager[None]:
    """Charts saved inside the block are rendered together at its end, in parallel.

    See :func:`model.charts.style.batch_rendering`; a no-op without the charts module.
    """
    if importlib.util.find_spec("model.charts") is None:
        return contextlib.nullcontext()
    from model.charts.style import batch_rendering

    return batch_rendering()


def save_charts(figures: Mapping[str, Figure], folder: Path) -> list[str]:
    """Save figures as ``<folder>/<name>.png`` (created when missing); return the names saved."""
    if not figures:
        return []
    from model.charts.style import save_new_png

    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for name, fig in figures.items():
        save_new_png(fig, folder / f"{name}.png")
        names.append(str(name))
    return names


# ---------------------------------------------------------------------- table builders


def _ledger(thesis: Thesis) -> pd.DataFrame | None:
    ledger = getattr(thesis, "ledger", None)
    if ledger is None:
        return None
    table = ledger()
    return table if isinstance(table, pd.DataFrame) else pd.DataFrame(table)


def _blend_ledger(result: SimulationResult) -> pd.DataFrame | None:
    """The ledgers of every blended scenario, stacked with a ``run_scenario`` column."""
    thesis = result.thesis
    if not hasattr(thesis, "with_scenario"):
        return _ledger(thesis)
    pieces = []
    for name in result.weights:
        table = _ledger(thesis.with_scenario(name))
        if table is not None:
            table.insert(0, "run_scenario", name)
            pieces.append(table)
    return pd.concat(pieces, ignore_index=True) if pieces else None


def _quantile_table(result: SimulationResult) -> pd.DataFrame:
    """Every output's :meth:`~SimulationResult.quantiles` at :data:`EXPORT_QS`, one row a year.

    Columns ``output``, ``year``, ``unit`` and one per level. The rows are stacked as arrays
    into one frame (a frame per output, widened and joined, costs more than the quantiles):
    the same values, dtypes and order, so the files written are the same bytes.
    """
    levels = [quantile_name(level) for level in EXPORT_QS]
    columns = ["output", "year", "unit", *levels]
    tables = [(name, result.quantiles(name, EXPORT_QS)) for name in result.names]
    if not tables:
        return pd.DataFrame(columns=columns)
    if not all(_plain_quantiles(q, levels) for _, q in tables):
        return _joined_quantile_table(result, tables, columns)
    rows = [len(q) for _, q in tables]
    units = [str(result.units.get(name, "")) for name, _ in tables]
    data: dict[str, Any] = {
        "output": np.repeat(np.array([name for name, _ in tables], dtype=object), rows),
        "year": np.concatenate([q.index.to_numpy() for _, q in tables]),
        "unit": np.repeat(np.array(units, dtype=object), rows),
    }
    values = np.concatenate([q.to_numpy() for _, q in tables])
    for j, level in enumerate(levels):
        data[level] = values[:, j]
    return pd.DataFrame(data, columns=columns)


def _plain_quantiles(table: pd.DataFrame, levels: list[str]) -> bool:
    """Whether a quantile table is what the stacked route assumes: an ``int64`` year index and
    ``float64`` columns of the levels, in order."""
    return (
        table.index.dtype == np.int64
        and list(table.columns) == levels
        and all(dtype == np.float64 for dtype in table.dtypes)
    )


def _joined_quantile_table(
    result: SimulationResult, tables: list[tuple[str, pd.DataFrame]], columns: list[str]
) -> pd.DataFrame:
    """The quantile table built frame by frame (any index or column dtype)."""
    frames = []
    for name, q in tables:
        q = q.copy()
        q.insert(0, "output", name)
        q.insert(1, "unit", str(result.units.get(name, "")))
        frames.append(q.reset_index())
    return pd.concat(frames, ignore_index=True)[columns]


def blend_weights(result: SimulationResult) -> pd.DataFrame | None:
    """A blend's scenarios: each one's weight and the paths drawn from it (None: no blend)."""
    if result.path_scenarios is None:
        return None
    counts = pd.Series(result.path_scenarios).value_counts().reindex(list(result.weights))
    return pd.DataFrame(
        {
            "scenario": list(result.weights),
            "weight": [float(w) for w in result.weights.values()],
            "paths": counts.fillna(0).astype("int64").to_numpy(),
        }
    )


def _write_result_tables(result: SimulationResult, folder: Path) -> None:
    write_table(result.summary(), folder, "summary")
    write_table(_quantile_table(result), folder, "quantiles")
    if has_returns(result):
        # A one-path run (a deterministic check): its path's values, its errors NaN.
        least = 1 if result.n_paths == 1 else 2
        write_table(ReturnsView(result).table(least=least), folder, "returns")
    card = result.scorecard()
    if len(card):
        write_table(card, folder, "scorecard")
    shares = blend_weights(result)
    if shares is not None:
        write_table(shares, folder, "blend_weights")
    blended = result.path_scenarios is not None
    table = _blend_ledger(result) if blended else _ledger(result.thesis)
    if table is not None:
        write_table(table, folder, "ledger")


def _write_result(result: SimulationResult, folder: Path, *, charts: bool) -> list[str]:
    _write_result_tables(result, folder)
    return save_charts(chart_figures(result), folder / "charts") if charts else []


def write_result_tables(result: SimulationResult, folder: Path) -> None:
    """Write a result's tables (as in :func:`export_result`) into an existing folder.

    Not atomic and without a manifest: for writers that assemble a larger export themselves,
    such as the full report of ``thesis report``.
    """
    _write_result_tables(result, folder)


def write_result_files(result: SimulationResult, folder: Path, *, charts: bool = True) -> list[str]:
    """Write a result's tables and standard charts into an existing folder; return chart names.

    The content of :func:`export_result` without the manifest and without atomicity.
    """
    return _write_result(result, folder, charts=charts)


# ---------------------------------------------------------------------- atomic folder handling


def check_target(
    target: Path, overwrite: bool, *, how_to_replace: str = "pass overwrite=True"
) -> None:
    """Refuse a target that exists and may not be replaced (see :mod:`model._folders`).

    Parameters
    ----------
    target : Path
        The export folder (a link to a folder stands for that folder).
    overwrite : bool
        Whether an earlier export there may be replaced.
    how_to_replace : str
        How the caller asks for ``overwrite``, for the message: the API's ``overwrite=True`` by
        default; the command line says ``use --force``.

    Raises
    ------
    ExportError
        If the target is a file, an earlier export without ``overwrite``, or a folder holding
        anything the toolkit did not write (named in the message).
    """
    check_folder_target(target, overwrite, how_to_replace=how_to_replace)


def atomic_folder(
    folder: str | os.PathLike[str], write: Callable[[Path], None], *, overwrite: bool = False
) -> Path:
    """Run ``write(staging_folder)`` and move the result to ``folder`` only if it succeeds.

    See :func:`model._folders.export_folder`: one writer at a time, only an earlier export of
    this toolkit is replaced, and the target is the old or the new export at every instant.

    Parameters
    ----------
    folder : path
        Target folder.
    write : callable
        Fills the (empty) staging folder it is given, ending with :func:`write_manifest`.
    overwrite : bool
        Replace an existing earlier export at ``folder``.

    Returns
    -------
    Path
        The target folder.

    Raises
    ------
    ExportError
        If the target exists and may not be replaced.
    """
    return export_folder(folder, write, overwrite=overwrite)


# ---------------------------------------------------------------------- public entry points


def export_result(
    result: SimulationResult,
    folder: str | os.PathLike[str],
    *,
    charts: bool = True,
    overwrite: bool = False,
) -> Path:
    """Export one :class:`~model.results.results.SimulationResult`; see the module docstring."""
    from model.results.returns.basis import check_export_kept

    check_export_kept(result, "the export")

    def write(root: Path) -> None:
        with batch_charts():
            names = _write_result(result, root, charts=charts)
        body = {"kind": "simulation", **result_settings(result), "charts": names}
        body["input_files"] = input_files(result.thesis)
        if result.n_paths < 2:
            body["note"] = ONE_PATH_NOTE
        write_manifest(root, body)

    return atomic_folder(folder, write, overwrite=overwrite)


def _scenario_folder(name: str) -> str:
    """A scenario name as a safe folder name (thesis names are snake case already)."""
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in name)
    return safe or "_"


#: The basis of a difference of value: today's value of holding to the year (discounted at
#: the cost of equity), or the undiscounted year-end value per share.
VALUE_TODAY_BASIS = "value_today"
YEAR_END_BASIS = "year_end"


def basis_differences(
    comparison: ComparisonResult,
    names: Iterable[str] | None = None,
    reference: str | None = None,
) -> dict[str, list[Difference]]:
    """Paired differences of value from a reference scenario, on each basis of the value.

    Parameters
    ----------
    comparison : ComparisonResult
        The scenarios, run on common random numbers.
    names : iterable of str, optional
        The scenarios measured; every one but the reference by default.
    reference : str, optional
        The scenario they are measured from: the base case, else the first scenario.

    Returns
    -------
    dict of str to list of Difference
        By basis, the headline's first (:func:`~model.results.analysis.value_output`):
        ``value_today`` (today's value, ``value_today_by_year``) when the run states it, then
        ``year_end`` (``value_per_share``); ``year_end`` alone otherwise. Empty with one
        scenario or no value. Each difference is at the exit year with its paired error.
    """
    if len(comparison) < 2:
        return {}
    ref = reference or ("base" if "base" in comparison.scenarios else comparison.scenarios[0])
    chosen = [n for n in comparison.scenarios if n != ref] if names is None else list(names)
    first = comparison.first
    headline = value_output(first)
    outputs = {VALUE_TODAY_BASIS: TODAY} if headline == TODAY else {}
    if VALUE in first.outputs:
        outputs[YEAR_END_BASIS] = VALUE
    return {
        basis: [comparison.difference(n, ref, output) for n in chosen]
        for basis, output in outputs.items()
    }


def difference_frame(differences: Iterable[Difference]) -> pd.DataFrame:
    """Differences as one table, a row each (the columns of ``Difference.to_frame``)."""
    return pd.concat([d.to_frame() for d in differences], ignore_index=True)


def _comparison_tables(comparison: ComparisonResult, root: Path) -> None:
    summary = comparison.summary_all()
    write_table(summary, root, "summary")
    card = comparison.scorecard_long()
    if len(card):
        write_table(card, root, "scorecard")
    first = comparison.first
    if has_returns(first):
        returns = pd.concat(
            # A one-path comparison (deterministic checks): each path's values, errors NaN.
            {
                n: ReturnsView(r).table(least=min(r.n_paths, 2))
                for n, r in comparison.results.items()
            },
            names=["scenario"],
        )
        write_table(returns, root, "returns")
    # On the headline's basis, named in a column; the undiscounted ones kept beside them.
    for i, (basis, diffs) in enumerate(basis_differences(comparison).items()):
        table = difference_frame(diffs)
        table.insert(int(table.columns.get_loc("output")) + 1, "basis", basis)
        write_table(table, root, f"{basis}_differences" if i else "differences")
    if has_returns(first) and {"bull", "base", "bear"} <= set(comparison.scenarios):
        write_table(comparison.classic_view().to_frame(), root, "classic_view")
    table = _ledger(comparison.thesis)
    if table is not None:
        write_table(table, root, "ledger")


def write_comparison_tables(comparison: ComparisonResult, folder: Path) -> None:
    """Write a comparison's own tables (as in :func:`export_comparison`) into an existing folder.

    Only the comparison tables (summary, scorecard, returns, differences, classic view,
    ledger); not the per-scenario exports, not the charts, no manifest.
    """
    _comparison_tables(comparison, folder)


def export_comparison(
    comparison: ComparisonResult,
    folder: str | os.PathLike[str],
    *,
    charts: bool = True,
    overwrite: bool = False,
) -> Path:
    """Export a :class:`~model.results.comparison.ComparisonResult`; see the module docstring."""
    from model.results.returns.basis import check_export_kept

    for result in comparison.results.values():
        check_export_kept(result, "the export")

    def write(root: Path) -> None:
        _comparison_tables(comparison, root)
        scenarios: dict[str, Any] = {}
        with batch_charts():
            names = save_charts(chart_figures(comparison), root / "charts") if charts else []
            for name, result in comparison.results.items():
                sub = root / "scenarios" / _scenario_folder(name)
                sub.mkdir(parents=True)
                chart_names = _write_result(result, sub, charts=charts)
                scenarios[name] = {**result_settings(result), "charts": chart_names}
                scenarios[name].pop("thesis")
        first = comparison.first
        body = {
            "kind": "comparison",
            "thesis": thesis_info(comparison.thesis),
            "input_files": input_files(comparison.thesis),
            "scenarios": scenarios,
            "scenario_order": list(comparison.scenarios),
            "seed_entropy": seed_text(first.seed_entropy),
            "seed_spawn_key": [int(k) for k in first.seed_spawn_key],
            "n_paths": int(first.n_paths),
            "charts": names,
        }
        if first.n_paths < 2:
            body["note"] = ONE_PATH_NOTE
        write_manifest(root, body)

    return atomic_folder(folder, write, overwrite=overwrite)


def file_hashes(folder: str | os.PathLike[str], *, exclude: Iterable[str] = ()) -> dict[str, str]:
    """sha256 of every file under a folder by relative path (to compare two exports)."""
    root = Path(folder)
    skip = set(exclude)
    return {
        p.relative_to(root).as_posix(): sha256_of(p)
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.relative_to(root).as_posix() not in skip
    }


def full_ledger(thesis: Thesis, scenarios: tuple[str, ...]) -> pd.DataFrame:
    """Every number of the thesis with its source: the base case, then each scenario's overrides.

    Parameters
    ----------
    thesis : Thesis
        The thesis (base case).
    scenarios : tuple of str
        Scenarios whose overrides are listed.

    Returns
    -------
    DataFrame
        The ledger columns with ``applies_to`` first: ``base`` for the base case's rows; for a
        scenario, the rows it defines differently (its own overrides and those it inherits
        from the scenario it extends, whose ``scenario`` column names that one).
    """
    pieces = []
    table = thesis.ledger()
    table.insert(0, "applies_to", "base")
    pieces.append(table)
    for name in scenarios:
        if name == "base":
            continue
        table = thesis.with_scenario(name).ledger()
        table = table[table["scenario"] != "base"].copy()
        table.insert(0, "applies_to", name)
        pieces.append(table)
    return pd.concat(pieces, ignore_index=True)
