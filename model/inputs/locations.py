"""Where a field is: field paths, their dotted form, and the file and line that hold them.

A thesis is read from several YAML files (the thesis and its scenario files); every later check
reports a field by its path and finds the file and line through :class:`Locator`, so a message
points at the line the analyst wrote.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from model.errors import ThesisError

__all__ = ["FieldPath", "LoadedYaml", "Locator", "display_path", "dotted", "parse_dotted"]

#: A field's address inside a document: mapping keys and sequence indices.
FieldPath = tuple[str | int, ...]


def dotted(path: Iterable[str | int]) -> str:
    """Format a field path for messages: ``assumptions.ai_share.sd``, ``correlations[0].rho``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text


def display_path(path: str | os.PathLike[str]) -> str:
    """Name a file the way a user would: relative to the working directory when inside it."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(p)


@dataclass(frozen=True)
class LoadedYaml:
    """A parsed YAML document with the line of every field.

    Attributes
    ----------
    data : Any
        The document as plain Python values.
    file : str
        The file name used in messages.
    lines : Mapping[FieldPath, int]
        1-based line of every field (the line of its key for mapping entries).
    raw : bytes
        The file's bytes (for hashing).
    """

    data: Any
    file: str
    lines: Mapping[FieldPath, int] = field(repr=False)
    raw: bytes = field(repr=False, default=b"")

    def line(self, path: Iterable[str | int]) -> int | None:
        """Line of ``path``, or of its nearest ancestor that has one."""
        p = tuple(path)
        while True:
            if p in self.lines:
                return self.lines[p]
            if not p:
                return None
            p = p[:-1]

    def error(self, path: Iterable[str | int], message: str, expected: str | None = None):
        """Build a :class:`ThesisError` located at ``path``."""
        p = tuple(path)
        return ThesisError(
            message, file=self.file, line=self.line(p), field=dotted(p) or None, expected=expected
        )


class Locator:
    """Finds the file and line of a field path across a thesis file and its scenario files.

    Paths are those of the main document; a scenario file's ``scenarios.<name>`` entries are
    registered under the same paths, with that file's lines.

    Parameters
    ----------
    main : LoadedYaml
        The thesis file.
    overlays : Mapping[FieldPath, LoadedYaml], optional
        Path prefixes that live in other documents (e.g. ``("scenarios", "bull")``).
    """

    def __init__(
        self, main: LoadedYaml, overlays: Mapping[FieldPath, LoadedYaml] | None = None
    ) -> None:
        self.main = main
        self.overlays: dict[FieldPath, LoadedYaml] = dict(overlays or {})

    def add(self, prefix: FieldPath, doc: LoadedYaml) -> None:
        """Register that paths under ``prefix`` live in ``doc``."""
        self.overlays[tuple(prefix)] = doc

    def doc_for(self, path: Iterable[str | int]) -> LoadedYaml:
        """The document that holds ``path``."""
        p = tuple(path)
        best: LoadedYaml = self.main
        best_len = -1
        for prefix, doc in self.overlays.items():
            if p[: len(prefix)] == prefix and len(prefix) > best_len:
                best, best_len = doc, len(prefix)
        return best

    def locate(self, path: Iterable[str | int] | str) -> tuple[str, int | None]:
        """``(file, line)`` of a field path (a tuple, or dotted text like ``a.b[0].c``)."""
        p = parse_dotted(path) if isinstance(path, str) else tuple(path)
        doc = self.doc_for(p)
        return doc.file, doc.line(p)

    def error(self, path: Iterable[str | int], message: str, expected: str | None = None):
        """A :class:`ThesisError` located at ``path``."""
        return self.doc_for(tuple(path)).error(path, message, expected)


def parse_dotted(text: str) -> FieldPath:
    """Inverse of :func:`dotted`: ``"correlations[0].rho"`` -> ``("correlations", 0, "rho")``."""
    out: list[str | int] = []
    for part in re.finditer(r"([^.\[\]]+)|\[(\d+)\]", text):
        out.append(part.group(1) if part.group(1) is not None else int(part.group(2)))
    return tuple(out)
