"""A ``net_cash`` block whose rate credits nothing, while a leg's value reads its balance.

:func:`model.valuation.legs.central_warnings.warn_idle_cash` warns at a ``net_cash`` block with
neither ``rate`` nor ``interest``. The same cash earns nothing, and today's value falls as the
horizon lengthens, when the block is given a rate (or interest) that is itself 0 on every path: a
literal 0, an assumption fixed at 0 (no spread, no event changing it), or a product with one.
A rate that credits nothing only because no cash waits until the last year, or one spread
about 0, is no such rate. ``validate`` warns at the block's
``rate:`` (or ``interest:``) under the same conditions as for a rate-less block: some leg's value
reads the balance, the balance rises over the years on the central path, no inflow of the block
reads the balance back, and the model states today's value.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from model.errors import ThesisModelWarning, warn

__all__ = ["warn_idle_balances"]

#: What every warning here says about the cost, and how to credit the cash.
_COST = (
    "so the cash earns nothing while today's value discounts what a share holds at the last "
    "year: every year the cash waits costs a year's discount, and today's value falls as the "
    "horizon lengthens"
)


def warn_idle_balances(thesis: Any, model: Any, out: Mapping[str, Any]) -> None:
    """Warn at each ``net_cash`` block whose ``rate`` (or ``interest``) credits nothing in any
    year of the central path, when a leg's value reads the balance, the balance rises over the
    years on the central path and the model states today's value.

    Parameters
    ----------
    thesis : Thesis
        One scenario applied.
    model : callable
        Its valuation model (a line model has ``built.nodes`` and ``built.legs``; others are
        not checked).
    out : Mapping[str, ndarray]
        The model's outputs on the central path (one path).
    """
    from model.valuation.lines.nodes import BlockNode, Expr, lines_read

    if "value_today" not in out:
        return  # no discount rate: the year-end values hold the cash as it is
    built = getattr(model, "built", None)
    nodes = list(getattr(built, "nodes", None) or ())
    legs = getattr(built, "legs", None) or ()
    years = list(getattr(thesis, "years", ()))
    read_by_legs = lines_read(
        nodes,
        [
            e for leg in legs for key in ("net_cash", "investments")
            if isinstance(e := leg.params.get(key), Expr)
        ],
    )  # fmt: skip
    units = getattr(getattr(model, "roles", None), "units", {}) or {}

    def rising(line: str) -> np.ndarray | None:
        balance = np.asarray(out.get(line, np.nan), dtype=float).reshape(-1)
        ok = balance.size == len(years) and line in read_by_legs and balance[-1] > balance[0]
        return balance if ok else None

    def say(path: tuple[str, ...], line: str, balance: np.ndarray, why: str, fix: str) -> None:
        from model.inputs.units import format_quantity
        from model.valuation.finance.dates import fiscal_year_text

        unit = str(units.get(line, "") or "") or None
        first, last = (format_quantity(float(v), unit) for v in balance[[0, -1]])
        end = str(getattr(thesis, "fiscal_year_end", "12-31") or "12-31")
        warn(
            f"{thesis.where(path)}{'.'.join(path)}: the balance '{line}' keeps cash (from "
            f"{first} to {last} by {fiscal_year_text(years[-1], end)} on the central path) "
            f"but {why}, {_COST}; {fix}",
            ThesisModelWarning,
        )

    fix = (
        "give it the after-tax yield on the cash (an assumption in %; the discount rate "
        "itself keeps the cash worth what it is)"
    )
    for node in nodes:
        if isinstance(node, BlockNode) and node.type_name == "net_cash":
            key = next((k for k in ("rate", "interest") if node.params.get(k) is not None), None)
            line = node.slots.get("net_cash", "")
            credited = np.asarray(out.get(node.slots.get("interest", ""), np.nan), dtype=float)
            if key is None or credited.size != len(years) or np.any(credited != 0.0):
                continue  # no rate (warned elsewhere), or interest credited in some year
            if not _always_zero(getattr(node.params[key].expression, "_tree", None), thesis):
                continue  # a rate that would credit the cash had some waited
            balance = rising(line)
            fed = [e for k in ("inflow", "other") if isinstance(e := node.params.get(k), Expr)]
            own = {line, node.slots.get("interest", "")}
            if balance is None or own & lines_read(nodes, fed):
                continue  # the thesis credits the interest itself through an inflow
            written = node.params[key].expression.text.strip()
            say(
                ("model", *node.path, key),
                line,
                balance,
                f"its {key} {written!r} credits no interest in any year",
                fix if key == "rate" else "credit it the interest the cash earns",
            )


def _always_zero(node: Any, thesis: Any, depth: int = 0) -> bool:
    """True when the expression ``node`` is 0 on every path: a literal 0, an assumption fixed
    at 0 that no event changes (or one derived as such), a sum or choice of such, or a product
    or quotient with one."""
    from model.inputs.expressions.exprtree import Bin, If, Lag, Name, Num, Unary, Year

    if depth > 20:
        return False  # a chain of derived assumptions this long is read as not known
    if isinstance(node, Num):
        return not isinstance(node.value, bool) and float(node.value) == 0.0
    if isinstance(node, Unary) and node.op in "+-":
        return _always_zero(node.operand, thesis, depth + 1)
    if isinstance(node, Bin) and node.op in "+-":
        return all(_always_zero(n, thesis, depth + 1) for n in (node.left, node.right))
    if isinstance(node, Bin) and node.op == "*":
        return any(_always_zero(n, thesis, depth + 1) for n in (node.left, node.right))
    if isinstance(node, Bin) and node.op == "/":
        return _always_zero(node.left, thesis, depth + 1)
    if isinstance(node, If):
        return all(_always_zero(n, thesis, depth + 1) for n in (node.then, node.other))
    if not isinstance(node, Name | Year | Lag):
        return False
    assumption = (getattr(thesis, "assumptions", None) or {}).get(node.name)
    events = (getattr(thesis, "events", None) or {}).values()
    if assumption is None or any(
        e.target == node.name for ev in events for e in getattr(ev, "effects", ())
    ):
        return False  # a line, or an assumption an event may change
    if assumption.kind == "value":
        return float(assumption.value or 0.0) == 0.0
    derived = getattr(assumption.expression, "_tree", None)
    return assumption.kind == "derived" and _always_zero(derived, thesis, depth + 1)
