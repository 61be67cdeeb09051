"""The full report of a thesis in one folder: what ``thesis report`` runs and writes.

:func:`build_report` runs every scenario of a thesis with common random numbers (one
:func:`~model.scenarios.compare` call) and derives everything else from those runs without
sampling again: the probability-weighted blend (path mixing), the views side by side
(a subset of the scenarios), the tornado (one vectorised call of the deterministic model), the
rank correlations (from the base run's kept inputs) and, when asked, Sobol' indices.
:func:`write_report` writes it all into one folder, atomically. :func:`report_folder` (what
the command runs) does both, with the charts drawing while the learning part is computed.

Layout
------
::

    README.txt            index: every file with a one-line description
    index.html            the whole report on one self-contained page (charts embedded)
    manifest.json         seed, paths, method, versions, sha256 of every input and every file
    summary.txt           the summary the command prints (without the elapsed time)
    scenarios.csv         one row per scenario: value per share, P(upside), expected return
    ledger.csv            every number of the thesis with its source, overrides per scenario
    comparison/           comparison tables and charts (value, return, scorecard by scenario)
    base/                 the base scenario's full export (fans, share paths, value, ...)
    blend/                the probability-weighted blend: tables and value distribution
    views/                the views (scenarios tagged with a view) side by side
    sensitivity/          tornado, rank correlation (and Sobol') of the headline value
    learning/             watch list; prior vs posterior, vintage waterfall, backtest (when given)

Tables are CSV, plus Parquet when ``pyarrow`` is installed. Nothing written depends on the
time or the host, so the same thesis, settings and seed give a byte-identical folder.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import pandas as pd

from model.errors import SettingsError as SettingsError
from model.errors import UnknownScenarioError, WeightsError
from model.export.console import view_tag
from model.export.job_parts import (
    BASE,
    PARTS,
    RETURN,
    chart_groups,
    value_sensitivity,
    workbook,
    write_tables,
)
from model.export.report_settings import ReportSettings
from model.results import export as ex
from model.results.analysis import VALUE, value_output
from model.results.comparison import ComparisonResult
from model.results.export import full_ledger
from model.results.manifest import result_settings, thesis_info
from model.results.results import SimulationResult
from model.results.values import check_weights, thesis_weights
from model.scenarios import RunSettings as RunSettings
from model.scenarios import (
    blend,
    compare,
    load,
    scenario_names,
    view_scenarios,
)
from model.scenarios import distinct_scenarios as distinct_scenarios
from model.sensitivities.rank import MIN_RANK_PATHS as MIN_RANK_PATHS

if TYPE_CHECKING:
    from model.export.ahead import VintageAhead
    from model.export.learning import Learning
    from model.inputs.assembly.thesis import Thesis
    from model.scenarios import ThesisLike
    from model.sensitivities.results import (
        RankCorrelationResult,
        SobolResult,
        TornadoResult,
    )

__all__ = [
    "RETURN",
    "Report",
    "ReportSettings",
    "build_report",
    "full_ledger",
    "report_folder",
    "write_report",
]

#: Columns of ``scenarios.csv`` taken from the returns analysis, in this order.
HEADLINE_COLUMNS = (
    "year", "n", "value_p5", "value_p50", "value_p95", "value_mean", "value_mean_se",
    "p_upside", "p_upside_se", "expected_return", "expected_return_se", "return_p5",
    "return_p50", "return_p95", "p_loss_30", "expected_shortfall_5",
)  # fmt: skip

Log = Callable[[str], None]


def _quiet(_: str) -> None:
    """A log that says nothing (the default: library code does not print)."""


@dataclass(frozen=True, eq=False)
class Report:
    """Everything ``thesis report`` computes for a thesis.

    Attributes
    ----------
    comparison : ComparisonResult
        Every scenario run, base first, with common random numbers.
    blend : SimulationResult or None
        The probability-weighted blend; None when the thesis has no weights or a weighted
        scenario was not run (see ``notes``).
    weights : Mapping[str, float]
        The thesis weights (empty without them).
    views : ComparisonResult or None
        The base case and the scenarios tagged with a ``view:``, grouped by view.
    view_tags : tuple of str
        The views compared, in order.
    tornado, ranks, sobol : TornadoResult, RankCorrelationResult, SobolResult or None
        Sensitivity of the headline's value at the exit year in the base case: today's value
        (``value_today_by_year``) when the run states it, else value per share (``sobol``
        None unless asked for; all None when every input of the thesis is fixed, said in
        ``notes``).
    settings : ReportSettings
    notes : tuple of str
        What was left out and why.
    learning : Learning or None
        Watch list, prior against posterior, vintage waterfall, backtest (see
        :mod:`model.export.learning`); None when ``settings.learning`` is off.
    year_end_tornado, year_end_ranks : TornadoResult, RankCorrelationResult or None
        With today's value as the headline, the same of the undiscounted year-end value per
        share; None otherwise.
    """

    comparison: ComparisonResult
    blend: SimulationResult | None
    weights: Mapping[str, float]
    views: ComparisonResult | None
    view_tags: tuple[str, ...]
    tornado: TornadoResult | None
    ranks: RankCorrelationResult | None
    sobol: SobolResult | None
    settings: ReportSettings
    notes: tuple[str, ...] = field(default=())
    learning: Learning | None = None
    year_end_tornado: TornadoResult | None = None
    year_end_ranks: RankCorrelationResult | None = None

    def __repr__(self) -> str:
        from model.export.display import report_repr

        return report_repr(self)

    def _repr_html_(self) -> str:
        from model.export.display import report_html

        return report_html(self)

    @property
    def thesis(self) -> Thesis:
        """The thesis as loaded (base case)."""
        return self.comparison.thesis

    @property
    def base(self) -> SimulationResult:
        """The base scenario's run."""
        return self.comparison[BASE]

    @property
    def exit_year(self) -> int:
        """The year value per share and returns are reported at."""
        return self.base.exit_year

    def scenario_table(self) -> pd.DataFrame:
        """The headline table: one row per scenario run, at the exit year.

        Returns
        -------
        DataFrame
            Index ``scenario``; columns ``label``, ``view`` (empty without a tag), ``weight``
            (NaN when the scenario carries none) and :data:`HEADLINE_COLUMNS`, with
            ``value_basis`` (what the value columns hold), ``unit`` and ``price`` after ``year``.

        Made once per report (the folder's ``scenarios.csv``, the views table, the summary and
        the page show it).
        """
        return self._headline.copy()

    @cached_property
    def _headline(self) -> pd.DataFrame:
        table = self.comparison.returns_table().copy()
        table.insert(0, "year", self.exit_year)
        table = table[list(HEADLINE_COLUMNS)]
        results = self.comparison.results
        table.insert(0, "label", [results[n].scenario_label for n in table.index])
        table.insert(1, "view", [view_tag(self.thesis, n) for n in table.index])
        table.insert(2, "weight", [self.weights.get(n, float("nan")) for n in table.index])
        # What the value columns hold: "value_p50" beside "year" reads as that year's value.
        from model.export.job_text import value_basis

        at = table.columns.get_loc("year") + 1
        table.insert(at, "value_basis", value_basis(self))
        table.insert(at + 1, "unit", self.base.units.get(VALUE, self.base.currency))
        table.insert(at + 2, "price", self.base.price)
        table.index.name = "scenario"
        return table

    def ledger(self) -> pd.DataFrame:
        """Every number of the thesis with its source (:func:`full_ledger` of the scenarios run).

        Made once per report (the folder's ``ledger.csv`` and the page show it).
        """
        cache = self.__dict__.setdefault("_ledger", [])  # frozen: kept beside the fields
        if not cache:
            cache.append(full_ledger(self.thesis, self.comparison.scenarios))
        return cast(pd.DataFrame, cache[0]).copy()

    def views_table(self) -> pd.DataFrame:
        """The views side by side, with each scenario's paired difference from the base case.

        Returns
        -------
        DataFrame
            Index ``scenario``; columns ``label``, ``view`` (the base case's own tag, usually
            empty), value quantiles, P(upside), expected return, and ``value_mean_vs_base``
            with its paired standard error ``value_mean_vs_base_se``, on the value columns'
            basis (``value_basis``); with today's value, the undiscounted year-end ones follow
            as ``year_end_value_mean_vs_base`` and ``year_end_value_mean_vs_base_se``. No rows
            when no scenario carries a view.
        """
        columns = [c for c in self.scenario_table().columns if c != "weight"]
        if self.views is None:
            empty = pd.DataFrame(columns=[*columns, "value_mean_vs_base", "value_mean_vs_base_se"])
            empty.index.name = "scenario"
            return empty
        head = self.scenario_table().loc[list(self.views.scenarios)]
        table = head[columns].copy()
        # The headline's basis first, so the gap reads against the value columns beside it.
        found = ex.basis_differences(self.comparison, table.index, BASE)
        for i, (basis, diffs) in enumerate(found.items()):
            name = f"{basis}_value_mean_vs_base" if i else "value_mean_vs_base"
            table[name] = [d.mean for d in diffs]
            table[f"{name}_se"] = [d.se for d in diffs]
        return table


def _chosen_scenarios(thesis: Thesis, wanted: tuple[str, ...] | None) -> list[str]:
    """The scenarios to run: base first, then the others in the thesis' (or the given) order."""
    known = scenario_names(thesis)
    names = list(known if wanted is None else wanted)
    for name in names:
        if name not in known:
            raise UnknownScenarioError(name, known)
    return [BASE, *dict.fromkeys(n for n in names if n != BASE)]


def _blend_of(
    comparison: ComparisonResult, notes: list[str]
) -> tuple[SimulationResult | None, dict[str, float]]:
    thesis = comparison.thesis
    try:
        weights = check_weights(thesis_weights(thesis), scenario_names(thesis))
    except WeightsError as exc:
        if getattr(thesis, "weights", None):
            raise  # weights that exist but are wrong are an error of the thesis
        notes.append(f"no blend: {exc}")
        return None, {}
    missing = [n for n, w in weights.items() if w > 0 and n not in comparison.results]
    if missing:
        notes.append(f"no blend: weighted scenarios not run: {', '.join(missing)}")
        return None, weights
    return blend(comparison), weights


def _views_of(comparison: ComparisonResult) -> tuple[ComparisonResult | None, tuple[str, ...]]:
    """The base case and the tagged scenarios, as a comparison of the runs already made."""
    thesis = comparison.thesis
    tags = sorted({t for n in comparison.scenarios if (t := view_tag(thesis, n))})
    names = [n for n in view_scenarios(thesis, tags) if n in comparison.results]
    if not names:
        return None, ()
    chosen = [BASE, *names]
    return ComparisonResult({n: comparison[n] for n in chosen}, thesis=thesis), tuple(tags)


def build_report(
    thesis: ThesisLike, settings: ReportSettings | None = None, *, log: Log | None = None
) -> Report:
    """Run a thesis for the report: every scenario, the blend, the views and the sensitivity.

    Parameters
    ----------
    thesis : Thesis or path
        The thesis (base case) or its file.
    settings : ReportSettings, optional
        Run settings; the defaults otherwise.
    log : callable, optional
        Called with a short message as each stage starts (e.g. to show progress).

    Returns
    -------
    Report

    Raises
    ------
    UnknownScenarioError
        If a scenario asked for does not exist (before anything runs).
    WeightsError
        If the thesis weights are wrong.
    EngineError
        If a run fails.
    """
    from model.export.ahead import VintageAhead

    settings, say = settings or ReportSettings(), log or _quiet
    loaded = load(thesis)
    with VintageAhead(loaded, settings) as ahead:
        report = _runs(loaded, settings, say)
        return _with_learning(report, say, ahead) if report.settings.learning else report


def _runs(thesis: ThesisLike, settings: ReportSettings, say: Log) -> Report:
    """The report without its learning part: the runs and what is derived from them."""
    from model.sensitivities import sensitivity

    loaded = load(thesis)
    names = _chosen_scenarios(loaded, settings.scenarios)
    say(f"running {len(names)} scenarios x {settings.run.n_paths:,} paths")
    comparison = compare(loaded, names, settings.run)
    notes: list[str] = []
    blended, weights = _blend_of(comparison, notes)
    views, tags = _views_of(comparison)
    # Views are optional: a note only when the thesis tags scenarios and none of them ran.
    if views is None and any(view_tag(loaded, n) for n in scenario_names(loaded)):
        notes.append("no views: no scenario run carries a `view:` tag")
    say("sensitivity of the value")
    base = comparison[BASE]
    # The headline's value (today's when the run states it), as the tables beside it.
    output = value_output(base)
    found = value_sensitivity(base, output, notes)
    sobol = None
    if settings.sobol and "tornado" in found:
        say(f"Sobol' indices (base sample {settings.n_base:,})")
        sobol = cast("SobolResult", sensitivity(base.thesis, BASE, output, None, "sobol",
                    n_base=settings.n_base, seed=comparison.seed()))  # fmt: skip
    return Report(
        comparison=comparison,
        blend=blended,
        weights=weights,
        views=views,
        view_tags=tags,
        tornado=found.get("tornado"),
        ranks=found.get("ranks"),
        sobol=sobol,
        year_end_tornado=found.get("year_end_tornado"),
        year_end_ranks=found.get("year_end_ranks"),
        settings=settings,
        notes=tuple(notes),
    )


def _with_learning(report: Report, say: Log, ahead: VintageAhead | None = None) -> Report:
    """The report with its learning part (and what that part left out among its notes);
    ``ahead``, a worker that may have computed its vintage part during the runs."""
    notes = list(report.notes)
    learning = _learning_of(report.base, report.settings, notes, say, ahead)
    return replace(report, notes=tuple(notes), learning=learning)


def _learning_of(base: SimulationResult, settings: ReportSettings, notes: list[str],
                 say: Log, ahead: VintageAhead | None = None) -> Learning:  # fmt: skip
    from model.export.learning import build_learning

    # the waterfall's 2**k runs never take more paths than the report's own runs
    paths = min(settings.learning_paths, settings.run.n_paths)
    return build_learning(base, evidence=settings.evidence, previous=settings.previous,
                          realised=settings.realised, learning_paths=paths,
                          notes=notes, log=say, ahead=ahead)  # fmt: skip


# ---------------------------------------------------------------------- writing


def _manifest_body(report: Report, charts: list[str]) -> dict[str, Any]:
    from model.export.job_text import report_dates
    from model.export.learning import learning_manifest

    base = report.base
    settings = result_settings(base)
    scenarios = {}
    for name, result in report.comparison.results.items():
        scenarios[name] = {
            "label": result.scenario_label,
            "view": view_tag(report.thesis, name) or None,
            "weight": report.weights.get(name),
            "invalid_paths": {k: int(v) for k, v in result.invalid.items()},
        }
    return {
        "kind": "report",
        "thesis": thesis_info(report.thesis),
        "input_files": _inputs(report),
        **{k: settings[k] for k in ("seed_entropy", "seed_spawn_key", "n_paths", "method")},
        **{k: settings[k] for k in ("backend", "years")},
        "chunk_size": settings["chunk_size"],
        "price": base.price,
        "currency": base.currency,
        **report_dates(report),
        "exit_year": report.exit_year,
        "scenario_order": list(report.comparison.scenarios),
        "scenarios": scenarios,
        "blend": None if report.blend is None else {"weights": dict(report.weights)},
        "views": list(report.view_tags),
        "sensitivity": None
        if report.tornado is None or report.ranks is None
        else {
            "output": report.tornado.output,
            "year": report.tornado.year,
            "tornado_quantiles": [report.tornado.low_quantile, report.tornado.high_quantile],
            "rank_paths": int(report.ranks.n_paths),
            "sobol_n_base": None if report.sobol is None else int(report.sobol.n_base),
        },
        "learning": learning_manifest(report.learning),
        "charts": charts,
        "notes": list(report.notes),
    }


def _inputs(report: Report) -> list[dict[str, Any]]:
    """The files the thesis load and the report read (see :mod:`model.results.manifest`)."""
    from model.results.manifest import input_files

    given = report.settings
    return input_files(report.thesis, learning=given.learning, evidence=given.evidence,
                       previous=given.previous, realised=given.realised)  # fmt: skip


def write_report(
    report: Report,
    folder: str | os.PathLike[str],
    *,
    overwrite: bool = False,
    log: Log | None = None,
) -> Path:
    """Write a report into ``folder`` atomically (see the module docstring for the layout).

    Parameters
    ----------
    report : Report
        From :func:`build_report`.
    folder : path
        Target folder; it must not exist, be empty, or (with ``overwrite``) hold an earlier
        export.
    overwrite : bool
        Replace an earlier export at ``folder``.
    log : callable, optional
        Called with a short message as each stage starts.

    Returns
    -------
    Path
        The folder.

    Raises
    ------
    ExportError
        If ``folder`` exists and may not be replaced.
    """
    return _write(report, folder, overwrite, log or _quiet)[1]


def report_folder(
    thesis: ThesisLike,
    folder: str | os.PathLike[str],
    settings: ReportSettings | None = None,
    *,
    overwrite: bool = False,
    log: Log | None = None,
) -> tuple[Report, Path]:
    """Build a report and write it into ``folder``: :func:`build_report` then :func:`write_report`.

    The report and the folder are those of the two calls; the difference is time. The vintage
    waterfall's runs and the backtest are computed by a worker during the scenario runs (see
    :mod:`model.export.ahead`), and the rest of the learning part after the other charts have
    started drawing in worker processes (see :mod:`model.export.render`), so the second core
    works while this process does.

    Parameters
    ----------
    thesis : Thesis or path
        The thesis (base case) or its file.
    folder : path
        Target folder (as in :func:`write_report`).
    settings : ReportSettings, optional
        Run settings; the defaults otherwise.
    overwrite : bool
        Replace an earlier export at ``folder``.
    log : callable, optional
        Called with a short message as each stage starts, in the order of the two calls.

    Returns
    -------
    (Report, Path)
        The report and the folder.

    Raises
    ------
    UnknownScenarioError, WeightsError, EngineError, ExportError
        As :func:`build_report` and :func:`write_report` do.
    """
    from model.export.ahead import VintageAhead

    settings, say = settings or ReportSettings(), log or _quiet
    loaded = load(thesis)
    with VintageAhead(loaded, settings) as ahead:
        report = _runs(loaded, settings, say)
        if not report.settings.learning:
            return report, write_report(report, folder, overwrite=overwrite, log=say)
        return _write(report, folder, overwrite, say,
                      complete=lambda r: _with_learning(r, say, ahead))  # fmt: skip


def _write(
    report: Report,
    folder: str | os.PathLike[str],
    overwrite: bool,
    say: Log,
    complete: Callable[[Report], Report] | None = None,
) -> tuple[Report, Path]:
    """Write the report; ``complete`` (if given) adds the learning part once charts are drawing.

    The learning part's charts are then drawn by this process, from the completed report; the
    other parts' charts need nothing ``complete`` adds.
    """
    from model.export.html_report import INDEX_HTML, report_html
    from model.export.job_text import index_text, summary_text
    from model.export.render import ChartGroups, render_group

    done = [report]

    def write(root: Path) -> None:
        draw = chart_groups(report) if report.settings.charts else {}
        # The learning charts wait for the learning part, which ``complete`` adds.
        later = ["learning"] if complete is not None and "learning" in draw else []
        # The base case's charts are the most: first, so the workers finish together.
        order = sorted((p for p in draw if p not in later), key=lambda part: part != BASE)
        groups = ChartGroups([(root / part / "charts", draw[part]) for part in order])
        with groups:  # charts drawn by worker processes from here on, while the tables go
            full = done[0] = report if complete is None else complete(report)
            say("writing tables and charts")
            ex.write_table(full.scenario_table(), root, "scenarios")
            ex.write_table(full.ledger(), root, "ledger")
            write_tables(full, root)
            if full.settings.xlsx:
                say("writing report.xlsx")
                workbook(full, root / "report.xlsx")
            (root / "summary.txt").write_text(summary_text(full), encoding="utf-8")
            say("rendering charts")
            names = {p: render_group(root / p / "charts", chart_groups(full)[p]) for p in later}
            names.update(zip(order, groups.finish(), strict=True))
        charts = [f"{part}/charts/{c}.png" for part in PARTS for c in names.get(part, [])]
        say("writing the summary, index and manifest")
        # The whole report on one page: the charts' own bytes, read back from this folder.
        pngs = {rel: (root / rel).read_bytes() for rel in charts}
        (root / INDEX_HTML).write_text(report_html(full, pngs), encoding="utf-8")
        (root / "README.txt").write_text(index_text(full, root), encoding="utf-8")
        ex.write_manifest(root, _manifest_body(full, sorted(charts)))

    path = ex.atomic_folder(folder, write, overwrite=overwrite)
    return done[0], path
