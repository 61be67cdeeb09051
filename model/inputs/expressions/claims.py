"""Scorecard claims that compare a fraction with a whole percentage (``share[2030] > 30``).

Kept with the expressions, whose trees it reads; the limits are those of
:mod:`model.inputs.plausibility`. A side of a comparison that is not one name is a fraction by
its unit when it keeps its fractions' (``margin[2029] - margin[2027]``), or, a ratio of amounts
or assumptions (``profit[2029] / sales_2025``), when its value on the central path stays within
[0, 1] in every year, a part of a whole: a ratio that is legitimately large (price over
earnings) is not, nor one below zero (a net debt, i.e. net cash below zero, over profit: a
leverage at -0.5 compared with a covenant of 6 times is no percentage), nor a multiple, a
balance over a flow (:mod:`model.inputs.expressions.claimkinds`). A name of a pure number with
no declared meaning (unit ``1``: a model line dividing amounts) is checked as its ratio written
out. A side in a minus sign is its operand compared with the number's opposite.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from model.errors import ThesisModelError
from model.inputs.expressions.claimkinds import is_multiple, is_share_of_total
from model.inputs.expressions.claimscale import (
    _nodes,
    _number,
    central_values,
    percent_scaled_claims,
    scale_slip_claims,
)
from model.inputs.expressions.exprcheck import const_value, unparse
from model.inputs.expressions.exprtree import Bin, Compare, Name, Unary, Year
from model.inputs.figures import format_fixed
from model.inputs.plausibility import ANY_LIMIT, FractionWarning, limit_of
from model.inputs.units import Flavor, UnitError, parse_unit

__all__ = ["statement_warnings", "whole_percentage_claims"]


def whole_percentage_claims(
    thesis: Any,
    output_units: Mapping[str, str],
    central: Callable[[], Mapping[str, Any]] | None = None,
    claims: Iterable[Any] | None = None,
) -> list[FractionWarning]:
    """Scorecard claims that compare a fraction with a whole percentage (``share[2030] > 30``
    meaning 30 %): a claim that can never (or always) hold, reported as a probability of 0
    (or 1) without a word. By the limits of an assumption's own whole percentages, at the
    statement. With the central path, also those comparing money with a number written in
    another scale (:func:`~model.inputs.expressions.claimscale.scale_slip_claims`).

    Parameters
    ----------
    thesis : Thesis
    output_units : mapping
        The model's outputs and their units (assumptions' units come from the thesis).
    central : callable, optional
        Returns the model's central path, output by output; called (once) only when a claim
        compares an expression of several names with a number beyond any fraction's limit,
        to learn whether the expression's values are fractions, or money with a number.
    claims : iterable, optional
        The claims to check, each with its compiled ``expression`` and its field ``path``;
        default: the thesis' scorecard.
    """

    out: list[FractionWarning] = []
    found: list[tuple[Any, Any, float, str]] = []
    items = list((getattr(thesis, "scorecard", None) or {}).values() if claims is None else claims)
    # A result made by hand may carry a stand-in for its thesis, without assumptions.
    assumptions = getattr(thesis, "assumptions", None) or {}
    for item in items:
        tree = getattr(item.expression, "_tree", None)
        for node in _nodes(tree):
            if not isinstance(node, Compare):
                continue
            sides = zip(node.operands, node.ops, node.operands[1:], strict=False)
            for a, op, b in (t for s in sides for t in (s, (s[2], _FLIPPED.get(s[1], s[1]), s[0]))):
                value = _number(b)
                if value is None or _number(a) is not None:
                    continue
                # A side in a minus sign is its operand against the number's opposite:
                # "-(profit / sales) < -20" is "profit / sales > 20".
                core, sign = a, 1.0
                while isinstance(core, Unary) and core.op in "+-":
                    core, sign = core.operand, (-sign if core.op == "-" else sign)
                if not isinstance(core, Name | Year):
                    if abs(value) > 1.0:  # the least limit of any fraction: see below
                        found.append((item, a, value, op))
                    continue
                assumption = assumptions.get(core.name)
                text = output_units.get(core.name, getattr(assumption, "unit", None))
                try:
                    unit = parse_unit(str(text)) if text is not None else None
                except UnitError:
                    continue
                if unit is not None and unit.flavor in _PLAIN and abs(value) > 1.0:
                    # A pure number of no declared meaning (a line dividing amounts, as a
                    # leverage of debt over debt and equity) is checked as the ratio written
                    # out is: by its central values and what it divides.
                    found.append((item, a, value, op))
                    continue
                limit = limit_of(core.name, getattr(assumption, "label", None))
                if unit is None or not unit.is_fraction or abs(value) <= limit:
                    continue
                name = unparse(a) if a is not core else core.name
                out.append(
                    FractionWarning(
                        (*tuple(item.path), "statement"),
                        f"compares '{name}' (unit '{unit}') with {value:g}, which means "
                        f"{format_fixed(value * 100)}%: the claim can hardly hold or fail; "
                        f"'{unit}' values are fractions: did you mean {value / 100:g}?",
                    )
                )
    if central is not None:
        central = _once(central)
        if found:
            out += _fraction_expressions(thesis, output_units, central, found)
        out += scale_slip_claims(thesis, output_units, central, items)
        out += percent_scaled_claims(thesis, output_units, central, items)
    return out


@dataclass(frozen=True)
class _Statement:
    """A statement checked as a scorecard claim is, from no line of a file."""

    expression: Any
    path: tuple[str | int, ...] = ()


def statement_warnings(
    thesis: Any,
    statement: str,
    units: Mapping[str, str],
    central: Callable[[], Mapping[str, Any]] | None = None,
) -> list[str]:
    """What :func:`whole_percentage_claims` says of one statement evaluated outside the
    scorecard (``result.prob("share[2030] > 30")`` in a notebook), which no load has checked.

    Parameters
    ----------
    thesis : Thesis
        Its assumptions' units, labels and central values, and its model's lines, are read.
    statement : str
        The statement, in the expression language (one that parses).
    units : mapping
        The units of the names a statement may read (outputs and kept inputs).
    central : callable, optional
        Returns the model's central path, output by output; see
        :func:`whole_percentage_claims`.

    Returns
    -------
    list of str
        One message a warning, without a field (the caller names the statement).
    """
    from model.inputs.expressions.expr import compile_expression

    claim = _Statement(compile_expression(statement))
    found = whole_percentage_claims(thesis, units, central, claims=[claim])
    return [w.message for w in found]


def _once(central: Callable[[], Mapping[str, Any]]) -> Callable[[], Mapping[str, Any]]:
    """``central``, computed on the first call only (both checks read it)."""
    kept: list[Mapping[str, Any]] = []

    def call() -> Mapping[str, Any]:
        if not kept:
            kept.append(central())
        return kept[0]

    return call


def _fraction_expressions(
    thesis: Any,
    output_units: Mapping[str, str],
    central: Callable[[], Mapping[str, Any]],
    found: list[tuple[Any, Any, float, str]],
) -> list[FractionWarning]:
    """The claims of ``found`` (item, side, number, operator) whose side is a fraction
    compared with a number beyond what such a fraction can be.

    A side is a fraction by its unit when it keeps that of its fractions (``%`` or ``share``:
    a difference of margins, a margin less an assumption's): past 1 when all of them are
    bounded (margins, shares), else past :data:`ANY_LIMIT`, provided its central values lie
    within [-1, 1] (``margin * 100`` is a percentage written out, no fraction). A pure
    number of another unit (a ratio of amounts) is a fraction, a part of a whole, when its
    central values lie within [0, 1] (within [-1, 0] in a minus sign), past :data:`ANY_LIMIT`,
    and the claim wants it beyond that number (``profit / sales > 20`` can never hold): below
    it (``net_debt / operating_profit < 6``) it may be a leverage under its covenant. A side
    multiplied by 100 is written in percent or points, no fraction.
    """
    from model.inputs.expressions.expr import compile_expression

    known = central_values(thesis, output_units, central)
    if known is None:
        return []
    values, units, years = known
    assumptions = getattr(thesis, "assumptions", None) or {}
    out: list[FractionWarning] = []
    for item, side, value, op in found:
        if _in_percent(side):
            continue
        text = unparse(side)
        try:
            sub = compile_expression(text)
            if not all(n in values and n in units for n in sub.names):
                continue  # an unknown name (said elsewhere) or one without a central value
            parsed = {n: parse_unit(str(units[n])) for n in sub.names}
            unit = sub.unit(parsed)
            if unit is None or not unit.dimensionless:
                continue
            arrays = {n: np.asarray(values[n], dtype=float)[None, ...] for n in sub.names}
            with np.errstate(all="ignore"):
                got = np.asarray(sub.evaluate(arrays, years=years, units=parsed), dtype=float)
        except (ThesisModelError, UnitError, ValueError, KeyError, TypeError):
            continue
        got = got[np.isfinite(got)] * 10.0**unit.power  # a ratio of USD bn to USD m: its scale
        if got.size == 0:
            continue
        low, high = float(got.min()), float(got.max())
        if unit.is_fraction:
            bounded = all(
                limit_of(n, getattr(assumptions.get(n), "label", None)) <= 1.0
                for n in sub.names
                if parsed[n].is_fraction
            )
            limit = 1.0 if bounded else ANY_LIMIT
            if abs(value) <= limit or max(-low, high) > 1.0:
                continue
        else:
            # Only a part of a whole: a leverage of -0.5 (net cash) against 6 times is none.
            sign = -1.0 if _negated(side) else 1.0
            # A part over a total holding it (debt over debt and equity) is a fraction by its
            # make: held under a number past 1 it is no leverage under a covenant.
            whole = is_share_of_total(side, thesis)
            if abs(value) <= (1.0 if whole else ANY_LIMIT) or min(sign * low, sign * high) < 0:
                continue
            if _BOUNDS.get(op, 1.0) * value < 0.0 and not whole:
                # Held under the number (a minus sign turns both round): as like as not a
                # leverage of a few tenths under its covenant of 6 times.
                continue
            if max(sign * low, sign * high) > 1.0:
                continue
            if is_multiple(side, thesis):
                continue  # a balance over a flow (a debt over a year's profit) is a multiple
        span = f"{low:.3g}" if low == high else f"between {low:.3g} and {high:.3g}"
        out.append(
            FractionWarning(
                (*tuple(item.path), "statement"),
                f"compares '{text}' ({span} on the central path, a fraction) with {value:g}, "
                f"which means {format_fixed(value * 100)}%: the claim can hardly hold or fail; "
                f"did you mean {value / 100:g}?",
            )
        )
    return out


#: Flavours of a pure number that says nothing of what it is (not a fraction, multiple, count).
_PLAIN = (Flavor.PLAIN, Flavor.NONE)
#: A comparison read from its other side.
_FLIPPED = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}
#: +1 where a comparison puts its left side above the right one, -1 where below.
_BOUNDS = {">": 1.0, ">=": 1.0, "<": -1.0, "<=": -1.0}


def _in_percent(side: Any) -> bool:
    """True when ``side`` multiplies something by 100 (or divides by 0.01): it is written in
    percent or points, as ``(margin[2029] - margin[2028]) * 100 > 1.5`` is."""
    if isinstance(side, Bin):
        if side.op == "*" and 100.0 in (
            abs(const_value(side.left) or 0),
            abs(const_value(side.right) or 0),
        ):
            return True
        if side.op == "/" and abs(const_value(side.right) or 0) == 0.01:
            return True
    children = getattr(side, "__dict__", {}).values()
    return any(
        _in_percent(c)
        for v in children
        for c in (v if isinstance(v, tuple) else (v,))
        if hasattr(c, "__dataclass_fields__")
    )


def _negated(side: Any) -> bool:
    """True when ``side`` is an expression in an odd number of minus signs."""
    negated = False
    while isinstance(side, Unary) and side.op in "+-":
        negated, side = negated != (side.op == "-"), side.operand
    return negated
