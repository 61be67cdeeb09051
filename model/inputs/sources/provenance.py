"""Provenance checks: quotes must be in the seed documents, numbers must be in their quotes.

A thesis cites a seed document by file name and copies the article's words. The quote is
matched *verbatim* up to whitespace runs, typographic quote marks and apostrophes, dashes and
case, so it can be checked by anyone with the article. The number the assumption uses must
appear in the quote, read with its scale words ("$85 billion" is 85e9, "35.8%" is 0.358,
"180k" is 180000), so a mistyped value cannot hide behind a real quote (see
:mod:`model.inputs.sources.quotes`, whose names are re-exported here). The seed documents are
read by :class:`~model.inputs.sources.documents.SeedIndex`, re-exported here too.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from model.errors import excerpt
from model.inputs.schema import SourceSpec
from model.inputs.scope import MAX_DOCUMENT_BYTES, OutsideScope
from model.inputs.sources.centres import cash_named, decline_named, fall_named, subject_words
from model.inputs.sources.centres import named as subject_named
from model.inputs.sources.documents import INDEX_NAME, NotText, SeedIndex, closest_passage
from model.inputs.sources.quotes import (
    QuoteNumber,
    centre_numbers,
    matches,
    normalize,
    number_problem,
    numbers_in,
)
from model.inputs.sources.quotesense import NumberSense, absent_subjects, same_kind, senses
from model.inputs.units import Unit
from model.inputs.yamlsafe import FieldPath, Locator

__all__ = [
    "QuoteNumber",
    "SeedIndex",
    "Source",
    "SourceKind",
    "centre_numbers",
    "check_source",
    "normalize",
    "numbers_in",
]

#: Fewest words an estimate's rationale (or a quote) may have.
MIN_WORDS = 3
#: Longest quote: the sentence that states the number, not a page of the article.
MAX_QUOTE_CHARS = 1000


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


#: Chinese characters and Japanese kana: these languages write no spaces between words.
_CJK_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")


def _words(text: str) -> int:
    """Words in ``text``: its tokens between spaces that hold a letter or a digit (a dash or a
    row of dots says nothing), and for Chinese and Japanese, which have none, one for each two
    characters (most of their words are one to three long)."""
    count = 0
    for token in text.split():
        if not any(ch.isalnum() for ch in token):
            continue
        cjk = len(_CJK_CHAR.findall(token))
        count += max(1, -(-cjk // 2))
    return count


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
        for extra in ("quote", "number", "spread"):
            if getattr(spec, extra) is not None:
                raise locator.error((*spath, extra), f"'{extra}' only goes with doc: <seed file>")
        text = getattr(spec, kind)
        if _words(text) < MIN_WORDS:
            raise locator.error(
                (*spath, kind),
                f"an {kind} needs a rationale of at least a few words saying why "
                f"(got {excerpt(text)!r})"
                if kind == "estimate"
                else f"say in a few words what it is derived from (got {excerpt(text)!r})",
            )
        return Source(
            SourceKind.ESTIMATE if kind == "estimate" else SourceKind.DERIVED, rationale=text
        )
    return _check_doc(spec, spath, locator, seeds, rules)


#: Most other seed documents searched for a quote not found in the one cited.
MAX_DOCUMENTS_SEARCHED = 50
#: Most bytes of other seed documents not read yet that the search reads: a hint costs no more
#: than two of the largest documents (reading one takes seconds), however many the folder holds.
MAX_BYTES_SEARCHED = 2 * MAX_DOCUMENT_BYTES


def _quoted_elsewhere(seeds: SeedIndex, norm_quote: str, cited: str) -> str | None:
    """The first other seed document that holds the quote, if any (a source citing the wrong
    article of several is a slip the message can mend); documents that may not be read are
    passed over, and so are those beyond :data:`MAX_BYTES_SEARCHED`."""
    budget = MAX_BYTES_SEARCHED
    for name in seeds.readable_names()[:MAX_DOCUMENTS_SEARCHED]:
        if name == cited or seeds.folder is None:
            continue
        if not seeds.kept(name):
            try:
                size = (seeds.folder / name).stat().st_size
            except OSError:
                continue
            if size > budget:
                continue
            budget -= size
        try:
            loaded = seeds.load(name, keep=False)
        except (OutsideScope, NotText, OSError):
            continue
        if loaded is not None and norm_quote in loaded[1]:
            return name
    return None


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
    try:
        loaded = seeds.load(doc)
    except (OutsideScope, NotText) as exc:
        raise locator.error((*spath, "doc"), str(exc)) from None
    if loaded is None:
        names = seeds.readable_names()
        index = doc == INDEX_NAME  # it says who published each document: it is not one
        if not names and not index:
            folder = f" in {seeds.folder}" if seeds.folder else ""
            raise locator.error(
                (*spath, "doc"),
                f"unknown seed file {excerpt(doc)!r}: no seed documents "
                f"found{folder} (set seeds_dir: in the thesis file)",
            )
        close = difflib.get_close_matches(doc, names, n=1, cutoff=0.5)
        hint = f"did you mean {close[0]!r}? " if close else ""
        what = f"unknown seed file {excerpt(doc)!r}; {hint}"
        if index:
            what = f"{doc} is the index of the seed files, not a source: quote a document; "
        raise locator.error((*spath, "doc"), f"{what}available: " + (", ".join(names) or "none"))
    original, norm_doc, where = loaded
    quote = spec.quote
    if len(quote) > MAX_QUOTE_CHARS:
        raise locator.error(
            (*spath, "quote"),
            f"quote of {len(quote)} characters; the limit is {MAX_QUOTE_CHARS}: quote the "
            "sentence that states the number",
        )
    norm_quote, _ = normalize(quote)
    if _words(norm_quote) < MIN_WORDS:
        raise locator.error(
            (*spath, "quote"), f"quote at least a few words of the article (got {excerpt(quote)!r})"
        )
    if norm_quote not in norm_doc:
        passage = closest_passage(original, norm_doc, where, norm_quote)
        note = seeds.notes.get(doc, "")
        # A file in yet another encoding reads as nonsense: say so, and how to mend it.
        why = f" ({note}: if its text is in another encoding, save it as UTF-8)" if note else ""
        found = _quoted_elsewhere(seeds, norm_quote, doc)
        there = f"; the quote is in {found}: cite doc: {found}" if found else ""
        raise locator.error(
            (*spath, "quote"),
            f'quote not found in {doc}{why}{there}; the closest passage is: "{passage}"',
        )
    numbers = rules.numbers
    if spec.spread is not None and rules.spread == "allowed":
        numbers = None  # the spread text says the numbers are estimated
    if numbers:
        _check_numbers(numbers, rules.unit, quote, spec.number, spath, locator)
    elif spec.number is not None:
        raise locator.error(
            (*spath, "number"),
            "number: points at the quoted number this item uses; this item checks none (remove it)",
        )
    kind = SourceKind.SPREAD_ESTIMATED if spec.spread is not None else SourceKind.SOURCED
    return Source(kind, doc=doc, quote=quote, spread=spec.spread)


def _check_numbers(
    numbers: Sequence[float],
    unit: Unit | None,
    quote: str,
    hint: str | None,
    spath: FieldPath,
    locator: Locator,
) -> None:
    """The value is in the quote, with its sign and about its subject (see
    :mod:`model.inputs.sources.quotesense`)."""
    subject, label = _subject_text(spath[:-1], locator)
    found = numbers_in(quote)
    read = senses(quote, found)
    if hint is not None:
        picked = _hinted(hint, read)
        if not picked:
            listed = ", ".join(f"'{s.number.as_written}'" for s in read) or "no numbers"
            raise locator.error(
                (*spath, "number"),
                f"number: {excerpt(hint)!r} is not written in the quote; write one of its "
                f"numbers as it appears there: {listed}",
            )
        # An item's number is a value only when chosen: "Ranked #3" states a rank of 3.
        picked = [replace(s, number=replace(s.number, label=False)) for s in picked]
        fits = [s for s in picked if any(matches(s.number, v, unit) for v in numbers)]
        if not fits:
            why = number_problem(numbers, unit, picked[0].number.text) or "does not match"
            raise locator.error((*spath, "number"), f"number: {hint!r}: {why}")
        _check_sign(fits, numbers, unit, subject, spath, locator)
        return
    problem = number_problem(numbers, unit, quote)
    if problem is not None:
        raise locator.error((*spath, "quote"), problem)
    matched = [s for s in read if any(matches(s.number, v, unit) for v in numbers)]
    signed = _check_sign(matched, numbers, unit, subject, spath, locator)
    _check_subject(signed, read, unit, subject, spath, locator)
    _check_absent(signed, subject, label, quote, spath, locator)


def _check_absent(
    matched: Sequence[NumberSense],
    subject: str,
    label: str,
    quote: str,
    spath: FieldPath,
    locator: Locator,
) -> None:
    """A number about someone the item's label does not name, while the label names someone
    the quote never mentions: the number is about another company or market."""
    words = subject_words(subject)
    about = [s for s in matched if s.subject is None or subject_named(s.subject, words)]
    if about or not matched:
        return
    missing = absent_subjects(label, quote)
    if missing:
        s = matched[0]
        raise locator.error(
            (*spath, "quote"),
            f"the quote gives {s.number.as_written} for {s.subject}, but this item is about "
            f"{missing[0]}, not named in the quote; quote a sentence about "
            f"{missing[0]}",
        )


def _hinted(hint: str, read: Sequence[NumberSense]) -> list[NumberSense]:
    """The quote's numbers that the ``number:`` hint names (by their text, else by value)."""
    text = normalize(hint)[0].strip()
    picked = [s for s in read if s.number.text == text]
    if picked:
        return picked
    wanted = numbers_in(hint)
    if len(wanted) != 1:
        return []
    w = wanted[0]
    return [
        s
        for s in read
        if s.number.value == w.value and s.number.percent == w.percent and text in s.number.text
    ]


def _sign_ok(
    s: NumberSense, value: float, declined: bool, cash: bool = False, fall: bool = False
) -> bool:
    if value == 0:
        return True
    if s.negative:
        # An item named as a fall states its size: -120 for "costs fell by £120m" is a rise.
        return value > 0 if fall else (value < 0 or declined)
    if cash and s.debt:
        # Net debt of 9.5 is a net cash position of -9.5 (and +9.5 would turn debt into cash).
        return value < 0
    return value > 0


def _check_sign(
    matched: Sequence[NumberSense],
    numbers: Sequence[float],
    unit: Unit | None,
    subject: str,
    spath: FieldPath,
    locator: Locator,
) -> list[NumberSense]:
    declined, cash, fall = decline_named(subject), cash_named(subject), fall_named(subject)
    good = [
        s
        for s in matched
        if any(matches(s.number, v, unit) and _sign_ok(s, v, declined, cash, fall) for v in numbers)
    ]
    if good or not matched:
        return good
    s = matched[0]
    value = next(v for v in numbers if matches(s.number, v, unit))
    if s.negative:
        why = (
            "a minus sign"
            if s.why == "-"
            else ("accounting parentheses" if s.why == "( )" else f"'{s.why}' next to it")
        )
        message = (
            f"the quote gives {s.number.as_written} as a negative number ({why}) but the value is "
            f"{value:+.10g}: write {-value:.10g}, or name the item as a decline "
            "(e.g. '..._decline', or 'decline' in its label) to state the size of a fall"
            if not fall
            else f"the quote gives {s.number.as_written} as a fall ({why}) and the item is named "
            f"as a fall, so its value is the size of the fall: write {-value:.10g} (a value of "
            f"{value:.10g} says it rose)"
        )
    elif cash and s.debt:
        message = (
            f"the quote gives {s.number.as_written} as net debt, a net cash position of "
            f"{-abs(value):.10g}, but the value is {value:+.10g}: write {-abs(value):.10g}"
        )
    else:
        message = (
            f"the quote gives {s.number.as_written} as a positive number (no minus sign, no word "
            f"of decline next to it) but the value is {value:+.10g}"
        )
    raise locator.error((*spath, "quote"), message)


def _check_subject(
    matched: Sequence[NumberSense],
    read: Sequence[NumberSense],
    unit: Unit | None,
    subject: str,
    spath: FieldPath,
    locator: Locator,
) -> None:
    candidates = [s for s in read if same_kind(s.number, unit) or s in matched]
    subjects = {s.subject for s in candidates}
    if len(subjects) <= 1 or not matched:
        return  # one subject (or none named) for every number of this kind
    words = subject_words(subject)
    named = {o for o in subjects if o is not None and subject_named(o, words)}
    for s in matched:
        if s.subject in named and len(named) == 1:
            return  # the matching number is about the item, the other numbers are not
    s = matched[0]
    about = sorted(named - {s.subject})
    if about and s.subject not in named:
        raise locator.error(
            (*spath, "quote"),
            f"the quote gives {s.number.as_written} for {s.subject or 'another subject'}, but this "
            f"item is about {about[0]}; quote the sentence about {about[0]}, or add number: "
            '"<the number as written>" if that number is really meant',
        )
    listed = ", ".join(
        f"'{c.number.as_written}' ({c.subject or 'no subject named'})" for c in candidates
    )
    raise locator.error(
        (*spath, "quote"),
        f"the quote has numbers about different subjects ({listed}); say which one is "
        f'meant with number: "{s.number.as_written}" (the number as written in the quote)',
    )


_STRUCTURE = frozenset(
    {"assumptions", "scenarios", "overrides", "events", "thesis", "correlations", "weights"}
)


def _subject_text(path: FieldPath, locator: Locator) -> tuple[str, str]:
    """What an item is about, for the subject check: its key, label and correlated names (all
    lower-case words), and its label as written."""
    data = locator.doc_for(path).data
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            data = None
            break
    parts = [str(p) for p in path if isinstance(p, str) and p not in _STRUCTURE]
    label = ""
    if isinstance(data, dict):
        if isinstance(data.get("label"), str):
            label = data["label"]
        for key in ("label", "between"):
            value = data.get(key)
            if isinstance(value, str):
                parts.append(value)
            elif isinstance(value, list):
                parts.extend(str(v) for v in value)
    return " ".join(parts), label
