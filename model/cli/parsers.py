"""The command line of ``report``, ``run``, ``compare`` and ``sensitivity``: their options.

Each ``add_*`` function registers one subcommand on an :mod:`argparse` subparsers object and sets
``func`` to its implementation in :mod:`model.cli.commands`. The argument types here
turn a bad value into argparse's own one-line usage error (exit 2) before anything loads.
"""

from __future__ import annotations

import argparse
import decimal
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from model.cli.commands import (
    SENSITIVITY_N_BASE,
    SENSITIVITY_PATHS,
    compare_command,
    report_command,
    run_command,
    sensitivity_command,
)
from model.cli.inputs import add_input_options, out_folder

__all__ = [
    "BACKENDS",
    "METHODS",
    "PATH_HELP",
    "SENSITIVITY_METHODS",
    "add_compare",
    "add_report",
    "add_run",
    "add_sensitivity",
]

METHODS = ("mc", "lhs", "sobol")
BACKENDS = ("local", "parallel", "dask")
SENSITIVITY_METHODS = ("tornado", "rank", "sobol")
#: Help of every command's thesis argument.
PATH_HELP = (
    "the thesis file (YAML), or - to read it from standard input (its relative paths, such as "
    "scenario files and the seeds folder, then resolve from the current directory)"
)
#: ``--seed`` of every command that draws paths: one default, fresh entropy, printed.
SEED_HELP = (
    "root seed; the same seed repeats a run exactly (default: fresh entropy, printed so the "
    "run can be repeated)"
)


def add_seed(parser: Any, also: str = "") -> None:
    """``--seed``, with the one default every command has (``also``: when it applies)."""
    parser.add_argument("--seed", type=_seed, default=None, metavar="S", help=SEED_HELP + also)


def fix_seed(args: argparse.Namespace) -> None:
    """Without ``--seed``, draw the root seed once, from fresh entropy (128 bits, as numpy
    draws for no seed): every run of the command shares it (an attribution's runs are on
    common random numbers) and the command prints it, so ``--seed`` with it repeats them."""
    if args.seed is None:
        import secrets

        args.seed = secrets.randbits(128)


#: Fewest paths of ``compare``, and why: run accepts 1 (a one-path check).
_SPREAD = (
    2,
    "its returns and tables show standard deviations and standard errors, which need a "
    "spread of paths; for a one-path check use thesis run --paths 1",
)

#: Fewest paths of ``report``: its sensitivity ranks the inputs against the value over the
#: paths (``model.sensitivities.rank.MIN_RANK_PATHS``; not imported, to start light).
_RANKED = (
    4,
    "the report ranks each input against the value over the paths (a rank correlation), "
    "which needs 4 paths; for a one-path check use thesis run --paths 1",
)

# ---------------------------------------------------------------------- argument parsing


#: Digits grouped by commas, as people write large counts (``1,000,000``).
_COMMA_GROUPS = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+")
#: An underscore that is not between two digits (``1_000`` groups; ``1__000``, ``_1`` do not).
_STRAY_UNDERSCORE = re.compile(r"(?<!\d)_|_(?!\d)")
#: Largest power of ten a whole number may be written with (a 128-bit seed has 39 digits);
#: beyond it ``1e999999999`` would only cost time to expand.
_MAX_EXPONENT = 60


def _whole_number(text: str, least: int, expected: str, too_small: str) -> int:
    """``text`` as a whole number of at least ``least``.

    Written as people write counts: ``1000000``, ``1_000_000``, ``1,000,000`` or ``1e6``
    (read exactly, as a decimal, so a 128-bit seed keeps every digit); ``1.5e0`` is refused
    as not whole.
    """
    if _STRAY_UNDERSCORE.search(text.strip()):
        # As in Python, an underscore only groups digits: "2__0" or "_20" is a slip, not 20.
        raise argparse.ArgumentTypeError(f"expected {expected}, got {text!r}")
    plain = text.strip().replace("_", "")
    if _COMMA_GROUPS.fullmatch(plain):
        plain = plain.replace(",", "")
    try:
        number = decimal.Decimal(plain)
    except decimal.InvalidOperation:
        raise argparse.ArgumentTypeError(f"expected {expected}, got {text!r}") from None
    if not number.is_finite() or number.adjusted() > _MAX_EXPONENT:
        raise argparse.ArgumentTypeError(f"expected {expected}, got {text!r}")
    if number != number.to_integral_value():
        raise argparse.ArgumentTypeError(
            f"expected {expected}, got {text!r}, which is {number.normalize():f}, not whole"
        )
    value = int(number)
    if value < least:
        raise argparse.ArgumentTypeError(f"{too_small}, got {value}")
    return value


def _positive_int(text: str) -> int:
    return _whole_number(text, 1, "a whole number", "must be at least 1")


def _paths(least: int, why: str) -> Callable[[str], int]:
    """The ``--paths`` type of a command whose figures need ``least`` paths (``why``: what)."""

    def parse(text: str) -> int:
        value = _positive_int(text)
        if value < least:
            raise argparse.ArgumentTypeError(f"must be at least {least} (got {value}): {why}")
        return value

    return parse


def _chunk_size(text: str) -> int:
    from model.engine.execution.limits import MIN_CHUNK_SIZE

    value = _positive_int(text)
    if value < MIN_CHUNK_SIZE:
        raise argparse.ArgumentTypeError(
            f"must be at least {MIN_CHUNK_SIZE} (got {value}): smaller chunks only add the "
            "fixed cost of each chunk"
        )
    return value


def _power_of_two(text: str) -> int:
    # Sobol' base samples must be powers of 2: refused here, as bad input, before any work.
    # One message for every refused value (0 and negatives too), so it never names a smaller
    # minimum than the real one.
    value = _whole_number(text, 16, "a power of 2", "must be a power of 2 and at least 16")
    if value & (value - 1):
        raise argparse.ArgumentTypeError(f"must be a power of 2 and at least 16, got {value}")
    return value


def _seed(text: str) -> int:
    return _whole_number(text, 0, "a non-negative integer", "must be >= 0")


def _paths_or_none(text: str) -> int:
    """A number of paths where 0 means no simulation (``thesis implied --paths``)."""
    return _whole_number(text, 0, "a whole number", "must be >= 0")


def _year(text: str) -> int:
    return _whole_number(text, 1, "a year such as 2030", "expected a year such as 2030")


def _min_ess(text: str) -> float:
    """A number of effective paths, 1 or more (``thesis update --min-ess``).

    Below 1 the floor would ask for nothing: every conditioned run keeps at least one
    effective path, so 0 would silence the low-sample note however few paths the evidence left.
    """
    try:
        value = float(text.replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of paths, got {text!r}") from None
    if not (value >= 1 and value != float("inf")):
        raise argparse.ArgumentTypeError(
            f"must be a number of effective paths, at least 1 (such as 1000), got {text}"
        )
    return value


def _add_progress(group: Any) -> None:
    group.add_argument(
        "--no-progress",
        action="store_true",
        help="no progress bar, even for long runs on a terminal (the bar shows on stderr "
        "after about 2 seconds when stderr is a terminal)",
    )


def _add_path(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", type=Path, metavar="PATH", help=PATH_HELP)


def _add_printing(parser: argparse.ArgumentParser, *, json: bool = True) -> None:
    """``--quiet`` (and ``--json``): what goes to stdout."""
    group = parser.add_argument_group("printing")
    shown = group.add_mutually_exclusive_group()
    shown.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="print nothing on success (no summary, no progress bar); errors and warnings "
        "still go to stderr",
    )
    if json:
        shown.add_argument(
            "--json",
            action="store_true",
            help="print the summary as one JSON document on stdout, and nothing else there "
            "(fractions as in the Python API; see the README)",
        )


def _add_run_options(
    parser: argparse.ArgumentParser,
    *,
    out_required: bool = False,
    least: tuple[int, str] | None = None,
) -> None:
    """The run settings; ``least``: the fewest paths the command can describe, and why."""
    group = parser.add_argument_group("run settings")
    group.add_argument(
        "--paths",
        type=_positive_int if least is None else _paths(*least),
        default=20_000,
        metavar="N",
        help="Monte Carlo paths per scenario (default: %(default)s; "
        + (
            "1 path is one random draw, a quick check (the same --seed draws the same one): "
            "one value per output, its errors n/a (blank in an export); not the central case "
            "unless every input is fixed"
            if least is None
            else f"at least {least[0]}"
        )
        + ")",
    )
    add_seed(group)
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
        type=_chunk_size,
        default=None,
        metavar="N",
        help="paths per chunk (default: the engine's)",
    )
    _add_progress(group)
    add_input_options(parser)
    _add_out_options(parser, out_required=out_required, what="tables (CSV, Parquet), charts "
                     "(PNG) and manifest.json")  # fmt: skip


def _add_out_options(parser: argparse.ArgumentParser, *, out_required: bool, what: str) -> None:
    out = parser.add_argument_group("output")
    out.add_argument(
        "--out",
        type=out_folder,
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


def add_report(subparsers: Any) -> None:
    """Register ``thesis report``."""
    rep = subparsers.add_parser(
        "report",
        formatter_class=_FMT,
        help="the whole analysis of a thesis in one folder (start here)",
        description="Run every scenario of a thesis with common random numbers and write one "
        "folder with everything: the scenarios compared (the headline value, annual return, "
        "scorecard, classic bull/base/bear view), the base case's full export (fan charts, "
        "market shares, value distribution, convergence), the probability-weighted blend, the "
        "article views side by side, what drives the headline value (today's value of holding "
        "to the exit year when the thesis states a cost of equity, else the year-end value per "
        "share: tornado, rank correlation; Sobol' with --sobol), the source ledger, a "
        "README.txt describing every file and a manifest with the sha256 of every file. "
        "Prints a summary. The same seed gives a byte-identical folder. Exit codes: 0 ok, 1 "
        "the run failed, 2 bad input, 130 interrupted (Ctrl-C; a report not finished leaves "
        "its folder as it was). With several theses, every one is checked before any runs "
        "(bad input: none is written); a report that then fails stops only itself: the others "
        "are written, an error line says which were and which not, then one line gives each "
        "failure, with the exit code of the first that failed.",
        epilog="examples:\n"
        "  thesis report assumptions/alibaba.yaml --seed 2025 --out output/alibaba\n"
        "  thesis report assumptions/alibaba.yaml --seed 2025 --out output/alibaba --force "
        "--sobol\n"
        "  thesis report assumptions/alibaba.yaml --paths 2000 --seed 1 --out output/quick\n"
        "  thesis report assumptions/alibaba.yaml --scenarios base bull bear --out output/bbb\n"
        "  thesis report assumptions/alibaba.yaml assumptions/amazon.yaml --paths 2000 --seed 1 "
        "--out output/book",
    )
    rep.add_argument(
        "path",
        type=Path,
        nargs="+",
        metavar="PATH",
        help="the thesis file (YAML); with several, FOLDER receives one report folder per thesis "
        "(named by the file), run as tasks on the cluster with --backend dask",
    )
    rep.add_argument(
        "--scenarios",
        nargs="+",
        metavar="NAME",
        help="scenarios to run (default: all; the base case is always run, first)",
    )
    _add_run_options(rep, out_required=True, least=_RANKED)
    _add_printing(rep, json=False)
    rep.add_argument(
        "--xlsx",
        action="store_true",
        help="also write report.xlsx into the folder: one Excel workbook with the summary "
        "(with units), scenarios, scorecard, ledger with quotes, sensitivity and a sample of "
        "paths (needs the excel extra)",
    )
    sens = rep.add_argument_group("sensitivity")
    sens.add_argument(
        "--sobol",
        action="store_true",
        help="also compute Sobol' indices of the headline value the tornado ranks (n-base x "
        "(inputs + 2) model evaluations)",
    )
    sens.add_argument(
        "--n-base",
        type=_power_of_two,
        default=1024,
        metavar="N",
        help="base sample of the Sobol' indices, a power of 2 (default: %(default)s)",
    )
    rep.set_defaults(func=report_command)


def _add_simulating(
    subparsers: Any,
    name: str,
    *,
    summary: str,
    description: str,
    examples: Sequence[str],
    choices: Sequence[tuple[str, dict[str, Any]]],
    func: Callable[[argparse.Namespace], int],
    least: tuple[int, str] | None = None,
) -> None:
    """Register a subcommand that simulates a thesis: its path, one of two ways of choosing what
    to run (``choices``: flag and ``add_argument`` options each), the run and printing options
    (``least``: see :func:`_add_run_options`)."""
    parser = subparsers.add_parser(
        name,
        formatter_class=_FMT,
        help=summary,
        description=description,
        epilog="examples:\n" + "\n".join(f"  {e}" for e in examples),
    )
    _add_path(parser)
    which = parser.add_mutually_exclusive_group()
    for flag, options in choices:
        which.add_argument(flag, **options)
    _add_run_options(parser, least=least)
    _add_printing(parser)
    parser.set_defaults(func=func)


def add_run(subparsers: Any) -> None:
    """Register ``thesis run``."""
    _add_simulating(
        subparsers,
        "run",
        summary="simulate one scenario (or the weighted blend)",
        description="Simulate a scenario of a thesis, print value per share, returns and the "
        "scorecard, and optionally export everything to a folder.",
        examples=(
            "thesis run assumptions/alibaba.yaml --seed 1 --out results/base",
            "thesis run assumptions/alibaba.yaml --scenario bull --paths 100000 --method sobol",
            "thesis run assumptions/alibaba.yaml --blend --out results/blend",
        ),
        choices=(
            (
                "--scenario",
                {"default": "base", "metavar": "NAME", "help": "scenario to run (default: base)"},
            ),
            (
                "--blend",
                {
                    "action": "store_true",
                    "help": "run every weighted scenario and blend them by the thesis weights",
                },
            ),
        ),
        func=run_command,
    )


def add_compare(subparsers: Any) -> None:
    """Register ``thesis compare``."""
    _add_simulating(
        subparsers,
        "compare",
        least=_SPREAD,
        summary="simulate several scenarios side by side",
        description="Simulate several scenarios with common random numbers (one seed, the same "
        "draws for shared assumptions), so their differences reflect the assumptions only.",
        examples=(
            "thesis compare assumptions/alibaba.yaml --scenarios base bull bear --out results/cmp",
            "thesis compare assumptions/alibaba.yaml --views 2022 2025",
        ),
        choices=(
            (
                "--scenarios",
                {
                    "nargs": "+",
                    "metavar": "NAME",
                    "help": "scenarios to compare (default: all, base first)",
                },
            ),
            (
                "--views",
                {
                    "nargs": "+",
                    "metavar": "TAG",
                    "help": "compare the scenarios tagged with these views, e.g. 2022 2025",
                },
            ),
        ),
        func=compare_command,
    )


def add_sensitivity(subparsers: Any) -> None:
    """Register ``thesis sensitivity``."""
    fmt = _FMT
    sens = subparsers.add_parser(
        "sensitivity",
        formatter_class=fmt,
        help="rank the assumptions that drive an output",
        description="Which assumptions matter for an output: one-at-a-time swings (tornado), "
        "rank correlations in a Monte Carlo run (rank) or variance shares (sobol). By default "
        "the output is the one thesis report ranks: today's value when the thesis states a "
        "cost of equity, else the year-end value per share.",
        epilog="examples:\n"
        "  thesis sensitivity assumptions/alibaba.yaml\n"
        "  thesis sensitivity assumptions/alibaba.yaml --method sobol --n-base 512 --seed 1\n"
        "  thesis sensitivity assumptions/alibaba.yaml --output value_per_share\n"
        "  thesis sensitivity assumptions/alibaba.yaml --output revenue_cloud_total --year 2028",
    )
    _add_path(sens)
    sens.add_argument(
        "--scenario", default="base", metavar="NAME", help="scenario to analyse (default: base)"
    )
    sens.add_argument(
        "--output",
        default=None,
        metavar="NAME",
        help="model output to explain (default: the report's headline value: today's value of "
        "holding to the year, value_today_by_year, when the thesis states a cost of equity, "
        "else value_per_share; give value_per_share for the undiscounted year-end value)",
    )
    sens.add_argument("--year", type=_year, default=None, help="year (default: the exit year)")
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
    # No argparse defaults: the command tells an option given to another method from one left
    # out, and fills in SENSITIVITY_PATHS and SENSITIVITY_N_BASE itself.
    sens.add_argument(
        "--paths",
        type=_positive_int,
        default=None,
        metavar="N",
        help=f"paths of the Monte Carlo run for --method rank (default: {SENSITIVITY_PATHS})",
    )
    sens.add_argument(
        "--n-base",
        type=_power_of_two,
        default=None,
        metavar="N",
        help="base sample for --method sobol, a power of 2, at least 16 "
        f"(default: {SENSITIVITY_N_BASE})",
    )
    add_seed(sens, "; rank and sobol")
    sens.add_argument(
        "--top",
        type=_positive_int,
        default=12,
        metavar="K",
        help="rows to print and bars to draw (default: %(default)s)",
    )
    _add_progress(sens)
    _add_out_options(sens, out_required=False, what="the table, the chart and manifest.json")
    add_input_options(sens)
    _add_printing(sens)
    sens.set_defaults(func=sensitivity_command)
