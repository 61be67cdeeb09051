"""Stock-based pay a DCF's flow adds back, against its terminal value: warned before any draw.

Free cash flow often adds back stock-based pay, an expense paid in new shares rather than cash.
Over the model years that is sound when the share count grows by the dilution that pays it.
The share count stops at the last model year, but a Gordon terminal value grows the last
flow, add-back included, for ever: pay nobody pays for, capitalised. The leg's ``stock_pay:``
counts it as the cash cost it is in the terminal flow (see :mod:`model.valuation.legs.cashflow`).

The check reads what the thesis declares, never the names it chose: a line with role
``stock_pay``, and the flow's formula (through the lines it reads) adding it back, that is
with a positive coefficient where it enters linearly. A line entering otherwise (inside
``max()``, times another line) is left unjudged rather than guessed at. A leg whose terminal
value comes from profit (``roic:`` or ``roe:``) is not checked: profit bears the pay already.
"""

from __future__ import annotations

import dataclasses
import warnings
from collections.abc import Iterator, Mapping
from typing import Any

from model.errors import ThesisModelWarning
from model.inputs.expressions.exprtree import Bin, Lag, Name, Num, Unary
from model.valuation.lines.build_base import Built
from model.valuation.lines.nodes import Expr, ExprLine
from model.valuation.roles import Role

__all__ = ["check_stock_pay", "coefficient"]

#: DCF type words -> (the key of the flow they discount, the key of a return on new capital).
_FLOWS: Mapping[str, tuple[str, str]] = {
    "dcf": ("cash_flow", "roic"),
    "dcf_fcff": ("fcff", "roic"),
    "dcf_fcfe": ("fcfe", "roe"),
}


def _children(node: Any) -> Iterator[Any]:
    if not dataclasses.is_dataclass(node):
        return
    for f in dataclasses.fields(node):
        value = getattr(node, f.name)
        for item in value if isinstance(value, tuple) else (value,):
            if dataclasses.is_dataclass(item):
                yield item


def _number(node: Any) -> float | None:
    """A number written in the formula (``2``, ``-1``), else None."""
    if isinstance(node, Num) and not isinstance(node.value, bool):
        return float(node.value)
    if isinstance(node, Unary) and node.op in ("+", "-"):
        inner = _number(node.operand)
        return None if inner is None else (inner if node.op == "+" else -inner)
    return None


def _reaches(node: Any, target: str, formulas: Mapping[str, Any], seen: frozenset[str]) -> bool:
    """Whether ``target`` is read in the same year anywhere under ``node``."""
    if isinstance(node, Name):
        if node.name == target:
            return True
        tree = formulas.get(node.name)
        if tree is None or node.name in seen:
            return False
        return _reaches(tree, target, formulas, seen | {node.name})
    if isinstance(node, Lag):
        return False  # an earlier year's pay is not this year's add-back
    return any(_reaches(c, target, formulas, seen) for c in _children(node))


def _coef(
    node: Any, target: str, formulas: Mapping[str, Any], seen: frozenset[str]
) -> float | None:
    if isinstance(node, Name):
        if node.name == target:
            return 1.0
        tree = formulas.get(node.name)
        if tree is None or node.name in seen:
            return 0.0
        return _coef(tree, target, formulas, seen | {node.name})
    if isinstance(node, Num | Lag):
        return 0.0
    if isinstance(node, Unary) and node.op in ("+", "-"):
        inner = _coef(node.operand, target, formulas, seen)
        return None if inner is None else (inner if node.op == "+" else -inner)
    if isinstance(node, Bin) and node.op in ("+", "-"):
        left = _coef(node.left, target, formulas, seen)
        right = _coef(node.right, target, formulas, seen)
        if left is None or right is None:
            return None
        return left + right if node.op == "+" else left - right
    if isinstance(node, Bin) and node.op in ("*", "/"):
        # A number scales the pay (0.5 * sbc); a number divided by it is not linear in it.
        right, left = _number(node.right), _number(node.left)
        if right is not None and right != 0.0:
            inner = _coef(node.left, target, formulas, seen)
            if inner is None:
                return None
            return inner * right if node.op == "*" else inner / right
        if node.op == "*" and left is not None:
            inner = _coef(node.right, target, formulas, seen)
            return None if inner is None else inner * left
    return None if _reaches(node, target, formulas, seen) else 0.0


def coefficient(expr: Expr, target: str, formulas: Mapping[str, Expr]) -> float | None:
    """How much of line ``target`` the expression holds in the same year, through the lines
    it reads (``formulas``: line -> its formula): ``ebit + sbc - capex`` holds 1, ``ebit``
    none (0.0); None when ``target`` enters it other than linearly (unjudged).

    Parameters
    ----------
    expr : Expr
        The flow a leg discounts.
    target : str
        The line of stock-based pay.
    formulas : mapping of str to Expr
        The model's expression lines.

    Returns
    -------
    float or None
    """
    trees = {name: f.expression._tree for name, f in formulas.items()}
    return _coef(expr.expression._tree, target, trees, frozenset())


def check_stock_pay(built: Built, thesis: Any) -> None:
    """Warn at a DCF leg whose flow adds back stock pay its terminal value then capitalises,
    and at a leg's ``stock_pay:`` that its flow does not add back (it would be taken twice)."""
    formulas = {n.name: n.formula for n in built.nodes if isinstance(n, ExprLine)}
    pay = next((i.name for i in built.infos if i.role is Role.STOCK_PAY), None)
    for leg in built.legs:
        keys = _FLOWS.get(leg.type_name)
        flow = leg.params.get(keys[0]) if keys else None
        if keys is None or not isinstance(flow, Expr) or leg.params.get(keys[1]) is not None:
            continue
        named = leg.params.get("stock_pay")
        written = leg.texts.get(keys[0], keys[0])
        if isinstance(named, Expr) and named.bare_name is not None:
            share = coefficient(flow, named.bare_name, formulas)
            if share is not None and share <= 0.0:
                at = ("model", "valuation", "legs", leg.name, "stock_pay")
                warnings.warn(
                    f"{thesis.where(at)}{'.'.join(at)}: the flow {written!r} does not add "
                    f"{named.bare_name!r} back, yet the terminal flow takes it away as a cost: "
                    "if the flow already pays it, it counts twice; name here only the stock "
                    "pay that the flow adds back",
                    ThesisModelWarning,
                    stacklevel=2,
                )
            continue
        if pay is None:
            continue
        share = coefficient(flow, pay, formulas)
        if share is None or share <= 0.0:
            continue
        path = ("model", "valuation", "legs", leg.name)
        warnings.warn(
            f"{thesis.where(path)}{'.'.join(path)}: the flow {written!r} adds back the "
            f"stock-based pay {pay!r} (role stock_pay), and the terminal value grows that "
            "add-back for ever while the dilution that pays for it stops at the last model "
            f"year, so the value is overstated; give the leg 'stock_pay: {pay}' to count it "
            "as a cash cost in the terminal flow",
            ThesisModelWarning,
            stacklevel=2,
        )
