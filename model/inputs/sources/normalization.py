"""Text normalisation for quote matching: NFKC, typographic marks, case and whitespace.

Quotes are matched against the seed documents after :func:`normalize`, and their numbers read
from the normalised text, with :func:`no_break_spaces` saying where the article had typeset a
no-break space (which between digits groups thousands).
"""

from __future__ import annotations

import re
import unicodedata
from array import array

__all__ = ["no_break_spaces", "normalize", "open_parentheses", "visible"]

_CHAR_MAP = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u0060\u00b4", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
}


#: Characters a page does not show: the soft hyphen (a hyphenation point), zero-width spaces and
#: joiners, the byte-order mark. An analyst copies the text as displayed, without them.
_INVISIBLE = frozenset("\u00ad\u200b\u2060\ufeff")

_DROP_INVISIBLE = dict.fromkeys(map(ord, _INVISIBLE))


def visible(text: str) -> str:
    """``text`` without the characters a page does not show, as an analyst reads it: a soft
    hyphen some terminals draw as a hyphen, shown in a passage, would be copied as one."""
    return text.translate(_DROP_INVISIBLE)


_ASCII_MAP = {ord(k): v for k, v in _CHAR_MAP.items() if k.isascii()}
_MAP_TABLE = {ord(k): v for k, v in _CHAR_MAP.items()}
_TOKEN = re.compile(r"\S+")


def normalize(text: str) -> tuple[str, array[int]]:
    """Normalise text for quote matching.

    Applies Unicode NFKC, maps typographic quotes, apostrophes and dashes to ASCII, folds case,
    drops characters a page does not show (soft hyphens, zero-width spaces) and collapses
    whitespace runs to one space.

    Parameters
    ----------
    text : str

    Returns
    -------
    (str, array of int)
        The normalised text, and for each of its characters the index of the original character
        it came from (to show the analyst the article's own text); a compact array, since
        documents run to millions of characters.
    """
    out: list[str] = []
    where = array("q")
    for m in _TOKEN.finditer(text):
        token, start = m.group(), m.start()
        folded = _one_for_one(token)
        if folded is not None:
            chars, index = [folded], range(start, start + len(token))
        else:
            parts, idx = [], []
            for i, ch in enumerate(token, start):
                if ch in _INVISIBLE:
                    continue
                for c in unicodedata.normalize("NFKC", ch):
                    c = _CHAR_MAP.get(c, c)
                    if c.isspace():
                        # NFKC can make a space (e.g. of a no-break space): a word break.
                        parts.append(" ")
                        idx.append(i)
                        continue
                    for f in c.casefold():
                        parts.append(f)
                        idx.append(i)
            chars, index = parts, idx  # type: ignore[assignment]
        if not any(chars):
            continue  # a token of invisible characters only
        if out:
            out.append(" ")
            where.append(start)
        out.extend(chars)
        where.extend(index)
    joined = "".join(out)
    if "  " in joined or joined != joined.strip():
        return _collapse(joined, where)
    return joined, where


def _one_for_one(token: str) -> str | None:
    """``token`` normalised when each character gives exactly one (most of any article)."""
    if token.isascii():
        # ASCII needs no NFKC and its case folding is lower().
        return token.lower().translate(_ASCII_MAP)
    if not _INVISIBLE.isdisjoint(token):
        return None  # dropped characters: not one for one
    # A token already in NFKC form is unchanged by it character by character too; case
    # folding has no context, so equal lengths mean one character out for each one in.
    if unicodedata.is_normalized("NFKC", token):
        folded = token.translate(_MAP_TABLE).casefold()
        if len(folded) == len(token):
            return folded
    return None


def _collapse(text: str, where: array[int]) -> tuple[str, array[int]]:
    """Collapse runs of spaces made by NFKC inside a token (rare), keeping the index map."""
    out: list[str] = []
    idx = array("q")
    for ch, i in zip(text, where, strict=True):
        if ch == " " and (not out or out[-1] == " "):
            continue
        out.append(ch)
        idx.append(i)
    while out and out[-1] == " ":
        out.pop()
        idx.pop()
    return "".join(out), idx


#: No-break, narrow no-break and thin spaces: typesetters' thousands separators ("1 250").
_NO_BREAK = ("\u00a0", "\u202f", "\u2009")


def no_break_spaces(original: str, text: str, where: array[int]) -> frozenset[int]:
    """Where the spaces of normalised ``text`` were written as no-break spaces.

    Parameters
    ----------
    original : str
        The text as written.
    text, where : str, array of int
        What :func:`normalize` made of it.

    Returns
    -------
    frozenset of int
        Indices into ``text`` of each space that stands for one no-break space of the original.
    """
    return frozenset(
        i
        for i in range(1, len(text) - 1)
        if text[i] == " " and original[where[i - 1] + 1 : where[i + 1]] in _NO_BREAK
    )


#: A bare number in parentheses, not part of a word or a name ("(241)", not "Q(3)"), nor next
#: to other digits: opened, "(1) 930 million" or "12 (345)" would join into one number.
_PARENTHESISED = re.compile(r"(?<![^\W_])(?<!\d[ .,])\((\d[\d.,]*)\)(?![ .,]?\d)")


def open_parentheses(text: str) -> tuple[str, list[int]] | None:
    """Normalised ``text`` without the parentheses around each bare number, so that a currency
    or scale written outside them is read with it: accounts write ``$(241) million`` for minus
    $241 million, the amount of ``$241 million``. The sign is read from ``text`` itself (see
    :mod:`~model.inputs.sources.quotesense`).

    Returns
    -------
    (str, list of int) or None
        The text read, and for each of its characters its index in ``text``; None when ``text``
        has no such parentheses.
    """
    drop = {i for m in _PARENTHESISED.finditer(text) for i in (m.start(), m.end() - 1)}
    if not drop:
        return None
    keep = [i for i in range(len(text)) if i not in drop]
    return "".join(text[i] for i in keep), keep
