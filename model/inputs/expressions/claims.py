"""Scorecard claims that compare a fraction with a whole percentage (``share[2030] > 30``).

Kept with the expressions, whose trees it reads; the limits are those of
:mod:`model.inputs.plausibility`. A side of a comparison that is not one name (a ratio such as
``profit[2029] / sales[2029]``) is a fraction when its value on the central path stays within
[0, 1] in every year, a part of a whole: a ratio that is legitimately large (price over
earnings) is not, nor one below zero (a net debt, i.e. net cash below zero, over profit: a
leverage at -0.5 compared with a covenant of 6 times is no percentage).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import numpy as np

from model.errors import ThesisModelError
from model.inputs.expressions.exprcheck import unparse
from model.inputs.expressions.exprtree import Compare, Name, Num, Unary, Year
from model.inputs.plausibility import ANY_LIMIT, FractionWarning, limit_of
from model.inputs.units import UnitError, parse_unit

__all__ = ["whole_percentage_claims"]


def whole_percentage_claims(
    thesis: Any,
    output_units: Mapping[str, str],
    central: Callable[[], Mapping[str, Any]] | None = None,
) -> list[FractionWarning]:
    """Scorecard claims that compare a fraction with a whole percentage (``share[2030] > 30``
    meaning 30 %): a claim that can never (or always) hold, reported as a probability of 0
    (or 1) without a word. By the limits of an assumption's own whole percentages, at the
    statement.

    Parameters
    ----------
    thesis : Thesis
    output_units : mapping
        The model's outputs and their units (assumptions' units come from the thesis).
    central : callable, optional
        Returns the model's central path, output by output; called (once) only when a claim
        compares an expression of several names with a number beyond any fraction's limit,
        to learn whether the expression's values are fractions.
    """

    def number(node: Any) -> float | None:
        sign = 1.0
        if isinstance(node, Unary) and node.op in "+-":
            sign, node = (-1.0 if node.op == "-" else 1.0), node.operand
        ok = isinstance(node, Num) and not isinstance(node.value, bool)
        return sign * float(node.value) if ok else None

    def nodes(node: Any) -> Iterator[Any]:
        yield node
        for value in getattr(node, "__dict__", {}).values():
            for child in value if isinstance(value, tuple) else (value,):
                if hasattr(child, "__dataclass_fields__"):
                    yield from nodes(child)

    out: list[FractionWarning] = []
    found: list[tuple[Any, Any, float]] = []
    for item in (getattr(thesis, "scorecard", None) or {}).values():
        tree = getattr(item.expression, "_tree", None)
        for node in nodes(tree):
            if not isinstance(node, Compare):
                continue
            pairs = zip(node.operands, node.operands[1:], strict=False)
            for a, b in (p for pair in pairs for p in (pair, pair[::-1])):
                value = number(b)
                if value is not None and not isinstance(a, Name | Year | Num | Unary):
                    if abs(value) > ANY_LIMIT:
                        found.append((item, a, value))
                if not isinstance(a, Name | Year) or value is None:
                    continue
                assumption = thesis.assumptions.get(a.name)
                text = output_units.get(a.name, getattr(assumption, "unit", None))
                try:
                    unit = parse_unit(str(text)) if text is not None else None
                except UnitError:
                    continue
                limit = limit_of(a.name, getattr(assumption, "label", None))
                if unit is None or not unit.is_fraction or abs(value) <= limit:
                    continue
                out.append(
                    FractionWarning(
                        (*tuple(item.path), "statement"),
                        f"compares '{a.name}' (unit '{unit}') with {value:g}, which means "
                        f"{value * 100:,.0f}%: the claim can hardly hold or fail; '{unit}' "
                        f"values are fractions: did you mean {value / 100:g}?",
                    )
                )
    if found and central is not None:
        out += _fraction_expressions(thesis, output_units, central, found)
    return out


def _fraction_expressions(
    thesis: Any,
    output_units: Mapping[str, str],
    central: Callable[[], Mapping[str, Any]],
    found: list[tuple[Any, Any, float]],
) -> list[FractionWarning]:
    """The claims of ``found`` (item, side, number) whose side is a pure number lying within
    [0, 1] on the central path in every year, compared with a number beyond any fraction."""
    from model.inputs.expressions.expr import compile_expression

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the thesis' own warnings are given elsewhere
            values = dict(central())
    except Exception:  # a run says why the model cannot be valued; this is only a warning
        return []
    years = tuple(getattr(thesis, "years", ()) or ())
    out: list[FractionWarning] = []
    for item, side, value in found:
        text = unparse(side)
        try:
            sub = compile_expression(text)
            if not all(n in values and n in output_units for n in sub.names):
                continue  # an assumption or an unknown name: no central value to read here
            units = {n: parse_unit(str(output_units[n])) for n in sub.names}
            if not sub.unit(units).dimensionless:
                continue
            arrays = {n: np.asarray(values[n], dtype=float)[None, ...] for n in sub.names}
            with np.errstate(all="ignore"):
                got = np.asarray(sub.evaluate(arrays, years=years, units=units), dtype=float)
        except (ThesisModelError, UnitError, ValueError, KeyError):
            continue
        got = got[np.isfinite(got)]
        if got.size == 0 or float(np.min(got)) < 0.0 or float(np.max(got)) > 1.0:
            continue
        low, high = float(got.min()), float(got.max())
        span = f"{low:.3g}" if low == high else f"between {low:.3g} and {high:.3g}"
        out.append(
            FractionWarning(
                (*tuple(item.path), "statement"),
                f"compares '{text}' ({span} on the central path, a fraction) with {value:g}, "
                f"which means {value * 100:,.0f}%: the claim can hardly hold or fail; did you "
                f"mean {value / 100:g}?",
            )
        )
    return out
