"""The learning part of a report: watch list, evidence, the vintage waterfall, the backtest.

What ``thesis report`` adds from :mod:`model.learning`, in the folder's ``learning/``:

- the **watch list** always (from the base run's paths: no new run);
- **prior against posterior** when the thesis has evidence (its ``evidence:`` section or
  file, or one given in the settings): the base run reweighted, no new run;
- the **vintage waterfall** when a previous vintage is known (the thesis' ``previous:`` key or
  the settings): ``2**k`` runs of ``ReportSettings.learning_paths`` paths on the report's seed;
- the **backtest** of the previous vintage when realised values are known (the thesis'
  ``realised:`` section or a file): one run of the previous vintage, as many paths as the report.

Anything that cannot be done (a previous vintage that does not fit, too many groups, evidence
that leaves too few paths) becomes a note of the report rather than a failed report.
"""

from __future__ import annotations

import os
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from model.errors import ThesisModelError
from model.inputs.units import format_value, plural
from model.results import export as ex

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from model.export.ahead import VintageAhead
    from model.learning.backtests import Backtest
    from model.learning.vintages import Attribution
    from model.learning.watchlist import WatchList
    from model.results.condition import ConditionedResult
    from model.results.results import SimulationResult

__all__ = ["Learning", "build_learning", "learning_charts", "learning_sheets", "learning_tables"]

PathLike = str | os.PathLike[str]


@dataclass(frozen=True, eq=False)
class Learning:
    """What the report learned about the thesis (each part None when it does not apply)."""

    watch: WatchList | None = None
    conditioned: ConditionedResult | None = None
    attribution: Attribution | None = None
    backtest: Backtest | None = None
    previous: str | None = None

    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table by its stem in ``learning/``."""
        out: dict[str, pd.DataFrame] = {}
        if self.watch is not None:
            out["watch"] = self.watch.summary()
            out["watch_outcomes"] = self.watch.to_frame()
        if self.conditioned is not None:
            out["prior_posterior"] = self.conditioned.compare()
            out["evidence"] = self.conditioned.evidence_table()
        if self.attribution is not None:
            out["attribution"] = self.attribution.summary()
            out["attribution_groups"] = self.attribution.to_frame()
        if self.backtest is not None:
            out["backtest"] = self.backtest.summary()
        return out


def build_learning(
    base: SimulationResult,
    *,
    evidence: PathLike | None = None,
    previous: PathLike | None = None,
    realised: PathLike | None = None,
    learning_paths: int = 2_000,
    notes: list[str],
    log: Any = None,
    ahead: VintageAhead | None = None,
) -> Learning:
    """The learning parts of a report, from its base run.

    Parameters
    ----------
    base : SimulationResult
        The report's base run (inputs kept).
    evidence, previous, realised : path, optional
        An evidence file, the previous vintage's thesis file and a file of realised values;
        by default what the thesis file itself names.
    learning_paths : int
        Paths of each run of the vintage attribution.
    notes : list of str
        Where to say what was left out and why.
    log : callable, optional
        Called with a short message as each stage starts.
    ahead : VintageAhead, optional
        A worker that computed the vintage waterfall and the backtest during the runs; its
        answer is taken when it is the one asked for here.
    """
    from model.export.ahead import vintage_part
    from model.inputs.assembly.evidence import load_evidence, thesis_evidence
    from model.learning import watch
    from model.results.condition import condition

    say = log or (lambda _: None)
    thesis = base.thesis
    # the report's own seed: its integer, or the seed sequence the run recorded
    seed = base.seed_entropy if isinstance(base.seed_entropy, int) else base.seed()
    watched = None
    try:
        watched = watch(base)
    except ThesisModelError as exc:
        notes.append(f"no watch list: {exc}")
    conditioned = None
    observations = load_evidence(evidence, thesis) if evidence else thesis_evidence(thesis)
    if observations:
        say(f"conditioning the base case on {plural(len(observations), 'observation')}")
        caught: list[warnings.WarningMessage] = []
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                conditioned = condition(base, observations)
        except Exception:
            # Kept for the caller, which prints them before the error they may explain.
            for w in caught:
                warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
            raise
        notes += [f"evidence: {w.message}" for w in caught]
    question = (previous, realised, learning_paths, base.n_paths, seed)
    part = None if ahead is None else ahead.take(thesis, question)
    if part is None:
        part = vintage_part(thesis, *question, say=say)
    else:  # computed while the runs went: said now, in the same order
        for message in part.said:
            say(message)
    notes += part.notes
    return Learning(watched, conditioned, part.attribution, part.backtest, part.previous)


def learning_tables(learning: Learning | None, folder: Path) -> None:
    """Write the tables of ``learning/`` (nothing, and no folder, when there are none)."""
    tables = {} if learning is None else learning.tables()
    if not tables:
        return
    folder.mkdir(exist_ok=True)
    for stem, table in tables.items():
        ex.write_table(table, folder, stem)


def learning_charts(learning: Learning | None) -> dict[str, Figure]:
    """The charts of ``learning/``, by file stem (none when it has no tables)."""
    if learning is None:
        return {}
    # Each part present has a table: ask which parts are there, not for the tables themselves.
    parts = (learning.watch, learning.conditioned, learning.attribution, learning.backtest)
    if all(part is None for part in parts):
        return {}
    from model.charts import learning as plots

    figures = {}
    if learning.watch is not None:
        figures["watch"] = plots.watch_chart(learning.watch)
    if learning.conditioned is not None:
        figures["prior_posterior"] = plots.prior_posterior_chart(learning.conditioned)
    if learning.attribution is not None:
        figures["waterfall"] = plots.attribution_waterfall(learning.attribution)
    if learning.backtest is not None:
        figures["backtest"] = plots.backtest_chart(learning.backtest)
    return figures


def learning_sheets(learning: Learning | None) -> dict[str, pd.DataFrame]:
    """The learning tables for the Excel workbook, by sheet name."""
    if learning is None:
        return {}
    keep = ("watch", "prior_posterior", "attribution", "backtest")
    return {k: v for k, v in learning.tables().items() if k in keep}


def learning_manifest(learning: Learning | None) -> dict[str, Any] | None:
    """What the manifest records of the learning part."""
    if learning is None:
        return None
    att = learning.attribution
    return {
        "watch": learning.watch is not None,
        "evidence": None if learning.conditioned is None else len(learning.conditioned.evidence),
        "ess": None if learning.conditioned is None else round(learning.conditioned.ess, 3),
        "previous": learning.previous,
        "attribution": None
        if att is None
        else {"groups": list(att.groups), "runs": att.n_runs, "paths_per_run": att.n_paths},
        "backtest": None if learning.backtest is None else list(learning.backtest.table.index),
    }


def learning_summary(learning: Learning | None) -> list[str]:
    """Lines of ``summary.txt`` about what the thesis learns."""
    if learning is None:
        return []
    out: list[str] = []
    if learning.watch is not None and learning.watch.items:
        seen = f" in {learning.watch.observed}" if learning.watch.observed else ""
        out.append(f"What to watch{seen} (median value if the fact comes in low / high):")
        out += [f"  - {line}" for line in learning.watch.sentences()[:3]]
    if learning.conditioned is not None:
        cond = learning.conditioned
        out.append(
            f"Given {plural(len(cond.evidence), 'observation')}: {cond.ess:,.0f} effective "
            f"paths of {cond.n_paths:,}"
        )
        name = "value_today" if "value_today" in cond.prior.outputs else "value_per_share"
        row = cond.compare(name).iloc[0]
        out.append(
            f"  median {name}: prior {row['prior_p50']:,.2f}, posterior "
            f"{row['posterior_p50']:,.2f} ± {2 * row['posterior_p50_se']:,.2f} {row['unit']}"
        )
    if learning.attribution is not None:
        att = learning.attribution
        shares = ", ".join(f"{g} {att.median[g]:+,.2f}" for g in att.groups)
        out.append(
            f"Since {att.from_}: median {att.output} {att.start['median']:,.2f} -> "
            # The paths of each run, as the page says: the end median is one of those runs,
            # not the report's own median on all its paths (the line above), so they differ.
            f"{att.end['median']:,.2f} {att.unit} ({shares}; {att.n_runs} runs of "
            f"{plural(att.n_paths, 'path')})"
        )
    if learning.backtest is not None:
        bt = learning.backtest
        pct = ", ".join(f"{q} at p{100 * p:.0f}" for q, p in bt.table["percentile"].items())
        out.append(f"Backtest of {bt.vintage}: {pct} ({bt.caveat})")
    return out


def learning_html(report: Any, charts: Any) -> str:
    """The learning section of ``index.html``: tables, with the learning charts."""
    from model.export.html_report import _e, _figure, _money, _table

    learning = report.learning
    if learning is None or not learning.tables():
        return ""
    out: list[str] = []

    def figures(stem: str) -> None:
        rel = f"learning/charts/{stem}.png"
        if rel in charts:
            out.append(_figure(report, rel, charts[rel]))

    if learning.conditioned is not None:
        cond = learning.conditioned
        out.append(
            f"<h3>Given the evidence ({plural(len(cond.evidence), 'observation')}, "
            f"{cond.ess:,.0f} effective paths of {cond.n_paths:,})</h3>"
        )
        ev = cond.evidence_table()
        out.append(
            _table(
                [
                    [n, r["observed"], format_value(r["prior_p50"]),
                     format_value(r["posterior_p50"]), r["source"]]
                    for n, r in ev.iterrows()
                ],
                ["Observation", "Observed", "Prior median", "Posterior median", "Source"],
                numeric=(2, 3),
                table_id="evidence",
            )
        )  # fmt: skip
        names = [n for n in ("value_today", "value_per_share") if n in cond.prior.outputs]
        comp = cond.compare(names)
        rows = [
            [n, r["unit"], "" if pd.isna(r["year"]) else str(r["year"]),  # NA: one value
             f"{r['prior_p50']:,.2f}", f"{r['posterior_p50']:,.2f}",
             f"± {2 * r['posterior_p50_se']:,.2f}", f"{r['change_p50']:+,.2f}"]
            for n, r in comp.iterrows()
        ]  # fmt: skip
        out.append(
            _table(
                rows,
                ["Output", "Unit", "Year", "Prior median", "Posterior median", "± 2 s.e.",
                 "Change"],
                numeric=(3, 4, 5, 6),
                table_id="prior_posterior",
            )
        )  # fmt: skip
        figures("prior_posterior")
    if learning.attribution is not None:
        att = learning.attribution
        out.append(
            f"<h3>What changed from {_e(att.from_)} to {_e(att.to)} ({att.n_runs} runs of "
            f"{plural(att.n_paths, 'path')})</h3>"
        )
        rows = []
        for step, r in att.summary().iterrows():
            members = ", ".join(att.members.get(str(step), ()))
            rows.append(
                [str(step), "" if pd.isna(r["median_change"]) else f"{r['median_change']:+,.2f}",
                 "" if pd.isna(r["mean_change"]) else f"{r['mean_change']:+,.2f}",
                 _money(r["level_median"], att.unit), members]
            )  # fmt: skip
        out.append(
            _table(rows, ["Step", "Median change", "Mean change", "Median level", "What"],
                   numeric=(1, 2, 3), table_id="attribution")
        )  # fmt: skip
        figures("waterfall")
    if learning.backtest is not None:
        bt = learning.backtest
        out.append(f"<h3>Backtest of {_e(bt.vintage)}</h3>")
        rows = [
            [r["label"] or q, format_value(r['realised']), format_value(r['p5']),
             format_value(r['p50']), format_value(r['p95']), f"{r['percentile']:.0%}", r["source"]]
            for q, r in bt.table.iterrows()
        ]  # fmt: skip
        out.append(
            _table(rows, ["Quantity", "Realised", "p5", "p50", "p95", "Percentile", "Source"],
                   numeric=(1, 2, 3, 4, 5), table_id="backtest")
        )  # fmt: skip
        out.append(f'<p class="small">{_e(bt.caveat)}</p>')
        figures("backtest")
    if learning.watch is not None:
        seen = f" in {learning.watch.observed}" if learning.watch.observed else ""
        out.append(f"<h3>What to watch{_e(seen)}</h3>")
        out.append("<ul>" + "".join(f"<li>{_e(s)}</li>" for s in learning.watch.sentences())
                   + "</ul>")  # fmt: skip
        figures("watch")
    return "\n".join(out)
