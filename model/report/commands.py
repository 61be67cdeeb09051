"""The ``report``, ``run``, ``compare`` and ``sensitivity`` subcommands of ``thesis``.

Each subcommand is a function taking the parsed arguments and returning the exit code:

0
    success;
1
    the run failed (the engine or the model broke on some chunk, the export could not be
    written, or an unexpected error);
2
    bad input (a thesis file that does not validate, an unknown scenario or output, bad
    weights, an existing output folder without ``--force``).

User errors print one line, ``error: <message>``, never a traceback. :func:`add_subcommands`
registers the subcommands on an :mod:`argparse` subparsers object.
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from model.errors import EngineError, ThesisModelError
from model.report.console import print_comparison, print_result

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


def _seed(text: str) -> int:
    try:
        value = int(text.replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a non-negative integer, got {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be >= 0, got {value}")
    return value


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
        help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (with --backend dask)",
    )
    group.add_argument(
        "--chunk-size",
        type=_positive_int,
        default=None,
        metavar="N",
        help="paths per chunk (default: the engine's)",
    )
    group.add_argument(
        "--no-progress",
        action="store_true",
        help="no progress bar, even for long runs on a terminal",
    )
    out = parser.add_argument_group("output")
    out.add_argument(
        "--out",
        type=Path,
        required=out_required,
        metavar="FOLDER",
        help="write tables (CSV, Parquet), charts (PNG) and manifest.json here",
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
        "  thesis report assumptions/alibaba.yaml --paths 2000 --seed 1 --out /tmp/quick\n"
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
        type=_positive_int,
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
        type=_positive_int,
        default=1024,
        metavar="N",
        help="base sample for --method sobol, a power of 2 (default: %(default)s)",
    )
    sens.add_argument("--seed", type=_seed, default=None, metavar="S", help="root seed")
    sens.add_argument(
        "--top",
        type=_positive_int,
        default=12,
        metavar="K",
        help="rows to print and bars to draw (default: %(default)s)",
    )
    sens.add_argument(
        "--out",
        type=Path,
        metavar="FOLDER",
        help="write the table, the chart and manifest.json here",
    )
    sens.add_argument("--force", action="store_true", help="replace an earlier export")
    sens.add_argument("--no-charts", action="store_true", help="export the table only")
    sens.set_defaults(func=sensitivity_command)


# ---------------------------------------------------------------------- error handling


class _RunFailed(Exception):
    """Wraps an error raised while the engine was running (exit code 1, not 2)."""


def _guarded(body: Callable[[], int], err: TextIO | None = None) -> int:
    """Run a command body and turn exceptions into exit codes and one-line messages."""
    err = err or sys.stderr
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            code = body()
        # Library warnings (e.g. "correlations are ignored by Sobol'") as plain lines, once each.
        for message in dict.fromkeys(str(w.message) for w in caught):
            print(f"warning: {message}", file=err)
        return code
    except BrokenPipeError:
        # The reader went away (``thesis run ... | head``): the work is done, stay quiet.
        _silence_stdout()
        return EXIT_OK
    except _RunFailed as exc:
        print(f"error: run failed: {exc.__cause__ or exc}", file=err)
        return EXIT_FAILED
    except ThesisModelError as exc:
        print(f"error: {exc}", file=err)
        return EXIT_BAD_INPUT
    except OSError as exc:
        print(f"error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=err)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("interrupted", file=err)
        return 130
    except Exception as exc:  # an unexpected bug: still no traceback, but say what it was
        print(f"error: internal error ({type(exc).__name__}: {exc}); please report it", file=err)
        return EXIT_FAILED


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush does not fail again."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


@contextmanager
def _engine_phase() -> Iterator[None]:
    """Errors of the engine while sampling are run failures (exit 1), not bad input."""
    # Settings are validated by argparse and the thesis by loading it, so an engine error from
    # here on is a chunk or model failure, a lost Dask worker, ...: the run failed.
    try:
        yield
    except EngineError as exc:
        raise _RunFailed(str(exc)) from exc


# ---------------------------------------------------------------------- settings


def _settings(args: argparse.Namespace) -> dict[str, Any]:
    """Run settings from the arguments.

    The engine draws its own progress bar for runs expected to take more than a couple of
    seconds (on stderr); ``--no-progress`` turns it off.
    """
    if args.backend == "dask" and not args.scheduler:
        raise EngineError("--backend dask needs --scheduler ADDRESS")
    if args.scheduler and args.backend != "dask":
        raise EngineError("--scheduler is only used with --backend dask")
    return {
        "n_paths": args.paths,
        "seed": args.seed,
        "method": args.method,
        "backend": args.backend,
        "scheduler": args.scheduler,
        "chunk_size": args.chunk_size,
        "progress": False if args.no_progress else None,
    }


# ---------------------------------------------------------------------- commands


def _load(path: Path) -> Any:
    from model.inputs.thesis import load_thesis

    return load_thesis(path)


def _check_out(args: argparse.Namespace) -> None:
    """Refuse an existing output folder before spending minutes on the run."""
    from model.report.export import check_target

    if args.out is not None:
        check_target(args.out, args.force)


def _stage_log(args: argparse.Namespace) -> Callable[[str], None] | None:
    """Stage messages on stderr, only on a terminal and without ``--no-progress``."""
    if args.no_progress or not sys.stderr.isatty():
        return None
    return lambda message: print(f"... {message}", file=sys.stderr, flush=True)


def report_command(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """``thesis report``: run every scenario, write the report folder, print the summary."""
    out = out or sys.stdout

    def body() -> int:
        from model.report.job import ReportSettings, build_report, write_report
        from model.report.job_text import summary_text

        start = time.perf_counter()
        thesis = _load(args.path)
        _check_out(args)
        settings = ReportSettings(
            **_settings(args),
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

    return _guarded(body)


def run_command(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """``thesis run``: simulate one scenario or the weighted blend, print, export."""
    out = out or sys.stdout

    def body() -> int:
        from model.scenarios import blend, simulate

        thesis = _load(args.path)
        _check_out(args)
        settings = _settings(args)
        with _engine_phase():
            if args.blend:
                result = blend(thesis, **settings)
            else:
                result = simulate(thesis, args.scenario, **settings)
        # Export before printing: a closed pipe (``| head``) must not lose the export.
        folder = None
        if args.out is not None:
            folder = result.export(args.out, charts=not args.no_charts, overwrite=args.force)
        print_result(result, out)
        if folder is not None:
            print(f"\nwrote {folder}", file=out)
        return EXIT_OK

    return _guarded(body)


def compare_command(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """``thesis compare``: simulate several scenarios with common random numbers."""
    out = out or sys.stdout

    def body() -> int:
        from model.scenarios import compare, views

        thesis = _load(args.path)
        _check_out(args)
        settings = _settings(args)
        with _engine_phase():
            if args.views:
                comparison = views(thesis, args.views, **settings)
            else:
                comparison = compare(thesis, args.scenarios, **settings)
        folder = None
        if args.out is not None:
            folder = comparison.export(args.out, charts=not args.no_charts, overwrite=args.force)
        print_comparison(comparison, out)
        if folder is not None:
            print(f"\nwrote {folder}", file=out)
        return EXIT_OK

    return _guarded(body)


def sensitivity_command(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """``thesis sensitivity``: rank the assumptions driving an output."""
    out = out or sys.stdout

    def body() -> int:
        from model.report.sensitivity import sensitivity

        thesis = _load(args.path)
        _check_out(args)
        run = None
        with _engine_phase():
            if args.method == "rank":
                from model.scenarios import simulate

                # Run here rather than inside sensitivity(): the same run then labels the chart
                # and names its thesis, scenario and settings in the footnote.
                run = simulate(thesis, args.scenario, n_paths=args.paths, seed=args.seed)
            found = sensitivity(
                thesis, args.scenario, args.output, args.year, args.method,
                inputs=args.inputs, n_paths=args.paths, n_base=args.n_base, seed=args.seed,
                result=run,
            )  # fmt: skip
        folder = None
        if args.out is not None:
            from model.report.sensitivity_export import export_sensitivity

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
        print(
            table.head(args.top).to_string(index=False, float_format=lambda v: f"{v:.4g}"), file=out
        )
        if folder is not None:
            print(f"\nwrote {folder}", file=out)
        return EXIT_OK

    return _guarded(body)
