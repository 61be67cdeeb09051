"""Provenance checks: quotes must be in the seed documents, numbers must be in their quotes.

A thesis cites a seed document by file name and copies the article's words. The quote is
matched *verbatim* up to whitespace runs, typographic quote marks and apostrophes, dashes and
case, so it can be checked by anyone with the article. The number the assumption uses must
appear in the quote, read with its scale words ("$85 billion" is 85e9, "35.8%" is 0.358,
"180k" is 180000), so a mistyped value cannot hide behind a real quote.
"""

from __future__ import annotations

import difflib
import math
import os
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

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


class SourceKind(str, Enum):  # noqa: UP042 (project convention: str, Enum)
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


# -- text normalisation ------------------------------------------------------------------------

_CHAR_MAP = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u0060\u00b4", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
}


def normalize(text: str) -> tuple[str, list[int]]:
    """Normalise text for quote matching.

    Applies Unicode NFKC, maps typographic quotes, apostrophes and dashes to ASCII, folds case
    and collapses whitespace runs to one space.

    Returns
    -------
    (str, list of int)
        The normalised text, and for each of its characters the index of the original character
        it came from (to show the analyst the article's own text).
    """
    out: list[str] = []
    where: list[int] = []
    pending_space = False
    for i, ch in enumerate(text):
        for c in unicodedata.normalize("NFKC", ch):
            c = _CHAR_MAP.get(c, c)
            if c.isspace():
                pending_space = bool(out)
                continue
            if pending_space:
                out.append(" ")
                where.append(i)
                pending_space = False
            for folded in c.casefold():
                out.append(folded)
                where.append(i)
    return "".join(out), where


# -- seed documents ----------------------------------------------------------------------------


def find_seeds_dir(thesis_path: str | os.PathLike[str], seeds_dir: str | None) -> Path | None:
    """Locate the seed documents for a thesis file.

    ``seeds_dir`` (relative to the thesis file) wins; otherwise the nearest ``seeds/`` folder
    found walking up from the thesis file's folder.
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


# -- numbers in quotes -------------------------------------------------------------------------

_SCALE_WORDS = {
    "thousand": 3,
    "million": 6,
    "billion": 9,
    "trillion": 12,
    "k": 3,
    "m": 6,
    "mn": 6,
    "bn": 9,
    "b": 9,
    "tn": 12,
    "t": 12,
}
_CURRENCY_WORDS = {
    "us$": "USD",
    "$": "USD",
    "usd": "USD",
    "dollars": "USD",
    "dollar": "USD",
    "hk$": "HKD",
    "hkd": "HKD",
    "hong kong dollars": "HKD",
    "¥": "RMB",
    "rmb": "RMB",
    "cny": "RMB",
    "yuan": "RMB",
    "renminbi": "RMB",
}
_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
}
_CUR_PREFIX = r"(?P<cur1>us\$|hk\$|\$|¥|rmb|hkd|usd|cny)?\s?"
_NUMBER_RE = re.compile(
    r"(?<![\w.])" + _CUR_PREFIX + r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
    r"(?:(?P<word>\s?(?:thousand|million|billion|trillion)\b)|(?P<short>(?:tn|bn|mn|k|m|b|t)\b))?"
    r"(?P<pct>\s?(?:%|percent\b|per cent\b))?"
    r"(?P<mult>x\b)?"
    r"(?P<cur2>\s(?:usd|rmb|hkd|cny|yuan|renminbi|hong kong dollars|dollars?)\b)?"
)
_WORD_RE = re.compile(
    r"\b(?:(?P<numword>" + "|".join(_NUMBER_WORDS) + r")|(?:a|an)\s\"?(?=\w))"
    r"(?:\s?(?P<scale>thousand|million|billion|trillion)\b)?"
)
_BARE_SCALE_RE = re.compile(r"(?<![\w.,])\"?(?P<scale>thousand|million|billion|trillion)\b")


@dataclass(frozen=True)
class QuoteNumber:
    """A number read from a quote.

    Attributes
    ----------
    text : str
        As written (normalised), e.g. ``$85 billion``.
    value : float
        Its value with scale words and percent applied (``85e9``, ``0.358``).
    scaled : bool
        Whether a scale word or suffix was written.
    percent : bool
        Whether it was written as a percentage.
    currency : str or None
        Currency written next to it, if any.
    """

    text: str
    value: float
    scaled: bool
    percent: bool
    currency: str | None

    def show(self) -> str:
        if self.scaled or self.percent:
            return f"{self.text} (= {self.value:.6g})"
        return self.text


def numbers_in(quote: str) -> list[QuoteNumber]:
    """Every number in a quote, with scale words, percentages and currencies read.

    Examples
    --------
    >>> [n.value for n in numbers_in("will reach $85 billion by 2026")]
    [85000000000.0, 2026.0]
    """
    text, _ = normalize(quote)
    found: list[tuple[int, QuoteNumber]] = []
    covered: list[tuple[int, int]] = []
    for m in _NUMBER_RE.finditer(text):
        value = float(m.group("num").replace(",", ""))
        scale_word = (m.group("word") or m.group("short") or "").strip()
        power = _SCALE_WORDS.get(scale_word, 0)
        pct = bool(m.group("pct"))
        value = value * 10.0**power
        if pct:
            value /= 100.0
        cur = m.group("cur1") or (m.group("cur2") or "").strip() or None
        found.append(
            (
                m.start(),
                QuoteNumber(
                    m.group(0).strip(),
                    value,
                    bool(power),
                    pct,
                    _CURRENCY_WORDS.get(cur) if cur else None,
                ),
            )
        )
        covered.append(m.span())
    for m in _WORD_RE.finditer(text):
        if m.group("numword") is None and m.group("scale") is None:
            continue  # "a" or "an" alone is not a number
        base = _NUMBER_WORDS.get(m.group("numword") or "", 1)
        power = _SCALE_WORDS.get(m.group("scale") or "", 0)
        found.append(
            (
                m.start(),
                QuoteNumber(m.group(0).strip(), base * 10.0**power, bool(power), False, None),
            )
        )
        covered.append(m.span())
    for m in _BARE_SCALE_RE.finditer(text):
        if any(a <= m.start("scale") < b for a, b in covered):
            continue
        power = _SCALE_WORDS[m.group("scale")]
        found.append((m.start(), QuoteNumber(m.group("scale"), 10.0**power, True, False, None)))
    found.sort(key=lambda t: t[0])
    return [q for _, q in found]


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-300)


def _matches(q: QuoteNumber, value: float, unit: Unit | None) -> bool:
    if unit is not None and q.currency and unit.currencies and q.currency not in unit.currencies:
        return False
    target = abs(value) * (unit.scale if unit is not None else 1.0)
    if _close(abs(q.value), target):
        return True
    # A bare number is read in the assumption's declared scale ("85" with unit "USD bn").
    return not q.scaled and not q.percent and _close(abs(q.value), abs(value))


def centre_numbers(family: str, params: dict[str, object]) -> tuple[float, ...]:
    """The numbers of a distribution that a quote must contain.

    The centre parameter where the family has one (normal/truncnormal/beta ``mean``, lognormal
    ``median`` or ``mean``, triangular/PERT ``mode``, bernoulli ``p``); otherwise any of the
    numbers written (interval ends, discrete values, ...).
    """
    centres = {
        "normal": ("mean",),
        "truncnormal": ("mean",),
        "beta": ("mean",),
        "lognormal": ("median", "mean"),
        "triangular": ("mode",),
        "pert": ("mode",),
        "bernoulli": ("p",),
    }
    for key in centres.get(family, ()):
        v = params.get(key)
        if isinstance(v, int | float):
            return (float(v),)
    out: list[float] = []
    for v in params.values():
        if isinstance(v, list | tuple):
            out.extend(float(x) for x in v if isinstance(x, int | float))
        elif isinstance(v, int | float):
            out.append(float(v))
    return tuple(out)


def _fmt(v: float) -> str:
    return f"{v:.10g}"


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
            where = f" in {seeds.folder}" if seeds.folder else ""
            raise locator.error(
                (*spath, "doc"),
                f"unknown seed file {doc!r}: no seed documents "
                f"found{where} (set seeds_dir: in the thesis file)",
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
    found = numbers_in(quote)
    if any(_matches(q, v, unit) for q in found for v in numbers):
        return
    unit_text = f" {unit}" if unit is not None and not unit.dimensionless else ""
    wanted = " or ".join(_fmt(v) + unit_text for v in numbers)
    listed = ", ".join(q.show() for q in found) if found else "no numbers"
    msg = f"the number {wanted} is not in the quote; the quote has {listed}"
    # Common slips: a percentage written as 35.8 instead of 0.358, or the wrong currency.
    for q in found:
        for v in numbers:
            if q.percent and _close(abs(q.value) * 100, abs(v)):
                msg += f"; '%' values are fractions: write {_fmt(v / 100)}"
                raise locator.error((*spath, "quote"), msg)
            if (
                unit is not None
                and q.currency
                and unit.currencies
                and q.currency not in unit.currencies
                and _close(abs(q.value), abs(v) * unit.scale)
            ):
                msg += f"; the quote's {q.text} is in {q.currency}, the unit is {unit}"
                raise locator.error((*spath, "quote"), msg)
    if unit is not None and unit.scale != 1:
        msg += f" (values in {unit} are multiplied by {unit.scale:g})"
    raise locator.error((*spath, "quote"), msg)
