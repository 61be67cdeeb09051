"""The ``thesis`` command line.

Subcommands are registered in :data:`COMMANDS` (name -> function adding its parser); each
parser sets ``func`` to the function that runs it and returns the exit code. User errors
(:class:`~model.errors.ThesisModelError`) are printed as ``error: ...`` without a traceback and
exit with code 2.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

import pandas as pd

from model.errors import ThesisModelError
from model.report import commands as _report_commands

__all__ = ["COMMANDS", "build_parser", "main"]

#: Widest a text column of the sources table is printed (CSV output is never truncated).
MAX_TEXT_WIDTH = 48
USER_ERROR = 2


class UsageError(ThesisModelError):
    """A command-line argument is wrong (reported like other user errors)."""


def _counts_text(counts: dict[str, int]) -> str:
    spread = counts.get("spread_estimated", 0)
    note = f"; the spread of {spread} sourced is estimated" if spread else ""
    return (
        f"{counts['total']} assumptions ({counts['sourced']} sourced, "
        f"{counts['derived']} derived, {counts['estimated']} estimated{note})"
    )


# -- validate ----------------------------------------------------------------------------------


def _add_validate(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "validate",
        help="check a thesis file and its scenarios",
        description="Check a thesis file: YAML syntax, structure, units, distribution "
        "parameters, every quote against its seed document and every number against its "
        "quote. Prints one line per scenario checked, or the first problem with its file "
        "and line.",
    )
    p.add_argument("path", help="the thesis YAML file, e.g. assumptions/alibaba.yaml")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--scenario", metavar="NAME", help="check this scenario (default: base)")
    which.add_argument(
        "--all-scenarios", action="store_true", help="check the base and every scenario"
    )
    p.set_defaults(func=_validate)


def _validate(args: argparse.Namespace) -> int:
    from model.inputs.thesis import load_thesis

    thesis = load_thesis(args.path, scenario=args.scenario)
    label = "" if thesis.scenario == "base" else f" [scenario {thesis.scenario}]"
    others = ", ".join(n for n in thesis.scenarios if n != "base") or "none"
    print(f"OK: {thesis.name}{label}: {_counts_text(thesis.source_counts())}, scenarios: {others}")
    if args.all_scenarios:
        for name in thesis.scenarios:
            if name != "base":
                t = thesis.with_scenario(name)
                print(f"  OK: scenario {name}: {_counts_text(t.source_counts())}")
    return 0


# -- sources -----------------------------------------------------------------------------------


def _add_sources(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "sources",
        help="list every number of a thesis with its source",
        description="Print the ledger of a thesis: every assumption, event, correlation, "
        "weight and the price, with its value or distribution, unit, kind of source "
        "(sourced / derived / estimate), document, quote and rationale; then how many "
        "assumptions are sourced, derived and estimated.",
    )
    p.add_argument("path", help="the thesis YAML file")
    p.add_argument("--scenario", metavar="NAME", help="scenario to list (default: base)")
    p.add_argument("--csv", metavar="FILE", help="also write the full table to FILE as CSV")
    p.set_defaults(func=_sources)


def _shorten(value: object, width: int = MAX_TEXT_WIDTH) -> object:
    if not isinstance(value, str):
        return "" if value is None or (isinstance(value, float) and pd.isna(value)) else value
    text = " ".join(value.split())
    return text if len(text) <= width else text[: width - 3] + "..."


def _sources(args: argparse.Namespace) -> int:
    from model.inputs.thesis import load_thesis

    thesis = load_thesis(args.path, scenario=args.scenario)
    table = thesis.ledger()
    if args.csv:
        _write_csv_atomically(table, Path(args.csv))
    print(f"{thesis.name} - scenario {thesis.scenario}")
    print(_left_aligned(table.map(_shorten)))
    print()
    print(_counts_text(thesis.source_counts()))
    if args.csv:
        print(f"wrote {args.csv}")
    return 0


def _left_aligned(table: pd.DataFrame) -> str:
    """The table as text with left-aligned columns (easier to read for prose)."""
    formatters = {}
    for col in table.columns:
        width = max([len(str(col)), *(len(str(v)) for v in table[col])])
        formatters[col] = lambda v, w=width: f"{v!s:<{w}}"
    return table.to_string(index=False, formatters=formatters, justify="left")


def _write_csv_atomically(table: pd.DataFrame, target: Path) -> None:
    """Write to a temporary file next to ``target`` and rename it, so no half file remains."""
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(f"cannot write {target}: folder {folder} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            table.to_csv(fh, index=False)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


# -- entry point -------------------------------------------------------------------------------

#: Subcommand registry: other modules may add entries before :func:`build_parser` is called.
COMMANDS: dict[str, Callable[[argparse._SubParsersAction], None]] = {
    "validate": _add_validate,
    "sources": _add_sources,
}

# -- report, run, compare, sensitivity ---------------------------------------------------------
# Implemented in model/report/commands.py (simulation runs, exports, exit codes 0/1/2); the
# functions there catch their own errors, so main() only dispatches to them.
COMMANDS.update(
    report=_report_commands.add_report,
    run=_report_commands.add_run,
    compare=_report_commands.add_compare,
    sensitivity=_report_commands.add_sensitivity,
)


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line, like every other user error."""

    def error(self, message: str) -> NoReturn:
        # argparse prints the whole usage block before the message; on one line the message
        # stays readable and points at the help instead. Exit code 2 as for any bad input.
        self.exit(USER_ERROR, f"error: {message} (see '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    """The ``thesis`` argument parser with every registered subcommand."""
    parser = _Parser(
        prog="thesis",
        # Raw: the example commands below must stay on one line each to be copied.
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Turn a sourced investment thesis into Monte Carlo scenarios.",
        epilog="start here:\n"
        "  thesis validate assumptions/alibaba.yaml\n"
        "  thesis report assumptions/alibaba.yaml --seed 2025 --out output/alibaba\n"
        "\n'thesis COMMAND --help' describes each command.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for add in COMMANDS.values():
        add(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (0 ok, 1 run failed, 2 user error).

    Bad arguments exit through ``SystemExit(2)`` with a one-line message, as argparse does.
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except ThesisModelError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return USER_ERROR
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away: not an error. Silence the final flush.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except OSError as exc:
        print(f"error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return USER_ERROR


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
