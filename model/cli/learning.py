"""``thesis update``, ``attribute``, ``watch`` and ``backtest``: theses that learn.

Each prints its table; with ``--out FOLDER`` it also writes the tables (CSV), the chart (PNG)
and ``manifest.json`` into the folder, as every export is written (:mod:`model._folders`): an
earlier output is replaced only with ``--force``, atomically, and a folder holding anything
thesis did not write is refused, naming it, so nothing of the user's is overwritten.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path
from typing import Any

from model.cli.commands import _check_out
from model.cli.common.learning_io import (  # noqa: F401 (_shown re-exported)
    _finish,
    _load,
    _print,
    _run_options,
    _shown,
)
from model.cli.inputs import facts_file
from model.cli.parsers import _min_ess, _year, fix_seed
from model.errors import SettingsError

__all__ = ["add_attribute", "add_backtest", "add_update", "add_watch"]


# -- update ------------------------------------------------------------------------------------


def add_update(sub: argparse._SubParsersAction) -> None:
    """Register ``thesis update``."""
    p = sub.add_parser(
        "update",
        help="condition a thesis on new evidence: prior against posterior",
        description="Simulate a scenario, reweight its paths by the likelihood of the "
        "observations in an evidence file or the thesis' own evidence: section (each sourced "
        "like an assumption), and print the "
        "prior against the posterior of every output in one year, with the effective sample "
        "size. Exit 2 if the evidence file does not check.",
    )
    _run_options(p, 20_000, (2, "the update reweights the paths by the evidence, and one path "
                             "has no distribution to reweight"))  # fmt: skip
    p.add_argument(
        "--evidence",
        type=facts_file("an evidence file"),
        metavar="FILE",
        help="an evidence YAML file (default: the thesis file's own evidence: section)",
    )
    p.add_argument("--scenario", default="base", help="scenario (default base)")
    p.add_argument("--year", type=_year, help="year of the table (default the exit year)")
    p.add_argument(
        "--min-ess",
        type=_min_ess,
        default=1_000,
        help="effective paths wanted, at least 1 (default 1,000)",
    )
    p.add_argument(
        "--resimulate", action="store_true", help="run more paths when the evidence leaves few"
    )
    p.set_defaults(func=_update)


def _update(args: argparse.Namespace) -> int:
    import warnings

    from model.inputs.units import plural
    from model.learning import condition

    _check_out(args)  # refused at once, before minutes of running
    fix_seed(args)
    thesis = _load(args.path, args)
    years = tuple(getattr(thesis, "years", ()))
    if args.year is not None and years and args.year not in years:
        from model.errors import HorizonError

        raise HorizonError(args.year, years)  # before minutes of running, not after
    _evidence_warnings(args.evidence, thesis)
    caught: list[warnings.WarningMessage] = []
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            cond = condition(
                thesis,
                args.evidence,
                scenario=args.scenario,
                n_paths=args.paths,
                seed=args.seed,
                min_ess=args.min_ess,
                resimulate=args.resimulate,
            )
    except Exception:
        # Kept for the caller, which prints them before the error they may explain.
        for w in caught:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
        raise
    table = cond.compare(year=args.year)
    evidence = cond.evidence_table()
    if not args.json:
        print(
            f"{cond.prior.thesis.name}: {cond.prior.scenario} given "
            f"{plural(len(cond.evidence), 'observation')}; {cond.ess:,.0f} effective paths of "
            f"{cond.n_paths:,}"
        )
    # Notes and warnings go to stderr, with --json or without (stdout holds the tables); the
    # low-sample note under the heading, before the figures it qualifies.
    if cond.low_ess:
        sys.stdout.flush()
        print(_ess_note(cond, args.min_ess, args.resimulate), file=sys.stderr)
    if not args.json:
        _print(_evidence_shown(evidence, cond.evidence))
        print()
        _print(table)
    for w in caught:
        if cond.low_ess and str(w.message) == cond.advice():
            continue  # said in the command's own words
        print(f"warning: {w.message}", file=sys.stderr)
    figure = None
    if args.out is not None:
        from model.charts.learning import prior_posterior_chart

        figure = prior_posterior_chart(cond)
    tables = {"prior_posterior": table, "evidence": evidence}
    facts = {"scenario": cond.prior.scenario, "ess": cond.ess, "min_ess": args.min_ess}
    read = {"facts": [(args.evidence, "evidence")] if args.evidence is not None else []}
    return _finish(args, thesis, cond.prior, tables, figure, "prior_posterior", read=read, **facts)


def _evidence_warnings(path: str | None, thesis: Any) -> None:
    """Whole percentages among the observations of an ``--evidence`` file, at their lines.

    Printed at once, not collected with the library's warnings: the update may then refuse the
    observation as incompatible with every path, and this is what explains it.
    """
    if path is None:
        return  # the thesis' own evidence: warned about as the thesis was read
    from model.errors import ThesisModelError
    from model.inputs.assembly.evidence import load_evidence
    from model.inputs.plausibility import implausible_entries

    try:
        entries = load_evidence(Path(path), thesis)
    except ThesisModelError:
        return  # the update says what is wrong with the file
    for where, message in implausible_entries(entries):
        print(f"warning: {where}: {message}" if where else f"warning: {message}", file=sys.stderr)


def _evidence_shown(evidence: Any, observations: Any) -> Any:
    """The evidence rows as printed: each with its unit, what was observed in it (fractions as
    percentages, as the prior and posterior beside it)."""
    table = evidence.drop(columns=["source"])
    by_name = {obs.name: obs for obs in observations}
    units = [getattr(by_name.get(name), "unit", "") or "" for name in table.index]
    table["observed"] = [
        _observed(by_name[name]) if name in by_name else text
        for name, text in table["observed"].items()
    ]
    table.insert(1, "unit", units)
    return table


def _observed(obs: Any) -> str:
    """``ebit[2026] / sales[2026] = 15.00% ± 0.50%`` for an observation in ``%`` or ``share``;
    its own wording otherwise."""
    if str(obs.unit).strip() not in ("%", "share"):
        return str(obs.describe())
    return str(obs.describe(lambda x: f"{x * 100:.2f}%"))


def _ess_note(cond: Any, min_ess: float, resimulated: bool) -> str:
    """The low-sample note: few effective paths carry the posterior, and how to get more (not
    --resimulate again when it was given and stopped at its most paths)."""
    advice = (
        f"--resimulate ran the most paths it runs ({cond.n_paths:,}); ask for fewer effective "
        "paths (--min-ess), or check that the evidence's sd is not far narrower than the "
        "thesis' own spread"
        if resimulated
        else "rerun with --resimulate to simulate as many paths as the evidence needs"
    )
    return (
        f"note: low effective sample: the evidence leaves {cond.ess:,.0f} effective paths of "
        f"{cond.n_paths:,} (fewer than --min-ess {min_ess:,.0f}), so the posterior figures rest "
        f"on few paths and their standard errors are wide; {advice}"
    )


# -- attribute ---------------------------------------------------------------------------------


def add_attribute(sub: argparse._SubParsersAction) -> None:
    """Register ``thesis attribute``."""
    p = sub.add_parser(
        "attribute",
        help="split the change between two vintages across groups of assumptions",
        description="Shapley attribution of the change in an output's median and mean from "
        "an older vintage to a newer one, over the groups of assumptions that differ (market, "
        "share, margins, multiples, events, finance): 2^k runs on common random numbers for "
        "k groups. The older vintage is a scenario of PATH or another thesis file; between "
        "files, what cannot be exchanged by name (valuation date, price, horizon, model, "
        "assumptions in one file only) is the group 'dates and structure'.",
    )
    _run_options(p, 5_000)
    p.add_argument(
        "--from",
        dest="from_",
        required=True,
        metavar="SCENARIO|FILE",
        help="the older vintage: a scenario of PATH, or an older thesis file (- reads it "
        "from standard input)",
    )
    p.add_argument(
        "--to",
        default="base",
        metavar="SCENARIO",
        help="the newer vintage: a scenario of PATH (default base)",
    )
    p.add_argument("--output", help="output explained (default value_today or value_per_share)")
    p.add_argument("--year", type=_year, help="year (default the exit year)")
    p.set_defaults(func=_attribute)


def _attribute(args: argparse.Namespace) -> int:
    from model.cli.json_out import attribution_settings
    from model.learning import attribute
    from model.results.mixing import scenario_names

    _check_out(args)  # refused at once, before minutes of running
    fix_seed(args)
    older: Any = args.from_
    if older == "-":
        _check_piped(args)
    newer = _load(args.path, args)
    # A bare name is a scenario of NEW; failing that, a file or folder of that name is meant
    # (a vintage saved without an extension), not an unknown scenario.
    scenarios = scenario_names(newer)
    named = older not in scenarios and Path(older).exists()
    if older == "-":
        older = _load("-", args)
    elif older not in scenarios and not named and not _looks_like_file(older):
        raise SettingsError(_unknown_vintage(older, scenarios, args.path))
    elif _looks_like_file(older) or named:
        older = Path(older)
        if older.is_dir():
            raise SettingsError(f"--from {args.from_} is a folder, not a thesis file")
        if not older.is_file():
            raise SettingsError(f"--from {args.from_}: no such thesis file")
        older = _load(older, args)
    att = attribute(
        newer,
        older,
        args.to,
        args.output,
        args.year,
        n_paths=args.paths,
        seed=args.seed,
    )
    table = att.summary()
    if not args.json:
        print(_attribution_text(att, table))
    if not args.json and att.structure:
        print(f"'dates and structure' holds: {'; '.join(att.structure)}")
    figure = None
    if args.out is not None:
        from model.charts.learning import attribution_waterfall

        figure = attribution_waterfall(att)
    tables = {"attribution": table, "groups": att.to_frame()}
    settings = attribution_settings(newer, args.paths, args.seed)
    # Today's value has no year (one value per path): null, as in update's table.
    year = att.year if att.per_year else None
    facts = {"from": att.from_, "to": att.to, "output": att.output, "year": year,
             "unit": att.unit, "n_runs": att.n_runs}  # fmt: skip
    read = {"theses": [(older, "previous vintage")] if not isinstance(older, str) else []}
    return _finish(args, newer, settings, tables, figure, "waterfall", read=read, **facts)


def _attribution_text(att: Any, table: Any) -> str:
    """The waterfall as a heading and an aligned table: each group's change of the median (and
    of the mean, with its standard error), the running median and how many assumptions."""
    from model.inputs.units import format_value, plural

    fraction = str(att.unit).strip() in ("%", "share")

    def num(v: float, sign: bool = False) -> str:
        if not math.isfinite(v):
            return ""
        if fraction:  # levels as percentages, changes in percentage points
            return f"{v * 100:+.2f} pp" if sign else f"{v * 100:.2f}%"
        return format_value(v, sign)

    # A deterministic change leaves its per-path Shapley values apart by rounding alone
    # (an se of 4.8e-15 beside values of 100): below numeric precision an error is none.
    ends = (att.start["median"], att.end["median"], att.start["mean"], att.end["mean"])
    scale = max((abs(v) for v in ends if math.isfinite(v)), default=0.0)

    def se(v: float) -> str:
        if abs(v) <= 1e-9 * scale:
            return "0 pp" if fraction else "0"
        return f"{v * 100:,.2g} pp" if fraction else f"{v:,.2g}"

    change = att.end["median"] - att.start["median"]
    lines = [
        f"Attribution of {att.heading} from {att.from_} to {att.to} ({att.unit}): "
        f"median {num(att.start['median'])} -> {num(att.end['median'])} ({num(change, True)}), "
        f"split over {att.groups_text} (Shapley values, {att.n_runs} runs of "
        f"{plural(att.n_paths, 'path')} on common random numbers)"
    ]
    rows = [("step", "median change", "mean change ± se", "median level", "assumptions")]
    for step, r in table.iterrows():
        mean = num(r["mean_change"], True)
        if mean and math.isfinite(r["mean_change_se"]):
            mean += f" ± {se(r['mean_change_se'])}"
        rows.append(
            (
                str(step),
                num(r["median_change"], True),
                mean,
                num(r["level_median"]),
                str(int(r["n_assumptions"])) if r["n_assumptions"] else "",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    for row in rows:
        right = zip(row[1:], widths[1:], strict=True)
        cells = [row[0].ljust(widths[0]), *(c.rjust(w) for c, w in right)]
        lines.append("  " + "  ".join(cells).rstrip())
    return "\n".join(lines)


def _unknown_vintage(name: str, scenarios: Any, path: Any) -> str:
    """``--from NAME`` that is no scenario and no file: what --from takes, and what PATH has."""
    from model.errors import UnknownScenarioError

    hint = str(UnknownScenarioError(name, scenarios)).partition("; ")[2]
    shown = "standard input" if str(path) == "-" else Path(path).name
    return (
        f"--from {name}: not a scenario of {shown} ({hint}) nor a thesis file; --from takes a "
        "scenario of PATH, an older thesis file, or - for one read from standard input"
    )


def _check_piped(args: argparse.Namespace) -> None:
    """``--from -``: the older thesis comes from standard input, which must hold it alone."""
    if str(args.path) == "-":
        raise SettingsError(
            "standard input (-) holds one thesis and can be read once: give - as PATH or as "
            "--from, not both"
        )
    if sys.stdin is None or sys.stdin.isatty():
        # Waiting for typed YAML would look like a hang.
        raise SettingsError(
            "--from is - but nothing is piped in; pipe the older thesis, e.g. "
            "'thesis attribute alibaba.yaml --from - < alibaba-2022.yaml'"
        )


def _looks_like_file(text: str) -> bool:
    return text.lower().endswith((".yaml", ".yml")) or "/" in text or "\\" in text


# -- watch -------------------------------------------------------------------------------------


def add_watch(sub: argparse._SubParsersAction) -> None:
    """Register ``thesis watch``."""
    p = sub.add_parser(
        "watch",
        help="which coming facts would move the value most",
        description="Split the simulated paths by each observable's outcome in the next year "
        "to be reported (revenue growth, the company's shares, margins, events) and show the "
        "median value in each: the observables whose outcome moves it most come first.",
    )
    _run_options(p, 20_000, (2, "the watch list splits the paths by each outcome, and one path "
                             "has nothing to split"))  # fmt: skip
    p.add_argument("--scenario", default="base", help="scenario (default base)")
    p.add_argument(
        "--observe",
        type=_year,
        metavar="YEAR",
        help="year observed alone: its figures, events by it (default: the first model year "
        "ending after the valuation date, or the next when none of its figures varies, with each "
        "event by the first year it can happen in from then on; year 1 for a run without dates)",
    )
    p.set_defaults(func=_watch)


def _watch(args: argparse.Namespace) -> int:
    from model.learning import watch
    from model.scenarios import simulate

    _check_out(args)  # refused at once, before minutes of running
    fix_seed(args)
    run = simulate(
        _load(args.path, args),
        scenario=args.scenario,
        n_paths=args.paths,
        seed=args.seed,
        keep_inputs=True,
        progress=False,
    )
    wl = watch(run, observe_year=args.observe)
    table = wl.summary()
    if not args.json:
        from model.inputs.units import format_value, plural

        seen = f", observing {wl.observed}" if wl.observed else ""
        print(
            f"Watch list for {wl.heading} (median {format_value(wl.median)} {wl.unit}){seen}: "
            f"{plural(len(wl.items), 'observable')}, the ones that move it most first"
        )
        for line in wl.sentences():
            print(f"- {line}")
    figure = None
    if args.out is not None:
        from model.charts.learning import watch_chart

        figure = watch_chart(wl)
    tables = {"watch": table, "watch_outcomes": wl.to_frame()}
    year = wl.year if wl.per_year else None  # today's value has no year
    facts = {"scenario": run.scenario, "output": wl.output, "year": year, "unit": wl.unit,
             "median": wl.median, "observed_years": wl.observed_years}  # fmt: skip
    return _finish(args, run.thesis, run, tables, figure, "watch", **facts)


# -- backtest ----------------------------------------------------------------------------------


def add_backtest(sub: argparse._SubParsersAction) -> None:
    """Register ``thesis backtest``."""
    p = sub.add_parser(
        "backtest",
        help="where what happened fell in an older vintage's distributions",
        description="Simulate an older vintage and give the percentile of each realised value "
        "in its distribution of the same quantity. PATH is the newer thesis (its previous: key "
        "names the older file, its realised: section lists what happened), or with --realised "
        "FILE the older thesis itself. One company and one realised path: a prompt to look "
        "again, not a verdict.",
    )
    _run_options(p, 20_000, (2, "the backtest places each realised value among the paths, and "
                             "one path has no distribution to place it in"))  # fmt: skip
    p.add_argument(
        "--realised",
        type=facts_file("a file of realised values"),
        metavar="FILE",
        help="a file with a realised: section; PATH is then the vintage tested",
    )
    p.set_defaults(func=_backtest)


def _whole_percentages(table: Any) -> None:
    """Warn about realised fractions that look written as whole percentages (34 for 34 %)."""
    from types import SimpleNamespace

    from model.errors import warn
    from model.inputs.plausibility import implausible_entries

    rows = [
        SimpleNamespace(
            name=str(q),
            label=str(r.get("label", "")),
            unit=str(r.get("unit", "")),
            value=float(r["realised"]),
        )
        for q, r in table.iterrows()
    ]
    for _, message in implausible_entries(rows):
        warn(f"realised {message}", UserWarning)


def _backtest(args: argparse.Namespace) -> int:
    from model.learning import backtest
    from model.scenarios import simulate

    _check_out(args)  # refused at once, before minutes of running
    fix_seed(args)
    thesis, realised = _load(args.path, args), args.realised
    named = thesis  # the file given: with no --realised, the vintage it names is tested
    read: dict[str, Any] = {"facts": [(realised, "realised values")] if realised else []}
    if realised is None:
        from model.inputs.assembly.evidence import previous_vintage, thesis_realised

        # The older vintage is read with the same options as the thesis naming it.
        previous, found = previous_vintage(thesis), thesis_realised(thesis)
        if previous is not None and found:
            thesis, realised = _load(previous, args), found
            read = {"theses": [(named, "newer vintage")]}
    if realised is None:
        backtest(thesis)  # refused, saying what the thesis lacks, before any run
    # Run here, as the backtest would, so --json can give the run's settings and seed.
    run = simulate(thesis, n_paths=args.paths, seed=args.seed, progress=False)
    bt = backtest(run, realised)
    table = bt.summary()
    _whole_percentages(table)
    if not args.json:
        print(
            f"Backtest of {bt.vintage or bt.scenario}: where each realised value fell in its "
            "distribution"
        )
        _print(table.drop(columns=["source"]))
        print(f"caveat: {bt.caveat}")
    figure = None
    if args.out is not None:
        from model.charts.learning import backtest_chart

        figure = backtest_chart(bt)
    facts = {"vintage": bt.vintage, "scenario": bt.scenario, "caveat": bt.caveat}
    return _finish(args, thesis, run, {"backtest": table}, figure, "backtest", read=read, **facts)
