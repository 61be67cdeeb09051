"""Whether a claim's ratio of amounts is a part of a whole (a margin, a debt over debt and equity)
or a multiple (a debt over a year's profit, a cover): a whole percentage slipped into a claim is
warned about only for the first.

An amount is a *flow* (what a year earns or pays: revenue, profit, dividends) or a *balance*
(what is held at the year's end: debt, cash, book value). A flow over a flow, or a balance over
a balance, is a part of a whole, and a flow over a balance is a return (0.15 on equity), both
fractions; a balance over a flow (net debt over operating profit, a leverage of a few times) is
a multiple, no fraction. What an amount is comes from what the model knows of it: a line's
role, a line that rolls itself forward (``book[t-1] + earnings - dividends``), the sums a line
adds up, and else the words of its name or label. A line named or labelled as a leverage, a
cover, a multiple or a number of times is a multiple when it divides flows (profit over
interest) or when what it divides cannot be told.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Literal

from model.inputs.expressions.exprtree import Bin, Lag, Name, Unary, Year

__all__ = ["is_multiple", "is_share_of_total"]

Kind = Literal["flow", "balance"]

#: Roles of lines that are a year's flows, and of those that are balances at its end.
_FLOW_ROLES = frozenset(
    "revenue segment_revenue market gross_profit segment_profit ebitda depreciation ebit "
    "stock_pay tax earnings capex fcff fcfe dividends buybacks".split()
)
_BALANCE_ROLES = frozenset("net_cash investments equity_value method_value".split())
#: Words of a name or label saying what an amount is; a flow's first ("cash flow" is a flow).
_FLOW_WORDS = re.compile(
    r"flow|sales|revenue|turnover|profit|earning|income|ebit|fcf|dividend|capex|spend|cost|"
    r"expense|premium|interest|tax|buyback|opex|payout|loss",
    re.IGNORECASE,
)
_BALANCE_WORDS = re.compile(
    r"debt|cash|book|equity|asset|capital|reserve|loan|deposit|borrowing|liabilit|nav|"
    r"balance|inventor|receivable|holding|stake",
    re.IGNORECASE,
)
#: Words saying a ratio is a multiple, not a part of a whole.
_MULTIPLE_WORDS = re.compile(r"leverage|cover|multiple|times|gearing", re.IGNORECASE)
#: How deep the lines a ratio reads are followed.
_DEPTH = 4


def is_multiple(side: Any, thesis: Any) -> bool:
    """True when ``side`` (a claim's side, a ratio of amounts) is a multiple, no part of a whole:
    a balance over a flow, or a line of unknown structure named or labelled as a leverage, a
    cover or a multiple.

    Parameters
    ----------
    side : node
        The side's expression tree (in any number of signs).
    thesis : Thesis
        Its model section's lines and its assumptions' labels are read.
    """
    lines = _lines(thesis)
    while isinstance(side, Unary) and side.op in "+-":
        side = side.operand
    named = side.name if isinstance(side, Name | Year) else None
    if named is not None and named in lines:
        side = _tree(lines[named])
    words = f"{named} {_label(thesis, named, lines)}" if named is not None else ""
    said = bool(_MULTIPLE_WORDS.search(words))
    if isinstance(side, Bin) and side.op == "/":
        top, bottom = _kind(side.left, thesis, lines), _kind(side.right, thesis, lines)
        if top is not None and bottom is not None:
            # A flow over a flow is a margin or, named so, a cover (profit over interest); a
            # balance over a balance a part of a whole, whatever its name (debt over debt and
            # equity is a leverage that is a fraction).
            return (top, bottom) == ("balance", "flow") or (top == bottom == "flow" and said)
    return said


def is_share_of_total(side: Any, thesis: Any) -> bool:
    """True when ``side`` (in any number of signs), or the line it names, divides a part by a
    total that adds it (``debt / (debt + book)``): a fraction within [0, 1] whatever the paths.

    Parameters
    ----------
    side : node
        The side's expression tree.
    thesis : Thesis
        Its model section's lines are read.
    """
    from model.inputs.expressions.exprcheck import unparse

    lines = _lines(thesis)
    while isinstance(side, Unary) and side.op in "+-":
        side = side.operand
    if isinstance(side, Name | Year) and side.name in lines:
        side = _tree(lines[side.name])
    if not (isinstance(side, Bin) and side.op == "/"):
        return False
    terms: list[Any] = []
    stack = [side.right]
    while stack:
        node = stack.pop()
        if isinstance(node, Bin) and node.op == "+":
            stack += [node.left, node.right]
        else:
            terms.append(node)
    part = unparse(side.left)
    return len(terms) > 1 and any(unparse(t) == part for t in terms)


def _kind(node: Any, thesis: Any, lines: Mapping[str, Any], depth: int = 0) -> Kind | None:
    """Whether ``node`` is a flow or a balance, or None when it cannot be told."""
    while isinstance(node, Unary) and node.op in "+-":
        node = node.operand
    if isinstance(node, Bin) and node.op in "+-":
        kinds = {_kind(node.left, thesis, lines, depth), _kind(node.right, thesis, lines, depth)}
        kinds.discard(None)
        return kinds.pop() if len(kinds) == 1 else None
    if not isinstance(node, Name | Year | Lag):
        return None
    name = node.name
    line = lines.get(name)
    if line is not None:
        role = str(line.get("role") or "")
        if role in _FLOW_ROLES:
            return "flow"
        if role in _BALANCE_ROLES:
            return "balance"
        tree = _tree(line)
        if _rolls_forward(tree, name):
            return "balance"
        if tree is not None and depth < _DEPTH:
            kind = _kind(tree, thesis, lines, depth + 1)
            if kind is not None:
                return kind
    return _by_words(f"{name} {_label(thesis, name, lines)}")


def _by_words(words: str) -> Kind | None:
    """The kind the words of a name and label say, if they say one."""
    if _FLOW_WORDS.search(words):
        return "flow"
    if _BALANCE_WORDS.search(words):
        return "balance"
    return None


def _rolls_forward(tree: Any, name: str) -> bool:
    """True when ``tree`` adds to its own line's last value (``book[t-1] + earnings - ...``):
    a balance carried from year to year, not a flow grown from last year's
    (``sales[t-1] * (1 + g)``)."""
    if isinstance(tree, Lag):
        return tree.name == name
    if isinstance(tree, Bin) and tree.op in "+-":
        return _rolls_forward(tree.left, name) or _rolls_forward(tree.right, name)
    return False


def _lines(thesis: Any) -> Mapping[str, Any]:
    """The model section's lines, by name (none for a model of another kind)."""
    section = getattr(thesis, "model_section", None) or {}
    lines = section.get("lines") if isinstance(section, Mapping) else None
    if not isinstance(lines, Mapping):
        return {}
    return {str(k): v for k, v in lines.items() if isinstance(v, Mapping)}


def _tree(line: Mapping[str, Any]) -> Any:
    """A line's expression tree, or None when it has none that parses."""
    from model.errors import ExpressionError
    from model.inputs.expressions.expr import compile_expression

    text = line.get("value")
    if not isinstance(text, str):
        return None
    try:
        return compile_expression(text, lines=True)._tree
    except ExpressionError:
        return None


def _label(thesis: Any, name: str, lines: Mapping[str, Any]) -> str:
    """The label of an assumption or a line, or ``""``."""
    assumption = (getattr(thesis, "assumptions", None) or {}).get(name)
    label = getattr(assumption, "label", None) or (lines.get(name) or {}).get("label")
    return str(label or "")
