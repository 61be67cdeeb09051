"""Parsing of the expression language: Python's AST translated into a small whitelisted tree.

Only the constructs listed in :data:`ALLOWED_TEXT` are translated; anything else raises
:class:`~model.errors.ExpressionError` naming the construct and its column. See
:mod:`model.inputs.expressions.expr` for the compiled
:class:`~model.inputs.expressions.expr.Expression`.
"""

from __future__ import annotations

import ast
import difflib
import functools
import keyword
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import numpy as np

from model.errors import ExpressionError, excerpt

__all__ = [
    "CMP_FUNCS",
    "FUNCTIONS",
    "LINE_FUNCTIONS",
    "RESERVED_WORDS",
    "Bin",
    "Call",
    "Compare",
    "Function",
    "If",
    "Index",
    "Lag",
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
class Lag:
    """``name[t-k]``: a model line ``k >= 1`` years earlier (line expressions only)."""

    name: str
    k: int


@dataclass(frozen=True, eq=False)
class Index:
    """The year index ``t`` (0 in the first model year) or the calendar ``year`` (lines only)."""

    which: str  # "t" or "year"


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


def _clip(x: np.ndarray, low: np.ndarray, high: np.ndarray) -> np.ndarray:
    """``x`` held within ``[low, high]``; no value (NaN) where ``low > high``.

    ``np.clip`` answers ``high`` wherever the bounds cross, a number that looks valid and
    hides the reversed bounds; NaN makes the line or statement report the paths instead.
    """
    with np.errstate(invalid="ignore"):
        out = np.clip(x, low, high)
        crossed = np.asarray(low) > np.asarray(high)
    if np.any(crossed):
        out = np.where(crossed, np.nan, out)
    return np.asarray(out)


def _literal(node: Any) -> float | None:
    """The value of a number written as such (``0.5``, ``-0.5``), else None."""
    sign = 1.0
    while isinstance(node, Unary) and node.op in ("-", "+"):
        sign = -sign if node.op == "-" else sign
        node = node.operand
    if isinstance(node, Num) and not isinstance(node.value, bool):
        return sign * float(node.value)
    return None


#: Functions an expression may call, with their argument counts and meaning.
FUNCTIONS: dict[str, Function] = {
    "min": Function(2, None, _reduce(np.minimum), UnitRule.SAME, "elementwise minimum"),
    "max": Function(2, None, _reduce(np.maximum), UnitRule.SAME, "elementwise maximum"),
    "abs": Function(1, 1, np.abs, UnitRule.SAME, "absolute value"),
    "clip": Function(3, 3, _clip, UnitRule.SAME, "clip(x, low, high)"),
    "log": Function(1, 1, np.log, UnitRule.PURE, "natural logarithm"),
    "exp": Function(1, 1, np.exp, UnitRule.PURE, "exponential"),
    "sqrt": Function(1, 1, np.sqrt, UnitRule.PURE, "square root"),
}


def _cumsum(x: np.ndarray) -> np.ndarray:
    return np.cumsum(x, axis=-1)


def _cumprod(x: np.ndarray) -> np.ndarray:
    return np.cumprod(x, axis=-1)


def _compound(growth: np.ndarray) -> np.ndarray:
    # prod_{k=1..t} (1 + g_k): growth into year k moves year k; year 0 is the base (1).
    step = np.maximum(1.0 + np.asarray(growth, dtype=float), 0.0)
    factor = np.ones_like(step)
    factor[..., 1:] = np.cumprod(step[..., 1:], axis=-1)
    return factor


#: Functions of model lines only: they run along the years, so they need per-year arrays.
#: ``lag(x, k)`` and ``growth(x)`` are rewritten into ``x[t-k]`` and ``x / x[t-1] - 1``.
LINE_FUNCTIONS: dict[str, Function] = {
    "cumsum": Function(1, 1, _cumsum, UnitRule.SAME, "running sum over the years to t"),
    "cumprod": Function(1, 1, _cumprod, UnitRule.PURE, "running product over the years to t"),
    "compound": Function(
        1, 1, _compound, UnitRule.PURE, "prod_{k=1..t} (1 + g_k): 1 in year 0 (growth index)"
    ),
}
#: Rewritten by the translator (not evaluated as calls).
LINE_SUGAR = {"lag": "lag(x, k) = x[t-k]", "growth": "growth(x) = x / x[t-1] - 1"}
#: Words an expression reads as something of its own, so no quantity of a thesis may be named
#: by them: in a model line ``t`` is the year index and ``year`` the calendar year (an input
#: of that name would be silently ignored there), ``true``/``false`` are constants, and
#: Python's keywords would not parse.
RESERVED_WORDS = frozenset(
    {"t", "year", "true", "false", *(k for k in keyword.kwlist if k.islower())}
)

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

    def __init__(self, text: str, lines: bool = False) -> None:
        self.text = text
        self.lines = lines
        self.names: list[str] = []
        self.bare: set[str] = set()
        self.years: list[tuple[str, int]] = []
        self.lags: list[tuple[str, int]] = []

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
        if self.lines and node.id in ("t", "year"):
            return Index(node.id)
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
        known = {**FUNCTIONS, **LINE_FUNCTIONS} if self.lines else FUNCTIONS
        if self.lines and name in LINE_SUGAR:
            return self._sugar(node, name)
        spec = known.get(name)
        if spec is None:
            names = [*known, *LINE_SUGAR] if self.lines else list(known)
            close = difflib.get_close_matches(name, names, n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            if not self.lines and name in {*LINE_FUNCTIONS, *LINE_SUGAR}:
                hint = "it works along the years, in model lines only; "
            raise self.fail(
                node, f"the function '{name}'", f"{hint}known functions: {', '.join(names)}"
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
        args = tuple(self.visit(a) for a in node.args)
        if name == "clip":
            low, high = _literal(args[1]), _literal(args[2])
            if low is not None and high is not None and low > high:
                raise ExpressionError(
                    f"clip(x, low, high) needs low <= high, got low {low:g} above high "
                    f"{high:g}, in {self.text!r}"
                )
        return Call(name, args)

    def _line_name(self, node: ast.AST, what: str) -> str:
        if not isinstance(node, ast.Name) or node.id in ("t", "year"):
            raise self.fail(
                node, f"{what} of anything but a line name", "write e.g. lag(revenue, 1)"
            )
        if node.id not in self.names:
            self.names.append(node.id)
        return node.id

    def _lag(self, node: ast.AST, name: str, k: int) -> Any:
        if k == 0:
            self.bare.add(name)
            return Name(name)
        if k < 0:
            raise self.fail(
                node, "a reference to a later year", "a line may use earlier years only"
            )
        self.lags.append((name, k))
        return Lag(name, k)

    def _sugar(self, node: ast.Call, func: str) -> Any:
        if node.keywords:
            raise self.fail(node, "keyword arguments", "pass arguments by position")
        if func == "growth":
            if len(node.args) != 1:
                raise ExpressionError(
                    f"growth() takes 1 argument, got {len(node.args)}, in {self.text!r}"
                )
            name = self._line_name(node.args[0], "growth()")
            self.bare.add(name)
            return Bin("-", Bin("/", Name(name), self._lag(node, name, 1)), Num(1.0))
        if len(node.args) not in (1, 2):
            raise ExpressionError(
                f"lag() takes 1 or 2 arguments, got {len(node.args)}, in {self.text!r}"
            )
        name = self._line_name(node.args[0], "lag()")
        k = 1
        if len(node.args) == 2:
            arg = node.args[1]
            k_value = arg.value if isinstance(arg, ast.Constant) else None
            if isinstance(k_value, bool) or not isinstance(k_value, int):
                raise self.fail(arg, "a lag other than a whole number of years", "write lag(x, 2)")
            k = k_value
        return self._lag(node, name, k)

    def _relative(self, node: ast.Subscript, name: str) -> Any:
        """``name[t]``, ``name[t-k]``: a year relative to the one being computed."""
        index = node.slice
        if isinstance(index, ast.Name) and index.id == "t":
            return self._lag(node, name, 0)
        if (
            isinstance(index, ast.BinOp)
            and isinstance(index.left, ast.Name)
            and index.left.id == "t"
            and isinstance(index.op, ast.Sub | ast.Add)
            and isinstance(index.right, ast.Constant)
            and isinstance(index.right.value, int)
            and not isinstance(index.right.value, bool)
        ):
            k = index.right.value if isinstance(index.op, ast.Sub) else -index.right.value
            return self._lag(node, name, k)
        raise self.fail(
            node, "this index", "in a model line write name[t-1] (an earlier year) or name[t]"
        )

    def visit_Subscript(self, node: ast.Subscript) -> Any:
        if not isinstance(node.value, ast.Name):
            raise self.fail(node, "indexing anything but a name", "write name[2030]")
        if self.lines:
            name = node.value.id
            if name not in self.names:
                self.names.append(name)
            return self._relative(node, name)
        index = node.slice
        year = index.value if isinstance(index, ast.Constant) else None
        if isinstance(year, bool) or not isinstance(year, int):
            raise self.fail(node, "an index other than a year", "write name[2030]")
        name = node.value.id
        if name not in self.names:
            self.names.append(name)
        self.years.append((name, year))
        return Year(name, year)
