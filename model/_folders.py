"""Export folders that replace only what the toolkit wrote, atomically, one writer at a time.

Ownership
---------
An export folder holds ``manifest.json``, which lists every other file of the folder with its
sha256 and ends with the sha256 of its own text (``self_sha256``). A folder is *ours* when its
manifest is intact and every file in it is listed with the hash it had when written;
:func:`foreign_entries` names everything else: files or folders a user added, files changed
since, links, a manifest written or edited by hand. ``overwrite`` (the command line's
``--force``) replaces only a folder of ours (or an empty one); anything foreign is refused,
naming it, and nothing is deleted.

One writer at a time
---------------------
A writer holds an exclusive lock on ``.<name>.lock`` next to the target (``flock``, released by
the operating system if the process dies) from its first check to the end of the swap. A second
writer fails at once, naming the first one's process id. The lock file is removed on release.

The swap
--------
The export is written into a staging sibling ``.<name>.tmp-<random>`` (marked as staging by an
empty ``.thesis-staging`` file until its manifest is written), then:

* no target yet: renamed to the target (refusing to replace anything that appeared meanwhile);
* a target of ours: the two folders are exchanged in one step (Linux ``renameat2`` with
  ``RENAME_EXCHANGE``, macOS ``renamex_np`` with ``RENAME_SWAP``), so the target is the complete
  old export or the complete new one at every instant; the old export, now under the staging
  name, is then deleted after checking once more that it holds nothing foreign. Where no
  exchange exists (other systems, some network file systems) the old folder is renamed aside to
  ``.<name>.old-<random>`` and the new one renamed in; a crash between the two renames leaves
  the target missing for a moment, and the next run puts the old export back before anything
  else.

Leftovers of a killed run (staging folders, old exports renamed aside, lock files) are cleaned
by the next writer of the same target, under the lock; a leftover that holds anything foreign is
left alone. ``--out`` that is a symbolic link is followed: the export replaces the folder it
points to and the link stays.

For tests, ``THESIS_PAUSE_AT=<point>`` makes the writer print ``paused at <point>`` on stderr
and sleep at that point (``locked``, ``staged``, ``manifested``, ``swapped``), so that a test
can kill it there.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import hashlib
import json
import os
import secrets
import shutil
import sys
import time
from collections.abc import Callable, Mapping
from glob import escape as glob_escape
from pathlib import Path
from typing import Any

from model._files import (
    atomic_write_bytes,
    atomic_write_text,
    lock_path,
    path_argument,
    target_lock,
)
from model.errors import ExportError, WriteError, warn

__all__ = [
    "MANIFEST",
    "STAGING_MARK",
    "export_folder",
    "foreign_entries",
    "manifest_text",
    "resolve_target",
    "write_owned_file",
]

MANIFEST = "manifest.json"
#: Present in a staging folder until its manifest is written.
STAGING_MARK = ".thesis-staging"
PAUSE_VARIABLE = "THESIS_PAUSE_AT"
_SELF_KEY = "self_sha256"


def checkpoint(point: str) -> None:
    """Pause here when ``THESIS_PAUSE_AT`` names this point (kill tests; see the module notes)."""
    if os.environ.get(PAUSE_VARIABLE) == point:
        print(f"paused at {point}", file=sys.stderr, flush=True)
        time.sleep(600)


def sha256_of(path: Path) -> str:
    """sha256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# ---------------------------------------------------------------------- the manifest


def _render(body: Mapping[str, Any]) -> str:
    return json.dumps(body, indent=2, sort_keys=True, allow_nan=False, default=str) + "\n"


def manifest_text(body: Mapping[str, Any]) -> str:
    """The text of ``manifest.json``: ``body`` plus the sha256 of its own rendering.

    ``self_sha256`` is the sha256 of the text rendered without it, so an edited manifest is
    told from one the toolkit wrote.
    """
    plain = {k: v for k, v in body.items() if k != _SELF_KEY}
    own = hashlib.sha256(_render(plain).encode("utf-8")).hexdigest()
    return _render({**plain, _SELF_KEY: own})


def read_manifest(folder: Path) -> dict[str, Any] | None:
    """The manifest of a folder if the toolkit wrote it and nobody changed it, else None."""
    path = folder / MANIFEST
    try:
        if path.is_symlink() or not path.is_file():
            return None
        text = path.read_text(encoding="utf-8")
        body = json.loads(text)
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    if not isinstance(body, dict) or not isinstance(body.get("files"), list):
        return None
    if manifest_text(body) != text or body.get(_SELF_KEY) is None:
        return None
    return body


def foreign_entries(folder: Path) -> list[str]:
    """Entries of ``folder`` the toolkit did not write, as relative paths (empty: all ours).

    A file is the toolkit's when the folder's intact manifest lists it with its current
    sha256; a folder, when it holds such a file. Links and other special files are foreign.
    Without an intact manifest every entry is foreign (the manifest itself included).
    """
    manifest = read_manifest(folder)
    listed: dict[str, str] = {}
    if manifest is not None:
        for item in manifest["files"]:
            if isinstance(item, dict) and isinstance(item.get("path"), str):
                listed[item["path"]] = str(item.get("sha256"))
    ours_dirs = {a.as_posix() for p in listed for a in Path(p).parents}
    # A root folder is its own parent, so its lock (held by this very writer) lies inside it.
    own_lock = lock_path(Path(os.path.abspath(folder)))
    foreign: list[str] = []
    for root, dirs, files in os.walk(folder):
        base = Path(root)
        if os.path.abspath(base) == str(own_lock.parent):
            files = [name for name in files if name != own_lock.name]
        descend = []
        for name in sorted(dirs):
            path = base / name
            rel = path.relative_to(folder).as_posix()
            if path.is_symlink() or rel not in ours_dirs:
                foreign.append(rel + "/")
            else:
                descend.append(name)
        dirs[:] = descend
        for name in sorted(files):
            path = base / name
            rel = path.relative_to(folder).as_posix()
            if rel == MANIFEST and manifest is not None:
                continue
            if path.is_symlink() or not path.is_file() or rel not in listed:
                foreign.append(rel)
            elif sha256_of(path) != listed[rel]:
                foreign.append(f"{rel} (changed)")
    return sorted(foreign)


def _listing(entries: list[str], limit: int = 5) -> str:
    shown = ", ".join(entries[:limit])
    return shown + (f" and {len(entries) - limit} more" if len(entries) > limit else "")


# ---------------------------------------------------------------------- renames


def _libc() -> Any:
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:  # pragma: no cover - no C library to load
        return None


_AT_FDCWD = -100
_RENAME_NOREPLACE, _RENAME_EXCHANGE = 1, 2  # Linux
_RENAME_SWAP, _RENAME_EXCL = 2, 4  # macOS renamex_np


def _rename2(a: Path, b: Path, linux_flag: int, mac_flag: int) -> bool:
    """``renameat2``/``renamex_np`` with a flag; False when the system cannot do it."""
    libc = _libc()
    src, dst = os.fsencode(a), os.fsencode(b)
    if libc is not None and hasattr(libc, "renameat2"):
        result = libc.renameat2(_AT_FDCWD, src, _AT_FDCWD, dst, ctypes.c_uint(linux_flag))
    elif libc is not None and hasattr(libc, "renamex_np"):
        result = libc.renamex_np(src, dst, ctypes.c_uint(mac_flag))
    else:
        return False
    if result == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False  # the file system cannot: fall back
    raise OSError(err, os.strerror(err), str(b))


def exchange(a: Path, b: Path) -> bool:
    """Swap two existing paths atomically; False when the system or file system cannot."""
    if os.environ.get("THESIS_NO_EXCHANGE"):  # tests of the fallback
        return False
    return _rename2(a, b, _RENAME_EXCHANGE, _RENAME_SWAP)


def rename_new(src: Path, dst: Path) -> None:
    """Rename ``src`` to ``dst``, failing if ``dst`` exists (where the system can tell)."""
    if os.environ.get("THESIS_NO_EXCHANGE") or not _rename2(
        src, dst, _RENAME_NOREPLACE, _RENAME_EXCL
    ):
        if os.path.lexists(dst):
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(dst))
        os.rename(src, dst)


# ---------------------------------------------------------------------- leftovers


def _removable(folder: Path) -> bool:
    """A leftover of ours: empty, still marked as staging, or an intact export."""
    try:
        if folder.is_symlink() or not folder.is_dir():
            return False
        if not any(folder.iterdir()) or (folder / STAGING_MARK).is_file():
            return True
    except OSError:
        return False
    return not foreign_entries(folder)


def clean_leftovers(target: Path) -> list[str]:
    """Restore or remove what killed writers of ``target`` left; return warnings.

    Call with the target's lock held. An old export renamed aside comes back if the target is
    missing (the fallback swap was interrupted); other leftovers are deleted if they are ours.
    """
    notes: list[str] = []
    parent = target.parent
    try:
        names = sorted(os.listdir(parent))
    except OSError:
        return notes
    prefix = f".{target.name}."
    aside = [parent / n for n in names if n.startswith(prefix + "old-")]
    if not os.path.lexists(target):
        for old in aside:
            if (old / MANIFEST).is_file() and not foreign_entries(old):
                rename_new(old, target)
                aside.remove(old)
                break
    for name in names:
        if not name.startswith(prefix) or not name[len(prefix) :].startswith(
            ("tmp-", "old-", "probe-")
        ):
            continue
        path = parent / name
        if not path.exists():
            continue
        if _removable(path):
            shutil.rmtree(path, ignore_errors=True)
        else:
            notes.append(f"left {path} alone: it holds files thesis did not write")
    return notes


# ---------------------------------------------------------------------- the export


def resolve_target(folder: str | os.PathLike[str]) -> Path:
    """The folder an export goes to: ``folder``, or where it points if it is a link."""
    path = Path(folder)
    if path.is_symlink():
        return Path(os.path.realpath(path))
    return Path(os.path.abspath(path))


def file_in_the_way(path: str | os.PathLike[str]) -> Path | None:
    """The nearest existing ancestor of ``path`` that is not a folder (so ``path`` cannot be
    created), or None."""
    for parent in Path(os.path.abspath(path)).parents:
        if os.path.lexists(parent):
            return None if parent.is_dir() else parent
    return None


def check_overwrite(overwrite: Any) -> bool:
    """``overwrite`` as given, if it is True or False.

    Raises
    ------
    ExportError
        For anything else: ``"no"`` or ``"false"`` is true to Python, and would replace what
        the caller meant to keep.
    """
    if not isinstance(overwrite, bool):
        raise ExportError(f"overwrite must be True or False, got {overwrite!r}")
    return overwrite


def check_folder_target(
    folder: str | os.PathLike[str], overwrite: bool, *, how_to_replace: str = "pass overwrite=True"
) -> None:
    """Refuse an export target that exists and may not be replaced (see the module notes).

    Raises
    ------
    ExportError
        A file, an earlier export without ``overwrite``, or a folder holding anything the
        toolkit did not write (named).
    """
    check_overwrite(overwrite)
    shown = Path(folder)
    target = resolve_target(folder)
    if not os.path.lexists(target):
        blocker = file_in_the_way(target)
        if blocker is not None:
            raise ExportError(f"cannot create {shown}: {blocker} is a file, not a folder")
        return
    if target.is_symlink() or not target.is_dir():
        raise ExportError(f"{shown} exists and is not a folder; refusing to replace it")
    try:
        empty = not any(target.iterdir())
    except OSError as exc:
        raise WriteError.wrap(shown, exc) from exc
    if empty:
        return
    foreign = foreign_entries(target)
    if foreign:
        what = (
            "it holds no manifest.json written by thesis, so it is not an earlier export"
            if read_manifest(target) is None
            else "it holds files thesis did not write"
        )
        raise ExportError(
            f"refusing to replace {shown}: {what}: {_listing(foreign)}; move them away or "
            "choose another folder"
        )
    if not overwrite:
        raise ExportError(f"{shown} already exists; {how_to_replace} to replace an earlier export")


def _stage(target: Path) -> Path:
    staged = target.parent / f".{target.name}.tmp-{secrets.token_hex(6)}"
    staged.mkdir(mode=0o700)
    (staged / STAGING_MARK).touch()
    return staged


def _retire(old: Path, notes: list[str]) -> None:
    """Delete a replaced export, unless something foreign got into it meanwhile."""
    if not any(old.iterdir()) or not foreign_entries(old):
        shutil.rmtree(old, ignore_errors=True)
    else:
        notes.append(f"kept the replaced folder as {old}: files were added to it during the run")


def _swap(staged: Path, target: Path, notes: list[str]) -> None:
    if not os.path.lexists(target):
        rename_new(staged, target)
        return
    if exchange(staged, target):
        checkpoint("swapped")
        _retire(staged, notes)
        return
    aside = target.parent / f".{target.name}.old-{secrets.token_hex(6)}"
    os.rename(target, aside)
    try:
        checkpoint("swapped")
        rename_new(staged, target)
    except BaseException:
        os.rename(aside, target)
        raise
    _retire(aside, notes)


def export_folder(
    folder: str | os.PathLike[str],
    write: Callable[[Path], None],
    *,
    overwrite: bool = False,
    how_to_replace: str = "pass overwrite=True",
) -> Path:
    """Run ``write(staging_folder)`` and move the result to ``folder`` only if it succeeds.

    ``write`` must finish with the manifest (see :func:`manifest_text`); the staging mark is
    removed before the swap. Warnings (a leftover or a replaced folder kept because it holds
    foreign files) are issued with :func:`model.errors.warn`.

    Returns
    -------
    Path
        ``folder`` as given.

    Raises
    ------
    ExportError
        The target may not be replaced (see :func:`check_folder_target`).
    WriteError
        A file or folder cannot be written, or another process is writing the target.
    """
    check_overwrite(overwrite)
    shown = path_argument(folder, "export folder")
    target = resolve_target(folder)
    notes: list[str] = []
    with target_lock(target, shown):
        checkpoint("locked")
        try:
            notes += clean_leftovers(target)
        except OSError as exc:
            raise WriteError.wrap(shown, exc) from exc
        check_folder_target(folder, overwrite, how_to_replace=how_to_replace)
        try:
            staged = _stage(target)
        except OSError as exc:
            raise WriteError.wrap(shown, exc) from exc
        try:
            checkpoint("staged")
            write(staged)
            if read_manifest(staged) is None:
                raise ExportError("internal: an export was written without its manifest")
            (staged / STAGING_MARK).unlink()
            checkpoint("manifested")
            # Staging folders are made private (0700); an export has the usual permissions.
            with contextlib.suppress(OSError):
                os.chmod(staged, 0o755)
            _swap(staged, target, notes)
        except OSError as exc:
            shutil.rmtree(staged, ignore_errors=True)
            # The error names a file in the staging folder, which is gone: name the target.
            raise WriteError.wrap(shown, exc) from exc
        except BaseException:
            shutil.rmtree(staged, ignore_errors=True)
            raise
    for note in notes:
        warn(note)
    return shown


# ---------------------------------------------------------------------- single files

#: The record of the single files the toolkit wrote in a folder: name -> sha256 list.
RECORD = ".thesis-files.json"


def _read_record(folder: Path) -> dict[str, list[str]]:
    try:
        body = json.loads((folder / RECORD).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return {}
    files = body.get("files") if isinstance(body, dict) else None
    if not isinstance(files, dict):
        return {}
    return {str(k): [str(h) for h in v] for k, v in files.items() if isinstance(v, list)}


def _write_record(folder: Path, files: Mapping[str, list[str]]) -> None:
    body = {"format": 1, "written_by": "thesis-model", "files": dict(sorted(files.items()))}
    atomic_write_text(folder / RECORD, json.dumps(body, indent=2) + "\n")


def _clean_temporary_files(target: Path) -> None:
    """Remove the temporary files of atomic writes of ``target`` whose writer has died."""
    prefix = f".{target.name}."
    for path in target.parent.glob(f"{glob_escape(prefix)}*.tmp"):
        middle = path.name[len(prefix) : -len(".tmp")].split(".")
        if len(middle) != 2 or not middle[0].isdigit() or path.is_symlink():
            continue
        if not _alive(int(middle[0])):
            with contextlib.suppress(OSError):
                path.unlink()


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's process, or no way to tell: leave its file alone
    return True


def is_owned_file(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is a file the toolkit wrote and nobody changed since, so that
    :func:`write_owned_file` may replace it (checked before work whose end writes it)."""
    target = resolve_target(path)
    if not target.is_file():
        return False
    return sha256_of(target) in _read_record(target.parent).get(target.name, [])


def write_owned_file(
    path: str | os.PathLike[str],
    data: bytes,
    *,
    protect: tuple[tuple[str | os.PathLike[str] | None, str], ...] = (),
) -> Path:
    """Write a file atomically, never over a file the toolkit did not write.

    The folder's ``.thesis-files.json`` records the sha256 of every single file the toolkit
    wrote there (the export folders' manifests do the same for whole folders). An existing file
    is replaced only if it still has a recorded hash; a link is followed. The record lists both
    the old and the new hash while the file is replaced, so a run killed at any moment leaves a
    file the next run recognises.

    Parameters
    ----------
    path : path
        The file (its folder must exist).
    data : bytes
        The whole content.
    protect : tuple of (path, description)
        Files this must never be, e.g. ``((thesis_path, "the thesis file"),)``.

    Returns
    -------
    Path
        ``path`` as given.

    Raises
    ------
    ExportError
        The file exists and the toolkit did not write it (or it changed since), it is one of
        ``protect``, or its folder does not exist: bad input.
    WriteError
        It cannot be written, or another process is writing it.
    """
    shown = Path(path)
    target = resolve_target(path)
    for other, what in protect:
        if other is not None and target.exists() and os.path.exists(other):
            if os.path.samefile(other, target):
                raise ExportError(f"refusing to write over {shown}: it is {what}")
    if os.path.lexists(target) and not target.is_file():
        raise ExportError(f"{shown} exists and is not a file; refusing to replace it")
    folder, name = target.parent, target.name
    if not folder.is_dir():
        blocker = file_in_the_way(target)
        if blocker is not None:
            raise ExportError(f"cannot create {shown}: {blocker} is a file, not a folder")
        # A folder that does not exist is a mistyped path (bad input), not a failed write.
        raise ExportError(f"cannot write {shown}: there is no folder {folder}; make it first")
    new = hashlib.sha256(data).hexdigest()
    with target_lock(target, shown), target_lock(folder / RECORD, wait=True):
        _clean_temporary_files(target)
        record = _read_record(folder)
        known = record.get(name, [])
        if target.exists():
            current = sha256_of(target)
            if current not in known:
                why = "it changed since thesis wrote it" if known else "thesis did not write it"
                raise ExportError(
                    f"refusing to overwrite {shown}: {why}; move it away or choose another name"
                )
        try:
            if new not in known:
                _write_record(folder, {**record, name: [*known, new]})
            atomic_write_bytes(target, data)
            _write_record(folder, {**_read_record(folder), name: [new]})
        except OSError as exc:
            raise WriteError.wrap(shown, exc) from exc
    return shown
