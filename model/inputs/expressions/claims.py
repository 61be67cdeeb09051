"""Scorecard claims that compare a fraction with a whole percentage (``share[2030] > 30``).

Kept with the expressions, whose trees it reads; the limits are those of
:mod:`model.inputs.plausibility`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from model.inputs.expressions.exprtree import Compare, Name, Num, Unary, Year
from model.inputs.plausibility import FractionWarning, limit_of
from model.inputs.units import UnitError, parse_unit

__all__ = ["whole_percentage_claims"]


def whole_percentage_claims(thesis: Any, output_units: Mapping[str, str]) -> list[FractionWarning]:
    """Scorecard claims that compare a fraction with a whole percentage (``share[2030] > 30``
    meaning 30 %): a claim that can never (or always) hold, reported as a probability of 0
    (or 1) without a word. By the limits of an assumption's own whole percentages, at the
    statement.

    Parameters
    ----------
    thesis : Thesis
    output_units : mapping
        The model's outputs and their units (assumptions' units come from the thesis).
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
    for item in (getattr(thesis, "scorecard", None) or {}).values():
        tree = getattr(item.expression, "_tree", None)
        for node in nodes(tree):
            if not isinstance(node, Compare):
                continue
            pairs = zip(node.operands, node.operands[1:], strict=False)
            for a, b in (p for pair in pairs for p in (pair, pair[::-1])):
                value = number(b)
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
    return out
