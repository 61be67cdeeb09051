"""A sensitivity result on its own: its chart, and an export folder (``thesis sensitivity``).

The export holds ``sensitivity.csv`` (and ``.parquet``), ``charts/sensitivity_<method>.png``
and ``manifest.json``, written atomically like every export
(:func:`model.results.export.atomic_folder`). The table and the manifest name the value ranked
(``output``, ``basis``) as the report's ``sensitivity/`` tables do.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from matplotlib.figure import Figure

__all__ = ["export_sensitivity", "sensitivity_chart"]


def sensitivity_chart(
    found: Any,
    thesis: Any,
    scenario: str = "base",
    *,
    run: Any = None,
    top: int | None = 12,
) -> Figure:
    """The chart of a sensitivity result with the output's unit and a footnote naming the thesis.

    Parameters
    ----------
    found : TornadoResult, RankCorrelationResult or SobolResult
        The analysis.
    thesis : Thesis
        The thesis analysed (base case or with ``scenario`` applied).
    scenario : str
        The scenario analysed.
    run : SimulationResult, optional
        The Monte Carlo run a rank correlation came from, a run of ``thesis`` and ``scenario``;
        it labels the chart and its footnote names the run's settings.
    top : int or None
        Inputs drawn, most important first (None: all).

    Returns
    -------
    Figure

    Raises
    ------
    SettingsError
        A ``run`` simulated from another thesis, or for another scenario than ``scenario``.
    """
    from model import charts as plots
    from model.charts import style as st
    from model.sensitivities.rank import check_run_of
    from model.sensitivities.results import RankCorrelationResult, TornadoResult
    from model.valuation import build_model

    check_run_of(run, thesis, scenario)  # the footnote names the run's thesis and scenario
    if isinstance(found, RankCorrelationResult):
        return plots.rank_correlation_bars(found, result=run, top=top)
    # Tornado and Sobol' evaluate the model on chosen inputs: there is no Monte Carlo run to
    # name, so the unit comes from the analysis (else the model) and the footnote names the
    # thesis and scenario only.
    unit = getattr(found, "output_unit", "") or ""
    if not unit:
        current = getattr(thesis, "scenario", None) or "base"
        applied = thesis if current == scenario else thesis.with_scenario(scenario)
        unit = build_model(applied).output_units.get(found.output, "")
    info = (getattr(thesis, "scenarios", None) or {}).get(scenario)
    label = getattr(info, "label", None) or ("Base case" if scenario == "base" else "")
    context = (
        f"Thesis: {st.thesis_file(thesis)}  |  scenario: {scenario}"
        f"{f' ({label})' if label else ''}  |  model evaluated on chosen inputs, no Monte Carlo run"
    )
    # The chart writes its own second line (what was varied, the central case, the Sobol'
    # settings and notes) under this context line.
    if isinstance(found, TornadoResult):
        return plots.tornado_chart(found, unit=unit, top=top, context=context)
    return plots.sobol_bars(found, top=top, context=context)


def export_sensitivity(
    found: Any,
    thesis: Any,
    folder: str | os.PathLike[str],
    *,
    scenario: str = "base",
    method: str,
    year: int | None = None,
    inputs: Sequence[str] | None = None,
    n_paths: int | None = None,
    n_base: int | None = None,
    run: Any = None,
    top: int | None = 12,
    charts: bool = True,
    overwrite: bool = False,
) -> Path:
    """Write a sensitivity result's table, chart and manifest into ``folder``, atomically.

    Parameters
    ----------
    found : TornadoResult, RankCorrelationResult or SobolResult
        The analysis.
    thesis : Thesis
        The thesis analysed.
    folder : path
        Target folder (see :func:`model.results.export.atomic_folder`).
    scenario, method, year, inputs
        What was asked, recorded in the manifest.
    n_paths, n_base : int, optional
        Paths of the run (rank) or base sample (Sobol'), recorded in the manifest.
    run : SimulationResult, optional
        The run a rank correlation came from (see :func:`sensitivity_chart`): a run of
        ``thesis`` and ``scenario``.
    top : int or None
        Inputs drawn.
    charts : bool
        Draw the chart.
    overwrite : bool
        Replace an earlier export.

    Returns
    -------
    Path
        The folder.

    Raises
    ------
    SettingsError
        A ``run`` simulated from another thesis, or for another scenario than ``scenario``.
    """
    from model.results import export as ex
    from model.results.manifest import input_files, seed_text, thesis_info
    from model.sensitivities.basis import basis_of, basis_text
    from model.sensitivities.rank import check_run_of

    check_run_of(run, thesis, scenario)  # the manifest would name another thesis or scenario
    # The value ranked, named as the report's sensitivity tables name it: ``output`` and
    # ``basis`` (``value_today`` or ``year_end``; empty for another output) on every row.
    basis = basis_of(found.output)

    def write(root: Path) -> None:
        table = found.to_frame().assign(output=found.output)
        table["basis"] = basis
        ex.write_table(table, root, "sensitivity")
        names: list[str] = []
        if charts:
            figure = sensitivity_chart(found, thesis, scenario, run=run, top=top)
            names = ex.save_charts({f"sensitivity_{method}": figure}, root / "charts")
        body = {
            "kind": "sensitivity",
            "thesis": thesis_info(thesis),
            "input_files": input_files(thesis),
            "scenario": scenario,
            "output": found.output,
            "basis": basis,
            "basis_text": basis_text(thesis, found.output, getattr(found, "year", None)),
            "year": year,
            "method": method,
            "inputs": None if inputs is None else list(inputs),
            "n_paths": n_paths,
            "n_base": n_base,
            "seed_entropy": seed_text(getattr(found, "seed_entropy", None)),
            "seed_spawn_key": [int(k) for k in getattr(found, "seed_spawn_key", ())],
            "output_unit": getattr(found, "output_unit", ""),
            # The tornado's centre is the deterministic central case, not a run's median.
            "central_value": getattr(found, "central_value", None),
            "notes": list(getattr(found, "notes", ())),
            "charts": names,
        }
        ex.write_manifest(root, body)

    return ex.atomic_folder(folder, write, overwrite=overwrite)
