"""The ``report``, ``run``, ``compare`` and ``sensitivity`` subcommands of ``thesis``.

Each subcommand is a function taking the parsed arguments and returning the exit code. Errors
are raised, not printed: :func:`model.cli.main.guarded` is the one place they become exit codes:

0
    success;
1
    the run failed: the engine or the model broke on some chunk, an output folder or file could
    not be written (``error: cannot write to <target>: <reason>``), or an unexpected error
    (one line; set ``THESIS_DEBUG=1`` to see its traceback);
2
    bad input: a thesis file that does not validate, an unknown scenario, view or output, bad
    weights or settings, an existing output folder without ``--force``, bad arguments.

User errors print one line, ``error: <message>``, never a traceback. :func:`add_subcommands`
registers the subcommands on an :mod:`argparse` subparsers object.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from model.errors import EngineError
from model.export.console import print_comparison, print_result

if TYPE_CHECKING:
    from model.inputs.thesis import Thesis
    from model.results.comparison import ComparisonResult
    from model.results.results import SimulationResult
    from model.scenarios import RunSettings

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_FAILED",
    "EXIT_OK",
    "RunFailed",
    "add_compare",
    "add_report",
    "add_run",
    "add_sensitivity",
    "add_subcommands",
    "compare_command",
    "report_command",
    "run_command",
    "sensitivity_command",
]

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_BAD_INPUT = 2

METHODS = ("mc", "lhs", "sobol")
BACKENDS = ("local", "parallel", "dask")
SENSITIVITY_METHODS = ("tornado", "rank", "sobol")


# ---------------------------------------------------------------------- argument parsing


def _positive_int(text: str) -> int:
    try:
        value = int(text.replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def _power_of_two(text: str) -> int:
    # Sobol' base samples must be powers of 2: refused here, as bad input, before any work.
    value = _positive_int(text)
    if value < 16 or value & (value - 1):
        raise argparse.ArgumentTypeError(f"must be a power of 2 and at least 16, got {value}")
    return value


def _seed(text: str) -> int:
    try:
        value = int(text.replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a non-negative integer, got {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be >= 0, got {value}")
    return value


def _add_progress(group: Any) -> None:
    group.add_argument(
        "--no-progress",
        action="store_true",
        help="no progress bar or stage messages, even for long runs on a terminal",
    )


def _add_run_options(parser: argparse.ArgumentParser, *, out_required: bool = False) -> None:
    group = parser.add_argument_group("run settings")
    group.add_argument(
        "--paths",
        type=_positive_int,
        default=20_000,
        metavar="N",
        help="Monte Carlo paths per scenario (default: %(default)s)",
    )
    group.add_argument(
        "--seed",
        type=_seed,
        default=None,
        metavar="S",
        help="root seed; the same seed repeats a run exactly (default: fresh "
        "entropy, printed so the run can be repeated)",
    )
    group.add_argument(
        "--method",
        choices=METHODS,
        default="mc",
        help="sampling design: plain Monte Carlo, Latin hypercube or scrambled "
        "Sobol' (default: %(default)s)",
    )
    group.add_argument(
        "--backend",
        choices=BACKENDS,
        default="local",
        help="where chunks run: this process, a thread pool, or a Dask cluster "
        "(default: %(default)s)",
    )
    group.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        default=None,
        help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (with --backend dask; without "
        "it a local Dask cluster is started)",
    )
    group.add_argument(
        "--chunk-size",
        type=_positive_int,
        default=None,
        metavar="N",
        help="paths per chunk (default: the engine's)",
    )
    _add_progress(group)
    _add_out_options(parser, out_required=out_required, what="tables (CSV, Parquet), charts "
                     "(PNG) and manifest.json")  # fmt: skip


def _add_out_options(parser: argparse.ArgumentParser, *, out_required: bool, what: str) -> None:
    out = parser.add_argument_group("output")
    out.add_argument(
        "--out",
        type=Path,
        required=out_required,
        metavar="FOLDER",
        help=f"write {what} here",
    )
    out.add_argument(
        "--force",
        action="store_true",
        help="replace FOLDER if it holds an earlier export (atomically)",
    )
    out.add_argument("--no-charts", action="store_true", help="export tables only (faster)")


class _Formatter(argparse.HelpFormatter):
    """Wraps descriptions like the default formatter but keeps the epilog's example lines."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if text.startswith("examples:"):
            return "".join(indent + line for line in text.splitlines(keepends=True))
        return super()._fill_text(text, width, indent)


_FMT = _Formatter


def add_subcommands(subparsers: Any) -> None:
    """Register ``report``, ``run``, ``compare`` and ``sensitivity`` on an argparse subparsers.

    Each subparser sets ``func`` to the function implementing it, so the caller dispatches with
    ``args.func(args)``.
    """
    add_report(subparsers)
    add_run(subparsers)
    add_compare(subparsers)
    add_sensitivity(subparsers)


def add_report(subparsers: Any) -> None:
    """Register ``thesis report``."""
    rep = subparsers.add_parser(
        "report",
        formatter_class=_FMT,
        help="the whole analysis of a thesis in one folder (start here)",
        description="Run every scenario of a thesis with common random numbers and write one "
        "folder with everything: the scenarios compared (value per share, annual return, "
        "scorecard, classic bull/base/bear view), the base case's full export (fan charts, "
        "market shares, value distribution, convergence), the probability-weighted blend, the "
        "article views side by side, what drives value per share (tornado, rank correlation; "
        "Sobol' with --sobol), the source ledger, a README.txt describing every file and a "
        "manifest with the sha256 of every file. Prints a summary. The same seed gives a "
        "byte-identical folder. Exit codes: 0 ok, 1 the run failed, 2 bad input.",
        epilog="examples:\n"
        "  thesis report assumptions/alibaba.yaml --seed 2025 --out output/alibaba\n"
        "  thesis report assumptions/alibaba.yaml --seed 2025 --out output/alibaba --force "
        "--sobol\n"
        "  thesis report assumptions/alibaba.yaml --paths 2000 --seed 1 --out output/quick\n"
        "  thesis report assumptions/alibaba.yaml --scenarios base bull bear --out output/bbb",
    )
    rep.add_argument("path", type=Path, metavar="PATH", help="the thesis file (YAML)")
    rep.add_argument(
        "--scenarios",
        nargs="+",
        metavar="NAME",
        help="scenarios to run (default: all; the base case is always run, first)",
    )
    _add_run_options(rep, out_required=True)
    sens = rep.add_argument_group("sensitivity")
    sens.add_argument(
        "--sobol",
        action="store_true",
        help="also compute Sobol' indices of value per share (n-base x (inputs + 2) model "
        "evaluations)",
    )
    sens.add_argument(
        "--n-base",
        type=_power_of_two,
        default=1024,
        metavar="N",
        help="base sample of the Sobol' indices, a power of 2 (default: %(default)s)",
    )
    rep.set_defaults(func=report_command)


def add_run(subparsers: Any) -> None:
    """Register ``thesis run``."""
    fmt = _FMT
    run = subparsers.add_parser(
        "run",
        formatter_class=fmt,
        help="simulate one scenario (or the weighted blend)",
        description="Simulate a scenario of a thesis, print value per share, returns and the "
        "scorecard, and optionally export everything to a folder.",
        epilog="examples:\n"
        "  thesis run assumptions/alibaba.yaml --seed 1 --out results/base\n"
        "  thesis run assumptions/alibaba.yaml --scenario bull --paths 100000 --method sobol\n"
        "  thesis run assumptions/alibaba.yaml --blend --out results/blend",
    )
    run.add_argument("path", type=Path, metavar="PATH", help="the thesis file (YAML)")
    which = run.add_mutually_exclusive_group()
    which.add_argument(
        "--scenario", default="base", metavar="NAME", help="scenario to run (default: base)"
    )
    which.add_argument(
        "--blend",
        action="store_true",
        help="run every weighted scenario and blend them by the thesis weights",
    )
    _add_run_options(run)
    run.set_defaults(func=run_command)


def add_compare(subparsers: Any) -> None:
    """Register ``thesis compare``."""
    fmt = _FMT
    cmp = subparsers.add_parser(
        "compare",
        formatter_class=fmt,
        help="simulate several scenarios side by side",
        description="Simulate several scenarios with common random numbers (one seed, the same "
        "draws for shared assumptions), so their differences reflect the assumptions only.",
        epilog="examples:\n"
        "  thesis compare assumptions/alibaba.yaml --scenarios base bull bear --out results/cmp\n"
        "  thesis compare assumptions/alibaba.yaml --views 2022 2025",
    )
    cmp.add_argument("path", type=Path, metavar="PATH", help="the thesis file (YAML)")
    pick = cmp.add_mutually_exclusive_group()
    pick.add_argument(
        "--scenarios",
        nargs="+",
        metavar="NAME",
        help="scenarios to compare (default: all, base first)",
    )
    pick.add_argument(
        "--views",
        nargs="+",
        metavar="TAG",
        help="compare the scenarios tagged with these views, e.g. 2022 2025",
    )
    _add_run_options(cmp)
    cmp.set_defaults(func=compare_command)


def add_sensitivity(subparsers: Any) -> None:
    """Register ``thesis sensitivity``."""
    fmt = _FMT
    sens = subparsers.add_parser(
        "sensitivity",
        formatter_class=fmt,
        help="rank the assumptions that drive an output",
        description="Which assumptions matter for an output: one-at-a-time swings (tornado), "
        "rank correlations in a Monte Carlo run (rank) or variance shares (sobol).",
        epilog="examples:\n"
        "  thesis sensitivity assumptions/alibaba.yaml\n"
        "  thesis sensitivity assumptions/alibaba.yaml --method sobol --n-base 512 --seed 1\n"
        "  thesis sensitivity assumptions/alibaba.yaml --output revenue_cloud_total --year 2028",
    )
    sens.add_argument("path", type=Path, metavar="PATH", help="the thesis file (YAML)")
    sens.add_argument(
        "--scenario", default="base", metavar="NAME", help="scenario to analyse (default: base)"
    )
    sens.add_argument(
        "--output",
        default="value_per_share",
        metavar="NAME",
        help="model output to explain (default: %(default)s)",
    )
    sens.add_argument("--year", type=int, default=None, help="year (default: the exit year)")
    sens.add_argument(
        "--method",
        choices=SENSITIVITY_METHODS,
        default="tornado",
        help="tornado (default), rank or sobol",
    )
    sens.add_argument(
        "--inputs",
        nargs="+",
        metavar="NAME",
        help="assumptions to analyse (default: every uncertain one)",
    )
    sens.add_argument(
        "--paths",
        type=_positive_int,
        default=20_000,
        metavar="N",
        help="paths of the Monte Carlo run for --method rank (default: %(default)s)",
    )
    sens.add_argument(
        "--n-base",
        type=_power_of_two,
        default=1024,
        metavar="N",
        help="base sample for --method sobol, a power of 2, at least 16 (default: %(default)s)",
    )
    sens.add_argument("--seed", type=_seed, default=None, metavar="S", help="root seed")
    sens.add_argument(
        "--top",
        type=_positive_int,
        default=12,
        metavar="K",
        help="rows to print and bars to draw (default: %(default)s)",
    )
    _add_progress(sens)
    _add_out_options(sens, out_required=False, what="the table, the chart and manifest.json")
    sens.set_defaults(func=sensitivity_command)


# ---------------------------------------------------------------------- error handling


class RunFailed(Exception):
    """Wraps an error raised while the engine was running: exit code 1, not 2.

    :func:`model.cli.main.guarded` prints ``error: run failed: <the engine's message>``.
    """


@contextmanager
def _engine_phase() -> Iterator[None]:
    """Errors of the engine while sampling are run failures (exit 1), not bad input."""
    # Settings are validated when RunSettings is made and the thesis when it is loaded, so an
    # engine error from here on is a chunk or model failure, a lost Dask worker, ...
    try:
        yield
    except EngineError as exc:
        raise RunFailed(str(exc)) from exc


# ---------------------------------------------------------------------- settings


def _run_settings(args: argparse.Namespace) -> RunSettings:
    """Run settings from the arguments (bad combinations are bad input, exit 2).

    The engine draws its own progress bar for runs expected to take more than a couple of
    seconds (on stderr); ``--no-progress`` turns it off.
    """
    from model.errors import SettingsError
    from model.scenarios import RunSettings

    # Said here in the command line's words; RunSettings says the same in the library's.
    if args.scheduler and args.backend != "dask":
        raise SettingsError("--scheduler is only used with --backend dask")
    return RunSettings(
        n_paths=args.paths,
        seed=args.seed,
        method=args.method,
        backend=args.backend,
        scheduler=args.scheduler,
        chunk_size=args.chunk_size,
        progress=False if args.no_progress else None,
    )


# ---------------------------------------------------------------------- commands


def _load(path: Path) -> Thesis:
    from model.inputs.thesis import load_thesis

    return load_thesis(path)


def _check_out(args: argparse.Namespace) -> None:
    """Refuse an output folder that exists or cannot be written, before minutes of running."""
    from model._files import check_writable
    from model.results.export import check_target

    if args.out is not None:
        check_target(args.out, args.force, how_to_replace="use --force")
        check_writable(args.out)


def _stage_log(args: argparse.Namespace) -> Callable[[str], None] | None:
    """Stage messages on stderr, only on a terminal and without ``--no-progress``."""
    if args.no_progress or not sys.stderr.isatty():
        return None
    return lambda message: print(f"... {message}", file=sys.stderr, flush=True)


def report_command(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """``thesis report``: run every scenario, write the report folder, print the summary."""
    from model.export.job import ReportSettings, build_report, write_report
    from model.export.job_text import summary_text

    out = out or sys.stdout
    start = time.perf_counter()
    thesis = _load(args.path)
    _check_out(args)
    settings = ReportSettings(
        run=_run_settings(args),
        scenarios=tuple(args.scenarios) if args.scenarios else None,
        sobol=args.sobol,
        n_base=args.n_base,
        charts=not args.no_charts,
    )
    log = _stage_log(args)
    with _engine_phase():
        report = build_report(thesis, settings, log=log)
    # Written before printing: a closed pipe (``| head``) must not lose the folder.
    folder = write_report(report, args.out, overwrite=args.force, log=log)
    out.write(summary_text(report))
    print(f"\nwrote {folder} (index: {folder / 'README.txt'})", file=out)
    print(f"elapsed {time.perf_counter() - start:.1f} s", file=out)
    return EXIT_OK


def _simulate_and_show(
    args: argparse.Namespace,
    out: TextIO | None,
    simulate: Callable[[Thesis, RunSettings], SimulationResult | ComparisonResult],
    show: Callable[[Any, TextIO], None],
) -> int:
    """The shared body of ``run`` and ``compare``: load, check, simulate, export, print."""
    out = out or sys.stdout
    thesis = _load(args.path)
    _check_out(args)
    settings = _run_settings(args)
    with _engine_phase():
        result = simulate(thesis, settings)
    # Export before printing: a closed pipe (``| head``) must not lose the export.
    folder = None
    if args.out is not None:
        folder = result.export(args.out, charts=not args.no_charts, overwrite=args.force)
    show(result, out)
    if folder is not None:
        print(f"\nwrote {folder}", file=out)
    return EXIT_OK


def run_command(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """``thesis run``: simulate one scenario or the weighted blend, print, export."""
    from model import scenarios

    def simulate(thesis: Thesis, settings: RunSettings) -> SimulationResult:
        if args.blend:
            return scenarios.blend(thesis, settings=settings)
        return scenarios.simulate(thesis, args.scenario, **settings.options())

    return _simulate_and_show(args, out, simulate, print_result)


def compare_command(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """``thesis compare``: simulate several scenarios with common random numbers."""
    from model import scenarios

    def simulate(thesis: Thesis, settings: RunSettings) -> ComparisonResult:
        if args.views:
            return scenarios.views(thesis, args.views, settings=settings)
        return scenarios.compare(thesis, args.scenarios, settings)

    return _simulate_and_show(args, out, simulate, print_comparison)


def sensitivity_command(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """``thesis sensitivity``: rank the assumptions driving an output."""
    from model.sensitivities import sensitivity

    out = out or sys.stdout
    thesis = _load(args.path)
    _check_out(args)
    run = None
    with _engine_phase():
        if args.method == "rank":
            from model.scenarios import simulate

            # Run here rather than inside sensitivity(): the same run then labels the chart
            # and names its thesis, scenario and settings in the footnote.
            run = simulate(thesis, args.scenario, n_paths=args.paths, seed=args.seed,
                           progress=False if args.no_progress else None)  # fmt: skip
        found = sensitivity(
            thesis, args.scenario, args.output, args.year, args.method,
            inputs=args.inputs, n_paths=args.paths, n_base=args.n_base, seed=args.seed,
            result=run,
        )  # fmt: skip
    folder = None
    if args.out is not None:
        from model.sensitivities.export import export_sensitivity

        folder = export_sensitivity(
            found,
            thesis,
            args.out,
            scenario=args.scenario,
            method=args.method,
            year=args.year,
            inputs=args.inputs,
            n_paths=args.paths if args.method == "rank" else None,
            n_base=args.n_base if args.method == "sobol" else None,
            run=run,
            top=args.top,
            charts=not args.no_charts,
            overwrite=args.force,
        )
    table = found.to_frame()
    if "label" in table:
        # Labels are sentences; keep the table readable in a terminal (the export has them).
        table["label"] = table["label"].map(
            lambda t: t[:37] + "..." if isinstance(t, str) and len(t) > 40 else t
        )
    print(
        f"{getattr(thesis, 'name', 'thesis')} - {args.scenario}: what drives "
        f"{args.output} ({args.method})",
        file=out,
    )
    print(table.head(args.top).to_string(index=False, float_format=lambda v: f"{v:.4g}"), file=out)
    if folder is not None:
        print(f"\nwrote {folder}", file=out)
    return EXIT_OK
