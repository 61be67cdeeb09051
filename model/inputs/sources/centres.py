"""What a thesis item asks of its quote: the numbers of a distribution that the quote must
state, and what the item's key and label say of the number's sign and subject (an item named
as a decline or as net cash, and the words that name its subject)."""

from __future__ import annotations

import re

__all__ = [
    "cash_named",
    "centre_numbers",
    "decline_named",
    "fall_named",
    "named",
    "subject_words",
]

_DECLINE_NAME = re.compile(
    r"(?:^|[^a-z])(?:declines?|loss(?:es)?|drops?|falls?|cuts?|decreases?|reductions?|"
    r"shrink(?:age)?|contraction|write_?downs?|impairments?|outflows?|discounts?|haircuts?|"
    r"deficits?|down)(?:$|[^a-z])"
)
#: The words among them that name a fall itself, whose size the item states: a loss, a charge
#: or an outflow may be written as a negative amount too (an "impairment" line of -50), a fall
#: may not ("costs_decline: -120" says costs rose).
_FALL_NAME = re.compile(
    r"(?:^|[^a-z])(?:declines?|drops?|falls?|cuts?|decreases?|reductions?|shrink(?:age)?|"
    r"contraction)(?:$|[^a-z])"
)
_CASH_NAME = re.compile(r"(?:^|[^a-z])net[_ ]cash(?:$|[^a-z])")


def centre_numbers(family: str, params: dict[str, object]) -> tuple[float, ...]:
    """The numbers of a distribution that a quote must contain.

    Parameters
    ----------
    family : str
        Distribution family.
    params : dict
        Its parameters as written.

    Returns
    -------
    tuple of float
        The centre parameter where the family has one (normal/truncnormal/beta ``mean``,
        lognormal ``median`` or ``mean``, triangular/PERT ``mode``, bernoulli ``p``); otherwise
        every number written (interval ends, discrete values, ...), any of which will do.
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


def cash_named(subject_text: str) -> bool:
    """Whether an item's key or label names it as net cash (``net_cash_2026``, "Net cash")."""
    return bool(_CASH_NAME.search(subject_text.lower()))


def decline_named(subject_text: str) -> bool:
    """Whether an item's key or label names it as a decline (``revenue_decline``, "loss")."""
    return bool(_DECLINE_NAME.search(subject_text.lower()))


def fall_named(subject_text: str) -> bool:
    """Whether an item's key or label names it as a fall (``costs_decline``, "Cut in costs"),
    whose value is the size of the fall: positive for a fall."""
    return bool(_FALL_NAME.search(subject_text.lower()))


def subject_words(text: str) -> set[str]:
    """Lower-case words of an item's key and label, for comparing with quote subjects, each in
    its plural and singular too: "ADS" names the "ADSs", as "share" the "shares" and
    "Alibaba" the "Alibabas"."""
    words = {w for w in re.split(r"[^a-z0-9]+", text.lower()) if w}
    plural = {w + ending for w in words if w[-1].isalpha() for ending in ("s", "es")}
    return words | plural | {w[:-1] for w in words if w.endswith("s") and len(w) > 2}


def named(subject: str, words: set[str]) -> bool:
    """Whether a quote's ``subject`` (``Alibaba Cloud``) is named by an item's ``words``
    (:func:`subject_words`): its first word is one of them."""
    # Initials written with full stops are one word: "U.S." is the "us" of a key "us_growth".
    text = re.sub(r"\b([a-z])\.(?=[a-z]\b)", r"\1", subject.lower())
    first = re.split(r"[^a-z0-9]+", text)
    return bool(first) and first[0] in words
