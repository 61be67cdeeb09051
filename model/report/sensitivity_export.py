"""A sensitivity result on its own: its chart, and an export folder (``thesis sensitivity``).

The export holds ``sensitivity.csv`` (and ``.parquet``), ``charts/sensitivity_<method>.png`` and
``manifest.json``, written atomically like every export (:func:`model.report.export.atomic_folder`).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from types import SimpleNamespace
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
        The Monte Carlo run a rank correlation came from; it labels the chart and its footnote
        names the run's settings.
    top : int or None
        Inputs drawn, most important first (None: all).

    Returns
    -------
    Figure
    """
    from model.report import plot_style as st
    from model.report import plots
    from model.report.sensitivity_results import RankCorrelationResult, TornadoResult
    from model.valuation import SegmentModel

    if isinstance(found, RankCorrelationResult):
        return plots.rank_correlation_bars(found, result=run, top=top)
    # Tornado and Sobol' evaluate the deterministic model: there is no Monte Carlo run to name,
    # so the unit comes from the model and the footnote names the thesis and scenario only.
    current = getattr(thesis, "scenario", None) or "base"
    applied = thesis if current == scenario else thesis.with_scenario(scenario)
    unit = SegmentModel.from_thesis(applied).output_units.get(found.output, "")
    info = (getattr(thesis, "scenarios", None) or {}).get(scenario)
    label = getattr(info, "label", None) or ("Base case" if scenario == "base" else "")
    # thesis_file() reads the thesis of a result; a namespace stands in for the missing run.
    where = st.thesis_file(SimpleNamespace(thesis=thesis))
    context = (
        f"Thesis: {where}  |  scenario: {scenario}{f' ({label})' if label else ''}  |  "
        "deterministic model"
    )
    if isinstance(found, TornadoResult):
        fig = plots.tornado_chart(found, unit=unit, top=top, footnote=False)
        extra = (
            f"Tornado: one input at a time at its {found.low_quantile:.0%} / "
            f"{found.high_quantile:.0%} quantile, the others at their central values; base "
            f"case {st.format_value(found.base, unit)}."
        )
    else:
        fig = plots.sobol_bars(found, top=top, footnote=False)
        extra = (
            f"Sobol' indices (Saltelli), base sample {found.n_base:,}, "
            f"{found.n_evaluations:,} model evaluations, seed {found.seed_entropy}; inputs "
            "sampled independently."
        )
    return plots.add_footnote(fig, context, extra)


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
        Target folder (see :func:`model.report.export.atomic_folder`).
    scenario, method, year, inputs
        What was asked, recorded in the manifest.
    n_paths, n_base : int, optional
        Paths of the run (rank) or base sample (Sobol'), recorded in the manifest.
    run : SimulationResult, optional
        The run a rank correlation came from (see :func:`sensitivity_chart`).
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
    """
    from model.report import export as ex
    from model.report.manifest import thesis_info

    def write(root: Path) -> None:
        ex.write_table(found.to_frame(), root, "sensitivity")
        names: list[str] = []
        if charts:
            figure = sensitivity_chart(found, thesis, scenario, run=run, top=top)
            names = ex.save_charts({f"sensitivity_{method}": figure}, root / "charts")
        seed = getattr(found, "seed_entropy", None)
        body = {
            "kind": "sensitivity",
            "thesis": thesis_info(thesis),
            "scenario": scenario,
            "output": found.output,
            "year": year,
            "method": method,
            "inputs": None if inputs is None else list(inputs),
            "n_paths": n_paths,
            "n_base": n_base,
            "seed_entropy": None if seed is None else str(seed),
            "charts": names,
        }
        ex.write_manifest(root, body)

    return ex.atomic_folder(folder, write, overwrite=overwrite)
