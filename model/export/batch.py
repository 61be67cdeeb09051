"""Reports of several theses at once: one after another, or as tasks on a Dask cluster.

``thesis report a.yaml b.yaml ... --out DIR`` writes one report folder per thesis,
``DIR/<file stem>/``, each exactly what ``thesis report <file> --out DIR/<stem>`` writes (same
bytes for the same seed: :func:`report_files` is the one code path of both).

With the Dask backend the theses are the tasks: each worker loads nothing from disk (the thesis
travels loaded, with its quoted sources), runs the whole report of one thesis in-process and
sends back the files' bytes, which this process writes, each report folder atomically. A fund's
batch of theses thus uses every worker of the cluster, while each report, run with the local
backend inside its task, is byte-identical to the one a single machine writes. Theses are
independent, so nothing else travels between workers.
"""

from __future__ import annotations

import os
import tempfile
import unicodedata
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from model.errors import SettingsError

if TYPE_CHECKING:
    from model.export.job import ReportSettings
    from model.inputs.assembly.thesis import Thesis

__all__ = ["ReportFiles", "report_files", "report_many", "write_files"]

#: A written report: file path relative to its folder -> bytes, and the summary text.
ReportFiles = tuple[dict[str, bytes], str]

#: What a task gives back: its report, or the error that stopped it.
Outcome = ReportFiles | Exception


def report_files(thesis: Thesis, settings: ReportSettings) -> ReportFiles:
    """Run one thesis' report and return its folder's files and its summary text.

    Parameters
    ----------
    thesis : Thesis
        The loaded thesis (base case).
    settings : ReportSettings
        Run settings (used as given: a task passes the local backend).

    Returns
    -------
    (files, summary)
        Every file of the report folder by relative path, and the printed summary.
    """
    from model.export.job import build_report, write_report
    from model.export.job_text import summary_text

    report = build_report(thesis, settings)
    with tempfile.TemporaryDirectory(prefix="thesis-report-") as tmp:
        folder = write_report(report, Path(tmp) / "report")
        files = {
            p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*"))
            if p.is_file()
        }
    return files, summary_text(report)


def write_files(files: dict[str, bytes], folder: str | os.PathLike[str], overwrite: bool) -> Path:
    """Write a report's files into ``folder`` atomically (see :func:`atomic_folder`)."""
    from model.results.export import atomic_folder

    def write(root: Path) -> None:
        for rel, data in files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)

    return atomic_folder(folder, write, overwrite=overwrite)


def _targets(paths: Sequence[str | os.PathLike[str]], out: Path) -> list[Path]:
    if sum(str(p) == "-" for p in paths) > 1:
        raise SettingsError("standard input (-) holds one thesis and can be read once: give - once")
    # A thesis piped in is reported in 'stdin', not in a folder named '-' (an option to most
    # commands, and the previous folder to cd).
    stems = ["stdin" if str(p) == "-" else Path(p).stem for p in paths]
    seen: dict[str, tuple[str, str]] = {}
    for stem, path in zip(stems, paths, strict=True):
        # macOS and Windows file systems ignore case, and macOS a name's Unicode form:
        # 'Acme' and 'acme' are one folder there.
        key = unicodedata.normalize("NFC", stem).casefold()
        if key in seen:
            other, shown = seen[key]
            if str(path) != "-" and _same_file(shown, path):
                again = "" if shown == str(path) else f" (again as {path})"
                raise SettingsError(f"{shown} is given twice{again}; give each thesis once")
            why = (
                ""
                if other == stem
                else f" ('{other}' and '{stem}' are one name on macOS and Windows, which ignore"
                " case and accent encoding)"
            )
            raise SettingsError(
                f"two theses would share the report folder {out / stem}: {shown} and "
                f"{path}{why}; rename one file"
            )
        seen[key] = (stem, str(path))
    return [out / s for s in stems]


def _same_file(first: str | os.PathLike[str], second: str | os.PathLike[str]) -> bool:
    """Whether two arguments name one file (the same resolved path)."""
    try:
        return Path(first).resolve() == Path(second).resolve()
    except (OSError, RuntimeError):
        return False


def _local_tasks(theses: list[Thesis], settings: ReportSettings) -> Iterator[tuple[int, Outcome]]:
    for i, thesis in enumerate(theses):
        # One thesis' error is its outcome; Ctrl-C (not an Exception) still stops the batch.
        try:
            outcome: Outcome = report_files(thesis, settings)
        except Exception as exc:
            outcome = exc
        yield i, outcome


def _dask_tasks(
    theses: list[Thesis], settings: ReportSettings, client: Any
) -> Iterator[tuple[int, Outcome]]:
    import distributed

    tag = uuid.uuid4().hex[:12]
    futures = {
        client.submit(report_files, thesis, settings, pure=False, key=f"thesis-report-{tag}-{i}"): i
        for i, thesis in enumerate(theses)
    }
    try:
        done = distributed.as_completed(
            futures, with_results=True, raise_errors=False, loop=client.loop
        )
        for fut, result in done:
            # A failed task gives (type, error, traceback): its error is the outcome.
            failed = fut.status == "error" and isinstance(result, tuple)
            if failed and not isinstance(result[1], Exception):
                # Not one thesis failing (a KeyboardInterrupt, ...): it stops the batch, as
                # it does when the thesis runs in this process.
                raise result[1].with_traceback(result[2])
            yield futures[fut], result[1] if failed else result
    finally:
        pending = [f for f in futures if not f.done()]
        if pending:
            client.cancel(pending)


def report_many(
    paths: Sequence[str | os.PathLike[str]],
    settings: ReportSettings,
    out: str | os.PathLike[str],
    *,
    overwrite: bool = False,
    load: Callable[[Any], Thesis] | None = None,
    done: Callable[[Path, str], None] | None = None,
    failed: Callable[[int, Exception], None] | None = None,
) -> list[Path]:
    """Write the report of every thesis into ``out/<file stem>/``.

    Parameters
    ----------
    paths : sequence of path
        Thesis files; their stems name the report folders (two equal stems are an error).
    settings : ReportSettings
        Settings of every report. With the Dask backend each thesis is one task on the cluster
        (``settings.run.client`` or ``scheduler``, else the engine's own local cluster), run
        inside the task with the local backend.
    out : path
        The folder that receives one report folder per thesis (created when missing).
    overwrite : bool
        Replace earlier reports in those folders.
    load : callable, optional
        Loads a thesis file (default :func:`model.inputs.assembly.thesis.load_thesis`); every
        thesis is loaded and checked before anything runs.
    done : callable, optional
        Called with each folder and its summary text as it is written (in completion order).
    failed : callable, optional
        Called with the index in ``paths`` and the error of each thesis whose report fails to
        run or write; the other reports are still run and written. Without it the first such
        error is raised (the reports written before it stay).

    Returns
    -------
    list of Path
        The report folders, in the order of ``paths`` (a failed thesis' folder included: it
        holds no new report).
    """
    from model.engine.spec import Backend
    from model.inputs.assembly.thesis import load_thesis
    from model.results.export import check_target

    loader = load if load is not None else load_thesis
    root = Path(out)
    targets = _targets(paths, root)
    theses = [loader(p) for p in paths]
    for target in targets:
        check_target(target, overwrite, how_to_replace="use --force")
    run = settings.run
    inner = replace(
        settings,
        run=replace(run, backend=Backend.LOCAL, client=None, scheduler=None, progress=False),
    )
    if run.backend is Backend.DASK and len(theses) > 1:
        from model.engine.execution.backends import _import_distributed, local_client

        _import_distributed()  # a clear error when the dask extra is missing
        own = None
        client = run.client
        if client is None and run.scheduler:
            from model.engine.execution.cluster import connect_scheduler

            own = client = connect_scheduler(run.scheduler)  # in seconds, or one line
        elif client is None:
            client = local_client()
        try:
            results = _dask_tasks(theses, inner, client)
            return _write_all(results, targets, overwrite, done, failed)
        finally:
            if own is not None:
                own.close()
    # One after another in this process, each report with the backend asked for.
    return _write_all(_local_tasks(theses, settings), targets, overwrite, done, failed)


def _write_all(
    results: Iterator[tuple[int, Outcome]],
    targets: list[Path],
    overwrite: bool,
    done: Callable[[Path, str], None] | None,
    failed: Callable[[int, Exception], None] | None,
) -> list[Path]:
    for i, outcome in results:
        try:
            if isinstance(outcome, Exception):
                raise outcome
            files, summary = outcome
            folder = write_files(files, targets[i], overwrite)
        except Exception as exc:
            if failed is None:
                raise
            failed(i, exc)
            continue
        if done is not None:
            done(folder, summary)
    return targets
