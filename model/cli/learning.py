"""``thesis update``, ``thesis attribute`` and ``thesis watch``: theses that learn.

Each prints its table; with ``--out FOLDER`` it also writes the tables (CSV) and the chart
(PNG) into a new folder (an existing folder is refused unless it is empty, so nothing of the
user's is overwritten).
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path
from typing import Any

from model.cli.commands import EXIT_OK
from model.errors import SettingsError

__all__ = ["add_attribute", "add_update", "add_watch"]


def _run_options(p: argparse.ArgumentParser, paths: int) -> None:
    p.add_argument("path", help="the thesis YAML file")
    p.add_argument(
        "--paths", type=int, default=paths, metavar="N", help=f"paths (default {paths:,})"
    )
    p.add_argument("--seed", type=int, default=2025, help="root seed (default 2025)")
    p.add_argument("--out", metavar="FOLDER", help="also write the tables and chart here")
    p.add_argument("--json", action="store_true", help="print the table as JSON on stdout")


def _folder(out: str | None) -> Path | None:
    if out is None:
        return None
    folder = Path(out)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise SettingsError(f"--out {out}: exists and is not an empty folder; choose a new folder")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _write(folder: Path | None, tables: dict[str, Any], figure: Any, chart: str) -> None:
    if folder is None:
        return
    from model._files import atomic_write_text
    from model.charts.style import save_png

    for name, table in tables.items():
        atomic_write_text(folder / f"{name}.csv", table.to_csv(lineterminator="\n"))
    save_png(figure, folder / f"{chart}.png")
    print(f"wrote {folder}")


def _print(table: Any, as_json: bool) -> None:
    if as_json:
        print(table.reset_index().to_json(orient="records", double_precision=10))
    else:
        print(table.to_string(float_format=lambda v: f"{v:,.4g}"))


# -- update ------------------------------------------------------------------------------------


def add_update(sub: argparse._SubParsersAction) -> None:
    """Register ``thesis update``."""
    p = sub.add_parser(
        "update",
        help="condition a thesis on new evidence: prior against posterior",
        description="Simulate a scenario, reweight its paths by the likelihood of the "
        "observations in an evidence file (each sourced like an assumption), and print the "
        "prior against the posterior of every output in one year, with the effective sample "
        "size. Exit 2 if the evidence file does not check.",
    )
    _run_options(p, 20_000)
    p.add_argument("--evidence", required=True, metavar="FILE", help="the evidence YAML file")
    p.add_argument("--scenario", default="base", help="scenario (default base)")
    p.add_argument("--year", type=int, help="year of the table (default the exit year)")
    p.add_argument("--min-ess", type=float, default=1_000, help="effective paths wanted")
    p.add_argument(
        "--resimulate", action="store_true", help="run more paths when the evidence leaves few"
    )
    p.set_defaults(func=_update)


def _update(args: argparse.Namespace) -> int:
    import warnings

    from model.learning import condition
    from model.results.condition import LowEffectiveSampleWarning

    folder = _folder(args.out)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        cond = condition(
            args.path,
            args.evidence,
            scenario=args.scenario,
            n_paths=args.paths,
            seed=args.seed,
            min_ess=args.min_ess,
            resimulate=args.resimulate,
        )
    table = cond.compare(year=args.year)
    evidence = cond.evidence_table()
    if args.json:
        _print(table, True)
    else:
        print(
            f"{cond.prior.thesis.name}: {cond.prior.scenario} given {len(cond.evidence)} "
            f"observation(s); {cond.ess:,.0f} effective paths of {cond.n_paths:,}"
        )
        if cond.low_ess:
            print(_ess_note(cond, args.min_ess))
        _print(evidence.drop(columns=["source"]), False)
        print()
        _print(table, False)
    for w in caught:
        if cond.low_ess and isinstance(w.message, LowEffectiveSampleWarning):
            if args.json:  # the table alone on stdout; the note on stderr
                print(_ess_note(cond, args.min_ess), file=sys.stderr)
            continue  # said at the top, in the command's own words
        print(f"warning: {w.message}", file=sys.stderr if args.json else sys.stdout)
    figure = _prior_posterior_chart(cond) if folder is not None else None
    _write(folder, {"prior_posterior": table, "evidence": evidence}, figure, "prior_posterior")
    return EXIT_OK


def _ess_note(cond: Any, min_ess: float) -> str:
    """The low-sample note: few effective paths carry the posterior, and how to get more."""
    return (
        f"note: low effective sample: the evidence leaves {cond.ess:,.0f} effective paths of "
        f"{cond.n_paths:,} (fewer than --min-ess {min_ess:,.0f}), so the posterior figures rest "
        "on few paths and their standard errors are wide; rerun with --resimulate to simulate "
        "as many paths as the evidence needs"
    )


def _prior_posterior_chart(cond: Any) -> Any:
    import numpy as np

    from model.charts import style as st

    prior = cond.prior
    name = "value_today" if "value_today" in prior.outputs else "value_per_share"
    x = np.asarray(prior.final(name), dtype=float)
    with st.house_style():
        fig, ax, created = st.new_axes(None)
        lo, hi = (float(v) for v in np.nanquantile(x, [0.005, 0.995]))
        bins = [float(b) for b in np.linspace(lo, hi, 60)]
        ax.hist(x, bins=bins, density=True, histtype="step", color=st.COLORS[0], label="prior")
        ax.hist(
            x,
            bins=bins,
            weights=cond.weights * x.size,
            density=True,
            histtype="stepfilled",
            alpha=0.45,
            color=st.COLORS[1],
            label="given the evidence",
        )
        ax.set_xlabel(f"{name} in {prior.exit_year} ({prior.units.get(name, '')})")
        ax.set_ylabel("density")
        ax.legend(frameon=False)
        st.set_title(ax, f"{prior.thesis.name}: before and after the evidence", created)
        return st.finish(
            fig,
            created,
            None,
            f"{len(cond.evidence)} observation(s); {cond.ess:,.0f} effective paths "
            f"of {cond.n_paths:,}.",
        )


# -- attribute ---------------------------------------------------------------------------------


def add_attribute(sub: argparse._SubParsersAction) -> None:
    """Register ``thesis attribute``."""
    p = sub.add_parser(
        "attribute",
        help="split the change between two vintages across groups of assumptions",
        description="Shapley attribution of the change in an output's median and mean from "
        "one scenario (an older vintage) to another, over the groups of assumptions that "
        "differ (market, share, margins, multiples, events, finance): 2^k runs on common "
        "random numbers for k groups.",
    )
    _run_options(p, 5_000)
    p.add_argument("--from", dest="from_", required=True, metavar="SCENARIO")
    p.add_argument("--to", default="base", metavar="SCENARIO", help="(default base)")
    p.add_argument("--output", help="output explained (default value_today or value_per_share)")
    p.add_argument("--year", type=int, help="year (default the exit year)")
    p.set_defaults(func=_attribute)


def _attribute(args: argparse.Namespace) -> int:
    from model.learning import attribute

    folder = _folder(args.out)
    att = attribute(
        args.path, args.from_, args.to, args.output, args.year, n_paths=args.paths, seed=args.seed
    )
    table = att.summary()
    if args.json:
        _print(table, True)
    else:
        print(_attribution_text(att, table))
    figure = None
    if folder is not None:
        from model.charts.learning import attribution_waterfall

        figure = attribution_waterfall(att)
    _write(folder, {"attribution": table, "groups": att.to_frame()}, figure, "waterfall")
    return EXIT_OK


def _attribution_text(att: Any, table: Any) -> str:
    """The waterfall as a heading and an aligned table: each group's change of the median (and
    of the mean, with its standard error), the running median and how many assumptions."""

    def num(v: float, sign: bool = False) -> str:
        if not math.isfinite(v):
            return ""
        return f"{v:+,.4g}" if sign else f"{v:,.4g}"

    change = att.end["median"] - att.start["median"]
    lines = [
        f"Attribution of {att.output}[{att.year}] from {att.from_} to {att.to} ({att.unit}): "
        f"median {num(att.start['median'])} -> {num(att.end['median'])} ({num(change, True)}), "
        f"split over {len(att.groups)} groups (Shapley values, {att.n_runs} runs of "
        f"{att.n_paths:,} paths on common random numbers)"
    ]
    rows = [("step", "median change", "mean change ± se", "median level", "assumptions")]
    for step, r in table.iterrows():
        mean = num(r["mean_change"], True)
        if mean and math.isfinite(r["mean_change_se"]):
            mean += f" ± {r['mean_change_se']:,.2g}"
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


# -- watch -------------------------------------------------------------------------------------


def add_watch(sub: argparse._SubParsersAction) -> None:
    """Register ``thesis watch``."""
    p = sub.add_parser(
        "watch",
        help="which coming facts would move the value most",
        description="Split the simulated paths by each observable's outcome next year (revenue "
        "growth, the company's shares, margins, events) and show the median value in each: "
        "the observables whose outcome moves it most come first.",
    )
    _run_options(p, 20_000)
    p.add_argument("--scenario", default="base", help="scenario (default base)")
    p.add_argument("--observe", type=int, metavar="YEAR", help="year observed (default year 2)")
    p.set_defaults(func=_watch)


def _watch(args: argparse.Namespace) -> int:
    from model.learning import watch
    from model.scenarios import simulate

    folder = _folder(args.out)
    run = simulate(
        args.path,
        scenario=args.scenario,
        n_paths=args.paths,
        seed=args.seed,
        keep_inputs=True,
        progress=False,
    )
    wl = watch(run, observe_year=args.observe)
    table = wl.summary()
    if args.json:
        _print(table, True)
    else:
        print(repr(wl))
        for line in wl.sentences():
            print(f"- {line}")
    figure = None
    if folder is not None:
        from model.charts.learning import watch_chart

        figure = watch_chart(wl)
    _write(folder, {"watch": table, "watch_outcomes": wl.to_frame()}, figure, "watch")
    return EXIT_OK
