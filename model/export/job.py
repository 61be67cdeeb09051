"""The full report of a thesis in one folder: what ``thesis report`` runs and writes.

:func:`build_report` runs every scenario of a thesis with common random numbers (one
:func:`~model.scenarios.compare` call) and derives everything else from those runs without
sampling again: the probability-weighted blend (path mixing), the views side by side
(a subset of the scenarios), the tornado (one vectorised call of the deterministic model), the
rank correlations (from the base run's kept inputs) and, when asked, Sobol' indices.
:func:`write_report` writes it all into one folder, atomically.

Layout
------
::

    README.txt            index: every file with a one-line description
    index.html            the whole report on one self-contained page (charts embedded)
    manifest.json         seed, paths, method, versions, thesis hash, sha256 of every file
    summary.txt           the summary the command prints (without the elapsed time)
    scenarios.csv         one row per scenario: value per share, P(upside), expected return
    ledger.csv            every number of the thesis with its source, overrides per scenario
    comparison/           comparison tables and charts (value, return, scorecard by scenario)
    base/                 the base scenario's full export (fans, share paths, value, ...)
    blend/                the probability-weighted blend: tables and value distribution
    views/                the views (scenarios tagged with a view) side by side
    sensitivity/          tornado, rank correlation (and Sobol') of value per share
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

from model.errors import SettingsError, UnknownScenarioError, WeightsError
from model.export.console import view_tag
from model.results import export as ex
from model.results.analysis import VALUE
from model.results.comparison import ComparisonResult, check_weights, thesis_weights
from model.results.export import full_ledger
from model.results.manifest import result_settings, thesis_info
from model.results.results import SimulationResult
from model.scenarios import RunSettings, blend, compare, load, scenario_names, view_scenarios

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from model.export.learning import Learning
    from model.inputs.assembly.thesis import Thesis
    from model.scenarios import ThesisLike
    from model.sensitivities.results import (
        RankCorrelationResult,
        SobolResult,
        TornadoResult,
    )

__all__ = ["RETURN", "Report", "ReportSettings", "build_report", "full_ledger", "write_report"]

BASE = "base"
RETURN = "return_annual"
#: Columns of ``scenarios.csv`` taken from the returns analysis, in this order.
HEADLINE_COLUMNS = (
    "year", "n", "value_p5", "value_p50", "value_p95", "value_mean", "value_mean_se",
    "p_upside", "p_upside_se", "expected_return", "expected_return_se", "return_p5",
    "return_p50", "return_p95", "p_loss_30", "expected_shortfall_5",
)  # fmt: skip

Log = Callable[[str], None]


def _quiet(_: str) -> None:
    """A log that says nothing (the default: library code does not print)."""


@dataclass(frozen=True)
class ReportSettings:
    """How the report is run.

    Attributes
    ----------
    run : RunSettings
        Paths, seed, method, backend, ... shared by every scenario (the base case's inputs
        are always kept: the rank correlations need them).
    scenarios : tuple of str, optional
        Scenarios to run (the base case is always run, first); every scenario by default.
    sobol : bool
        Also compute Sobol' indices of value per share (``n_base * (k + 2)`` evaluations).
    n_base : int
        Base sample of the Sobol' indices, a power of 2 and at least 16.
    charts : bool
        Draw the charts (PNG); tables only when False.
    xlsx : bool
        Also write ``report.xlsx``, one Excel workbook of every scenario, the blend's weights,
        the ledger and the sensitivity (see :mod:`model.results.formats.excel`).
    learning : bool
        Add ``learning/`` (see :mod:`model.export.learning`): the watch list; prior against
        posterior, the vintage waterfall and the backtest when the thesis (or ``evidence``,
        ``previous``, ``realised``) gives what they need.
    evidence, previous, realised : path, optional
        An evidence file, the previous vintage's thesis file, a file of realised values, in
        place of what the thesis file names.
    learning_paths : int
        Paths of each of the ``2**k`` runs of the vintage waterfall (at most ``run.n_paths``).
    """

    run: RunSettings = field(default_factory=RunSettings)
    scenarios: tuple[str, ...] | None = None
    sobol: bool = False
    n_base: int = 1024
    charts: bool = True
    xlsx: bool = False
    learning: bool = True
    evidence: str | os.PathLike[str] | None = None
    previous: str | os.PathLike[str] | None = None
    realised: str | os.PathLike[str] | None = None
    learning_paths: int = 2_000

    def __post_init__(self) -> None:
        # Checked before anything runs, so a bad setting is bad input rather than a failed run.
        n = self.n_base
        if isinstance(n, bool) or not isinstance(n, int) or n < 16 or n & (n - 1):
            raise SettingsError(
                f"the Sobol' base sample must be a power of 2 and at least 16 (got {n})"
            )
        if self.run.n_paths < 2:
            raise SettingsError(
                f"a report needs at least 2 paths per scenario (got {self.run.n_paths})"
            )
        if isinstance(self.learning_paths, bool) or not (
            isinstance(self.learning_paths, int) and self.learning_paths >= 2
        ):
            raise SettingsError(
                f"learning_paths must be a whole number of at least 2 (got {self.learning_paths})"
            )
        # Only the base case's rank correlations need every input; the other scenarios keep
        # the few their scorecard statements use (memory and copying saved).
        object.__setattr__(self, "run", replace(self.run, keep_inputs=True, inputs_for=(BASE,)))
        if self.xlsx:  # a missing library is bad input, said before minutes of running
            from model.results.formats.excel import require_openpyxl

            require_openpyxl()


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
        Sensitivity of value per share at the exit year in the base case (``sobol`` None
        unless asked for).
    settings : ReportSettings
    notes : tuple of str
        What was left out and why.
    learning : Learning or None
        Watch list, prior against posterior, vintage waterfall, backtest (see
        :mod:`model.export.learning`); None when ``settings.learning`` is off.
    """

    comparison: ComparisonResult
    blend: SimulationResult | None
    weights: Mapping[str, float]
    views: ComparisonResult | None
    view_tags: tuple[str, ...]
    tornado: TornadoResult
    ranks: RankCorrelationResult
    sobol: SobolResult | None
    settings: ReportSettings
    notes: tuple[str, ...] = field(default=())
    learning: Learning | None = None

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
            (NaN when the scenario carries none) and :data:`HEADLINE_COLUMNS`.

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
            with its paired standard error ``value_mean_vs_base_se``. No rows when no scenario
            carries a view.
        """
        columns = [c for c in self.scenario_table().columns if c != "weight"]
        if self.views is None:
            empty = pd.DataFrame(columns=[*columns, "value_mean_vs_base", "value_mean_vs_base_se"])
            empty.index.name = "scenario"
            return empty
        head = self.scenario_table().loc[list(self.views.scenarios)]
        table = head[columns].copy()
        diffs = [self.comparison.difference(n, BASE, VALUE) for n in table.index]
        table["value_mean_vs_base"] = [d.mean for d in diffs]
        table["value_mean_vs_base_se"] = [d.se for d in diffs]
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
    from model.sensitivities import sensitivity

    settings = settings or ReportSettings()
    say = log or _quiet
    loaded = load(thesis)
    names = _chosen_scenarios(loaded, settings.scenarios)
    say(f"running {len(names)} scenarios x {settings.run.n_paths:,} paths")
    comparison = compare(loaded, names, settings.run)
    notes: list[str] = []
    blended, weights = _blend_of(comparison, notes)
    views, tags = _views_of(comparison)
    if views is None:
        notes.append("no views: no scenario run carries a `view:` tag")
    say("sensitivity of value per share")
    base = comparison[BASE]
    tornado = cast("TornadoResult", sensitivity(base.thesis, BASE, VALUE, None, "tornado"))
    ranks = cast(
        "RankCorrelationResult",
        sensitivity(base.thesis, BASE, VALUE, None, "rank", result=base),
    )
    sobol = None
    if settings.sobol:
        say(f"Sobol' indices (base sample {settings.n_base:,})")
        sobol = cast("SobolResult", sensitivity(base.thesis, BASE, VALUE, None, "sobol",
                    n_base=settings.n_base, seed=comparison.seed()))  # fmt: skip
    learning = _learning_of(base, settings, notes, say) if settings.learning else None
    return Report(
        comparison=comparison,
        blend=blended,
        weights=weights,
        views=views,
        view_tags=tags,
        tornado=tornado,
        ranks=ranks,
        sobol=sobol,
        settings=settings,
        notes=tuple(notes),
        learning=learning,
    )


def _learning_of(base: SimulationResult, settings: ReportSettings, notes: list[str],
                 say: Log) -> Learning:  # fmt: skip
    from model.export.learning import build_learning

    # the waterfall's 2**k runs never take more paths than the report's own runs
    paths = min(settings.learning_paths, settings.run.n_paths)
    return build_learning(base, evidence=settings.evidence, previous=settings.previous,
                          realised=settings.realised, learning_paths=paths,
                          notes=notes, log=say)  # fmt: skip


# ---------------------------------------------------------------------- tables


# ---------------------------------------------------------------------- writing


# Each part of the folder writes its tables here; its charts are a group drawn apart
# (:func:`_chart_groups`), by worker processes while the tables are written.


def _comparison_files(report: Report, folder: Path) -> None:
    folder.mkdir(exist_ok=True)
    ex.write_comparison_tables(report.comparison, folder)
    card = report.comparison.scorecard()
    if len(card):
        ex.write_table(card, folder, "scorecard_wide")


def _blend_files(report: Report, folder: Path) -> None:
    if report.blend is not None:
        folder.mkdir(exist_ok=True)
        ex.write_result_tables(report.blend, folder)


def _views_files(report: Report, folder: Path) -> None:
    if report.views is not None:
        table = report.views_table()
        folder.mkdir(exist_ok=True)
        ex.write_table(table, folder, "views")


def _sensitivity_files(report: Report, folder: Path) -> None:
    folder.mkdir(exist_ok=True)
    found: dict[str, TornadoResult | RankCorrelationResult | SobolResult | None] = {
        "tornado": report.tornado,
        "rank_correlation": report.ranks,
        "sobol": report.sobol,
    }
    for stem, item in found.items():
        if item is not None:
            ex.write_table(item.to_frame(), folder, stem)


def _base_files(report: Report, folder: Path) -> None:
    folder.mkdir(exist_ok=True)
    ex.write_result_tables(report.base, folder)


def _blend_charts(report: Report) -> dict[str, Figure]:
    blended = report.blend
    if blended is None or VALUE not in blended.outputs:
        return {}
    from model import charts as plots

    return {
        "value_histogram": plots.value_distribution(blended, kind="hist"),
        "value_cdf": plots.value_distribution(blended, kind="cdf"),
    }


def _views_charts(report: Report) -> dict[str, Figure]:
    if report.views is None:
        return {}
    from model import charts as plots

    comparison = report.views
    words = " and ".join(report.view_tags)
    year = report.exit_year
    # by_view: the scenarios are grouped under the view they belong to, whatever their number.
    figures = {
        "views_value": plots.scenario_comparison(
            comparison, VALUE, kind="box", by_view=True,
            title=f"The {words} views side by side: value per share in {year}",
        ),
        "views_value_cdf": plots.scenario_comparison(
            comparison, VALUE, kind="cdf", by_view=True,
            title=f"The {words} views: distribution of value per share in {year}",
        ),
    }  # fmt: skip
    if RETURN in report.base.outputs:
        # The chart's own title says what the return is (annualised, from which year).
        figures["views_return"] = plots.scenario_comparison(
            comparison, RETURN, kind="box", by_view=True
        )
    # No scorecard here: the comparison's scorecard already shows every scenario.
    return figures


def _sensitivity_charts(report: Report) -> dict[str, Figure]:
    from model import charts as plots

    base = report.base
    figures = {
        "tornado": plots.tornado_chart(report.tornado, result=base),
        "rank_correlation": plots.rank_correlation_bars(report.ranks, result=base),
    }
    if report.sobol is not None:
        figures["sobol"] = plots.sobol_bars(report.sobol, result=base)
    return figures


#: The folder parts, in the order their charts are listed.
PARTS = ("comparison", "blend", "views", "sensitivity", "learning", BASE)


def _chart_groups(report: Report) -> dict[str, Callable[[], Mapping[str, Figure]]]:
    """Each part's charts, as the call that draws them."""
    return {
        "comparison": lambda: ex.chart_figures(report.comparison),
        "blend": lambda: _blend_charts(report),
        "views": lambda: _views_charts(report),
        "sensitivity": lambda: _sensitivity_charts(report),
        "learning": lambda: _learning_charts(report),
        BASE: lambda: ex.chart_figures(report.base),
    }


def _learning_files(report: Report, folder: Path) -> None:
    from model.export.learning import learning_tables

    learning_tables(report.learning, folder)


def _learning_charts(report: Report) -> dict[str, Figure]:
    from model.export.learning import learning_charts

    return learning_charts(report.learning)


def _workbook(report: Report, path: Path) -> None:
    from model.export.learning import learning_sheets
    from model.results.formats.excel import workbook_bytes

    found = [report.tornado, report.ranks, report.sobol]
    data = workbook_bytes(report.comparison.results, sensitivity=found, weights=report.weights,
                          extra=learning_sheets(report.learning))  # fmt: skip
    path.write_bytes(data)


def _manifest_body(report: Report, charts: list[str]) -> dict[str, Any]:
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
        **{k: settings[k] for k in ("seed_entropy", "seed_spawn_key", "n_paths", "method")},
        **{k: settings[k] for k in ("backend", "years")},
        "chunk_size": settings["chunk_size"],
        "price": base.price,
        "currency": base.currency,
        "exit_year": report.exit_year,
        "scenario_order": list(report.comparison.scenarios),
        "scenarios": scenarios,
        "blend": None if report.blend is None else {"weights": dict(report.weights)},
        "views": list(report.view_tags),
        "sensitivity": {
            "output": VALUE,
            "year": report.tornado.year,
            "tornado_quantiles": [report.tornado.low_quantile, report.tornado.high_quantile],
            "rank_paths": int(report.ranks.n_paths),
            "sobol_n_base": None if report.sobol is None else int(report.sobol.n_base),
        },
        "learning": learning_manifest(report.learning),
        "charts": charts,
        "notes": list(report.notes),
    }


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
    from model.export.html_report import INDEX_HTML, report_html
    from model.export.job_text import index_text, summary_text

    say = log or _quiet

    def write(root: Path) -> None:
        from model.export.render import ChartGroups

        say("writing tables and charts")
        draw = _chart_groups(report) if report.settings.charts else {}
        # The base case's charts are the most: first, so the workers finish together.
        order = sorted(draw, key=lambda part: part != BASE)
        groups = ChartGroups([(root / part / "charts", draw[part]) for part in order])
        with groups:  # charts drawn by worker processes from here on, while the tables go
            ex.write_table(report.scenario_table(), root, "scenarios")
            ex.write_table(report.ledger(), root, "ledger")
            writers = {
                "comparison": _comparison_files,
                "blend": _blend_files,
                "views": _views_files,
                "sensitivity": _sensitivity_files,
                "learning": _learning_files,
                BASE: _base_files,
            }
            for part in PARTS:
                writers[part](report, root / part)
            if report.settings.xlsx:
                say("writing report.xlsx")
                _workbook(report, root / "report.xlsx")
            (root / "summary.txt").write_text(summary_text(report), encoding="utf-8")
            say("rendering charts")
            names = dict(zip(order, groups.finish(), strict=True))
        charts = [f"{part}/charts/{c}.png" for part in PARTS for c in names.get(part, [])]
        say("writing the summary, index and manifest")
        # The whole report on one page: the charts' own bytes, read back from this folder.
        pngs = {rel: (root / rel).read_bytes() for rel in charts}
        (root / INDEX_HTML).write_text(report_html(report, pngs), encoding="utf-8")
        (root / "README.txt").write_text(index_text(report, root), encoding="utf-8")
        ex.write_manifest(root, _manifest_body(report, sorted(charts)))

    return ex.atomic_folder(folder, write, overwrite=overwrite)
