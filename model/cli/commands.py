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

User errors print one line, ``error: <message>``, never a traceback. Their options are in
:mod:`model.cli.parsers`.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from model.cli.common.batch import BatchFailed, batch_failed
from model.cli.common.loading import (  # noqa: F401 (re-exported)
    date_warnings,
    fraction_warnings,
    load,
)
from model.errors import EngineError, ResourceLimitError, warn

if TYPE_CHECKING:
    from model.cli.progress import StageBar
    from model.inputs.assembly.thesis import Thesis
    from model.results.comparison import ComparisonResult
    from model.results.results import SimulationResult
    from model.scenarios import RunSettings

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_FAILED",
    "EXIT_OK",
    "BatchFailed",
    "RunFailed",
    "compare_command",
    "report_command",
    "run_command",
    "sensitivity_command",
    "write_csv",
]


# The console printers load pandas: imported when a command prints, so that ``thesis`` starts
# (and answers Ctrl-C) without loading the numerical libraries.
def print_result(*args: Any, **kwargs: Any) -> Any:
    """:func:`model.export.console.print_result`, imported on first use."""
    from model.export.console import print_result as real

    return real(*args, **kwargs)


def print_comparison(*args: Any, **kwargs: Any) -> Any:
    """:func:`model.export.console.print_comparison`, imported on first use."""
    from model.export.console import print_comparison as real

    return real(*args, **kwargs)


def print_sensitivity(*args: Any, **kwargs: Any) -> Any:
    """:func:`model.export.console.print_sensitivity`, imported on first use."""
    from model.export.console import print_sensitivity as real

    return real(*args, **kwargs)


EXIT_OK = 0
EXIT_FAILED = 1
EXIT_BAD_INPUT = 2
#: ``thesis sensitivity``: paths of the rank method's run, and the Sobol' base sample.
SENSITIVITY_PATHS = 20_000
SENSITIVITY_N_BASE = 1024


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
    except ResourceLimitError:
        raise  # refused before running: a setting the machine cannot meet (exit 2)
    except EngineError as exc:
        raise RunFailed(str(exc)) from exc


def write_csv(target: str, text: str, thesis_path: str | os.PathLike[str]) -> bool:
    """Write a command's ``--csv``: ``-`` is stdout (returns True: print nothing else); a file
    only where the toolkit may write (:func:`model._folders.write_owned_file`), never the thesis.
    """
    if target == "-":
        sys.stdout.write(text)
        return True
    from model._folders import write_owned_file

    protect = ((thesis_path, "the thesis file this command reads"),)
    write_owned_file(target, text.encode("utf-8"), protect=protect)
    return False


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
        progress=None if _engine_bar(args) else False,
    )


def _engine_bar(args: argparse.Namespace) -> bool:
    """Whether the engine may draw its own bar (long runs of many chunks, on a terminal)."""
    return not any(getattr(args, k, False) for k in ("no_progress", "quiet", "json"))


# ---------------------------------------------------------------------- commands


def _load(path: Path, args: argparse.Namespace) -> Thesis:
    quiet = bool(getattr(args, "quiet", False) or getattr(args, "json", False))
    return load(path, note=not quiet, args=args)


def _check_out(args: argparse.Namespace) -> None:
    """Claim ``--out`` for the rest of the command, refusing it at once if it may not be written.

    Run from the command line (:func:`model.cli.main.main` gives ``args.claims``), the folder's
    lock is held until the command ends, so a second command writing it fails at once;
    leftovers of a killed run are cleaned; a folder holding anything the toolkit did not write
    is refused, naming it, before minutes of running (see :mod:`model._folders`).
    """
    if getattr(args, "out", None) is None:
        return
    _claim(args, args.out)


def _claim(args: argparse.Namespace, folder: str | os.PathLike[str]) -> None:
    """Claim the export folder ``folder`` for the rest of the command (see :func:`_check_out`)."""
    claims = getattr(args, "claims", None)
    if claims is not None:
        claims.enter_context(_claimed_out(folder, args.force))
    else:
        from model._folders import check_folder_target

        check_folder_target(folder, args.force, how_to_replace="use --force")


@contextmanager
def _claimed_out(folder: str | os.PathLike[str], force: bool) -> Iterator[None]:
    """Hold the export folder ``folder`` for the whole command, refusing it at once if it may
    not be written.

    A second command writing the same folder fails at once; leftovers of a killed run are
    cleaned; a folder holding anything the toolkit did not write is refused, naming it, before
    minutes of running (see :mod:`model._folders`).
    """
    from model._files import target_lock
    from model._folders import check_folder_target, clean_leftovers, resolve_target

    target = resolve_target(folder)
    if not target.parent.is_dir():  # a file in the way: refused before the lock goes there
        check_folder_target(folder, force, how_to_replace="use --force")
    with target_lock(target, folder):
        for note in clean_leftovers(target):
            warn(note, UserWarning)
        check_folder_target(folder, force, how_to_replace="use --force")
        yield


def _check_memory(thesis: Thesis, settings: RunSettings, runs: int) -> None:
    """Refuse, before anything runs, runs that cannot fit in memory together (exit 2).

    ``runs`` is how many results of ``settings.n_paths`` paths the command holds at once
    (every scenario of a comparison, the blend's own mixture, ...).
    """
    from model.engine import BLOCK_SIZE
    from model.engine.execution.limits import check_memory, estimate_memory

    chunk = settings.chunk_size or BLOCK_SIZE
    if runs <= 1 and settings.n_paths <= min(chunk, BLOCK_SIZE):
        return  # one run of one small chunk: no more memory than the chunk itself
    # Several runs held at once are counted however small each is: 6 scenarios of 65,536
    # paths need as much memory as 6 of 65,537, which are refused.
    from model.errors import ThesisModelError
    from model.valuation import build_model

    try:
        spec, fn = thesis.to_spec(), build_model(thesis)
    except ThesisModelError:  # the run reports a thesis it cannot build, with file and line
        return
    check_memory(estimate_memory(
        spec, fn, settings.n_paths, keep=None, keep_inputs=None, chunk=chunk, runs=runs
    ))  # fmt: skip


def _scenario_count(thesis: Thesis, wanted: Any) -> int:
    from model.results.mixing import scenario_names

    return len(wanted) if wanted else len(scenario_names(thesis))


def _bar(args: argparse.Namespace, stages: int) -> StageBar:
    """The command's progress bar (drawn only when wanted, see :mod:`model.cli.progress`)."""
    from model.cli.progress import StageBar, wanted

    return StageBar(stages, enabled=wanted(args))


def _paths_text(args: argparse.Namespace) -> str:
    return f"{args.paths:,} paths"


def report_command(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """``thesis report``: run every scenario, write the report folder, print the summary."""
    from model.export.job import report_folder
    from model.export.job_text import summary_text

    out = out or sys.stdout
    start = time.perf_counter()
    paths = args.path if isinstance(args.path, list) else [args.path]
    if len(paths) > 1:
        return _report_many(args, paths, out, start)
    stages = 4 + bool(args.sobol) + bool(getattr(args, "xlsx", False))
    with _bar(args, stages) as bar:
        bar.stage("loading the thesis")
        thesis = _load(paths[0], args)
        _check_out(args)
        settings = _report_settings(args)
        # Every scenario, their blend and the sensitivity run are held at once.
        _check_memory(thesis, settings.run, _scenario_count(thesis, args.scenarios) + 2)
        # Written before printing: a closed pipe (``| head``) must not lose the folder.
        with _engine_phase():
            report, folder = report_folder(
                thesis, args.out, settings, overwrite=args.force, log=bar.stage
            )
    if args.quiet:
        return EXIT_OK
    out.write(summary_text(report))
    print(f"\nwrote {folder} (index: {folder / 'README.txt'})", file=out)
    print(f"elapsed {time.perf_counter() - start:.1f} s", file=out)
    return EXIT_OK


def _report_settings(args: argparse.Namespace) -> Any:
    from model.export.job import ReportSettings

    return ReportSettings(
        run=_run_settings(args),
        scenarios=tuple(args.scenarios) if args.scenarios else None,
        sobol=args.sobol,
        n_base=args.n_base,
        charts=not args.no_charts,
        xlsx=bool(getattr(args, "xlsx", False)),
    )


def _report_many(args: argparse.Namespace, paths: list[Path], out: TextIO, start: float) -> int:
    """``thesis report A B ... --out DIR``: one report folder per thesis under DIR."""
    from model._files import check_writable
    from model.export.batch import _targets, report_many

    check_writable(args.out)
    root = Path(args.out)
    targets = _targets(paths, root)  # names that collide: refused before any load
    theses = [_load(p, args) for p in paths]
    settings = _report_settings(args)
    # Before anything runs, as for one thesis: each thesis has the scenarios asked for (not
    # found at the run of its report, after the reports before it), its runs fit in memory
    # (the theses run one after another), and every report folder is claimed for the whole
    # command (a second command writing one fails at once, not after minutes of running).
    for path, thesis in zip(paths, theses, strict=True):
        _check_scenarios(path, thesis, args.scenarios)
        _check_memory(thesis, settings.run, _scenario_count(thesis, args.scenarios) + 2)
    claims = getattr(args, "claims", None)
    if claims is not None and not root.exists():
        # The claims' lock files make the folder; a command that writes no report leaves none
        # (called once the claims are released, as they were entered after it).
        claims.callback(_remove_if_empty, root)
    for target in targets:
        _claim(args, target)
    loaded = iter(theses)
    # Every thesis whose report was kept before it was run: the ones --force may replace.
    earlier = {t for t in targets if t.is_dir() and any(t.iterdir())}
    failures: dict[int, Exception] = {}
    gone: list[bool] = []  # stdout's reader went away (``| head``): nothing more is said there

    def done(folder: Path, summary: str) -> None:
        if args.quiet or gone:
            return
        try:
            out.write(summary)
            print(f"\nwrote {folder} (index: {folder / 'README.txt'})\n", file=out)
        except BrokenPipeError:
            from model.cli.main import _silence_stdout

            _silence_stdout()  # the later reports are still written, as they are asked for
            gone.append(True)

    def fail(index: int, exc: Exception) -> None:
        from model.cli.main import _told

        if _told["pressed"]:
            # Ctrl-C that a library turned into its own error: stop the book, not one thesis.
            raise KeyboardInterrupt from exc
        failures[index] = exc

    # A book of theses: one that fails at run time stops only its own report.
    with _engine_phase():  # the cluster's start: each report's own errors are in failures
        report_many(
            paths,
            settings,
            args.out,
            overwrite=args.force,
            load=lambda p: next(loaded),  # in the order of paths, loaded above
            done=done,
            failed=fail,
        )
    if failures:
        raise batch_failed(paths, targets, failures, earlier, root)
    if not (args.quiet or gone):  # -q: nothing on success, the exit code says it
        print(
            f"{len(paths)} reports in {args.out}; elapsed {time.perf_counter() - start:.1f} s",
            file=out,
        )
    return EXIT_OK


def _check_scenarios(path: Path, thesis: Thesis, wanted: Any) -> None:
    """Refuse a scenario ``thesis`` (read from ``path``) lacks, naming the file."""
    from model.errors import UnknownScenarioError
    from model.results.mixing import scenario_names

    known = scenario_names(thesis)
    for name in wanted or ():
        if name not in known:
            exc = UnknownScenarioError(name, known)
            exc.message = f"{path}: {exc.message}"
            exc.args = (exc.message,)
            raise exc


def _remove_if_empty(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not empty (reports written), or already gone
        folder.rmdir()


def _simulate_and_show(
    args: argparse.Namespace,
    out: TextIO | None,
    simulate: Callable[[Thesis, RunSettings], SimulationResult | ComparisonResult],
    show: Callable[[Any, TextIO], None],
    as_json: Callable[[Any, Path | None], dict[str, Any]],
    what: str,
) -> int:
    """The shared body of ``run`` and ``compare``: load, check, simulate, export, print."""
    out = out or sys.stdout
    with _bar(args, 3 if args.out is None else 4) as bar:
        bar.stage("loading the thesis")
        thesis = _load(args.path, args)
        _check_out(args)
        settings = _run_settings(args)
        _check_memory(thesis, settings, _runs_held(args, thesis))
        bar.stage(f"simulating {what}, {_paths_text(args)}")
        with _engine_phase():
            result = simulate(thesis, settings)
        # Export before printing: a closed pipe (``| head``) must not lose the export.
        folder = None
        if args.out is not None:
            bar.stage(f"writing {args.out}")
            folder = result.export(args.out, charts=not args.no_charts, overwrite=args.force)
        bar.stage("summarising")
        # The printed summary is made in every mode, so that -q and --json fail exactly where
        # the plain command would (and not exit 0 on a run the summary cannot describe).
        text = io.StringIO()
        show(result, text)
        if args.json:
            from model.cli.json_out import dump

            doc = as_json(result, folder)
    if args.json:
        dump(doc, out)
    elif not args.quiet:
        out.write(text.getvalue())
        if folder is not None:
            print(f"\nwrote {folder}", file=out)
    return EXIT_OK


def _runs_held(args: argparse.Namespace, thesis: Thesis) -> int:
    """Results held at once by ``run`` (a blend: every weighted scenario and the mixture) or
    ``compare`` (every scenario compared)."""
    if getattr(args, "blend", False):
        from model.results.values import thesis_weights

        return len(thesis_weights(thesis) or {}) + 1
    if hasattr(args, "scenarios") or hasattr(args, "views"):
        return _scenario_count(thesis, getattr(args, "scenarios", None))
    return 1


def run_command(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """``thesis run``: simulate one scenario or the weighted blend, print, export."""
    from model import scenarios

    def simulate(thesis: Thesis, settings: RunSettings) -> SimulationResult:
        if args.blend:
            return scenarios.blend(thesis, settings=settings)
        return scenarios.simulate(thesis, args.scenario, **settings.options())

    from model.cli.json_out import result_json

    what = "the weighted blend" if args.blend else f"scenario {args.scenario}"
    return _simulate_and_show(args, out, simulate, print_result, result_json, what)


def compare_command(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """``thesis compare``: simulate several scenarios with common random numbers."""
    from model import scenarios

    def simulate(thesis: Thesis, settings: RunSettings) -> ComparisonResult:
        if args.views:
            return scenarios.views(thesis, args.views, settings=settings)
        return scenarios.compare(thesis, args.scenarios, settings)

    from model.cli.json_out import comparison_json

    what = "the views" if args.views else "the scenarios"
    return _simulate_and_show(args, out, simulate, print_comparison, comparison_json, what)


def _sensitivity_sizes(args: argparse.Namespace) -> None:
    """Fill in ``--paths`` and ``--n-base``, noting on stderr one given to a method that does
    not use it (the tornado evaluates the central case, so takes no seed either; only rank
    runs paths, only Sobol' takes a base sample)."""
    for option, key, method, default in (
        ("--paths", "paths", "rank", SENSITIVITY_PATHS),
        ("--n-base", "n_base", "sobol", SENSITIVITY_N_BASE),
    ):
        given = getattr(args, key)
        if given is not None and args.method != method:
            print(
                f"note: {option} {given} does not apply to --method {args.method} "
                f"(it sizes --method {method}); it is ignored",
                file=sys.stderr,
            )
        setattr(args, key, default if given is None else given)
    if args.seed is not None and args.method == "tornado":
        print(
            f"note: --seed {args.seed} does not apply to --method tornado (it evaluates the "
            "central case and draws nothing); it is ignored",
            file=sys.stderr,
        )


def sensitivity_command(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """``thesis sensitivity``: rank the assumptions driving an output."""
    from model.sensitivities import sensitivity

    out = out or sys.stdout
    _sensitivity_sizes(args)
    with _bar(args, 3 if args.out is None else 4) as bar:
        bar.stage("loading the thesis")
        thesis = _load(args.path, args)
        _check_out(args)
        if args.output is None:  # the report's headline value, so both rank the same drivers
            from model.sensitivities.basis import headline_output

            args.output = headline_output(thesis, args.scenario)
        run = None
        bar.stage(f"{args.method} sensitivity of {args.output}")
        with _engine_phase():
            if args.method == "rank":
                from model.scenarios import simulate

                # Run here rather than inside sensitivity(): the same run then labels the chart
                # and names its thesis, scenario and settings in the footnote.
                run = simulate(thesis, args.scenario, n_paths=args.paths, seed=args.seed,
                               progress=None if _engine_bar(args) else False)  # fmt: skip
            # Only Sobol' takes a size here: rank's run is made above (the tornado draws none).
            sized = {"n_base": args.n_base} if args.method == "sobol" else {}
            found = sensitivity(
                thesis, args.scenario, args.output, args.year, args.method,
                inputs=args.inputs, seed=args.seed, result=run, **sized,
            )  # fmt: skip
        folder = None
        if args.out is not None:
            from model.sensitivities.export import export_sensitivity

            bar.stage(f"writing {args.out}")
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
    if args.json:
        from model.cli.json_out import dump, sensitivity_json

        dump(sensitivity_json(found, thesis, args.scenario, args.method, folder, run), out)
        return EXIT_OK
    if args.quiet:
        return EXIT_OK
    from model.sensitivities.basis import basis_text

    basis = basis_text(thesis, found.output, found.year)
    print(
        f"{getattr(thesis, 'name', 'thesis')} - {args.scenario}: what drives "
        f"{args.output} ({args.method})" + (f"\nbasis: {basis}" if basis else ""),
        file=out,
    )
    print_sensitivity(found, out, top=args.top, year_end=getattr(thesis, "fiscal_year_end", None))
    seed = getattr(found, "seed_entropy", None)  # rank and Sobol' draw paths; a tornado none
    if seed is not None:
        print(f"seed {seed} (repeat with --seed {seed})", file=out)
    if folder is not None:
        print(f"\nwrote {folder}", file=out)
    return EXIT_OK
