"""Warnings at a share issue (a raise of new shares) written with a slip the model reads silently.

A thesis writes a raise with its own words: an assumption of new shares added to the count
(``new_shares``, in a share unit), an event that adds shares to the count the model reads, and
an assumption of the price the new shares are sold at. Two slips there give a wrong value
without a word:

- A negative count of new shares (``-20`` for 20 m new shares) takes shares away where the raise
  adds them, and the value per share rises with the raise. An assumption in a share unit below
  zero on the central path, or an event on a share count that adds a negative number (or
  multiplies by less than 1), is warned at its number when its own words speak of an issue
  (issue, raise, placing, offering, rights, new shares) and not of a cancellation or a buyback,
  which take shares away on purpose.
- An issue price far from the thesis' share price: raises are priced near the market, a
  discount of a few tens of percent, rescue issues at a tenth of the price at the deepest, and
  none at many times it; a price 20 times the share price or more, or a twentieth of it or
  less, is a slip (a price written in cents, 3500 for 35.00; the raise's total amount written
  as a price). A per-share amount in the price's currency whose words speak of an issue and a
  price is warned at its value.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["warn_share_issues"]

#: Words of a share issue, in a name (underscores read as spaces), a label or a rationale.
_ISSUE_WORDS = re.compile(
    r"\b(?:issues?|issued|issuance|issuing|raises?|raised|raising|placings?|placements?|"
    r"offerings?|rights|capital increase|new shares|follow-on)\b",
    re.IGNORECASE,
)
#: Words of shares taken away on purpose: such a count is below zero by design.
_RETIRE_WORDS = re.compile(
    r"\b(?:cancel\w*|buy ?-?backs?|repurchas\w*|retir\w*|consolidat\w*|reverse split|"
    r"redeem\w*|redemption)\b",
    re.IGNORECASE,
)
_PRICE_WORDS = re.compile(r"\bpric(?:e|es|ed|ing)\b", re.IGNORECASE)
#: An issue price this many times the share price, or this fraction of it, is no raise: a deep
#: rescue issue sells at about a tenth of the price, and none sells far above it.
ISSUE_PRICE_GAP = 20.0


def _words(name: str, *texts: Any) -> str:
    """A name (underscores read as spaces) and the texts given, as one text to search."""
    return " ".join([name.replace("_", " "), *(str(t) for t in texts if t)])


def _speaks_of_issue(words: str) -> bool:
    return bool(_ISSUE_WORDS.search(words)) and not _RETIRE_WORDS.search(words)


def _is_count(unit: Any) -> bool:
    """True for a number of shares at any scale (``shares m``)."""
    return tuple(getattr(unit, "dims", ())) == (("share", 1),)


def warn_share_issues(thesis: Any) -> None:
    """Warn at a share issue of a negative count, and at an issue price far from the thesis'
    share price (see the module notes).

    Parameters
    ----------
    thesis : Thesis
        One scenario applied: its assumptions, events and price.
    """
    from model.inputs.plausibility import _central_values, _value_field

    central = _central_values(thesis)
    if central is None:
        return
    assumptions = getattr(thesis, "assumptions", None) or {}
    for name, a in assumptions.items():
        source = getattr(a, "source", None)
        words = _words(name, getattr(a, "label", None), getattr(source, "rationale", None))
        value = float(central.get(name, float("nan")))
        if not _speaks_of_issue(words):
            continue
        if _is_count(getattr(a, "unit", None)) and value < 0.0:
            _warn(
                thesis,
                _value_field(name, a),
                f"'{name}' is {value:,.6g} {a.unit}, a share issue of a negative count: the "
                "raise would take shares away and lift the value per share; new shares are a "
                f"count above zero (write {-value:,.6g}), and shares cancelled or bought back "
                "are said so in its words",
            )
        elif _PRICE_WORDS.search(words):
            _warn_price(thesis, name, a, value)
    _warn_events(thesis, central)


def _warn_price(thesis: Any, name: str, a: Any, value: float) -> None:
    """Warn at an issue price in the price's currency ``ISSUE_PRICE_GAP`` times the thesis'
    share price or more, or that fraction of it or less."""
    from model.inputs.expressions.claimscale import _times
    from model.inputs.figures import format_number
    from model.inputs.plausibility import _value_field

    info = getattr(thesis, "price_info", None)
    unit, price_unit = getattr(a, "unit", None), getattr(info, "unit", None)
    if unit is None or price_unit is None or unit.dims != price_unit.dims:
        return  # no per-share amount in the price's currency: nothing to compare it with
    price = float(getattr(info, "value", float("nan")))
    issue = value * 10.0 ** (unit.power - price_unit.power)
    if not (price > 0.0 and issue > 0.0):
        return
    times = issue / price
    if 1.0 / ISSUE_PRICE_GAP < times < ISSUE_PRICE_GAP:
        return
    _warn(
        thesis,
        _value_field(name, a),
        f"'{name}' prices new shares at {format_number(value, 4)} {unit}, {_times(times)} "
        f"the share price of {format_number(price, 4)} {price_unit}: raises are priced near "
        "the market (a rescue issue at a tenth of it at the deepest), so this reads as a slip "
        "(a price written in cents, or the raise's total amount written as its price); an "
        "issue price is money per new share, in the unit of the thesis price",
    )


def _warn_events(thesis: Any, central: dict[str, float]) -> None:
    """Warn at an event's effect that takes shares from a share count when the event's words
    speak of an issue: ``op: add`` with a negative ``by``, ``op: multiply`` by less than 1."""
    assumptions = getattr(thesis, "assumptions", None) or {}
    for ev in (getattr(thesis, "events", None) or {}).values():
        source = getattr(ev, "source", None)
        words = _words(ev.name, getattr(ev, "label", None), getattr(source, "rationale", None))
        if not _speaks_of_issue(words):
            continue
        for i, eff in enumerate(ev.effects):
            target = assumptions.get(eff.target)
            if target is None or not _is_count(getattr(target, "unit", None)):
                continue
            by = eff.by if isinstance(eff.by, int | float) else central.get(str(eff.by))
            if by is None or isinstance(by, bool):
                continue
            op = str(getattr(eff.op, "value", eff.op))
            if op == "add" and by < 0.0:
                fix = f"a count above zero (by: {-float(by):g})"
            elif op == "multiply" and 0.0 < by < 1.0:
                fix = f"a factor above 1 (by: {1.0 + (1.0 - float(by)):g} for as many new shares)"
            else:
                continue
            _warn(
                thesis,
                (*ev.path, "effects", i, "by"),
                f"event '{ev.name}' is a share issue by its words, but its effect on the share "
                f"count '{eff.target}' ({op} {float(by):g}) takes shares away and lifts the "
                f"value per share; new shares are {fix}, and shares cancelled or bought back "
                "are said so in the event's words",
            )


def _warn(thesis: Any, path: tuple[str | int, ...], message: str) -> None:
    from model.errors import ThesisModelWarning, warn
    from model.inputs.locations import dotted

    warn(f"{thesis.where(path)}{dotted(path)}: {message}", ThesisModelWarning)
