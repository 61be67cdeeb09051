"""A small, safe expression language for derived assumptions and scorecard statements.

Expressions are parsed with :func:`ast.parse` in ``eval`` mode and translated into a tiny tree of
this module's own node types; every Python construct outside a whitelist is rejected. Nothing is
ever handed to ``eval``/``exec``/``compile``. Evaluation is elementwise numpy over paths.

Allowed: numbers, ``true``/``false``, names, ``+ - * / **``, unary ``-``/``+``, comparisons
(chainable: ``0.2 < x <= 0.4``), ``and``/``or``/``not``, ``a if cond else b``, parentheses,
calls to :data:`FUNCTIONS`, and year indexing ``name[2030]`` of per-year arrays.

Units are checked statically by :meth:`Expression.unit`: additions and comparisons need equal
dimensions (scales are converted, so ``USD bn + USD m`` is fine), and a bare number takes the unit
of what it is added to or compared with (``revenue_total[2030] > 200`` reads 200 in the unit of
``revenue_total``).
"""

from __future__ import annotations

import ast
import difflib
import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from model.errors import ExpressionError
from model.inputs.exprtree import (
    CMP_FUNCS,
    FUNCTIONS,
    Bin,
    Call,
    Compare,
    If,
    Logic,
    Name,
    Num,
    Translator,
    Unary,
    UnitRule,
    Year,
)
from model.inputs.units import Unit, UnitError, check_same_dimension

__all__ = ["BOOLEAN", "FUNCTIONS", "BoundExpression", "Expression", "compile_expression"]


# -- the compiled expression -------------------------------------------------------------------

_BOOL = "bool"  # type marker of true/false results
# The static type of a node: a Unit, None for a bare number (adopts its partner's unit), or _BOOL.
_Type = Unit | None | str


@dataclass(frozen=True)
class _Plan:
    """Per-node scale factors found by the unit check, applied during evaluation."""

    factors: Mapping[int, tuple[float, ...]] = field(default_factory=dict)
    unit: _Type = None


class Expression:
    """A compiled expression.

    Use :func:`compile_expression` to build one.

    Attributes
    ----------
    text : str
        The source text.
    names : tuple of str
        Referenced names in order of first appearance.
    year_refs : tuple of (str, int)
        Every ``name[year]`` reference.
    """

    __slots__ = ("_bare", "_tree", "names", "text", "year_refs")

    def __init__(
        self,
        text: str,
        tree: Any,
        names: Sequence[str],
        year_refs: Sequence[tuple[str, int]],
        bare: Iterable[str] = (),
    ) -> None:
        self.text = text
        self._tree = tree
        self.names: tuple[str, ...] = tuple(names)
        self.year_refs: tuple[tuple[str, int], ...] = tuple(year_refs)
        # Names used without a year index: if one of them is per-year, the result is too.
        self._bare = frozenset(bare)

    def __repr__(self) -> str:
        return f"Expression({self.text!r})"

    @property
    def per_year_names(self) -> tuple[str, ...]:
        """Names used with a year index (they must be per-year arrays)."""
        return tuple(dict.fromkeys(n for n, _ in self.year_refs))

    @property
    def is_statement(self) -> bool:
        """True when the expression's top level is a comparison or logical operation."""
        return isinstance(self._tree, Compare | Logic) or (
            isinstance(self._tree, Unary) and self._tree.op == "not"
        )

    # -- checks -----------------------------------------------------------------------------
    def check_names(self, known: Iterable[str]) -> None:
        """Raise :class:`ExpressionError` for the first name not in ``known``."""
        known = set(known)
        for name in self.names:
            if name not in known:
                raise self._unknown(name, known)

    def check_years(self, years: Sequence[int]) -> None:
        """Raise :class:`ExpressionError` if a ``name[year]`` falls outside ``years``."""
        years = tuple(years)
        for name, year in self.year_refs:
            if year not in years:
                span = f"{years[0]}-{years[-1]}" if years else "(no years)"
                raise ExpressionError(
                    f"year {year} in '{name}[{year}]' is outside the horizon {span}, "
                    f"in {self.text!r}"
                )

    def _unknown(self, name: str, known: Iterable[str]) -> ExpressionError:
        close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        return ExpressionError(f"unknown name '{name}' in {self.text!r}{hint}")

    # -- units ------------------------------------------------------------------------------
    def unit(self, units: Mapping[str, Unit]) -> Unit:
        """Statically check units and return the result's unit.

        Parameters
        ----------
        units : Mapping[str, Unit]
            Unit of every referenced name.

        Returns
        -------
        Unit
            The result unit (a bare-number result is dimensionless; a true/false statement
            returns :data:`BOOLEAN`).

        Raises
        ------
        ExpressionError
            Unknown name or incompatible units (e.g. adding USD to RMB).
        """
        result = self._plan(units).unit
        if result == _BOOL:
            return BOOLEAN
        return result if isinstance(result, Unit) else Unit()

    def _plan(self, units: Mapping[str, Unit]) -> _Plan:
        self.check_names(units)
        factors: dict[int, tuple[float, ...]] = {}
        try:
            result = _UnitChecker(units, factors).type_of(self._tree)
        except UnitError as exc:
            raise UnitError(f"in {self.text!r}: {exc}") from None
        return _Plan(factors, result)

    # -- evaluation -------------------------------------------------------------------------
    def evaluate(
        self,
        values: Mapping[str, Any],
        years: Sequence[int] | None = None,
        units: Mapping[str, Unit] | None = None,
    ) -> np.ndarray:
        """Evaluate elementwise over paths.

        Parameters
        ----------
        values : Mapping[str, array_like]
            Value of every referenced name: shape ``(n,)`` for static quantities or
            ``(n, n_years)`` for per-year ones.
        years : sequence of int, optional
            The model years; required for ``name[year]``.
        units : Mapping[str, Unit], optional
            When given, units are checked and scales converted (``USD bn + USD m`` adds
            correctly); without them the arithmetic is plain.

        Returns
        -------
        numpy.ndarray
            Numbers, or booleans for statements.
        """
        plan = self._plan(units) if units is not None else _Plan()
        return self.bind(plan, years)(values)

    def compile(
        self,
        units: Mapping[str, Unit] | None = None,
        years: Sequence[int] | None = None,
        factor: float = 1.0,
    ) -> BoundExpression:
        """Check once and return a fast, picklable function ``values -> array``.

        ``factor`` multiplies the (numeric) result, e.g. to express it in a declared unit.
        """
        return BoundExpression(self, units, years, factor)

    def __reduce__(self) -> tuple[Any, ...]:
        # The tree's scale factors are keyed by node identity, so a copy is re-parsed.
        return (compile_expression, (self.text,))

    def bind(self, plan: _Plan, years: Sequence[int] | None) -> Callable[[Mapping], np.ndarray]:
        years_t = tuple(years) if years is not None else None
        if years_t is not None:
            self.check_years(years_t)

        def run(values: Mapping[str, Any]) -> np.ndarray:
            missing = [n for n in self.names if n not in values]
            if missing:
                raise self._unknown(missing[0], values)
            # Static (n,) inputs meet per-year (n, n_years) ones as (n, 1) columns.
            expand = any(np.ndim(values[n]) >= 2 for n in self._bare)
            with np.errstate(all="ignore"):
                evaluator = _Evaluator(values, years_t, plan.factors, self, expand)
                return np.asarray(evaluator.value(self._tree))

        return run


class BoundExpression:
    """An expression checked against units and years, ready to evaluate many times.

    Calling it with a mapping of input arrays returns the result times ``factor``. It pickles
    by its text and settings (and is re-checked when unpickled), so it can be sent to other
    processes.
    """

    __slots__ = ("_run", "expression", "factor", "units", "years")

    def __init__(
        self,
        expression: Expression,
        units: Mapping[str, Unit] | None,
        years: Sequence[int] | None,
        factor: float = 1.0,
    ) -> None:
        self.expression = expression
        self.units = dict(units) if units is not None else None
        self.years = tuple(years) if years is not None else None
        self.factor = float(factor)
        plan = expression._plan(self.units) if self.units is not None else _Plan()
        self._run = expression.bind(plan, self.years)

    def __call__(self, values: Mapping[str, Any]) -> np.ndarray:
        out = self._run(values)
        return out if self.factor == 1.0 else out * self.factor

    def __reduce__(self) -> tuple[Any, ...]:
        return (BoundExpression, (self.expression, self.units, self.years, self.factor))

    def __repr__(self) -> str:
        return f"BoundExpression({self.expression.text!r}, factor={self.factor:g})"


#: The result "unit" of a true/false statement.
BOOLEAN = Unit(symbol="true/false")


MAX_LENGTH = 2000


def compile_expression(text: str) -> Expression:
    """Parse and whitelist-check an expression.

    Parameters
    ----------
    text : str
        E.g. ``"(china_cloud_market_2026 / china_cloud_market_2021) ** (1/5) - 1"`` or
        ``"ai_cloud_share[2030] > 0.30 and exit_pe >= 27.8"``.

    Returns
    -------
    Expression

    Raises
    ------
    ExpressionError
        Syntax errors (with the column) and disallowed constructs.
    """
    if not isinstance(text, str) or not text.strip():
        raise ExpressionError("an expression is required, got an empty one")
    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"expression longer than {MAX_LENGTH} characters")
    source = " ".join(text.split())  # expressions are one logical line even if folded in YAML
    shown = source if len(source) <= 120 else source[:100] + "..."
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError as exc:
        col = f" at column {exc.offset}" if exc.offset else ""
        reason = (exc.msg or "invalid syntax").replace("invalid syntax. ", "")
        raise ExpressionError(f"invalid expression {shown!r}: {reason}{col}") from None
    except (RecursionError, MemoryError, ValueError):
        raise ExpressionError(f"invalid expression {shown!r}: too deeply nested") from None
    translator = Translator(source)
    try:
        body = translator.visit(tree)
    except RecursionError:
        raise ExpressionError(f"invalid expression {shown!r}: too deeply nested") from None
    return Expression(source, body, translator.names, translator.years, translator.bare)


# -- static unit checking ----------------------------------------------------------------------


def _const(node: Any) -> float | None:
    """Value of a sub-expression without names, else None."""
    if isinstance(node, Num):
        return float(node.value)
    if isinstance(node, Unary) and node.op in "+-":
        v = _const(node.operand)
        return None if v is None else (-v if node.op == "-" else v)
    if isinstance(node, Bin):
        a, b = _const(node.left), _const(node.right)
        if a is None or b is None:
            return None
        with np.errstate(all="ignore"):
            ops = {"+": np.add, "-": np.subtract, "*": np.multiply, "/": np.divide, "**": np.power}
            return float(ops[node.op](a, b))
    return None


class _UnitChecker:
    def __init__(self, units: Mapping[str, Unit], factors: dict[int, tuple[float, ...]]):
        self.units = units
        self.factors = factors

    def numeric(self, t: _Type, what: str) -> Unit | None:
        if t == _BOOL:
            raise UnitError(f"{what} needs a number, got a true/false value")
        return t  # type: ignore[return-value]

    def unify(self, node: Any, types: Sequence[_Type], op: str) -> Unit | None:
        """Common unit of operands that are added/compared; records scale factors."""
        first: Unit | None = None
        for t in types:
            if isinstance(t, Unit):
                first = t
                break
        factors = []
        for t in types:
            if isinstance(t, Unit) and first is not None:
                check_same_dimension(first, t, op)
                factors.append(10.0 ** (t.power - first.power))
            else:
                factors.append(1.0)
        if any(f != 1.0 for f in factors):
            self.factors[id(node)] = tuple(factors)
        return first

    def type_of(self, node: Any) -> _Type:
        if isinstance(node, Num):
            return _BOOL if isinstance(node.value, bool) else None
        if isinstance(node, Name | Year):
            return self.units[node.name]
        if isinstance(node, Unary):
            t = self.type_of(node.operand)
            if node.op == "not":
                self.truthy(t)
                return _BOOL
            return self.numeric(t, f"unary '{node.op}'")
        if isinstance(node, Bin):
            return self.binary(node)
        if isinstance(node, Compare):
            types = [self.numeric(self.type_of(o), "a comparison") for o in node.operands]
            self.unify(node, types, "compare")
            return _BOOL
        if isinstance(node, Logic):
            for o in node.operands:
                self.truthy(self.type_of(o))
            return _BOOL
        if isinstance(node, If):
            self.truthy(self.type_of(node.cond))
            a, b = self.type_of(node.then), self.type_of(node.other)
            if (a == _BOOL) != (b == _BOOL):
                raise UnitError("both branches of 'if/else' must be numbers or both true/false")
            if a == _BOOL:
                return _BOOL
            return self.unify(node, [a, b], "choose")
        if isinstance(node, Call):
            return self.call(node)
        raise UnitError("unsupported expression node")  # pragma: no cover

    def truthy(self, t: _Type) -> None:
        if isinstance(t, Unit) and not t.dimensionless:
            raise UnitError(f"'and'/'or'/'not' need true/false values, got a quantity in {t}")

    def binary(self, node: Bin) -> _Type:
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
        # power
        if right is not None and not right.dimensionless:
            raise UnitError(f"an exponent must be a pure number, got {right}")
        if left is None:
            return None
        exponent = _const(node.right)
        if exponent is not None and float(exponent).is_integer():
            return left ** int(exponent)
        if not left.dimensionless:
            raise UnitError(
                f"a quantity in {left} can only be raised to a whole-number power; "
                "divide it by a quantity of the same unit first"
            )
        if left.power:
            self.factors[id(node)] = (10.0**left.power,)
        return Unit()

    def call(self, node: Call) -> _Type:
        spec = FUNCTIONS[node.func]
        types = [self.numeric(self.type_of(a), f"{node.func}()") for a in node.args]
        if spec.rule == UnitRule.SAME:
            return self.unify(node, types, "choose")
        t = types[0]
        if t is not None and not t.dimensionless:
            raise UnitError(f"{node.func}() needs a pure number, got a quantity in {t}")
        if t is not None and t.power:
            self.factors[id(node)] = (10.0**t.power,)
        return None if t is None else Unit()


# -- evaluation --------------------------------------------------------------------------------


class _Evaluator:
    def __init__(
        self,
        values: Mapping[str, Any],
        years: tuple[int, ...] | None,
        factors: Mapping[int, tuple[float, ...]],
        expr: Expression,
        expand: bool = False,
    ) -> None:
        self.values = values
        self.expand = expand
        self.years = years
        self.factors = factors
        self.expr = expr

    def scaled(self, node: Any, parts: Sequence[Any]) -> list[Any]:
        f = self.factors.get(id(node))
        if f is None:
            return list(parts)
        return [p if k == 1.0 else p * k for p, k in zip(parts, f, strict=True)]

    def value(self, node: Any) -> Any:
        if isinstance(node, Num):
            return node.value
        if isinstance(node, Name):
            return self.column(np.asarray(self.values[node.name]))
        if isinstance(node, Year):
            return self.column(self.year(node))
        if isinstance(node, Unary):
            v = self.value(node.operand)
            if node.op == "not":
                return np.logical_not(_truth(v))
            return np.negative(v) if node.op == "-" else v
        if isinstance(node, Bin):
            return self.binary(node)
        if isinstance(node, Compare):
            vals = self.scaled(node, [self.value(o) for o in node.operands])
            out = None
            for i, op in enumerate(node.ops):
                part = CMP_FUNCS[op](vals[i], vals[i + 1])
                out = part if out is None else np.logical_and(out, part)
            return out
        if isinstance(node, Logic):
            parts = [_truth(self.value(o)) for o in node.operands]
            func = np.logical_and if node.op == "and" else np.logical_or
            return functools.reduce(func, parts)
        if isinstance(node, If):
            a, b = self.scaled(node, [self.value(node.then), self.value(node.other)])
            return np.where(_truth(self.value(node.cond)), a, b)
        if isinstance(node, Call):
            args = self.scaled(node, [self.value(a) for a in node.args])
            return FUNCTIONS[node.func].impl(*args)
        raise ExpressionError("unsupported expression node")  # pragma: no cover

    def column(self, arr: np.ndarray) -> np.ndarray:
        return arr[:, None] if self.expand and arr.ndim == 1 else arr

    def binary(self, node: Bin) -> Any:
        left, right = self.value(node.left), self.value(node.right)
        if node.op in "+-":
            left, right = self.scaled(node, [left, right])
            return np.add(left, right) if node.op == "+" else np.subtract(left, right)
        if node.op == "*":
            return np.multiply(left, right)
        if node.op == "/":
            return np.true_divide(left, right)
        f = self.factors.get(id(node))
        if f is not None:
            left = left * f[0]
        return np.power(np.asarray(left, dtype=float), right)

    def year(self, node: Year) -> Any:
        arr = np.asarray(self.values[node.name])
        if self.years is None:
            raise ExpressionError(
                f"'{node.name}[{node.year}]' needs the model years, in {self.expr.text!r}"
            )
        if node.year not in self.years:
            self.expr.check_years(self.years)
        if arr.ndim < 2 or arr.shape[-1] != len(self.years):
            raise ExpressionError(
                f"'{node.name}' is not a per-year quantity (shape {arr.shape}); drop "
                f"'[{node.year}]', in {self.expr.text!r}"
            )
        return arr[..., self.years.index(node.year)]


def _truth(v: Any) -> Any:
    arr = np.asarray(v)
    return arr if arr.dtype == bool else arr != 0
