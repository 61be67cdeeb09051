"""Atomic file writes: a reader sees the old file or the complete new one, never half of one.

Every file the project writes outside a staging folder (a CSV of ``thesis sources --csv``, a
chart, a table) goes through :func:`atomic_write_bytes` or :func:`atomic_write_text`: the bytes go
to a unique hidden name next to the target, on the same file system, and are renamed over the
target only once complete. A failure removes the temporary file and raises :class:`WriteError`
naming the target, not the temporary name.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import tempfile
from pathlib import Path

from model.errors import WriteError

__all__ = ["WriteError", "atomic_write_bytes", "atomic_write_text", "check_writable"]


def _temporary_name(target: Path) -> Path:
    return target.parent / f".{target.name}.{os.getpid()}.{secrets.token_hex(6)}.tmp"


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically.

    Parameters
    ----------
    path : str or PathLike
        Target file. Its folder must exist.
    data : bytes
        The complete content.

    Returns
    -------
    Path
        The target.

    Raises
    ------
    WriteError
        If the file cannot be written (the target is left as it was).
    """
    target = Path(path)
    tmp = _temporary_name(target)
    try:
        # O_EXCL: never follow or reuse someone else's file; 0o666 minus the umask gives the
        # usual permissions (a mkstemp file would be private, 0o600).
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        fd = os.open(tmp, flags, 0o666)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise WriteError.wrap(target, exc) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return target


def atomic_write_text(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` atomically (see :func:`atomic_write_bytes`).

    Line endings are written as given (``"\\n"``), on every platform, so the bytes do not
    depend on the machine.
    """
    return atomic_write_bytes(path, text.encode(encoding))


def check_writable(folder: str | os.PathLike[str]) -> None:
    """Fail early if a file or folder cannot be created in ``folder``'s nearest existing parent.

    Permission bits do not tell (an administrator passes every check, and some file systems are
    read-only whatever the bits say), so this creates and removes a temporary folder there.

    Parameters
    ----------
    folder : str or PathLike
        The folder an export will be written to (it need not exist yet).

    Raises
    ------
    WriteError
        Naming ``folder`` and the reason.
    """
    target = Path(folder)
    parent = target.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    try:
        probe = tempfile.mkdtemp(prefix=f".{target.name}.probe-", dir=parent)
        os.rmdir(probe)
    except OSError as exc:
        raise WriteError.wrap(target, exc) from exc
