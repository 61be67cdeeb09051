"""Which files a thesis may read: its own folder tree, plus folders the user allows.

A thesis file is data that may come from someone else, so what it names is not trusted to
point anywhere on the machine. Seed documents (``seeds_dir:``) and scenario files
(``scenario_files:``) must resolve, after following every symbolic link, inside the
**thesis tree**:

* the nearest folder, from the thesis file's own folder upwards, that holds a ``seeds/``
  folder (the usual project layout: ``assumptions/x.yaml`` beside ``seeds/``, as in the
  Alibaba example, or ``x.yaml`` beside ``seeds/``);
* the thesis file's own folder when no such folder exists.

The rule depends only on where the thesis file lies, never on what it says, so a thesis cannot
widen its own reach. A user who keeps documents elsewhere allows those folders explicitly:
``load_thesis(path, allow_read=[...])`` or ``thesis validate PATH --allow-read DIR``. A link
inside the tree that leads out of it (``seeds/a.txt -> /etc/passwd``) is refused, as is any
file that is not a regular file (a device or a pipe would never end).

Sizes are capped before anything is read: :data:`MAX_DOCUMENT_BYTES` for a seed document
(they are read whole and normalised character by character), while thesis and scenario files
have the YAML loader's own limit.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from model.inputs.yamlsafe import display_path

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "CommandLineFolders",
    "OutsideScope",
    "ReadScope",
    "format_size",
    "thesis_root",
]

#: Largest seed document read (bytes). News articles are kilobytes and a long annual report a
#: few megabytes; normalising costs about a microsecond and a few bytes per character.
MAX_DOCUMENT_BYTES = 4 * 1024 * 1024


class OutsideScope(Exception):
    """A path the thesis may not read; ``str()`` says why (the caller adds file and line)."""


class CommandLineFolders(tuple[str, ...]):
    """Folders allowed with ``--allow-read`` on the command line.

    Passed as ``allow_read``, they make the messages about reading name the command's option
    (``--allow-read DIR``); any other ``allow_read`` is a Python caller's, and the messages name
    the argument (``allow_read=[folder]``), which is what that caller can write.
    """


def format_size(n: int) -> str:
    """A byte count for people: ``8 MB``, ``2.5 MB``, ``900 KB``, ``12 bytes``."""
    for unit, size in (("MB", 1024 * 1024), ("KB", 1024)):
        if n >= size:
            return f"{n / size:.3g} {unit}"
    return f"{n} bytes"


def thesis_root(thesis_path: str | os.PathLike[str]) -> Path:
    """The folder tree a thesis may read (see the module notes).

    Parameters
    ----------
    thesis_path : str or PathLike
        The thesis file.

    Returns
    -------
    Path
        Resolved: the nearest folder from the thesis file's folder upwards that holds a
        ``seeds/`` folder, else the thesis file's folder.
    """
    base = Path(thesis_path).resolve().parent
    for folder in (base, *base.parents):
        if (folder / "seeds").is_dir():
            return folder
    return base


@dataclass(frozen=True)
class ReadScope:
    """The folders a thesis may read from.

    Attributes
    ----------
    root : Path
        The thesis tree (resolved).
    allowed : tuple of Path
        Further folders the user allowed explicitly (resolved).
    command_line : bool
        The folders came from ``--allow-read`` (see :class:`CommandLineFolders`): messages
        name the option, else the Python argument ``allow_read``.
    """

    root: Path
    allowed: tuple[Path, ...] = ()
    command_line: bool = False

    @property
    def how_to_allow(self) -> str:
        """How the caller allows another folder, in its own spelling."""
        return "--allow-read DIR" if self.command_line else "allow_read=[folder]"

    @classmethod
    def for_thesis(
        cls, thesis_path: str | os.PathLike[str], allow_read: Iterable[str | os.PathLike[str]] = ()
    ) -> ReadScope:
        """The scope of a thesis file, with the user's extra folders.

        Raises
        ------
        OutsideScope
            ``allow_read`` is not a list of folders, or a folder is empty text, does not exist
            or is a file.
        """
        if isinstance(allow_read, str | bytes | os.PathLike) or not isinstance(
            allow_read, Iterable
        ):
            # One string would be read character by character, '/' first: refused, not guessed.
            raise OutsideScope(
                f"allow_read must be a list of folders, got {type(allow_read).__name__} "
                f"{allow_read!r:.80} (write allow_read=[folder])"
            )
        command_line = isinstance(allow_read, CommandLineFolders)
        label = "--allow-read" if command_line else "allow_read"
        extra = []
        for folder in allow_read:
            if not isinstance(folder, str | os.PathLike):
                raise OutsideScope(
                    f"allow_read: a folder must be a str or pathlib.Path, got "
                    f"{type(folder).__name__} {folder!r:.80}"
                )
            # An empty name would be read as the current folder: an unset variable in a
            # script ('--allow-read "$DIR"') must not widen what a thesis may read.
            if not str(folder).strip():
                raise OutsideScope(f"{label}: an empty folder name; name the folder")
            p = Path(folder).expanduser()
            if not p.is_dir():
                what = "is a file, not a folder" if p.exists() else "no such folder"
                raise OutsideScope(f"{label} {display_path(p)}: {what}")
            extra.append(p.resolve())
        return cls(thesis_root(thesis_path), tuple(extra), command_line)

    def folders(self) -> tuple[Path, ...]:
        """Every folder that may be read, the thesis tree first."""
        return (self.root, *self.allowed)

    def contains(self, path: Path) -> bool:
        """Whether a resolved path is inside one of the folders."""
        return any(path == f or path.is_relative_to(f) for f in self.folders())

    def describe(self) -> str:
        """The folders, for messages."""
        shown = display_path(self.root)
        extra = "".join(f", {display_path(f)}" for f in self.allowed)
        return f"the thesis folder tree ({shown}{extra})"

    def resolve(self, path: Path, what: str) -> Path:
        """Follow every link of ``path`` and check where it ends.

        Parameters
        ----------
        path : Path
            As the thesis names it (already joined to the thesis file's folder).
        what : str
            What the path is, for the message (``seeds_dir``, ``scenario file``, ...).

        Returns
        -------
        Path
            The resolved path, inside the scope.

        Raises
        ------
        OutsideScope
            It resolves outside every allowed folder.
        """
        try:
            real = path.resolve()
        except (OSError, RuntimeError) as exc:  # a link loop
            raise OutsideScope(f"cannot resolve {what} {display_path(path)}: {exc}") from None
        if self.contains(real):
            return real
        # The path as written with '.' and '..' folded: where it leads when no link is followed,
        # so a difference from the resolved path is a link, not a '..'.
        lexical = Path(os.path.normpath(path.absolute()))
        via = ""
        if real != lexical and self.contains(lexical.parent.resolve()):
            via = f" through a symbolic link to {display_path(real)}"
        raise OutsideScope(
            f"{what} {_lexical_display(lexical)} is outside {self.describe()}{via}; a thesis may "
            f"only read files inside its own tree (or folders allowed with {self.how_to_allow})"
        )

    def open_document(self, path: Path, what: str, limit: int = MAX_DOCUMENT_BYTES) -> bytes:
        """Read a regular file inside the scope, refusing it when larger than ``limit``.

        Raises
        ------
        OutsideScope
            Outside the scope, not a regular file, too large, or unreadable.
        """
        real = self.resolve(path, what)
        try:
            info = real.stat()
            if not stat.S_ISREG(info.st_mode):
                raise OutsideScope(f"{what} {display_path(path)} is not a regular file")
            if info.st_size > limit:
                raise OutsideScope(
                    f"{what} {display_path(path)} is {format_size(info.st_size)}; the limit "
                    f"is {format_size(limit)}"
                )
            with open(real, "rb") as fh:
                data = fh.read(limit + 1)
        except OSError as exc:
            raise OutsideScope(
                f"cannot read {what} {display_path(path)}: {exc.strerror or exc}"
            ) from None
        if len(data) > limit:
            raise OutsideScope(
                f"{what} {display_path(path)} is larger than the limit of {format_size(limit)}"
            )
        return data


def _lexical_display(path: Path) -> str:
    """``path`` (absolute, '..' folded) relative to the working directory when inside it, with
    no link followed: a link is named as the thesis names it, not as the file it leads to."""
    cwd = Path.cwd()
    for base in (cwd, cwd.resolve()):
        if path.is_relative_to(base):
            return str(path.relative_to(base))
    return str(path)
