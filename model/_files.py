"""Atomic file writes: a reader sees the old file or the complete new one, never half of one.

Every file the project writes outside a staging folder (a CSV of ``thesis sources --csv``, a
chart, a table) goes through :func:`atomic_write_bytes` or :func:`atomic_write_text`: the bytes go
to a unique hidden name next to the target, on the same file system, and are renamed over the
target only once complete. A failure removes the temporary file and raises :class:`WriteError`
naming the target, not the temporary name.

:func:`target_lock` makes writers of one target take turns: an exclusive lock on
``.<name>.lock`` next to it, released by the operating system if the process dies.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from model.errors import ExportError, SettingsError, WriteError

__all__ = [
    "WriteError",
    "atomic_write_bytes",
    "atomic_write_text",
    "check_writable",
    "target_lock",
]


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


def path_argument(value: object, what: str = "path", *, suffix: str | None = None) -> Path:
    """``value`` as a Path; anything but text or a path-like is a SettingsError naming it, and
    so is a name not ending in ``suffix`` (in any case) when one is given."""
    if not isinstance(value, str | os.PathLike):
        raise SettingsError(f"the {what} must be a str or pathlib.Path, got {type(value).__name__}")
    path = Path(value)
    if suffix is not None and path.suffix.lower() != suffix:
        raise SettingsError(
            f"the {what} must end in {suffix}, got {path.name!r}: name it {path.stem}{suffix}"
        )
    return path


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
    ExportError
        A file stands where a folder of the path would be (bad input).
    WriteError
        Naming ``folder`` and the reason.
    """
    target = Path(folder)
    parent = target.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir():
        raise ExportError(f"cannot create {target}: {parent} is a file, not a folder")
    try:
        probe = tempfile.mkdtemp(prefix=f".{target.name}.probe-", dir=parent)
        os.rmdir(probe)
    except OSError as exc:
        raise WriteError.wrap(target, exc) from exc


_held: dict[str, list[Any]] = {}  # lock path -> [fd, count]
_held_guard = threading.Lock()


def _try_lock(fd: int, wait: bool = False) -> bool:
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        mode = msvcrt.LK_LOCK if wait else msvcrt.LK_NBLCK  # type: ignore[attr-defined]
        try:
            msvcrt.locking(fd, mode, 1)  # type: ignore[attr-defined]
        except OSError:
            return False
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except BlockingIOError:
        return False
    return True


def _holder(path: Path) -> str:
    with contextlib.suppress(OSError, ValueError):
        pid = int(path.read_text().strip() or 0)
        if pid:
            return f" (process {pid})"
    return ""


def lock_path(target: Path) -> Path:
    """The lock file of ``target``: ``.<name>.lock`` in its folder (inside it, for a root)."""
    return target.parent / f".{target.name}.lock"


@contextlib.contextmanager
def target_lock(
    target: Path, shown: str | os.PathLike[str] | None = None, *, wait: bool = False
) -> Iterator[None]:
    """Hold the lock of ``target`` (a file or folder): ``.<name>.lock`` in its folder.

    Re-entrant within a process. Creates the target's parent folders. With ``wait``, waits
    for another holder (for locks held a few milliseconds) instead of failing.

    Raises
    ------
    WriteError
        Another process holds the lock, or the lock file cannot be created.
    """
    lock = lock_path(target)
    key = os.path.abspath(lock)
    with _held_guard:
        if key in _held:
            _held[key][1] += 1
            reentrant = True
        else:
            reentrant = False
    if reentrant:
        try:
            yield
        finally:
            with _held_guard:
                _held[key][1] -= 1
        return
    name = str(shown if shown is not None else target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        while True:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
            if not _try_lock(fd, wait):
                os.close(fd)
                raise WriteError(
                    name,
                    f"another thesis command{_holder(lock)} is writing it; wait for it to "
                    f"finish (its lock is {lock})",
                )
            # The file may have been removed by the holder we waited for: lock the one there.
            try:
                same = os.path.samestat(os.fstat(fd), os.stat(lock))
            except FileNotFoundError:
                same = False
            if same:
                break
            os.close(fd)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
    except WriteError:
        raise
    except OSError as exc:
        raise WriteError.wrap(name, exc) from exc
    with _held_guard:
        _held[key] = [fd, 1]
    try:
        yield
    finally:
        with _held_guard:
            _held.pop(key, None)
        with contextlib.suppress(OSError):
            os.unlink(lock)  # while still locked: a waiter re-checks the inode
        os.close(fd)
