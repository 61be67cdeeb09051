"""Parsing of the expression language: Python's AST translated into a small whitelisted tree.

Only the constructs listed in :data:`ALLOWED_TEXT` are translated; anything else raises
:class:`~model.errors.ExpressionError` naming the construct and its column. See
:mod:`model.inputs.expr` for the compiled :class:`~model.inputs.expr.Expression`.
"""

from __future__ import annotations

import ast
import difflib
import functools
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import numpy as np

from model.errors import ExpressionError, excerpt

__all__ = [
    "CMP_FUNCS",
    "FUNCTIONS",
    "Bin",
    "Call",
    "Compare",
    "Function",
    "If",
    "Logic",
    "Name",
    "Num",
    "Translator",
    "Unary",
    "UnitRule",
    "Year",
]

# -- node types --------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Num:
    """A number or true/false constant."""

    value: float | bool


@dataclass(frozen=True, eq=False)
class Name:
    """A name: an assumption, model output or kept input."""

    name: str


@dataclass(frozen=True, eq=False)
class Year:
    """``name[year]``: one year of a per-year quantity."""

    name: str
    year: int


@dataclass(frozen=True, eq=False)
class Unary:
    """``-x``, ``+x`` or ``not x``."""

    op: str  # "-", "+", "not"
    operand: Any


@dataclass(frozen=True, eq=False)
class Bin:
    """An arithmetic operation."""

    op: str  # "+", "-", "*", "/", "**"
    left: Any
    right: Any


@dataclass(frozen=True, eq=False)
class Compare:
    """A (possibly chained) comparison: ``a < b <= c`` has two ops and three operands."""

    ops: tuple[str, ...]
    operands: tuple[Any, ...]


@dataclass(frozen=True, eq=False)
class Logic:
    """``and`` / ``or`` of two or more operands."""

    op: str  # "and" / "or"
    operands: tuple[Any, ...]


@dataclass(frozen=True, eq=False)
class Call:
    """A call of one of :data:`FUNCTIONS`."""

    func: str
    args: tuple[Any, ...]


@dataclass(frozen=True, eq=False)
class If:
    """``then if cond else other``."""

    cond: Any
    then: Any
    other: Any


# -- whitelisted functions ---------------------------------------------------------------------


class UnitRule(StrEnum):
    """How a function's result unit follows from its arguments' units."""

    SAME = "same"  # all arguments share the first one's unit; result has it
    PURE = "pure"  # one dimensionless argument; dimensionless result


@dataclass(frozen=True)
class Function:
    """A function expressions may call: argument counts, implementation, unit rule."""

    min_args: int
    max_args: int | None
    impl: Callable[..., np.ndarray]
    rule: UnitRule
    doc: str


def _reduce(ufunc: np.ufunc) -> Callable[..., np.ndarray]:
    return lambda *args: functools.reduce(ufunc, args)


#: Functions an expression may call, with their argument counts and meaning.
FUNCTIONS: dict[str, Function] = {
    "min": Function(2, None, _reduce(np.minimum), UnitRule.SAME, "elementwise minimum"),
    "max": Function(2, None, _reduce(np.maximum), UnitRule.SAME, "elementwise maximum"),
    "abs": Function(1, 1, np.abs, UnitRule.SAME, "absolute value"),
    "clip": Function(3, 3, np.clip, UnitRule.SAME, "clip(x, low, high)"),
    "log": Function(1, 1, np.log, UnitRule.PURE, "natural logarithm"),
    "exp": Function(1, 1, np.exp, UnitRule.PURE, "exponential"),
    "sqrt": Function(1, 1, np.sqrt, UnitRule.PURE, "square root"),
}

ALLOWED_TEXT = (
    "numbers, names, + - * / **, comparisons, and/or/not, 'a if c else b', name[year], "
    "and the functions " + ", ".join(f"{n}()" for n in FUNCTIONS)
)

_BIN_OPS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "**"}
_CMP_OPS = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!="}
CMP_FUNCS = {
    "<": np.less,
    "<=": np.less_equal,
    ">": np.greater,
    ">=": np.greater_equal,
    "==": np.equal,
    "!=": np.not_equal,
}
# Hints for operators people reach for by habit from other languages.
_OP_HINTS = {
    ast.BitAnd: "use 'and'",
    ast.BitOr: "use 'or'",
    ast.BitXor: "use ** for powers",
    ast.Mod: "write percentages as fractions (0.3), there is no modulo",
    ast.FloorDiv: "use /",
    ast.Invert: "use 'not'",
}


# -- translation from Python's AST -------------------------------------------------------------


class Translator:
    """Translates Python's AST of an expression into this module's nodes, whitelist only.

    Parameters
    ----------
    text : str
        The expression text, for messages.

    Attributes
    ----------
    names : list of str
        Names used, in order of first appearance.
    bare : set of str
        Names used without a year index.
    years : list of (str, int)
        Every ``name[year]``.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.names: list[str] = []
        self.bare: set[str] = set()
        self.years: list[tuple[str, int]] = []

    def fail(self, node: ast.AST, what: str, hint: str = "") -> ExpressionError:
        col = getattr(node, "col_offset", None)
        where = f" at column {col + 1}" if col is not None else ""
        return ExpressionError(
            f"{what} is not allowed in an expression{where}: {excerpt(self.text, 120)!r}"
            + (f" ({hint})" if hint else f" (allowed: {ALLOWED_TEXT})")
        )

    def visit(self, node: ast.AST) -> Any:
        method = getattr(self, "visit_" + type(node).__name__, None)
        if method is None:
            return self.generic(node)
        return method(node)

    def generic(self, node: ast.AST) -> Any:
        names = {
            ast.Attribute: "attribute access ('.')",
            ast.Lambda: "'lambda'",
            ast.ListComp: "a comprehension",
            ast.GeneratorExp: "a comprehension",
            ast.Dict: "a mapping",
            ast.List: "a list",
            ast.Tuple: "a tuple",
            ast.Set: "a set",
            ast.JoinedStr: "a string",
            ast.NamedExpr: "':='",
            ast.Starred: "'*'",
        }
        raise self.fail(node, names.get(type(node), f"'{type(node).__name__}'"))

    def visit_Expression(self, node: ast.Expression) -> Any:
        return self.visit(node.body)

    def visit_Constant(self, node: ast.Constant) -> Any:
        v = node.value
        if isinstance(v, bool):
            return Num(v)
        if isinstance(v, int | float) and not isinstance(v, complex):
            try:
                f = float(v)
            except OverflowError:  # an integer literal beyond the largest float
                raise self.fail(
                    node, "a number too large for a float", "the largest is about 1.8e308"
                ) from None
            if not np.isfinite(f):
                raise self.fail(node, "an infinite number")
            return Num(f)
        kind = "a string" if isinstance(v, str) else f"the constant {v!r}"
        raise self.fail(node, kind, "quote marks are not used in expressions")

    def visit_Name(self, node: ast.Name) -> Any:
        lowered = node.id.lower()
        if lowered in ("true", "false"):
            return Num(lowered == "true")
        if node.id not in self.names:
            self.names.append(node.id)
        self.bare.add(node.id)
        return Name(node.id)

    def visit_UnaryOp(self, node: ast.UnaryOp) -> Any:
        ops = {ast.USub: "-", ast.UAdd: "+", ast.Not: "not"}
        op = ops.get(type(node.op))
        if op is None:
            raise self.fail(
                node, f"the operator {type(node.op).__name__}", _OP_HINTS.get(type(node.op), "")
            )
        return Unary(op, self.visit(node.operand))

    def visit_BinOp(self, node: ast.BinOp) -> Any:
        op = _BIN_OPS.get(type(node.op))
        if op is None:
            symbol = {
                ast.Mod: "%",
                ast.FloorDiv: "//",
                ast.BitAnd: "&",
                ast.BitOr: "|",
                ast.BitXor: "^",
                ast.MatMult: "@",
                ast.LShift: "<<",
                ast.RShift: ">>",
            }
            text = symbol.get(type(node.op), type(node.op).__name__)
            raise self.fail(node, f"the operator '{text}'", _OP_HINTS.get(type(node.op), ""))
        return Bin(op, self.visit(node.left), self.visit(node.right))

    def visit_BoolOp(self, node: ast.BoolOp) -> Any:
        op = "and" if isinstance(node.op, ast.And) else "or"
        return Logic(op, tuple(self.visit(v) for v in node.values))

    def visit_Compare(self, node: ast.Compare) -> Any:
        ops = []
        for o in node.ops:
            if type(o) not in _CMP_OPS:
                raise self.fail(
                    node, f"'{type(o).__name__}' comparison", "use <, <=, >, >=, == or !="
                )
            ops.append(_CMP_OPS[type(o)])
        operands = (self.visit(node.left), *(self.visit(c) for c in node.comparators))
        return Compare(tuple(ops), operands)

    def visit_IfExp(self, node: ast.IfExp) -> Any:
        return If(self.visit(node.test), self.visit(node.body), self.visit(node.orelse))

    def visit_Call(self, node: ast.Call) -> Any:
        if not isinstance(node.func, ast.Name):
            raise self.fail(node, "calling anything but a plain function name")
        name = node.func.id
        spec = FUNCTIONS.get(name)
        if spec is None:
            close = difflib.get_close_matches(name, FUNCTIONS, n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            raise self.fail(
                node, f"the function '{name}'", f"{hint}known functions: {', '.join(FUNCTIONS)}"
            )
        if node.keywords:
            raise self.fail(node, "keyword arguments", "pass arguments by position")
        n = len(node.args)
        if n < spec.min_args or (spec.max_args is not None and n > spec.max_args):
            want = (
                f"{spec.min_args}"
                if spec.max_args == spec.min_args
                else f"at least {spec.min_args}"
                if spec.max_args is None
                else f"{spec.min_args} to {spec.max_args}"
            )
            raise ExpressionError(f"{name}() takes {want} argument(s), got {n}, in {self.text!r}")
        return Call(name, tuple(self.visit(a) for a in node.args))

    def visit_Subscript(self, node: ast.Subscript) -> Any:
        if not isinstance(node.value, ast.Name):
            raise self.fail(node, "indexing anything but a name", "write name[2030]")
        index = node.slice
        year = index.value if isinstance(index, ast.Constant) else None
        if isinstance(year, bool) or not isinstance(year, int):
            raise self.fail(node, "an index other than a year", "write name[2030]")
        name = node.value.id
        if name not in self.names:
            self.names.append(name)
        self.years.append((name, year))
        return Year(name, year)
