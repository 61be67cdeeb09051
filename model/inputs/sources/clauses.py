"""The item a clause of a quote reports: "Sales rose 5% while subscriptions rose 35%".

A quote often gives two items in one sentence, each in a clause of its own whose subject names
it: ``<subject> rose|grew|fell|reached ... <number>``. The subject check of
:mod:`~model.inputs.sources.quotesense` reads proper nouns only, so the 35% above supported
sales growth of 35%. :func:`clause_problem` refuses a number only when its own clause names
another item *and* another clause of the same sentence names the item the key or label does:
the sentence then says plainly which number is the item's. A number without such a clause
("Net income rose to $1.2 billion, or $2.10 per share"), an item named in passing ("Thanks to
strong sales, net income climbed to $1.2 billion") or a key that names the clause's head noun
in another form ("the operating margin rose to 14%" for ``margin_2025``) is never refused.

The head noun is the subject's last word in English and its first in French (``les
abonnements``, ``le chiffre d'affaires``); sales, revenue and turnover are one item, as are
profit, income and earnings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from model.inputs.sources.quotesense import NumberSense

__all__ = ["clause_head", "clause_problem"]

_ENGLISH_VERBS = (
    r"rose|grew|increased|climbed|jumped|gained|surged|soared|rebounded|expanded|improved|"
    r"fell|declined|dropped|decreased|slipped|slid|sank|shrank|contracted|slumped|plunged|"
    r"reached|totaled|totalled|hit|stood|came in|edged up|edged down|was|were"
)
_FRENCH_VERBS = (
    r"(?:a|ont) (?:augmenté|progressé|bondi|grimpé|reculé|baissé|diminué|chuté|atteint)|"
    r"(?:s'est|se sont) (?:établie?s?|élevée?s?|accrue?s?|replié(?:e|s|es)?)"
)
_FILLER = (
    r"(?:\s+(?:by|to|of|at|some|about|around|nearly|almost|roughly|approximately|an?|another|"
    r"a further|just|over|de|à|d'environ|environ|près de|quelque))*\s*$"
)
_ENGLISH = re.compile(
    r"(?P<subject>(?:[^\W\d_][\w'&-]*\s+){0,3}[^\W\d_][\w'&-]*)\s+(?:"
    + _ENGLISH_VERBS
    + r")"
    + _FILLER
)
_FRENCH = re.compile(
    r"(?P<subject>(?:[^\W\d_][\w'&-]*\s+){0,3}[^\W\d_][\w'&-]*)\s+(?:"
    + _FRENCH_VERBS
    + r")"
    + _FILLER
)
#: Where a clause begins: a sentence's or clause's punctuation, or a conjunction.
_CLAUSE_START = re.compile(
    r".*(?:[,;:()]|\.\s|\b(?:while|whereas|but|and|as|tandis que|alors que|et|mais)\b)",
    re.DOTALL,
)
_SENTENCE_END = re.compile(r"[.!?;]\s")
_DETERMINERS = frozenset(
    "the its their our his her this that a an le la les l' des du ses leurs son sa".split()
)
_SAME = {
    "revenue": "sales", "revenues": "sales", "turnover": "sales", "ventes": "sales",
    "profit": "income", "profits": "income", "earnings": "income",
}  # fmt: skip


def _stem(word: str) -> str:
    word = word.removesuffix("'s")
    word = _SAME.get(word, word)
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def clause_head(norm: str, start: int, after: int = 0) -> str | None:
    """The head noun of the clause that reports the number written at ``start`` of the
    normalised quote ``norm`` (its subject's last word, or first in French, as written), if the
    clause reads ``<subject> <verb> [by|to|of ...] <number>``; ``after``: where the clause may
    begin at the earliest (the end of the number before).

    Examples
    --------
    >>> text = "sales rose 5% while subscriptions rose 35%"
    >>> clause_head(text, text.index("35%"))
    'subscriptions'
    >>> text = "net income rose to $1.2 billion, or $2.10 per share"
    >>> clause_head(text, text.index("$2.10")) is None
    True
    """
    before = norm[after:start]
    if opened := _CLAUSE_START.match(before):
        before = before[opened.end() :]
    if m := _ENGLISH.search(before):
        words = [w for w in m.group("subject").split() if w not in _DETERMINERS]
        return words[-1] if words else None
    if m := _FRENCH.search(before):
        words = [w for w in re.split(r"\s+|(?<=l')|(?<=d')", m.group("subject")) if w]
        words = [w for w in words if w not in _DETERMINERS]
        return words[0] if words else None
    return None


def clause_problem(norm: str, matched: Sequence[NumberSense], read: Sequence[NumberSense],
                   words: set[str]) -> str | None:  # fmt: skip
    """Why the quote's numbers that match the value are each about another item than the one
    the key or label (lower-case ``words``) names, while another clause of their sentence
    reports that item; None when any of them may be the item's.

    Parameters
    ----------
    norm : str
        The normalised quote.
    matched : sequence of NumberSense
        The numbers that state the value, with the right sign.
    read : sequence of NumberSense
        Every number of the quote, in the order written.
    words : set of str
        The words of the item's key, label and correlated names.
    """
    named = {_stem(w) for w in words}
    ends = [0] + [q.number.end for q in (s for s in read)]
    heads = {
        id(s): clause_head(norm, s.number.start, ends[i]) if s.number.start >= 0 else None
        for i, s in enumerate(read)
    }
    for s in matched:
        head = heads.get(id(s))
        if head is None or _stem(head) in named:
            return None
    s = matched[0]
    head = heads.get(id(s))
    sentence = _sentence(norm, s.number.start)
    for other in read:
        other_head = heads.get(id(other))
        inside = sentence[0] <= other.number.start < sentence[1]
        if other is not s and inside and other_head is not None and _stem(other_head) in named:
            return (
                f"the quote gives {s.number.text} for {head}, but this item is about "
                f"{other_head} ({other.number.text} in the quote); quote the clause about "
                f'{other_head}, or add number: "{s.number.text}" if that number is really meant'
            )
    return None


def _sentence(norm: str, at: int) -> tuple[int, int]:
    """Where the sentence holding index ``at`` of ``norm`` begins and ends."""
    begin = 0
    for m in _SENTENCE_END.finditer(norm):
        if m.end() <= at:
            begin = m.end()
        else:
            return begin, m.start()
    return begin, len(norm)
