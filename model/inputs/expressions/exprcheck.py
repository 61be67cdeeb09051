"""Static unit checking of expressions (see :meth:`model.inputs.expressions.expr.Expression.unit`).

Every node of an expression tree (:mod:`model.inputs.expressions.exprtree`) gets a static type: a
:class:`~model.inputs.units.Unit`, ``None`` for a bare number (which adopts the unit of what it
is added to or compared with), or :data:`BOOL` for a true/false value. Additions, comparisons and
choices need equal dimensions; where their scales differ (``USD bn + USD m``) the checker records
per-operand factors, keyed by node identity, that the evaluator applies.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import singledispatchmethod
from typing import Any, cast

import numpy as np

from model.inputs.expressions.exprtree import (
    FUNCTIONS,
    LINE_FUNCTIONS,
    Bin,
    Call,
    Compare,
    If,
    Index,
    Lag,
    Logic,
    Name,
    Num,
    Unary,
    UnitRule,
    Year,
)
from model.inputs.units import Unit, UnitError, check_same_dimension

__all__ = ["BOOL", "Factors", "StaticType", "UnitChecker", "const_value"]

#: Type marker of true/false results.
BOOL = "bool"
#: The static type of a node: a Unit, None for a bare number, or :data:`BOOL`.
StaticType = Unit | None | str
#: Node identity -> scale factor of each operand (only for nodes that need one).
Factors = dict[int, tuple[float, ...]]

_CONST_OPS = {"+": np.add, "-": np.subtract, "*": np.multiply, "/": np.divide, "**": np.power}


def const_value(node: Any) -> float | None:
    """Value of a sub-expression without names (e.g. the exponent ``1/5``).

    Parameters
    ----------
    node
        A node of :mod:`model.inputs.expressions.exprtree`.

    Returns
    -------
    float or None
        None when the sub-expression uses a name.
    """
    if isinstance(node, Num):
        return float(node.value)
    if isinstance(node, Unary) and node.op in "+-":
        v = const_value(node.operand)
        return None if v is None else (-v if node.op == "-" else v)
    if isinstance(node, Bin):
        a, b = const_value(node.left), const_value(node.right)
        if a is None or b is None:
            return None
        with np.errstate(all="ignore"):
            return float(_CONST_OPS[node.op](a, b))
    return None


class UnitChecker:
    """Works out the unit of every node, raising :class:`UnitError` on a mismatch.

    Parameters
    ----------
    units : Mapping[str, Unit]
        Unit of every name the expression uses.
    factors : dict
        Filled with the scale factors the evaluation must apply.
    """

    def __init__(self, units: Mapping[str, Unit], factors: Factors) -> None:
        self.units = units
        self.factors = factors
        #: Node identity -> its static type, for :meth:`declared_power`.
        self.seen: dict[int, StaticType] = {}

    # -- helpers ------------------------------------------------------------------------------
    @staticmethod
    def numeric(t: StaticType, what: str) -> Unit | None:
        """``t`` as a number's type; a true/false value is an error."""
        if t == BOOL:
            raise UnitError(f"{what} needs a number, got a true/false value")
        return t  # type: ignore[return-value]

    @staticmethod
    def truthy(t: StaticType) -> None:
        """Only true/false values and pure numbers may be used as conditions."""
        if isinstance(t, Unit) and not t.dimensionless:
            raise UnitError(f"'and'/'or'/'not' need true/false values, got a quantity in {t}")

    def unify(self, node: Any, types: Sequence[StaticType], op: str) -> Unit | None:
        """Common unit of operands that are added, compared or chosen; records scale factors."""
        first = next((t for t in types if isinstance(t, Unit)), None)
        if first is not None and first.dimensionless and first.power and None in types:
            # A bare number beside a ratio of amounts in different scales (USD bn / USD m) is
            # the plain ratio: 'profit / sales_m > 0.3' compares the true ratio, not a
            # thousandth of it. A declared scale ('count m', 'k') stays: 'customers + 5' adds
            # five million.
            operands = _operands(node)
            if len(operands) == len(types):
                power = self.declared_power(operands[types.index(first)])
                if power != first.power:
                    first = Unit(first.dims, power, first.flavor)
        factors = []
        for i, t in enumerate(types):
            if isinstance(t, Unit) and first is not None:
                try:
                    check_same_dimension(first, t, op)
                except UnitError as exc:
                    raise UnitError(self._mismatch(node, types, i, first, str(exc))) from None
                factors.append(10.0 ** (t.power - first.power))
            else:
                factors.append(1.0)
        if any(f != 1.0 for f in factors):
            self.factors[id(node)] = tuple(factors)
        return first

    def declared_power(self, node: Any) -> int:
        """The part of a pure number's decimal scale that declared units give it.

        ``customers`` in ``count m`` keeps its 6 and ``customers * share`` too, while a ratio of
        amounts (``profit / sales_m``, ``USD bn / USD m``) has none: its scale only comes from
        the amounts' scales, which cancel in meaning. An amount's own scale (``USD m``) is not a
        declared pure-number scale either, so ``price / (earnings / shares)`` has none.
        """
        t = self.seen.get(id(node))
        if not isinstance(t, Unit) or not t.dimensionless:
            return 0
        if isinstance(node, Name | Year | Lag):
            return t.power
        if isinstance(node, Unary):
            return self.declared_power(node.operand)
        if isinstance(node, Bin) and node.op in "*/":
            left, right = self.declared_power(node.left), self.declared_power(node.right)
            return left + right if node.op == "*" else left - right
        if isinstance(node, Bin) and node.op == "**":
            exponent = const_value(node.right)
            if exponent is None or not float(exponent).is_integer():
                return 0
            return self.declared_power(node.left) * int(exponent)
        if (
            isinstance(node, Call)
            and (FUNCTIONS.get(node.func) or LINE_FUNCTIONS[node.func]).rule is not UnitRule.SAME
        ):
            return 0
        # Added, compared or chosen: the operand whose unit the result took.
        operands = _operands(node)
        first = next((o for o in operands if isinstance(self.seen.get(id(o)), Unit)), None)
        return 0 if first is None else self.declared_power(first)

    def _mismatch(
        self, node: Any, types: Sequence[StaticType], bad: int, want: Unit, message: str
    ) -> str:
        """A unit mismatch with the operands written out and the units of the names in the
        operand that does not fit, e.g. a margin given in money rather than ``%``."""
        operands = _operands(node)
        if len(operands) != len(types):
            return message
        typed = [(i, t) for i, t in enumerate(types) if isinstance(t, Unit)]
        # The expected unit: a plain amount of money if an operand is one, else the first.
        plain = [i for i, t in typed if t.is_money and all(e == 1 for _, e in t.dims)]
        good = plain[0] if plain else typed[0][0]
        want = cast("Unit", types[good])
        bad = next((i for i, t in typed if i != good and t.dims != want.dims), bad)
        found = cast("Unit", types[bad])
        culprit = operands[bad]
        names = [n for n in dict.fromkeys(_names(culprit)) if n in self.units]
        text = (
            f"{message}; '{unparse(operands[good])}' is in {want}, so '{unparse(culprit)}' "
            f"should be too, but it is in {found}"
        )
        if names and names != [unparse(culprit)]:
            text += " (" + ", ".join(f"{n} in {self.units[n]}" for n in names) + ")"
        if want.is_money and any(e == 2 for _, e in found.dims):
            money = [n for n in names if self.units[n].is_money]
            among = f" ({', '.join(money)})" if len(money) >= 2 else ""
            text += (
                f": a product of two amounts of money{among}; is a margin, share or rate given "
                "in money rather than '%' or 'share'?"
            )
        return text

    # -- node types ---------------------------------------------------------------------------
    @singledispatchmethod
    def type_of(self, node: Any) -> StaticType:
        """The static type of ``node``."""
        raise UnitError(f"unsupported expression node {type(node).__name__}")  # pragma: no cover

    @type_of.register
    def _(self, node: Num) -> StaticType:
        return BOOL if isinstance(node.value, bool) else None

    @type_of.register
    def _(self, node: Name) -> StaticType:
        return self.units[node.name]

    @type_of.register
    def _(self, node: Year) -> StaticType:
        return self.units[node.name]

    @type_of.register
    def _(self, node: Lag) -> StaticType:
        return self.units[node.name]

    @type_of.register
    def _(self, node: Index) -> StaticType:
        return Unit()

    @type_of.register
    def _(self, node: Unary) -> StaticType:
        t = self.type_of(node.operand)
        if node.op == "not":
            self.truthy(t)
            return BOOL
        return self.numeric(t, f"unary '{node.op}'")

    @type_of.register
    def _(self, node: Compare) -> StaticType:
        types = [self.numeric(self.type_of(o), "a comparison") for o in node.operands]
        self.unify(node, types, "compare")
        return BOOL

    @type_of.register
    def _(self, node: Logic) -> StaticType:
        for o in node.operands:
            self.truthy(self.type_of(o))
        return BOOL

    @type_of.register
    def _(self, node: If) -> StaticType:
        self.truthy(self.type_of(node.cond))
        a, b = self.type_of(node.then), self.type_of(node.other)
        if (a == BOOL) != (b == BOOL):
            raise UnitError("both branches of 'if/else' must be numbers or both true/false")
        if a == BOOL:
            return BOOL
        return self.unify(node, [a, b], "choose")

    @type_of.register
    def _(self, node: Bin) -> StaticType:
        left = self.numeric(self.type_of(node.left), f"'{node.op}'")
        right = self.numeric(self.type_of(node.right), f"'{node.op}'")
        if node.op in "+-":
            return self.unify(node, [left, right], "add" if node.op == "+" else "subtract")
        if node.op == "*":
            if left is None or right is None:
                return left if right is None else right
            return left * right
        if node.op == "/":
            if right is None:
                return left
            return (left if left is not None else Unit()) / right
        return self._power(node, left, right)

    @type_of.register
    def _(self, node: Call) -> StaticType:
        spec = FUNCTIONS.get(node.func) or LINE_FUNCTIONS[node.func]
        types = [self.numeric(self.type_of(a), f"{node.func}()") for a in node.args]
        if spec.rule is UnitRule.SAME:
            return self.unify(node, types, "choose")
        t = types[0]
        if t is not None and not t.dimensionless:
            raise UnitError(f"{node.func}() needs a pure number, got a quantity in {t}")
        if t is not None and t.power:
            self.factors[id(node)] = (10.0**t.power,)
        return None if t is None else Unit()

    # On Python 3.11 a singledispatchmethod builds a new bound wrapper at every access, which
    # costs more than checking the node itself: dispatch straight through its registry instead.
    _type_for = staticmethod(type_of.dispatcher.dispatch)

    def type_of(self, node: Any) -> StaticType:  # type: ignore[no-redef]
        """The static type of ``node``."""
        t: StaticType = self._type_for(type(node))(self, node)
        self.seen[id(node)] = t
        return t

    def _power(self, node: Bin, left: Unit | None, right: Unit | None) -> StaticType:
        if right is not None and not right.dimensionless:
            raise UnitError(f"an exponent must be a pure number, got {right}")
        if left is None:
            return None
        exponent = const_value(node.right)
        if exponent is not None and float(exponent).is_integer():
            return left ** int(exponent)
        if not left.dimensionless:
            raise UnitError(
                f"a quantity in {left} can only be raised to a whole-number power; "
                "divide it by a quantity of the same unit first"
            )
        if left.power:
            # A ratio such as USD bn / USD m is 1000 times its plain quotient; a fractional
            # power must see the true ratio.
            self.factors[id(node)] = (10.0**left.power,)
        return Unit()


def _operands(node: Any) -> tuple[Any, ...]:
    """The operands :meth:`UnitChecker.unify` compares for ``node``, in its order."""
    if isinstance(node, Bin):
        return (node.left, node.right)
    if isinstance(node, If):
        return (node.then, node.other)
    if isinstance(node, Compare | Call):
        return tuple(node.operands if isinstance(node, Compare) else node.args)
    return ()


def _names(node: Any) -> list[str]:
    """Every name a sub-expression reads, in order of appearance."""
    if isinstance(node, Name | Year | Lag):
        return [node.name]
    out: list[str] = []
    for child in _operands(node) or _children(node):
        out += _names(child)
    return out


def _children(node: Any) -> tuple[Any, ...]:
    if isinstance(node, Unary):
        return (node.operand,)
    if isinstance(node, Logic):
        return tuple(node.operands)
    if isinstance(node, If):
        return (node.cond, node.then, node.other)
    return ()


_PRECEDENCE = {"+": 1, "-": 1, "*": 2, "/": 2, "**": 3}


def unparse(node: Any, outer: int = 0) -> str:
    """A sub-expression written back as text (for messages), e.g. ``revenue_rest * rest_margin``."""
    if isinstance(node, Num):
        return f"{node.value:g}" if not isinstance(node.value, bool) else str(node.value)
    if isinstance(node, Name):
        return node.name
    if isinstance(node, Year):
        return f"{node.name}[{node.year}]"
    if isinstance(node, Lag):
        return f"{node.name}[t-{node.k}]"
    if isinstance(node, Index):
        return node.which
    if isinstance(node, Unary):
        sep = " " if node.op == "not" else ""
        return f"{node.op}{sep}{unparse(node.operand, 4)}"
    if isinstance(node, Bin):
        p = _PRECEDENCE[node.op]
        text = f"{unparse(node.left, p)} {node.op} {unparse(node.right, p + 1)}"
        return f"({text})" if p < outer else text
    if isinstance(node, Compare):
        text = unparse(node.operands[0], 1)
        for op, o in zip(node.ops, node.operands[1:], strict=True):
            text += f" {op} {unparse(o, 1)}"
        return f"({text})" if outer else text
    if isinstance(node, Logic):
        text = f" {node.op} ".join(unparse(o) for o in node.operands)
        return f"({text})" if outer else text
    if isinstance(node, Call):
        return f"{node.func}({', '.join(unparse(a) for a in node.args)})"
    if isinstance(node, If):
        text = f"{unparse(node.then)} if {unparse(node.cond)} else {unparse(node.other)}"
        return f"({text})" if outer else text
    return "..."
