"""Warnings ``thesis validate`` gives at a balance the thesis rolls forward in a line of its own.

A line that carries its previous year forward (``cash[t-1] + fcf``) and that a leg reads as its
net cash is a balance the valuation cannot see inside as it sees a ``net_cash`` block's parts:

- Money from outside the model's flows (an issue's proceeds, a disposal, a fine) written into
  the line, ``cash[t-1] + fcf + (offering if year == 2027 else 0)``, is in the last year's value,
  but a discounting leg's value per share of the years before counts such money only as the
  block's ``other:`` (the ``R(O)`` of the README's *Dilution and the value before the last
  year*): those years' values miss it, lower before a raise, higher before a payment out. A term
  of the line that reads no line of the model (only assumptions, numbers and the year), or only
  lines like that with no role that no leg's flow reads, is that money; ``validate`` warns at
  the line when it is not 0 after the first year on the central path, and names the block to
  write instead.
- A line that carries its previous year at no rate (a bare ``cash[t-1]``, no term reading the
  balance back as interest) keeps cash that earns nothing, as a block without ``rate:`` does;
  ``validate`` warns under the same conditions: a leg's value reads the balance, it rises over
  the years on the central path, and the model states today's value.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np

from model.errors import ThesisModelWarning, warn

__all__ = ["warn_custom_balances"]


def warn_custom_balances(
    thesis: Any, model: Any, out: Mapping[str, Any], inputs: Mapping[str, Any]
) -> None:
    """Warn at each line of the thesis that rolls a balance forward, and that a leg reads as
    net cash, when it takes in money from outside the model's flows that a discounting leg
    reads, or keeps cash at no rate while the model states today's value.

    Parameters
    ----------
    thesis : Thesis
        One scenario applied.
    model : callable
        Its valuation model (a line model has ``built.nodes`` and ``built.legs``; others are
        not checked).
    out : Mapping[str, ndarray]
        The model's outputs on the central path (one path).
    inputs : Mapping[str, ndarray]
        The model's inputs on that path, to evaluate the terms of the line.
    """
    from model.valuation.lines.nodes import Expr, ExprLine, lines_read

    built = getattr(model, "built", None)
    nodes = list(getattr(built, "nodes", None) or ())
    legs = list(getattr(built, "legs", None) or ())
    balances = [
        n
        for n in nodes
        if isinstance(n, ExprLine) and any(ref == n.name for ref, _ in n.formula.expression.lags)
    ]
    if not balances:
        return

    from model.valuation.legs.central_warnings import _HOLDING_LEGS

    def read_by(leg: Any, keys: tuple[str, ...]) -> set[str]:
        return lines_read(nodes, [e for k in keys if isinstance(e := leg.params.get(k), Expr)])

    holding = {
        leg.name: read_by(leg, ("net_cash",)) for leg in legs if leg.type_name in _HOLDING_LEGS
    }
    # How each leg's net cash or stakes move with a balance: a net debt read as '-debt'.
    read_as = [
        e for leg in legs for k in ("net_cash", "investments")
        if isinstance(e := leg.params.get(k), Expr)
    ]  # fmt: skip
    lines = {name for n in nodes for name in n.outputs}
    by_line = {n.name: n for n in nodes if isinstance(n, ExprLine)}
    flows = lines_read(
        nodes,
        [
            e for leg in legs for k, e in leg.params.items()
            if k not in ("net_cash", "investments") and isinstance(e, Expr)
        ],
    )  # fmt: skip
    roles = {i.name for i in getattr(built, "infos", ()) if getattr(i, "role", None) is not None}
    foreign = _foreign(by_line, lines - flows - roles, lines)
    env: Any = None
    for node in balances:
        readers = [name for name, read in holding.items() if node.name in read]
        if readers and env is None:
            try:
                with np.errstate(all="ignore"):
                    env = model.run_lines(inputs)
            except Exception:  # the run reports what fails here
                env = False
        if readers and env is not False:
            _warn_outside(thesis, model, node, env, lines - foreign, readers)
        if "value_today" in out:
            signs = _signs(node.name, read_as, nodes, by_line)
            if signs:
                _warn_idle(thesis, model, node, by_line, out, signs)


def _foreign(by_line: Mapping[str, Any], candidates: set[str], lines: set[str]) -> set[str]:
    """The lines that are money from outside the model's flows when a balance takes them in:
    lines of the thesis (not a block's) among ``candidates`` (no role, read by no leg's flow)
    that read no earlier year and no line but such lines (``proceeds: offering if year ==
    2027 else 0``)."""
    found: dict[str, bool] = {}

    def foreign(name: str) -> bool:
        if name not in found:
            found[name] = False  # a line reading itself in its own year is refused elsewhere
            line = by_line.get(name)
            if line is None or name not in candidates:
                return False
            exprs = [e for e in (line.formula, line.start, line.prior) if e is not None]
            found[name] = not any(e.expression.lags for e in exprs) and all(
                foreign(n) for e in exprs for n in e.expression.names if n in lines
            )
        return found[name]

    return {name for name in candidates if foreign(name)}


def _terms(
    tree: Any, factors: Mapping[int, tuple[float, ...]], sign: float = 1.0
) -> Iterator[tuple[float, Any]]:
    """The terms of a sum, each with its sign times the scale the unit check gives it in the
    sum (``factors``, by node): ``a + b - (c - d)`` gives ``+a, +b, -c, +d``."""
    from model.inputs.expressions.exprtree import Bin, Unary

    if isinstance(tree, Bin) and tree.op in ("+", "-"):
        left, right = factors.get(id(tree)) or (1.0, 1.0)
        yield from _terms(tree.left, factors, sign * left)
        yield from _terms(tree.right, factors, (sign if tree.op == "+" else -sign) * right)
    elif isinstance(tree, Unary) and tree.op in ("+", "-"):
        yield from _terms(tree.operand, factors, sign if tree.op == "+" else -sign)
    else:
        yield sign, tree


def _names(tree: Any) -> set[str]:
    """Every name an expression tree reads, in any year."""
    from model.inputs.expressions.exprtree import Lag, Name, Year

    if isinstance(tree, Name | Year | Lag):
        return {tree.name}
    found: set[str] = set()
    for value in vars(tree).values() if hasattr(tree, "__dict__") else ():
        for part in value if isinstance(value, tuple) else (value,):
            if hasattr(part, "__dict__"):
                found |= _names(part)
    return found


def _written(text: str, count: int) -> list[str] | None:
    """The terms of a sum as written (``a + b - c`` gives ``a``, ``b``, ``c``), in the order
    :func:`_terms` reads the compiled ones; None when they do not pair off with ``count``."""
    import ast

    def terms(node: Any) -> Iterator[Any]:
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Sub):
            yield from terms(node.left)
            yield from terms(node.right)
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.UAdd | ast.USub):
            yield from terms(node.operand)
        else:
            yield node

    source = text.strip()
    try:
        found = [
            ast.get_source_segment(source, t) for t in terms(ast.parse(source, "", "eval").body)
        ]
    except SyntaxError:
        return None
    return [str(f) for f in found] if len(found) == count and all(found) else None


def _warn_outside(
    thesis: Any, model: Any, node: Any, env: Any, lines: set[str], readers: list[str]
) -> None:
    """Warn at the line ``node`` when a term of it reads no line of the model and is not 0
    after the first year on the central path: money from outside that a discounting leg's
    values per share of the years before do not count."""
    from model.inputs.expressions.expreval import Evaluator
    from model.inputs.units import format_quantity
    from model.valuation.finance.dates import fiscal_year_text

    formula = node.formula
    expression = formula.expression
    K = int(getattr(model, "n_years", 0) or 0)
    years = list(getattr(thesis, "years", ()))
    if K < 2 or len(years) != K:
        return
    every = list(_terms(expression._tree, formula._factors))
    texts = _written(expression.text, len(every)) or [expression.text.strip()] * len(every)
    outside = [(s, t, w) for (s, t), w in zip(every, texts, strict=True) if not _names(t) & lines]
    if not outside:
        return
    values = env.values_for(expression.names, expression.lags, K)
    total = np.zeros(K)
    written = []
    for sign, term, text in outside:
        try:
            with np.errstate(all="ignore"):
                part = Evaluator(values, None, formula._factors, expression.text).numbers(term)
        except Exception:  # a term the whole formula would fail on: the run says so
            return
        row = np.broadcast_to(np.asarray(part, dtype=float), (env.n, K))[0]
        if np.any(row[1:] != 0.0):
            total = total + sign * formula.factor * row
            written.append((sign, text))
    if not written or not np.all(np.isfinite(total)):
        return
    units = getattr(getattr(model, "roles", None), "units", {}) or {}
    unit = str(units.get(node.name, "") or "") or None
    end = str(getattr(thesis, "fiscal_year_end", "12-31") or "12-31")
    moved = [k for k in range(1, K) if total[k] != 0.0]
    shown = ", ".join(
        f"{format_quantity(float(total[k]), unit)} in {fiscal_year_text(years[k], end)}"
        for k in moved[:3]
    ) + (" and more" if len(moved) > 3 else "")
    terms = " and ".join(dict.fromkeys(repr(w) for _, w in written))
    other = "".join(
        f"{'-' if sign < 0 else ''}{w}" if i == 0 else f" {'-' if sign < 0 else '+'} {w}"
        for i, (sign, w) in enumerate(written)
    )
    legs = f"leg{'s' if len(readers) > 1 else ''} " + ", ".join(repr(r) for r in readers)
    path = ("model", *node.path, "value")
    warn(
        f"{thesis.where(path)}{'.'.join(path)}: {_scenario(thesis)}the balance "
        f"'{node.name}', which {legs} "
        f"{'read' if len(readers) > 1 else 'reads'} as net cash, takes in money that is none "
        f"of the model's flows ({terms}: {shown} on the central path); the last year's value "
        "and today's hold it, but the values per share of the years before it leave it out "
        "(too low before a raise, too high before a payment out): a discounting leg counts "
        "money from outside only as a net_cash block's 'other:'; for an issue's proceeds, a "
        "disposal or a fine, roll the balance in a net_cash block (start:, inflow: the flows, "
        f'other: "{other}"); for a flow of the company, make it part of the flow the leg '
        "values, or give it its role (dividends, buybacks)",
        ThesisModelWarning,
    )


def _signs(line: str, exprs: list[Any], nodes: list[Any], by_line: Mapping[str, Any]) -> set[int]:
    """The signs with which the expressions ``exprs`` that read the balance ``line`` move
    with it (``cash``: +1, ``-debt``: -1); +1 for a share that is no fixed number."""
    from model.valuation.lines.model import _weight
    from model.valuation.lines.nodes import lines_read

    found: set[int] = set()
    for expr in exprs:
        if line not in lines_read(nodes, [expr]):
            continue
        weight = _weight(expr, line, by_line, ())
        if weight is None or weight != 0.0:
            found.add(-1 if weight is not None and weight < 0.0 else 1)
    return found


def _warn_idle(
    thesis: Any,
    model: Any,
    node: Any,
    by_line: Mapping[str, Any],
    out: Mapping[str, Any],
    signs: set[int],
) -> None:
    """Warn at the line ``node`` when it carries its previous year at no rate (one bare
    ``name[t-1]`` and no other term reading the balance back) while the balance rises over the
    years on the central path: the cash earns nothing and today's value falls with the
    horizon."""
    from model.inputs.expressions.exprtree import Lag
    from model.inputs.units import format_quantity
    from model.valuation.finance.dates import fiscal_year_text
    from model.valuation.finance.idle_cash import _COST
    from model.valuation.lines.nodes import names_read

    years = list(getattr(thesis, "years", ()))
    balance = np.asarray(out.get(node.name, np.nan), dtype=float).reshape(-1)
    if balance.size != len(years):
        return
    # The leg's cash rises: the balance it reads, or a net debt read with its sign turned.
    rising = next((g for g in sorted(signs, reverse=True) if g * (balance[-1] - balance[0]) > 0), 0)
    if not rising:
        return
    carried, credited, zero = 0.0, False, []
    for sign, term in _terms(node.formula.expression._tree, node.formula._factors):
        if isinstance(term, Lag) and term.name == node.name and term.k == 1:
            carried += sign
        elif node.name in names_read(_names(term), by_line):
            at_zero = _at_zero_rate(term, node.name, thesis)
            if at_zero is None:
                credited = True  # interest the line writes itself, or a balance read otherwise
                continue
            carried += sign * at_zero[0]
            zero.append(at_zero[1])
    if credited or carried != 1.0:
        return
    units = getattr(getattr(model, "roles", None), "units", {}) or {}
    unit = str(units.get(node.name, "") or "") or None
    first, last = (format_quantity(float(v), unit) for v in balance[[0, -1]])
    end = str(getattr(thesis, "fiscal_year_end", "12-31") or "12-31")
    path = ("model", *node.path, "value")
    rolled = f"{node.name}[t-1]"
    rate = "no rate"
    if zero:
        named = " and ".join(repr(z) for z in dict.fromkeys(zero))
        rate = f"a rate of 0 on every path ({named}: a number or an assumption fixed at 0)"
    warn(
        f"{thesis.where(path)}{'.'.join(path)}: {_scenario(thesis)}the balance "
        f"'{node.name}' {'keeps cash' if rising > 0 else 'is paid down'} (from "
        f"{first} to {last} by {fiscal_year_text(years[-1], end)} on the central path"
        f"{'' if rising > 0 else ', read as net cash with its sign turned'}) but carries "
        f"'{rolled}' at {rate}, {_COST}; credit it the after-tax yield on the cash "
        f"('{rolled} * (1 + cash_yield) + ...', cash_yield an assumption in %), or roll it in "
        "a net_cash block with 'rate:'",
        ThesisModelWarning,
    )


def _at_zero_rate(term: Any, line: str, thesis: Any) -> tuple[float, str] | None:
    """How much of the balance ``line`` a term of it carries, and the rate written, when the
    term credits interest at a rate that is 0 on every path (a literal 0, an assumption fixed
    at 0 that no event changes): ``line[t-1] * (1 + r)`` carries it once, ``line[t-1] * r``
    not at all. None for any other term, which credits interest or reads the balance
    otherwise."""
    from model.inputs.expressions.exprcheck import unparse
    from model.inputs.expressions.exprtree import Bin, Lag
    from model.valuation.finance.idle_cash import _always_zero

    if _always_zero(term, thesis):
        return 0.0, unparse(term)
    if not (isinstance(term, Bin) and term.op == "*"):
        return None
    for lag, growth in ((term.left, term.right), (term.right, term.left)):
        if not (isinstance(lag, Lag) and lag.name == line and lag.k == 1):
            continue
        if isinstance(growth, Bin) and growth.op == "+":
            for one, rate in ((growth.left, growth.right), (growth.right, growth.left)):
                if _number_one(one) and _always_zero(rate, thesis):
                    return 1.0, unparse(rate)
    return None


def _number_one(node: Any) -> bool:
    from model.inputs.expressions.exprtree import Num

    return isinstance(node, Num) and not isinstance(node.value, bool) and node.value == 1


def _scenario(thesis: Any) -> str:
    """``in scenario 'bull': `` for a scenario's central path, nothing for the base case's."""
    name = getattr(thesis, "scenario", None)
    return f"in scenario '{name}': " if name and name != "base" else ""
