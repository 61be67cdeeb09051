"""Provenance checks: quotes must be in the seed documents, numbers must be in their quotes.

A thesis cites a seed document by file name and copies the article's words. The quote is
matched *verbatim* up to whitespace runs, typographic quote marks and apostrophes, dashes and
case, so it can be checked by anyone with the article. The number the assumption uses must
appear in the quote, read with its scale words ("$85 billion" is 85e9, "35.8%" is 0.358,
"180k" is 180000), so a mistyped value cannot hide behind a real quote (see
:mod:`model.inputs.quotes`, whose names are re-exported here).
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from model.inputs.quotes import (
    QuoteNumber,
    centre_numbers,
    normalize,
    number_problem,
    numbers_in,
)
from model.inputs.schema import SourceSpec
from model.inputs.units import Unit
from model.inputs.yamlsafe import FieldPath, Locator

__all__ = [
    "QuoteNumber",
    "SeedIndex",
    "Source",
    "SourceKind",
    "centre_numbers",
    "check_source",
    "find_seeds_dir",
    "normalize",
    "numbers_in",
]

#: Fewest words an estimate's rationale (or a quote) may have.
MIN_WORDS = 3
_SEED_SUFFIXES = (".txt", ".md")


class SourceKind(StrEnum):
    """How a number is supported."""

    SOURCED = "sourced"
    SPREAD_ESTIMATED = "sourced (spread estimated)"
    DERIVED = "derived"
    ESTIMATE = "estimate"


@dataclass(frozen=True)
class Source:
    """A checked source.

    Attributes
    ----------
    kind : SourceKind
    doc : str or None
        Seed file name for document sources.
    quote : str or None
        The article's words.
    spread : str or None
        How the estimated part (the spread) was chosen.
    rationale : str or None
        The estimate's or derivation's explanation.
    """

    kind: SourceKind
    doc: str | None = None
    quote: str | None = None
    spread: str | None = None
    rationale: str | None = None

    @property
    def estimated(self) -> bool:
        """True for a pure estimate."""
        return self.kind is SourceKind.ESTIMATE


# -- seed documents ----------------------------------------------------------------------------


def find_seeds_dir(thesis_path: str | os.PathLike[str], seeds_dir: str | None) -> Path | None:
    """Locate the seed documents for a thesis file.

    Parameters
    ----------
    thesis_path : str or PathLike
        The thesis file.
    seeds_dir : str or None
        ``seeds_dir:`` from the file, relative to it; it wins when given.

    Returns
    -------
    Path or None
        Otherwise the nearest ``seeds/`` folder found walking up from the thesis file's folder;
        None if there is none.
    """
    base = Path(thesis_path).resolve().parent
    if seeds_dir is not None:
        return (base / seeds_dir).resolve()
    for folder in (base, *base.parents):
        candidate = folder / "seeds"
        if candidate.is_dir():
            return candidate
    return None


class SeedIndex:
    """The seed documents of one folder, read lazily and normalised once.

    Parameters
    ----------
    folder : Path or None
        The seeds folder; ``None`` when none was found (any doc source is then an error).
    """

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._texts: dict[str, tuple[str, str, list[int]]] = {}

    def names(self) -> list[str]:
        """Seed file names available."""
        if self.folder is None or not self.folder.is_dir():
            return []
        return sorted(
            p.name for p in self.folder.iterdir() if p.is_file() and p.suffix in _SEED_SUFFIXES
        )

    def load(self, name: str) -> tuple[str, str, list[int]] | None:
        """``(original, normalised, index map)`` of a seed file, or None if it is unknown."""
        if name in self._texts:
            return self._texts[name]
        # Only bare names of files in the folder: no paths, so no escaping the folder.
        if "/" in name or "\\" in name or name not in self.names():
            return None
        assert self.folder is not None
        original = (self.folder / name).read_text(encoding="utf-8", errors="replace")
        norm, where = normalize(original)
        self._texts[name] = (original, norm, where)
        return self._texts[name]


def _closest_passage(original: str, doc: str, where: list[int], quote: str) -> str:
    """The article passage most similar to ``quote`` (for the error message)."""
    n = len(quote)
    starts = [0] + [m.end() for m in re.finditer(" ", doc)]
    scored = []
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(quote)
    for s in starts:
        matcher.set_seq1(doc[s : s + n])
        scored.append((matcher.quick_ratio(), s))
    scored.sort(reverse=True)
    best, best_start = -1.0, 0
    for _, s in scored[:40]:
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
    text = original[where[start] : where[end - 1] + 1]
    return " ".join(text.split())


# -- source checking ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SourceRules:
    """What a source block must satisfy for one kind of item.

    Attributes
    ----------
    numbers : tuple of float or None
        Numbers of which at least one must appear in a document quote; None skips the check.
    unit : Unit or None
        Unit of those numbers (for scale words and currencies).
    spread : str
        ``"required"`` (document-sourced distributions), ``"allowed"`` (the estimated part of
        an event or correlation: skips the number check), or ``"forbidden"``.
    derived_ok : bool
        Whether the source may be omitted (derived assumptions).
    """

    numbers: tuple[float, ...] | None = None
    unit: Unit | None = None
    spread: str = "forbidden"
    derived_ok: bool = False


def _words(text: str) -> int:
    return len(text.split())


def check_source(
    spec: SourceSpec | None,
    path: FieldPath,
    locator: Locator,
    seeds: SeedIndex,
    rules: SourceRules,
    key: str = "source",
) -> Source:
    """Check a source block and return the checked :class:`Source`.

    Parameters
    ----------
    spec : SourceSpec or None
        The block as written (None when absent).
    path : tuple
        Path of the item that owns the block; the block itself is at ``path + (key,)``.
    locator : Locator
    seeds : SeedIndex
    rules : SourceRules
        What this kind of item requires.
    key : str
        The block's key (``source``, or ``rationale`` for scenarios).

    Raises
    ------
    ThesisError
        Missing or ambiguous source, unknown seed file, quote not in the document, number not in
        the quote, missing spread, or a too-short rationale; located at the offending key.
    """
    spath = (*path, key)
    if spec is None:
        if rules.derived_ok:
            return Source(SourceKind.DERIVED)
        raise locator.error(
            path,
            "missing source: add source: {doc: <seed file>, quote: "
            '"<the article\'s words>"} or source: {estimate: "<rationale>"}',
        )
    given = [k for k in ("doc", "estimate", "derived") if getattr(spec, k) is not None]
    if len(given) != 1:
        if not given and spec.quote is not None:
            raise locator.error((*spath, "quote"), "a quote needs doc: <seed file name>")
        what = " and ".join(given) if given else "none"
        raise locator.error(
            spath,
            f"a source has exactly one of doc (with quote), estimate or derived; found {what}",
        )
    kind = given[0]
    if kind != "doc":
        for extra in ("quote", "spread"):
            if getattr(spec, extra) is not None:
                raise locator.error((*spath, extra), f"'{extra}' only goes with doc: <seed file>")
        text = getattr(spec, kind)
        if _words(text) < MIN_WORDS:
            raise locator.error(
                (*spath, kind),
                f"an {kind} needs a rationale of at least a few words saying why (got {text!r})"
                if kind == "estimate"
                else f"say in a few words what it is derived from (got {text!r})",
            )
        return Source(
            SourceKind.ESTIMATE if kind == "estimate" else SourceKind.DERIVED, rationale=text
        )
    return _check_doc(spec, spath, locator, seeds, rules)


def _check_doc(
    spec: SourceSpec, spath: FieldPath, locator: Locator, seeds: SeedIndex, rules: SourceRules
) -> Source:
    doc = spec.doc or ""
    if spec.quote is None:
        raise locator.error(spath, 'a doc source needs quote: "<the article\'s own words>"')
    if spec.spread is not None and rules.spread == "forbidden":
        raise locator.error(
            (*spath, "spread"),
            "a fixed value has no spread; remove 'spread' (or make the assumption a distribution)",
        )
    if spec.spread is None and rules.spread == "required":
        raise locator.error(
            spath,
            "a distribution sourced from a document needs spread: "
            '"<how the spread was estimated>" (the quote supports the centre '
            "only)",
        )
    if spec.spread is not None and _words(spec.spread) < MIN_WORDS:
        raise locator.error((*spath, "spread"), "say in a few words how the spread was chosen")
    loaded = seeds.load(doc)
    if loaded is None:
        names = seeds.names()
        if not names:
            folder = f" in {seeds.folder}" if seeds.folder else ""
            raise locator.error(
                (*spath, "doc"),
                f"unknown seed file {doc!r}: no seed documents "
                f"found{folder} (set seeds_dir: in the thesis file)",
            )
        close = difflib.get_close_matches(doc, names, n=1, cutoff=0.5)
        hint = f"did you mean {close[0]!r}? " if close else ""
        raise locator.error(
            (*spath, "doc"), f"unknown seed file {doc!r}; {hint}available: " + ", ".join(names)
        )
    original, norm_doc, where = loaded
    quote = spec.quote
    norm_quote, _ = normalize(quote)
    if _words(norm_quote) < MIN_WORDS:
        raise locator.error(
            (*spath, "quote"), f"quote at least a few words of the article (got {quote!r})"
        )
    if norm_quote not in norm_doc:
        passage = _closest_passage(original, norm_doc, where, norm_quote)
        raise locator.error(
            (*spath, "quote"), f'quote not found in {doc}; the closest passage is: "{passage}"'
        )
    numbers = rules.numbers
    if spec.spread is not None and rules.spread == "allowed":
        numbers = None  # the spread text says the numbers are estimated
    if numbers:
        _check_numbers(numbers, rules.unit, quote, spath, locator)
    kind = SourceKind.SPREAD_ESTIMATED if spec.spread is not None else SourceKind.SOURCED
    return Source(kind, doc=doc, quote=quote, spread=spec.spread)


def _check_numbers(
    numbers: Sequence[float], unit: Unit | None, quote: str, spath: FieldPath, locator: Locator
) -> None:
    problem = number_problem(numbers, unit, quote)
    if problem is not None:
        raise locator.error((*spath, "quote"), problem)
