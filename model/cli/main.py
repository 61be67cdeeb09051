"""The ``thesis`` command line.

Subcommands are registered in :data:`COMMANDS` (name -> function adding its parser); each
parser sets ``func`` to the function that runs it and returns the exit code. Every subcommand
runs inside :func:`guarded`, the one place exceptions become exit codes and one-line messages:

0
    success;
1
    the run failed: the engine broke (``error: run failed: ...``), a file or folder could not be
    written (``error: cannot write to <target>: <reason>``), or an unexpected error (one line;
    set ``THESIS_DEBUG=1`` to see its traceback);
2
    bad input: a thesis that does not validate, an unknown name, bad settings or arguments, an
    output path through a file or into a folder that does not exist
    (:class:`~model.errors.ThesisModelError`), printed as ``error: ...`` without a traceback;
130
    interrupted (Ctrl-C), at any moment: ``interrupted``, one line.
"""

from __future__ import annotations

import _thread
import argparse
import atexit
import contextlib
import os
import signal
import sys
import threading
import traceback
import warnings
from collections.abc import Callable, Sequence
from types import FrameType
from typing import Any, NoReturn, TextIO

from model import __version__
from model.cli import authoring as _authoring
from model.cli import commands as _report_commands
from model.cli import learning as _learning_commands
from model.cli import outputs as _outputs_command
from model.cli import parsers as _report_parsers
from model.cli.commands import EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK, RunFailed, write_csv
from model.cli.implied import add_implied
from model.cli.inputs import add_input_options
from model.errors import ThesisModelError, WriteError, warn

__all__ = ["COMMANDS", "DEBUG_VARIABLE", "build_parser", "guarded", "main"]

#: Set to 1 to print the traceback of an unexpected error.
DEBUG_VARIABLE = "THESIS_DEBUG"


def plural(n: int, word: str, many: str | None = None) -> str:
    """``"1 scorecard claim"``, ``"2 scorecard claims"``."""
    return f"{n:,} {word if n == 1 else many or word + 's'}"


def _counts_text(counts: dict[str, int]) -> str:
    spread = counts.get("spread_estimated", 0)
    note = f"; the spread of {spread} sourced is estimated" if spread else ""
    return (
        f"{plural(counts['total'], 'assumption')} ({counts['sourced']} sourced, "
        f"{counts['derived']} derived, {counts['estimated']} estimated{note})"
    )


# -- validate ----------------------------------------------------------------------------------


def _add_validate(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "validate",
        help="check a thesis file and its scenarios",
        description="Check a thesis file: YAML syntax, structure, units, distribution "
        "parameters, every quote against its seed document and every number against its "
        "quote, the model section, that no assumption has the name of a model output, and "
        "every scorecard statement against the model's outputs, the assumptions and their "
        "units. Prints one line per scenario checked, or the first problem with its file and "
        "line.",
    )
    p.add_argument("path", help=_report_parsers.PATH_HELP + ", e.g. assumptions/alibaba.yaml")
    p.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="print nothing on success (no OK lines, no notes); warnings and errors still go "
        "to stderr",
    )
    which = p.add_mutually_exclusive_group()
    which.add_argument("--scenario", metavar="NAME", help="check this scenario (default: base)")
    which.add_argument(
        "--all-scenarios", action="store_true", help="check the base and every scenario"
    )
    add_input_options(p)
    p.set_defaults(func=_validate)


def _validate(args: argparse.Namespace) -> int:
    from model.errors import in_scenario
    from model.learning.update import check_evidence
    from model.results.statements import check_scorecard
    from model.valuation.checks import check_central_path
    from model.valuation.lines.model import check_stock_pay_scenarios

    thesis = _report_commands.load(args.path, args.scenario, note=not args.quiet, args=args)
    with in_scenario(thesis.scenario):
        check_scorecard(thesis)
        check_central_path(thesis)
    check_stock_pay_scenarios(thesis)
    _validate_previous(thesis, args)
    check_evidence(thesis)
    label = "" if thesis.scenario == "base" else f" [scenario {thesis.scenario}]"
    others = ", ".join(n for n in thesis.scenarios if n != "base") or "none"
    n_claims = len(thesis.scorecard)
    claims = f", {plural(n_claims, 'scorecard claim')}" if n_claims else ""
    lines = [
        f"OK: {thesis.name}{label}: {_counts_text(thesis.source_counts())}{claims}, "
        f"scenarios: {others}"
    ]
    if args.all_scenarios:
        for name in thesis.scenarios:
            if name != "base":
                t = thesis.with_scenario(name)
                with in_scenario(name):
                    check_scorecard(t)
                    check_central_path(t)
                lines.append(f"  OK: scenario {name}: {_counts_text(t.source_counts())}")
    # Said once everything checked: a thesis that fails gets its error alone.
    _unused_warning(thesis)
    # Printed once every scenario asked for has checked: no "OK" above a scenario's error.
    if not args.quiet:
        print("\n".join(lines))
    return EXIT_OK


def _unused_warning(thesis: Any) -> None:
    """Warn, once, about assumptions nothing in the thesis uses (their numbers change no
    result); a warning, not an error, so that -q keeps it."""
    from model.inputs.assembly.evidence import thesis_evidence
    from model.inputs.expressions.usage import expression_names, unused_warning

    try:  # what `update` conditions on, its evidence_file's entries too
        observed = [n for o in thesis_evidence(thesis) for n in expression_names(o.quantity)]
    except ThesisModelError:
        observed = None
    message = unused_warning(thesis, observed)
    if message is not None:
        warn(message, UserWarning)


def _validate_previous(thesis: Any, args: argparse.Namespace) -> None:
    """The vintage a thesis names as ``previous:``, checked as a run of it would (the report's
    attribution and backtest run it), so a problem there is found here, at its own line."""
    from model.inputs.assembly.evidence import previous_vintage, thesis_realised
    from model.learning.backtests import check_realised
    from model.valuation.checks import check_central_path

    path = previous_vintage(thesis)
    if path is not None:
        vintage = _report_commands.load(path, None, note=False, args=args)
        check_central_path(vintage)
        # The backtest evaluates the realised: entries on that vintage: refused here the same.
        check_realised(vintage, thesis_realised(thesis))


# -- sources -----------------------------------------------------------------------------------


def _add_sources(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "sources",
        help="list every number of a thesis with its source",
        description="Print the ledger of a thesis: every assumption, event, correlation, "
        "weight and the price, one line each with its central value (derived values "
        "computed, fractions as percentages), unit and source (the document, derived or "
        "estimate); --full adds the definition, label, document, quote and rationale. Then "
        "how many assumptions are sourced, derived and estimated. --csv writes every column.",
    )
    p.add_argument("path", help=_report_parsers.PATH_HELP)
    p.add_argument("--scenario", metavar="NAME", help="scenario to list (default: base)")
    p.add_argument(
        "--csv",
        metavar="FILE",
        help="also write the full table to FILE as CSV; with - the CSV goes to stdout instead "
        "of the listing; an existing FILE is replaced only if thesis wrote it and it was not "
        "changed since",
    )
    p.add_argument(
        "--full",
        action="store_true",
        help="below each number, print its definition, label, document, quote and rationale "
        "in full, wrapped (the CSV always holds them; with --csv - there is no listing)",
    )
    add_input_options(p)
    p.set_defaults(func=_sources)


def _sources(args: argparse.Namespace) -> int:
    import shutil

    from model.inputs.assembly.ledger import WIDTH, format_ledger
    from model.results.formats.csvtext import csv_text

    if args.csv == "-" and args.full:
        # The CSV replaces the listing --full widens, and always holds every column.
        print(
            "note: --full does not apply to --csv -: the CSV on stdout replaces the listing "
            "and always holds every column (value, label, document, quote, rationale)",
            file=sys.stderr,
        )
    thesis = _report_commands.load(args.path, args.scenario, note=args.csv != "-", args=args)
    table = thesis.ledger()
    if args.csv and write_csv(args.csv, csv_text(table), args.path):
        return EXIT_OK
    print(f"{thesis.name} - scenario {thesis.scenario}")
    # As wide as the terminal (COLUMNS, else the window), so names are cut only when it is narrow.
    width = max(40, shutil.get_terminal_size((WIDTH, 24)).columns)
    print(format_ledger(thesis, table, full=args.full, width=width))
    print()
    print(_counts_text(thesis.source_counts()))
    if args.csv:
        print(f"wrote {args.csv}")
    return EXIT_OK


# -- entry point -------------------------------------------------------------------------------

#: Subcommand registry: other modules may add entries before :func:`build_parser` is called.
COMMANDS: dict[str, Callable[[argparse._SubParsersAction], None]] = {
    "validate": _add_validate,
    "sources": _add_sources,
    "outputs": _outputs_command.add_outputs,
    "init": _authoring.add_init,
    "schema": _authoring.add_schema,
}

# -- report, run, compare, sensitivity ---------------------------------------------------------
# Options in model/cli/parsers.py, implemented in model/cli/commands.py (runs and exports).
COMMANDS.update(
    report=_report_parsers.add_report,
    run=_report_parsers.add_run,
    compare=_report_parsers.add_compare,
    sensitivity=_report_parsers.add_sensitivity,
    implied=add_implied,
)
# -- update, attribute, watch, backtest: theses that learn (model/cli/learning.py) ------------
COMMANDS.update(
    update=_learning_commands.add_update,
    attribute=_learning_commands.add_attribute,
    watch=_learning_commands.add_watch,
    backtest=_learning_commands.add_backtest,
)


#: Destinations of the arguments that name a file or folder, in every subcommand.
_PATH_ARGUMENTS = frozenset({"path", "out", "csv", "chart", "evidence", "realised", "from_"})


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line, like every other user error."""

    #: The subcommand parsers by name (set on the top-level parser by :func:`build_parser`).
    commands: dict[str, argparse.ArgumentParser]

    def error(self, message: str) -> NoReturn:
        # argparse prints the whole usage block before the message; on one line the message
        # stays readable and points at the help of the command that was used instead.
        hint = self._did_you_mean(message)
        self.exit(EXIT_BAD_INPUT, f"error: {message}{hint} (see '{self.prog} --help')\n")

    def _did_you_mean(self, message: str) -> str:
        """``"; did you mean 'validate'?"`` for a mistyped command or option, else empty."""
        import difflib
        import re

        choice = re.search(r"invalid choice: '([^']*)' \(choose from (.*)\)$", message)
        if choice:
            typed, known = choice[1], re.findall(r"'([^']*)'", choice[2])
        else:
            unknown = re.match(r"unrecognized arguments: (.*)$", message)
            typed = next(
                (t.partition("=")[0] for t in (unknown[1].split() if unknown else ())
                 if t.startswith("--")),
                "",
            )  # fmt: skip
            known = [o for a in self._actions for o in a.option_strings if o.startswith("--")]
        close = difflib.get_close_matches(typed, known, n=1, cutoff=0.6) if typed else []
        return f"; did you mean '{close[0]}'?" if close else ""

    def _get_value(self, action: argparse.Action, arg_string: str) -> Any:
        # An empty name (often an unset shell variable) would read as the current folder:
        # refused, whichever command's file or folder argument it was given to.
        if action.dest in _PATH_ARGUMENTS and not arg_string.strip():
            raise argparse.ArgumentError(action, "is empty; expected a file or folder name")
        return super()._get_value(action, arg_string)


def build_parser() -> _Parser:
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
    parser.add_argument(
        "--version",
        action="version",
        version=f"thesis-model {__version__}",
        help="show the version",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for add in COMMANDS.values():
        add(sub)
    parser.commands = dict(sub.choices)
    return parser


# -- errors ------------------------------------------------------------------------------------


def _os_error_text(exc: OSError) -> str:
    if isinstance(exc, WriteError):
        return str(exc)
    reason = exc.strerror or str(exc)
    return f"{reason}: {exc.filename}" if exc.filename else reason


def guarded(body: Callable[[], int], err: TextIO | None = None) -> int:
    """Run a command and turn its exceptions into an exit code and one line on ``err``.

    The one place the command line maps errors to exit codes (see the module notes). Library
    warnings are printed as ``warning: ...`` lines, once each; when the command fails, before
    its error line.
    """
    err = err or sys.stderr
    caught: list[warnings.WarningMessage] = []
    try:
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                code = body()
            if _told["pressed"]:
                # A library swallowed the Ctrl-C (an optional import's ``except ImportError``
                # around an interrupted start-up): the user still asked to stop.
                raise KeyboardInterrupt
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException:
            # Ctrl-C inside a native extension surfaces as its own error: an ImportError
            # "initialization failed", or a Rust panic (pydantic-core's ``PanicException``, not
            # an ``Exception``). Once Ctrl-C was pressed, it is Ctrl-C.
            if _told["pressed"]:
                raise KeyboardInterrupt from None
            # The warnings on the way often explain the failure: said before its line.
            _print_warnings(caught, err)
            raise
        _print_warnings(caught, err)
        return code
    except BrokenPipeError:
        # The reader went away (``thesis run ... | head``): the work is done, stay quiet.
        _silence_stdout()
        return EXIT_OK
    except _report_commands.BatchFailed as exc:  # some theses' reports written, some not
        if os.environ.get(DEBUG_VARIABLE, "") not in ("", "0"):
            for error in exc.errors:
                traceback.print_exception(error, file=err)
        for line in exc.lines:
            print(f"error: {line}", file=err)
        return exc.code
    except RunFailed as exc:
        print(f"error: run failed: {exc}", file=err)
        return EXIT_FAILED
    except ThesisModelError as exc:
        print(f"error: {exc}", file=err)
        return EXIT_BAD_INPUT
    except OSError as exc:
        print(f"error: {_os_error_text(exc)}", file=err)
        return EXIT_FAILED
    except KeyboardInterrupt:
        return _interrupted(err)
    except MemoryError as exc:
        detail = f" ({exc})" if str(exc) else ""
        print(
            f"error: run failed: out of memory{detail}; run fewer paths or a smaller chunk size",
            file=err,
        )
        return EXIT_FAILED
    except SystemExit:
        raise
    except BaseException as exc:  # a bug or a native panic: one line, traceback on request
        if os.environ.get(DEBUG_VARIABLE, "") not in ("", "0"):
            traceback.print_exception(exc, file=err)
        print(
            f"error: internal error ({type(exc).__name__}: {exc}); please report it "
            f"(set {DEBUG_VARIABLE}=1 to see the traceback)",
            file=err,
        )
        return EXIT_FAILED


#: The package's own folder: a deprecation raised from its files is about its own use.
_PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep


def _for_the_user(caught: warnings.WarningMessage) -> bool:
    """Whether a warning is the user's to read: not another library's notice, to the code
    calling it, that a name is going away (pyparsing says so of the names an older matplotlib
    uses, on every command that draws), which nothing the user types can change."""
    if not issubclass(caught.category, DeprecationWarning | PendingDeprecationWarning):
        return True
    return os.path.abspath(caught.filename).startswith(_PACKAGE_DIR)


def _print_warnings(caught: Sequence[warnings.WarningMessage], err: TextIO) -> None:
    """Each library warning as a ``warning: ...`` line, once (repeats said once).

    The same warning given for several scenarios is one line naming them all (``in scenarios
    'bull', 'bear': ...``); given for the base case too, it is the base case's line alone.
    """
    from model.errors import scenario_marked, scenario_unmarked

    said: dict[str, list[str | None]] = {}
    for w in caught:
        if _for_the_user(w):
            text, scenario = scenario_unmarked(str(w.message))
            names = said.setdefault(text, [])
            if scenario not in names:
                names.append(scenario)
    for text, names in said.items():
        if None in names:
            print(f"warning: {text}", file=err)
            continue
        line = scenario_marked(text, str(names[0]))
        if len(names) > 1:
            both = ", ".join(f"'{n}'" for n in names)
            line = line.replace(f"in scenario '{names[0]}'", f"in scenarios {both}", 1)
        print(f"warning: {line}", file=err)


#: Exit code after Ctrl-C (128 + SIGINT), as shells report it.
EXIT_INTERRUPTED = 130
_told = {"interrupted": False, "pressed": False}


#: Libraries whose Python code runs inside native code that cannot carry a KeyboardInterrupt
#: back out: pydantic-core's Rust schema builder calls into pydantic and panics on one, printing
#: the panic on stderr itself. Ctrl-C pressed in their code is raised just after it.
_NOT_INTERRUPTED_INSIDE = frozenset({"pydantic", "pydantic_core"})


def _on_sigint(signum: int, frame: FrameType | None) -> None:
    """Python's own Ctrl-C handler, remembering that Ctrl-C was pressed."""
    _told["pressed"] = True
    if _inside_fragile_library(frame):
        _ask_again_soon()  # asked again until the library's code has returned
        return
    raise KeyboardInterrupt


def _inside_fragile_library(frame: FrameType | None) -> bool:
    while frame is not None:
        name = frame.f_globals.get("__name__")
        if isinstance(name, str) and name.partition(".")[0] in _NOT_INTERRUPTED_INSIDE:
            return True
        frame = frame.f_back
    return False


def _unraisable(info: Any) -> None:
    """Python's hook for exceptions it cannot raise, keeping a Ctrl-C that landed in one.

    A Ctrl-C that arrives while CPython runs a callback whose errors it can only print (a
    ``__del__``, a weak-reference callback, an ``os.fork`` hook such as the logging module's
    lock release) would be printed as "Exception ignored in ..." and lost. Here it is asked for
    again, to be raised in ordinary code, where it ends the command as usual.
    """
    if isinstance(info.exc_value, KeyboardInterrupt) and _told["pressed"]:
        # Asked from another thread a moment later: asked from here, it would be raised
        # inside this hook, where it is lost again.
        _ask_again_soon()
        return
    sys.__unraisablehook__(info)


def _ask_again_soon() -> None:
    again = threading.Timer(0.05, _ask_again)
    again.daemon = True
    again.start()


def _ask_again() -> None:
    """Send Ctrl-C to the main thread again (a real signal, so a wait in progress ends too)."""
    if hasattr(signal, "pthread_kill"):
        signal.pthread_kill(threading.main_thread().ident or 0, signal.SIGINT)
    else:  # pragma: no cover - Windows has no signals between threads
        _thread.interrupt_main(signal.SIGINT)


def _interrupted(err: TextIO | None = None) -> int:
    """Say ``interrupted`` once, whatever the number of Ctrl-C; return the exit code."""
    if not _told["interrupted"]:
        _told["interrupted"] = True
        with contextlib.suppress(Exception):
            print("interrupted", file=err or sys.stderr, flush=True)
    return EXIT_INTERRUPTED


def _quit_on_interrupt(signum: int, frame: object) -> None:
    """Ctrl-C after the command (clean-up at exit, a Dask cluster closing): quit at once."""
    _interrupted()
    with contextlib.suppress(Exception):
        sys.stderr.flush()
    os._exit(EXIT_INTERRUPTED)


def _exit_now(code: int) -> NoReturn:
    """End the program with ``code`` once the exit handlers have run and output is flushed.

    The interpreter's own shutdown is skipped on purpose, for two reasons. Late in it CPython
    puts Ctrl-C back to its default action, so a Ctrl-C in that moment (long with numpy, pandas
    and matplotlib loaded) would kill the process silently with SIGINT. And a Ctrl-C that went
    through code run by a C extension's own ``PyRun_String`` (some import on the way) leaves
    CPython believing the interrupt was never handled, so at exit it kills itself with SIGINT
    instead of returning 130. The exit handlers (the engine's Dask cluster closing, temporary
    folders removed) still run here.
    """
    with contextlib.suppress(BaseException):
        atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BrokenPipeError:
            _silence_stdout()
        except BaseException:  # nothing left to report to
            pass
    os._exit(code)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _note_unused_flags(args: argparse.Namespace) -> None:
    """Say on stderr that ``--force`` or ``--no-charts`` is ignored when nothing is written:
    they shape what ``--out`` (``implied``: ``--chart``) writes, and without it a user who
    typed them would otherwise believe they had done something."""
    target = "--chart" if args.command == "implied" else "--out"
    if getattr(args, target[2:], None) is not None:
        return
    for flag in ("--force", "--no-charts"):
        if getattr(args, flag[2:].replace("-", "_"), False):
            print(
                f"note: {flag} does not apply without {target} (nothing is written); it is ignored",
                file=sys.stderr,
            )


def _run_command(args: argparse.Namespace) -> int:
    """Run the parsed command; what it claims (its output folder's lock) is released at its end."""
    _note_unused_flags(args)
    with contextlib.ExitStack() as claims:
        args.claims = claims
        return int(args.func(args))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (0 ok, 1 run failed, 2 bad input, 130 Ctrl-C).

    Bad arguments exit through ``SystemExit(2)`` with a one-line message pointing at the help
    of the subcommand used, as argparse does. This module imports nothing heavy: the numerical
    libraries load inside the command, where Ctrl-C is one line like any other moment. Run as
    the program (``argv`` None), it does not return: the process ends with the code once the
    exit handlers have run (see :func:`_exit_now`), so a Ctrl-C at any moment after start-up
    gives that line and 130.
    """
    _told["interrupted"] = _told["pressed"] = False
    in_main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, _on_sigint) if in_main_thread else None
    if argv is None and in_main_thread:
        sys.unraisablehook = _unraisable
    try:
        parser = build_parser()
        args, extra = parser.parse_known_args(argv)
        if extra:
            # Reported by the subcommand's parser, so the hint names its --help.
            parser.commands[args.command].error(f"unrecognized arguments: {' '.join(extra)}")
        code = guarded(lambda: _run_command(args))
    except KeyboardInterrupt:
        code = _interrupted()
    except SystemExit as stop:  # argparse: --help, --version, bad arguments
        if argv is not None or not in_main_thread:
            if in_main_thread:
                signal.signal(signal.SIGINT, previous)
            raise
        code = 0 if stop.code is None else stop.code if isinstance(stop.code, int) else 1
    if argv is None and in_main_thread:
        signal.signal(signal.SIGINT, _quit_on_interrupt)
        _exit_now(code)
    elif in_main_thread:
        signal.signal(signal.SIGINT, previous)
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
