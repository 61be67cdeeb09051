"""The end of ``thesis report A B ...`` when some reports were not written: what it says.

A thesis whose report fails at run time stops only its own report (see
:func:`model.export.batch.report_many`); the command then says which reports were written and
which not, gives each failure as one command would, and exits with the first one's code.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["BatchFailed", "batch_failed", "failure_text"]


class BatchFailed(Exception):
    """Some reports of ``thesis report A B ...`` were not written; the others were.

    :func:`model.cli.main.guarded` prints each of ``lines`` as ``error: <line>`` and exits with
    ``code``: that of the first thesis (in the order given) whose report failed. ``errors``
    are the failures themselves (their tracebacks, on request, for an unexpected one).
    """

    def __init__(self, lines: list[str], code: int, errors: list[Exception]) -> None:
        super().__init__("; ".join(lines))
        self.lines = lines
        self.code = code
        self.errors = errors


def failure_text(exc: Exception) -> tuple[int, str]:
    """The exit code and message one command would give for ``exc`` (as in ``guarded``)."""
    from model.cli.commands import EXIT_BAD_INPUT, EXIT_FAILED
    from model.cli.main import DEBUG_VARIABLE, _os_error_text
    from model.errors import EngineError, ResourceLimitError, ThesisModelError

    if isinstance(exc, EngineError) and not isinstance(exc, ResourceLimitError):
        return EXIT_FAILED, f"run failed: {exc}"
    if isinstance(exc, ThesisModelError):
        return EXIT_BAD_INPUT, str(exc)
    if isinstance(exc, OSError):
        return EXIT_FAILED, _os_error_text(exc)
    if isinstance(exc, MemoryError):
        return EXIT_FAILED, "run failed: out of memory; run fewer paths or a smaller chunk size"
    return EXIT_FAILED, (
        f"internal error ({type(exc).__name__}: {exc}); please report it "
        f"(set {DEBUG_VARIABLE}=1 to see the traceback)"
    )


def batch_failed(
    paths: list[Path],
    targets: list[Path],
    failures: dict[int, Exception],
    earlier: set[Path],
    root: Path,
) -> BatchFailed:
    """A line saying which reports were written and which not, then one per report not written."""
    lines, codes = [], []
    for i in sorted(failures):
        code, text = failure_text(failures[i])
        codes.append(code)
        said = targets[i] in earlier and _holds_a_report(targets[i])
        kept = f" ({targets[i]} keeps its earlier report)" if said else ""
        lines.append(f"report of {paths[i]} not written{kept}: {text}")
    written = [t.name for i, t in enumerate(targets) if i not in failures]
    missing = ", ".join(str(paths[i]) for i in sorted(failures))
    told = f"{len(failures)} of {len(paths)} reports not written ({missing}); "
    told += f"{len(written)} written in {root}: {', '.join(written)}" if written else "none written"
    return BatchFailed([told, *lines], codes[0], [failures[i] for i in sorted(failures)])


def _holds_a_report(folder: Path) -> bool:
    """Whether ``folder`` is still an export of the toolkit, as nobody changed it since.

    Checked when the failures are told, not before the run: a folder changed meanwhile (the
    very reason its report may not be written, perhaps) no longer keeps the earlier report.
    """
    from model._folders import foreign_entries, read_manifest

    try:
        return folder.is_dir() and read_manifest(folder) is not None and not foreign_entries(folder)
    except OSError:
        return False
