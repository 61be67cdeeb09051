"""What each source document is: publisher, date and subject, read from the seeds' index.

A thesis cites its articles by file name (``004_ee90e3727d2ffaf9.txt``), which means nothing in
a chart legend or a mailed report. The seeds folder may hold an ``INDEX.md`` with a Markdown
table of the documents; its header names the columns (``file``, ``publisher``, a column whose
name contains ``date``, ``subject``; other columns are ignored), and each row gives one document.
:func:`document_index` reads it so that charts and reports can write "Bloomberg, early 2022"
instead of a file name.

The index is optional: without one (or for a file it does not list) the file name is shown.
It is read from the thesis' own seeds folder only and capped in size.

:class:`SeedIndex` reads the documents themselves, within the read scope, normalised for quote
matching with a map back to the article's own characters; :func:`closest_passage` finds the
passage nearest a quote not found in one, for the error message.
"""

from __future__ import annotations

import difflib
import heapq
import os
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from model.errors import excerpt
from model.inputs.scope import MAX_DOCUMENT_BYTES, OutsideScope, ReadScope, thesis_root
from model.inputs.sources.normalization import normalize, visible

__all__ = [
    "MAX_PASSAGE_CHARS",
    "DocumentInfo",
    "NotText",
    "SeedIndex",
    "closest_passage",
    "decode_text",
    "document_index",
    "document_title",
    "documents_of",
]

#: The file the index is read from, inside the seeds folder.
INDEX_NAME = "INDEX.md"
#: Largest index read (bytes); a bigger file is not an index of a handful of articles.
MAX_INDEX_BYTES = 1_000_000
#: A file with bytes that are not UTF-8 is still read as UTF-8 while it holds at least one
#: valid multi-byte character for this many bad bytes; a Windows-1252 file holds almost none.
_MIXED_RATIO = 4
#: A character that is neither ASCII nor a replacement: a valid multi-byte one of UTF-8.
_MULTI_BYTE = re.compile("[^\x00-\x7f\ufffd]")
#: What text holds almost never: control characters other than tab, line and page breaks,
#: and (in a file read as Windows-1252) the replacement character left for a byte it lacks; a
#: UTF-8 file's stray bytes are judged by :data:`_MIXED_RATIO` instead.
_ODD = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
#: The share of odd characters above which a file is taken for binary data, not text: random
#: bytes read as Windows-1252 are about one in eight control characters.
_MAX_ODD_SHARE = 0.01
#: Odd characters any file may hold whatever its length (a stray escape code in a short note).
_FEW_ODD = 4


class NotText(ValueError):
    """A seed document that is binary data, not text; ``str()`` says why and what to do."""


@dataclass(frozen=True)
class DocumentInfo:
    """One source document as its index describes it.

    Attributes
    ----------
    file : str
        The file name the thesis cites.
    publisher, date, subject : str
        As the index gives them ("" when it does not).
    """

    file: str
    publisher: str = ""
    date: str = ""
    subject: str = ""

    @property
    def short_publisher(self) -> str:
        """The publisher up to its first comma ("Benzinga, relaying ..." -> "Benzinga")."""
        return self.publisher.split(",", 1)[0].strip()

    @property
    def title(self) -> str:
        """``"Bloomberg, early 2022"``: short publisher and date, else the file name."""
        bits = [b for b in (self.short_publisher, self.date) if b]
        return ", ".join(bits) if bits else self.file


def decode_text(raw: bytes, name: str = "") -> tuple[str, str]:
    """A seed file's text, and what was not UTF-8 about it (``""`` when nothing was).

    UTF-8 (its byte-order mark dropped) and UTF-16 with a byte-order mark are read as written.
    Other bytes are read as Windows-1252, in which Windows editors and browsers save Western
    European text: an article saved so writes "für" with the byte 0xFC, which read as UTF-8
    left a replacement character where the quote has "ü", so the quote was never found. A file
    that is UTF-8 but for a few stray bytes (its valid multi-byte characters not far fewer
    than its bad bytes) stays UTF-8, the bad bytes replaced.

    Parameters
    ----------
    raw : bytes
        The file's contents.
    name : str, optional
        The file's name, for the message when it is not text.

    Returns
    -------
    tuple of (str, str)
        The text, and a note naming the first byte that is not UTF-8 (for an error message when
        a quote is still not found: the file may be in yet another encoding).

    Raises
    ------
    NotText
        The file is binary data (a PDF, an image, a spreadsheet, random bytes), not text: it
        holds control characters (NUL bytes among them) and undecodable bytes beyond a small share.

    Examples
    --------
    >>> decode_text("für".encode("cp1252"))
    ('für', 'it is not UTF-8 (byte 0xfc on line 1) and was read as Windows-1252')
    """
    text, note = _decoded(raw)
    _refuse_binary(raw, text, name, note.endswith("Windows-1252"))
    return text, note


def _decoded(raw: bytes) -> tuple[str, str]:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", errors="replace"), ""
    try:
        return raw.decode("utf-8-sig"), ""
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        where = f"it is not UTF-8 (byte 0x{raw[exc.start]:02x} on line {line})"
    utf8 = raw.decode("utf-8-sig", errors="replace")
    bad = utf8.count("\ufffd") - raw.count("\ufffd".encode())
    good = _MULTI_BYTE.subn("", utf8)[1]  # counted by the regex engine, not in a loop
    if good * _MIXED_RATIO >= bad:
        # A UTF-8 article with a stray byte (a truncated copy, one pasted character): read
        # as Windows-1252 its every "ü" and "€" would become two or three other characters.
        return utf8, f"{where} and its bad bytes were replaced"
    return raw.decode("cp1252", errors="replace"), f"{where} and was read as Windows-1252"


def _refuse_binary(raw: bytes, text: str, name: str, codepage: bool) -> None:
    """Raise :class:`NotText` when ``text`` (decoded from ``raw``) is binary data: a quote
    found in it would be a coincidence, and one not found would be blamed on its words."""
    what = f"seed document {name}" if name else "the document"
    fix = "save the article's text as a UTF-8 text file (from a PDF or Word file: export its text)"
    # A NUL or two (a truncated copy) is let be, as any few control characters are; data
    # (random bytes, a PDF) holds them by the hundred.
    odd = len(_ODD.findall(text)) + (text.count("\ufffd") if codepage else 0)
    if odd > max(_FEW_ODD, _MAX_ODD_SHARE * len(text)):
        raise NotText(
            f"{what} is not text: {odd:,} of its {len(text):,} characters are control "
            f"characters or undecodable bytes (at most {_MAX_ODD_SHARE:.0%} are expected); {fix}"
        )


def _cells(line: str) -> list[str]:
    row = line.strip()
    if row.startswith("|"):
        row = row[1:]
    if row.endswith("|"):
        row = row[:-1]
    return [c.strip() for c in row.split("|")]


def _plain(cell: str) -> str:
    """A Markdown cell as plain text: code spans, emphasis and links reduced to their words."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", cell)
    text = text.replace("`", "").replace("**", "").replace("__", "")
    return " ".join(text.split())


def _parse(text: str) -> dict[str, DocumentInfo]:
    """Documents of the first Markdown table whose header has a ``file`` column."""
    lines = text.splitlines()
    for i, line in enumerate(lines[:-1]):
        if "|" not in line or not re.fullmatch(r"\s*\|?[\s:|-]+\|?\s*", lines[i + 1]):
            continue
        header = [_plain(c).lower() for c in _cells(line)]
        if "file" not in header:
            continue
        col = {
            "file": header.index("file"),
            "publisher": next((k for k, h in enumerate(header) if "publisher" in h), None),
            "date": next((k for k, h in enumerate(header) if "date" in h), None),
            "subject": next((k for k, h in enumerate(header) if "subject" in h), None),
        }
        out: dict[str, DocumentInfo] = {}
        for row in lines[i + 2 :]:
            if "|" not in row:
                break
            cells = [_plain(c) for c in _cells(row)]
            got = {
                key: cells[k] if k is not None and k < len(cells) else "" for key, k in col.items()
            }
            if got["file"]:
                out[got["file"]] = DocumentInfo(
                    got["file"], got["publisher"], got["date"], got["subject"]
                )
        return out
    return {}


def document_index(
    seeds_dir: str | Path | None, scope: ReadScope | None = None
) -> Mapping[str, DocumentInfo]:
    """The documents listed in ``<seeds_dir>/INDEX.md``, by file name.

    Parameters
    ----------
    seeds_dir : path or None
        The thesis' seeds folder.
    scope : ReadScope, optional
        Where the thesis may read (:mod:`model.inputs.scope`): an index that is a link leading
        out of it, or lies in a seeds folder that does, is not read. Default: the seeds folder.

    Returns
    -------
    Mapping of str to DocumentInfo
        Empty when there is no folder, no index, an index outside the scope, an index too large
        to be one, or no table with a ``file`` column in it.
    """
    if seeds_dir is None:
        return MappingProxyType({})
    path = Path(seeds_dir) / INDEX_NAME
    try:
        if not path.is_file():
            return MappingProxyType({})
        within = scope if scope is not None else ReadScope(Path(seeds_dir).resolve())
        raw = within.open_document(path, "document index", limit=MAX_INDEX_BYTES)
        text = decode_text(raw)[0]
    except (OSError, NotText, OutsideScope):
        return MappingProxyType({})
    return MappingProxyType(_parse(text))


def index_outside(seeds_dir: Path | None, scope: ReadScope) -> str | None:
    """Why the seeds folder's index is not read (it leads out of ``scope``), or None."""
    if seeds_dir is None or not os.path.lexists(Path(seeds_dir) / INDEX_NAME):
        return None
    try:
        scope.resolve(Path(seeds_dir) / INDEX_NAME, "document index")
    except OutsideScope as exc:
        return str(exc)
    return None


def _thesis_of(source: Any) -> Any:
    thesis = getattr(source, "thesis", None)
    if thesis is None:
        results = getattr(source, "results", None)
        if isinstance(results, Mapping) and results:
            thesis = getattr(next(iter(results.values())), "thesis", None)
    return source if thesis is None else thesis


def _scope_of(thesis: Any) -> ReadScope | None:
    """The scope the thesis was read with (it keeps the folders allowed with --allow-read)."""
    known = getattr(getattr(thesis, "_bundle", None), "scope", None)
    if isinstance(known, ReadScope):
        return known
    path = getattr(thesis, "path", None)
    return ReadScope(thesis_root(path)) if path else None


def documents_of(source: Any) -> Mapping[str, DocumentInfo]:
    """The document index of a thesis, or of the thesis behind a result or comparison."""
    thesis = _thesis_of(source)
    seeds = getattr(thesis, "seeds_dir", None)
    if seeds is None:
        return MappingProxyType({})
    path = Path(seeds) / INDEX_NAME
    try:
        stat = path.stat()
        key = (str(path), stat.st_mtime_ns, stat.st_size)
    except OSError:
        return MappingProxyType({})
    # A report asks once per chart; the key changes when the index is edited.
    if key not in _CACHE:
        if len(_CACHE) > 32:
            _CACHE.clear()
        _CACHE[key] = document_index(seeds, _scope_of(thesis))
    return _CACHE[key]


_CACHE: dict[tuple[str, int, int], Mapping[str, DocumentInfo]] = {}


def document_title(source: Any, doc: str | None) -> str:
    """``"Bloomberg, early 2022"`` for a cited file the index knows, else the file name."""
    if not doc:
        return ""
    info = documents_of(source).get(str(doc))
    return info.title if info is not None else str(doc)


#: Longest passage of a document shown when a quote is not found in it.
MAX_PASSAGE_CHARS = 300
_SEED_SUFFIXES = (".txt", ".md")


# -- seed documents ----------------------------------------------------------------------------


class SeedIndex:
    """The seed documents of one folder, read lazily and normalised once.

    Parameters
    ----------
    folder : Path or None
        The seeds folder; ``None`` when none was found (any doc source is then an error).
    scope : ReadScope, optional
        Where documents may be read from (default: the seeds folder itself). A document that
        is a link leading outside it, is not a regular file or exceeds
        :data:`~model.inputs.scope.MAX_DOCUMENT_BYTES` is refused; given, a document named by a
        path that leads outside it (``../../etc/hostname``) is refused as outside it.
    """

    def __init__(self, folder: Path | None, scope: ReadScope | None = None) -> None:
        self.folder = folder
        #: The scope given is the thesis tree's: a path leading out of it is refused so.
        self.tree = scope is not None
        if scope is None and folder is not None:
            scope = ReadScope(folder.resolve())
        self.scope = scope
        self._texts: dict[str, tuple[str, str, Sequence[int]]] = {}
        #: What was not UTF-8 about each document read ("" when nothing was).
        self.notes: dict[str, str] = {}

    def names(self) -> list[str]:
        """Seed files a source may quote: the documents, not their index (``INDEX.md``)."""
        if self.folder is None or not self.folder.is_dir():
            return []
        files = (p.name for p in self.folder.iterdir() if p.is_file())
        return sorted(n for n in files if Path(n).suffix in _SEED_SUFFIXES and n != INDEX_NAME)

    def readable_names(self) -> list[str]:
        """:meth:`names` that may be read: a link leading out of the scope is none (a hint
        naming it would point at a file the thesis may not quote)."""
        if self.scope is None or self.folder is None:
            return []
        scope, folder = self.scope, self.folder
        out = []
        for name in self.names():
            try:
                if scope.contains((folder / name).resolve()):
                    out.append(name)
            except (OSError, RuntimeError):  # a link loop is no document either
                continue
        return out

    def kept(self, name: str) -> bool:
        """Whether the seed file ``name`` was read and kept already (reading it again is free)."""
        return name in self._texts

    def load(self, name: str, keep: bool = True) -> tuple[str, str, Sequence[int]] | None:
        """``(original, normalised, index map)`` of a seed file, or None if it is unknown.

        Parameters
        ----------
        name : str
            The file's name in the seeds folder.
        keep : bool
            Whether to keep the text for the next call; a document only searched, not cited,
            is not kept, as its index map takes eight bytes a character.

        Raises
        ------
        OutsideScope
            The file is a link leading outside the scope, too large or unreadable, or (with a
            scope given) its name is a path leading outside it: named, never opened.
        """
        if name in self._texts:
            return self._texts[name]
        # Only bare names of files in the folder: no paths, so no escaping the folder.
        bare = "/" not in name and "\\" not in name and name != INDEX_NAME  # the index: no source
        if self.folder is None or self.scope is None:
            return None
        if not bare:
            # A path is no seed's name; one leading out of the tree is refused so, never opened
            # (a NUL, which no path holds, cannot even be resolved).
            if self.tree and "\x00" not in name:
                self.scope.resolve(self.folder / name.replace("\\", "/"), "seed document")
            return None
        if name not in self.names():
            path = self.folder / name
            if name in ("", ".", "..") or not os.path.lexists(path) or path.is_file():
                return None
            # There, but a pipe, folder or broken link: the scope's check says which.
        assert self.folder is not None and self.scope is not None
        raw = self.scope.open_document(
            self.folder / name, "seed document", limit=MAX_DOCUMENT_BYTES
        )
        original, self.notes[name] = decode_text(raw, name)
        norm, where = normalize(original)
        if keep:
            self._texts[name] = (original, norm, where)
        return original, norm, where


def closest_passage(original: str, doc: str, where: Sequence[int], quote: str) -> str:
    """The article passage most similar to ``quote`` (for the error message).

    Windows of the quote's word count are ranked by how many of the quote's words they share
    (one pass over the document, whatever its size); the best few are then compared letter by
    letter. The passage is cut to :data:`MAX_PASSAGE_CHARS`.
    """
    spans = [(m.start(), m.group()) for m in re.finditer(r"\S+", doc)]
    k = max(1, len(quote.split()))
    if not spans:
        return ""
    wanted = Counter(quote.split())
    have: Counter[str] = Counter()
    shared = 0
    scored: list[tuple[int, int]] = []
    for i, (_, word) in enumerate(spans):
        have[word] += 1
        if have[word] <= wanted[word]:
            shared += 1
        if i >= k:
            old = spans[i - k][1]
            if have[old] <= wanted[old]:
                shared -= 1
            have[old] -= 1
        scored.append((shared, max(0, i - k + 1)))
    best_windows = sorted(set(w for _, w in heapq.nlargest(40, scored)))
    n = len(quote)
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(quote)
    best, best_start = -1.0, 0
    for w in best_windows:
        s = spans[w][0]
        matcher.set_seq1(doc[s : s + n])
        r = matcher.ratio()
        if r > best:
            best, best_start = r, s
    # Widen to whole words so the analyst sees complete numbers and phrases.
    start = best_start
    end = min(len(doc), best_start + n + max(10, n // 5))
    while end < len(doc) and doc[end] != " ":
        end += 1
    if end <= start:
        return ""
    text = " ".join(visible(original[where[start] : where[end - 1] + 1]).split())
    return excerpt(text, MAX_PASSAGE_CHARS)
