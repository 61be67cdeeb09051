"""Scorecard claims that compare money with a number written in another scale (``book[2030] > 6``
meaning 6 bn where the model counts in millions; ``dividends_per_share[2028] > 9`` meaning 9p
where the unit is pounds).

A bare number in a claim is read in the unit of the side it is compared with: a model line in the
model's unit (``GBP m``), an assumption in its own; so it is for any amount a scale word
scales (``shares bn``, ``kt``), and a price per unit of a quantity (``USD/t``, 10 meaning
10,000). A claim whose number is off from that side's central value by a
power of 1000 (a scale word slipped), or by 100 for a per-share amount in a
currency with hundredths (pence written as pounds), while a step of that size brings it within
:data:`NEAR` of the central value, can hardly hold or fail for the reason meant: it is warned about
at its statement. A number far out on purpose (ten times the central value, a tail claim) is no
power of 1000 away and is left alone.

A claim that scales a fraction to a percentage and compares it with a fraction
(``roe[2028] * 100 > 0.12``) is warned about in the same way (:func:`percent_scaled_claims`).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import numpy as np

from model.errors import ThesisModelError
from model.inputs.currencies import WHOLE_UNIT_CURRENCIES
from model.inputs.expressions.exprcheck import unparse
from model.inputs.expressions.exprtree import Compare, Num, Unary
from model.inputs.figures import format_number
from model.inputs.plausibility import FractionWarning
from model.inputs.units import Unit, UnitError, parse_unit

__all__ = ["NEAR", "percent_scaled_claims", "scale_slip_claims"]

#: A number that a scale step brings within this factor of the central value was meant in that
#: scale; the steps themselves are 100-fold or more, so a number this close is never flagged.
NEAR = 3.0
#: The scale steps tried for an amount: a scale word (k, m, bn, tn) up or down, once or twice.
_STEPS = (1e3, 1e6, 1e-3, 1e-6)
#: A comparison read from its other side (``0.12 < x`` is ``x > 0.12``).
_MIRRORED = {"<": ">", "<=": ">=", ">": "<", ">=": "<="}
#: What a currency's hundredth is called, where it has a name of its own.
_HUNDREDTH_WORDS = {"GBP": "pence"}


def scale_slip_claims(
    thesis: Any,
    output_units: Mapping[str, str],
    central: Callable[[], Mapping[str, Any]],
    claims: Iterable[Any] | None = None,
) -> list[FractionWarning]:
    """Claims comparing an amount (of money, shares, tonnes) or a per-share amount with a number
    written in another scale.

    Parameters
    ----------
    thesis : Thesis
    output_units : mapping
        The model's outputs and their units (assumptions' units come from the thesis).
    central : callable
        Returns the model's central path, output by output; called only when a claim compares
        money with a number.
    claims : iterable, optional
        The claims to check, each with its compiled ``expression`` and its field ``path``;
        default: the thesis' scorecard.

    Returns
    -------
    list of FractionWarning
        At each such claim's ``statement``.
    """
    out: list[FractionWarning] = []
    found = list(_money_comparisons(thesis, claims))
    for (item, _, number), text, centre, unit in _centred(found, 1, thesis, output_units, central):
        if not (_scaled(unit) or _per_share(unit) or _per_unit(unit)):
            continue
        message = _slip(text, number, centre, unit)
        if message:
            out.append(FractionWarning((*tuple(item.path), "statement"), message))
    return out


def _money_comparisons(
    thesis: Any, claims: Iterable[Any] | None
) -> Iterator[tuple[Any, Any, float]]:
    """Each claim's side compared with a bare number, with the number: (item, side, number);
    the claims are the thesis' scorecard unless given."""
    items = (getattr(thesis, "scorecard", None) or {}).values() if claims is None else claims
    for item in items:
        tree = getattr(item.expression, "_tree", None)
        for node in _nodes(tree):
            if not isinstance(node, Compare):
                continue
            for a, b in zip(node.operands, node.operands[1:], strict=False):
                for side, other in ((a, b), (b, a)):
                    value = _number(other)
                    if value is not None and value != 0.0 and _number(side) is None:
                        yield item, side, value


def _centred(
    found: list[tuple[Any, ...]],
    at: int,
    thesis: Any,
    output_units: Mapping[str, str],
    central: Callable[[], Mapping[str, Any]],
) -> Iterator[tuple[tuple[Any, ...], str, float, Unit]]:
    """Each comparison found, with the text of its side at index ``at`` and that side's
    central value and unit; the central path is computed only when something was found, and
    a side without one central value (no year chosen, refused elsewhere) is skipped."""
    if not found:
        return
    known = central_values(thesis, output_units, central)
    if known is None:
        return
    for entry in found:
        text = unparse(entry[at])
        got = _central_of(text, known)
        if got is not None:
            yield entry, text, *got


def _central_of(
    text: str, known: tuple[Mapping[str, Any], Mapping[str, str], tuple[int, ...]]
) -> tuple[float, Unit] | None:
    """The one central value of the expression ``text`` and its unit, from what
    :func:`central_values` gives; None when it has no single finite value (a name unknown or
    without a central value, no year chosen) or fails to evaluate."""
    from model.inputs.expressions.expr import compile_expression

    values, units, years = known
    try:
        sub = compile_expression(text)
        if not all(n in values and n in units for n in sub.names):
            return None
        parsed = {n: parse_unit(str(units[n])) for n in sub.names}
        unit = sub.unit(parsed)
        arrays = {n: np.asarray(values[n], dtype=float)[None, ...] for n in sub.names}
        with np.errstate(all="ignore"):
            got = np.asarray(sub.evaluate(arrays, years=years, units=parsed), dtype=float)
    except (ThesisModelError, UnitError, ValueError, KeyError, TypeError):
        return None
    got = got[np.isfinite(got)]
    return (float(got[0]), unit) if got.size == 1 else None


def _slip(text: str, number: float, centre: float, unit: Unit) -> str | None:
    """The warning for ``number`` compared with ``text`` (``centre`` on the central path, in
    ``unit``), or None when no scale step explains the distance between them."""
    if centre == 0.0 or not math.isfinite(centre) or (number > 0) != (centre > 0):
        return None
    ratio = abs(centre / number)
    if 1.0 / NEAR <= ratio <= NEAR:
        return None
    # An amount (of money, shares, tonnes) slips by a scale word; a per-share amount by its
    # currency's hundredth (pence written as pounds), which a currency without hundredths (the
    # yen) has not.
    steps = [(s, "") for s in _STEPS] if _scaled(unit) else []
    if _per_unit(unit):  # a price per tonne, barrel or unit: 10 meaning 10 thousand
        steps = list(zip(_STEPS, ("thousand", "million", "thousandth", "millionth"), strict=True))
    cur = unit.currencies[0] if _per_share(unit) else None
    if cur is not None and cur not in WHOLE_UNIT_CURRENCIES:
        steps.append((1e-2, _HUNDREDTH_WORDS.get(cur, f"hundredths of a {cur}")))
    for step, coin in steps:
        if not 1.0 / NEAR <= ratio / step <= NEAR:
            continue
        meant = number * step
        scaled = Unit(unit.dims, unit.power + round(math.log10(step)))
        written = f"{format_number(number, 4)} {coin or scaled}"
        if coin and _per_unit(unit):
            written = f"{format_number(number, 4)} {coin} {unit}"
        return (
            f"reads {format_number(number, 4)} in {unit}; {text} is "
            f"{format_number(centre, 4)} {unit} on the central path, {_times(centre / number)} "
            f"the number: did you mean {format_number(meant, 4)} ({written})? A bare number "
            f"in a claim is read in the unit of what it is compared with"
        )
    return None


def _times(ratio: float) -> str:
    """``ratio`` as "883 times" or "1/1,000 of"."""
    ratio = abs(ratio)
    if ratio >= 1.0:
        return f"{format_number(ratio, 3)} times"
    return f"1/{format_number(1.0 / ratio, 3)} of"


def _scaled(unit: Unit) -> bool:
    """True for an amount of one thing a scale word scales (``GBP m``, ``shares bn``, ``kt``)."""
    return len(unit.dims) == 1 and unit.dims[0][1] == 1


def _per_share(unit: Unit) -> bool:
    """True for an amount of one currency per share (``GBP/share``)."""
    dims, cur = dict(unit.dims), _currency(unit)
    return cur is not None and len(dims) == 2 and dims.get("share") == -1 and dims[cur] == 1


def _per_unit(unit: Unit) -> bool:
    """True for a price of one currency per unit of a physical quantity (``USD/t``,
    ``USD/bbl``), which a slip writes in thousands (10 for 10,000 USD/t)."""
    dims, cur = dict(unit.dims), _currency(unit)
    if cur is None or len(dims) != 2 or dims[cur] != 1 or "share" in dims:
        return False
    return all(e == -1 for d, e in dims.items() if d != cur)


def _currency(unit: Unit) -> str | None:
    """The unit's one currency, or None."""
    return unit.currencies[0] if len(unit.currencies) == 1 else None


def _number(node: Any) -> float | None:
    """The value of a number, possibly in a sign, else None."""
    sign = 1.0
    while isinstance(node, Unary) and node.op in "+-":
        sign, node = (-sign if node.op == "-" else sign), node.operand
    ok = isinstance(node, Num) and not isinstance(node.value, bool)
    return sign * float(node.value) if ok else None


def _nodes(node: Any) -> Iterator[Any]:
    """``node`` and every node under it."""
    yield node
    for value in getattr(node, "__dict__", {}).values():
        for child in value if isinstance(value, tuple) else (value,):
            if hasattr(child, "__dataclass_fields__"):
                yield from _nodes(child)


def central_values(
    thesis: Any, output_units: Mapping[str, str], central: Callable[[], Mapping[str, Any]]
) -> tuple[dict[str, Any], dict[str, str], tuple[int, ...]] | None:
    """What a claim's side is evaluated with: every name's central value (the assumptions',
    then the model's central path), every name's unit and the model years; None when the model
    cannot be valued (a run says why; the claim checks are only warnings)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the thesis' own warnings are given elsewhere
            values = {**_assumption_values(thesis), **dict(central())}
    except Exception:
        return None
    units = {**_assumption_units(thesis), **output_units}
    return values, units, tuple(getattr(thesis, "years", ()) or ())


def _assumption_values(thesis: Any) -> dict[str, float]:
    """The assumptions' central values in their declared units (none when they have none)."""
    try:
        return dict(thesis.central_values())
    except (ThesisModelError, AttributeError, ValueError):
        return {}


def _assumption_units(thesis: Any) -> dict[str, str]:
    """The assumptions' declared units."""
    assumptions = getattr(thesis, "assumptions", None) or {}
    units = {n: getattr(a, "unit", None) for n, a in assumptions.items()}
    return {n: str(u) for n, u in units.items() if u}


def percent_scaled_claims(
    thesis: Any,
    output_units: Mapping[str, str],
    central: Callable[[], Mapping[str, Any]],
    claims: Iterable[Any] | None = None,
) -> list[FractionWarning]:
    """Claims that scale a fraction to a percentage and compare it with a fraction
    (``roe[2028] * 100 > 0.12``): the claim holds (or fails) on every path without a word.

    A side that multiplies a fraction (a ``%`` or ``share`` value, or a pure ratio) by 100, or
    divides it by 0.01, compared with a number below 1 that lies within :data:`NEAR` of the
    fraction's own central value, meant the fraction, not the percentage. A percentage
    compared with a percentage (``roe * 100 > 12``), or with a small number far from the
    fraction (``roe * 100 > 0.5`` on a central ROE of 0.4%), is left alone.

    Parameters
    ----------
    thesis : Thesis
    output_units : mapping
        The model's outputs and their units (assumptions' units come from the thesis).
    central : callable
        Returns the model's central path, output by output; called only when a claim scales
        something by 100.
    claims : iterable, optional
        The claims to check, each with its compiled ``expression`` and its field ``path``;
        default: the thesis' scorecard.

    Returns
    -------
    list of FractionWarning
        At each such claim's ``statement``.
    """
    from model.inputs.units import Flavor

    out: list[FractionWarning] = []
    found = list(_percent_comparisons(thesis, claims))
    for (item, side, op, _, number), text, centre, unit in _centred(
        found, 3, thesis, output_units, central
    ):
        ratio_like = not unit.dims and unit.flavor in (Flavor.PLAIN, Flavor.NONE)
        if not (unit.is_fraction or ratio_like) or centre == 0.0 or (centre > 0) != (number > 0):
            continue
        if not 1.0 / NEAR <= abs(centre / number) <= NEAR:
            continue  # the number is no fraction like the one scaled: a percentage on purpose
        out.append(
            FractionWarning(
                (*tuple(item.path), "statement"),
                f"compares {unparse(side)}, a percentage ({format_number(centre * 100, 4)} on "
                f"the central path), with {format_number(number, 4)}, a fraction "
                f"like {text} itself ({format_number(centre, 4)}): the claim can hardly hold "
                f"or fail as meant; compare the fraction with the fraction ({text} {op} "
                f"{format_number(number, 4)}) or the percentage with the percentage "
                f"({unparse(side)} {op} {format_number(number * 100, 4)})",
            )
        )
    return out


def _percent_comparisons(
    thesis: Any, claims: Iterable[Any] | None
) -> Iterator[tuple[Any, Any, str, Any, float]]:
    """Each claim's side that scales something by 100 (``x * 100``, ``100 * x``,
    ``x / 0.01``) compared with a bare number below 1 (not 0): (item, side, the comparison
    read from the side, x, number)."""
    items = (getattr(thesis, "scorecard", None) or {}).values() if claims is None else claims
    for item in items:
        for node in _nodes(getattr(item.expression, "_tree", None)):
            if not isinstance(node, Compare):
                continue
            pairs = zip(node.operands, node.ops, node.operands[1:], strict=False)
            for a, op, b in pairs:
                for side, how, other in ((a, op, b), (b, _MIRRORED.get(op, op), a)):
                    number = _number(other)
                    scaled = _times_hundred(side)
                    if number is not None and 0.0 < abs(number) < 1.0 and scaled is not None:
                        yield item, side, how, scaled, number


def _times_hundred(node: Any) -> Any | None:
    """What ``node`` scales to a percentage (``x`` of ``x * 100``, ``100 * x`` or
    ``x / 0.01``), else None."""
    from model.inputs.expressions.exprtree import Bin

    if not isinstance(node, Bin):
        return None
    if node.op == "*":
        for x, k in ((node.left, node.right), (node.right, node.left)):
            if _number(k) == 100.0 and _number(x) is None:
                return x
    if node.op == "/" and _number(node.right) == 0.01 and _number(node.left) is None:
        return node.left
    return None
