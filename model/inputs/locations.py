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
#: The first quoted word or phrase of a message.
_FIRST_QUOTED = re.compile(r"'([^'\n]+)'")


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
    blocks : Mapping[FieldPath, tuple[int, int]]
        For a field written as a block scalar (``|`` or ``>``), the 0-based first and last lines
        of its text: a message about a name in it points at the line that holds the name.
    """

    data: Any
    file: str
    lines: Mapping[FieldPath, int] = field(repr=False)
    raw: bytes = field(repr=False, default=b"")
    blocks: Mapping[FieldPath, tuple[int, int]] = field(repr=False, default_factory=dict)

    def line(self, path: Iterable[str | int], about: str | None = None) -> int | None:
        """Line of ``path``, or of its nearest ancestor that has one; with ``about`` (a message
        on the field), the line of a block scalar's text holding the name it is about."""
        p = tuple(path)
        if about is not None:
            inside = self._block_line(p, about)
            if inside is not None:
                return inside
        while True:
            if p in self.lines:
                return self.lines[p]
            if not p:
                return None
            p = p[:-1]

    def error(self, path: Iterable[str | int], message: str, expected: str | None = None):
        """Build a :class:`ThesisError` located at ``path``."""
        p = tuple(path)
        line = self.line(p, message)
        return ThesisError(
            message, file=self.file, line=line, field=dotted(p) or None, expected=expected
        )

    def _block_line(self, path: FieldPath, message: str) -> int | None:
        """The line of a block scalar's text holding the name a message is about (its first
        quoted word, as in "'capex_to_revnue' is neither a line ..."), when one line does."""
        span = self.blocks.get(path)
        named = _FIRST_QUOTED.search(message)
        if span is None or named is None or not named.group(1).isidentifier():
            return None
        word = re.compile(rf"(?<![\w.]){re.escape(named.group(1))}(?!\w)")
        text = self.raw.decode("utf-8-sig", errors="replace").splitlines()[span[0] : span[1] + 1]
        hits = [span[0] + 1 + i for i, line in enumerate(text) if word.search(line)]
        return hits[0] if len(hits) == 1 else None


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

    def locate(
        self, path: Iterable[str | int] | str, about: str | None = None
    ) -> tuple[str, int | None]:
        """``(file, line)`` of a field path (a tuple, or dotted text like ``a.b[0].c``); with
        ``about``, a message on the field, as :meth:`LoadedYaml.line` finds it."""
        p = parse_dotted(path) if isinstance(path, str) else tuple(path)
        doc = self.doc_for(p)
        return doc.file, doc.line(p, about)

    def error(self, path: Iterable[str | int], message: str, expected: str | None = None):
        """A :class:`ThesisError` located at ``path``."""
        return self.doc_for(tuple(path)).error(path, message, expected)


def parse_dotted(text: str) -> FieldPath:
    """Inverse of :func:`dotted`: ``"correlations[0].rho"`` -> ``("correlations", 0, "rho")``."""
    out: list[str | int] = []
    for part in re.finditer(r"([^.\[\]]+)|\[(\d+)\]", text):
        out.append(part.group(1) if part.group(1) is not None else int(part.group(2)))
    return tuple(out)
