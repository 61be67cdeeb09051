"""Elementwise evaluation of expression trees over paths, with undefined paths tracked.

A path is *undefined* where the expression has no value: a division by zero, a function outside
its domain (``log`` of a number <= 0, ``sqrt`` of a negative number, an overflowing ``exp``), a
fractional power of a negative number, or a NaN input. Numbers carry NaN on such paths. True/false
values follow three-valued logic: a comparison with an undefined operand is *unknown*; ``and`` is
false as soon as one operand is known to be false, ``or`` true as soon as one is known to be
true, otherwise unknown operands make the result unknown. ``a if c else b`` only looks at the
branch it takes, so ``x / y if y != 0 else 0`` is defined everywhere.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import singledispatchmethod
from typing import Any, cast

import numpy as np

from model.errors import ExpressionError
from model.inputs.expressions.exprtree import (
    CMP_FUNCS,
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

__all__ = ["Evaluation", "Evaluator", "Truth", "lag_key"]


@dataclass(frozen=True)
class Evaluation:
    """The result of an expression on every path, and where it is undefined.

    Attributes
    ----------
    values : ndarray
        Numbers (NaN where undefined) or, for a statement, booleans (False where undefined).
        Shape ``(n,)``, ``(n, n_years)``, or ``()`` for an expression without names.
    undefined : ndarray of bool
        Same shape as ``values``: True where the expression has no value.
    """

    values: np.ndarray
    undefined: np.ndarray

    @property
    def undefined_paths(self) -> np.ndarray:
        """One flag per path (per-year results are undefined on a path if any year is)."""
        u = self.undefined
        return cast(np.ndarray, u.reshape(u.shape[0], -1).any(axis=1)) if u.ndim >= 2 else u

    @property
    def n_undefined(self) -> int:
        """Number of paths on which the expression is undefined."""
        return int(np.count_nonzero(self.undefined_paths))

    @property
    def n_paths(self) -> int:
        """Number of paths evaluated (1 for an expression without names)."""
        return int(self.values.shape[0]) if self.values.ndim else 1


@dataclass(frozen=True)
class Truth:
    """A true/false value per path, with the paths where it is unknown.

    Attributes
    ----------
    value : ndarray of bool or bool
        True where known to be true.
    unknown : ndarray of bool or bool
        True where the value is unknown (``value`` is False there).
    """

    value: Any
    unknown: Any


def lag_key(name: str, k: int) -> str:
    """Key under which a line evaluator passes ``name[t-k]`` in the values mapping."""
    return f"{name}[t-{k}]"


def _truth(v: Any) -> Truth:
    """A number or Truth as a Truth: non-zero numbers are true, NaN is unknown."""
    if isinstance(v, Truth):
        return v
    arr = np.asarray(v)
    if arr.dtype == bool:
        return Truth(arr, np.zeros(arr.shape, dtype=bool))
    unknown = np.isnan(arr)
    return Truth((arr != 0) & ~unknown, unknown)


def _defined(result: Any, *args: Any) -> Any:
    """``result`` with NaN where it is not finite although every argument is (undefined)."""
    out = np.asarray(result, dtype=float)
    finite_args = functools.reduce(np.logical_and, (np.isfinite(a) for a in args))
    bad = ~np.isfinite(out) & finite_args
    if not np.any(bad):
        return result
    return np.where(bad, np.nan, out)


class Evaluator:
    """Evaluates one expression tree on arrays of input values.

    Parameters
    ----------
    values : Mapping[str, array_like]
        Input values: ``(n,)`` static or ``(n, n_years)`` per year.
    years : tuple of int or None
        The model years, for ``name[year]``.
    factors : Mapping[int, tuple of float]
        Scale factors from the unit check, keyed by node identity.
    text : str
        The expression text, for messages.
    expand : bool
        Whether static inputs must become ``(n, 1)`` columns to meet per-year ones.
    """

    def __init__(
        self,
        values: Mapping[str, Any],
        years: tuple[int, ...] | None,
        factors: Mapping[int, tuple[float, ...]],
        text: str,
        expand: bool = False,
    ) -> None:
        self.values = values
        self.years = years
        self.factors = factors
        self.text = text
        self.expand = expand

    def run(self, tree: Any) -> Evaluation:
        """Evaluate the tree; numbers get NaN and statements False where undefined."""
        with np.errstate(all="ignore"):
            out = self.value(tree)
        if isinstance(out, Truth):
            value = np.asarray(out.value, dtype=bool)
            unknown = np.broadcast_to(np.asarray(out.unknown, dtype=bool), value.shape)
            return Evaluation(value, np.array(unknown))
        arr = np.asarray(out)
        if arr.dtype == bool:
            return Evaluation(arr, np.zeros(arr.shape, dtype=bool))
        arr = arr.astype(float, copy=False)
        return Evaluation(arr, np.isnan(arr))

    def numbers(self, tree: Any) -> np.ndarray:
        """The numbers of :meth:`run` alone (NaN where undefined), without the mask.

        For callers that read only ``values``: it saves a pass over the result and the
        mask's memory. A statement's true/false values come back as booleans, as in ``run``.
        """
        with np.errstate(all="ignore"):
            out = self.value(tree)
        if isinstance(out, Truth):
            return np.asarray(out.value, dtype=bool)
        arr = np.asarray(out)
        return arr if arr.dtype == bool else arr.astype(float, copy=False)

    def scaled(self, node: Any, parts: Sequence[Any]) -> list[Any]:
        """Apply the unit check's scale factors of ``node`` to its operands."""
        f = self.factors.get(id(node))
        if f is None:
            return list(parts)
        return [p if k == 1.0 else p * k for p, k in zip(parts, f, strict=True)]

    def column(self, arr: np.ndarray) -> np.ndarray:
        """A static input as an ``(n, 1)`` column when it meets per-year inputs."""
        return arr[:, None] if self.expand and arr.ndim == 1 else arr

    def number(self, node: Any) -> Any:
        """The value of a node used as a number (a true/false value counts as 1/0)."""
        v = self.value(node)
        if isinstance(v, Truth):
            return np.where(v.unknown, np.nan, np.asarray(v.value, dtype=float))
        return v

    # -- node types ---------------------------------------------------------------------------
    @singledispatchmethod
    def value(self, node: Any) -> Any:
        """The value of ``node``: an array or number, or a :class:`Truth`."""
        raise ExpressionError(f"unsupported expression node in {self.text!r}")  # pragma: no cover

    @value.register
    def _(self, node: Num) -> Any:
        if isinstance(node.value, bool):
            return Truth(np.bool_(node.value), np.bool_(False))
        return node.value

    @value.register
    def _(self, node: Name) -> Any:
        return self.column(np.asarray(self.values[node.name]))

    @value.register
    def _(self, node: Year) -> Any:
        arr = np.asarray(self.values[node.name])
        if self.years is None:
            raise ExpressionError(
                f"'{node.name}[{node.year}]' needs the model years, in {self.text!r}"
            )
        if node.year not in self.years:
            span = f"{self.years[0]}-{self.years[-1]}" if self.years else "(no years)"
            raise ExpressionError(
                f"year {node.year} in '{node.name}[{node.year}]' is outside the horizon "
                f"{span}, in {self.text!r}"
            )
        if arr.ndim < 2 or arr.shape[-1] != len(self.years):
            raise ExpressionError(
                f"'{node.name}' is not a per-year quantity (shape {arr.shape}); drop "
                f"'[{node.year}]', in {self.text!r}"
            )
        return self.column(arr[..., self.years.index(node.year)])

    @value.register
    def _(self, node: Lag) -> Any:
        # The line evaluator supplies every shifted line under this key (see lag_key).
        return np.asarray(self.values[lag_key(node.name, node.k)])

    @value.register
    def _(self, node: Index) -> Any:
        return np.asarray(self.values[node.which])

    @value.register
    def _(self, node: Unary) -> Any:
        if node.op == "not":
            t = _truth(self.value(node.operand))
            return Truth(~t.value & ~t.unknown, t.unknown)
        v = self.number(node.operand)
        return np.negative(v) if node.op == "-" else v

    @value.register
    def _(self, node: Bin) -> Any:
        left, right = self.number(node.left), self.number(node.right)
        if node.op in "+-":
            left, right = self.scaled(node, [left, right])
            return np.add(left, right) if node.op == "+" else np.subtract(left, right)
        if node.op == "*":
            return np.multiply(left, right)
        if node.op == "/":
            # x / 0 has no value (numpy would give +-inf, or NaN for 0 / 0).
            quotient = np.true_divide(left, right)
            return np.where(np.equal(right, 0), np.nan, quotient)
        f = self.factors.get(id(node))
        if f is not None:
            left = left * f[0]
        base = np.asarray(left, dtype=float)
        return _defined(np.power(base, right), base, right)

    @value.register
    def _(self, node: Compare) -> Truth:
        vals = self.scaled(node, [self.number(o) for o in node.operands])
        value: Any = None
        unknown: Any = None
        for i, op in enumerate(node.ops):
            part = CMP_FUNCS[op](vals[i], vals[i + 1])
            missing = np.isnan(vals[i]) | np.isnan(vals[i + 1])
            value = part if value is None else np.logical_and(value, part)
            unknown = missing if unknown is None else np.logical_or(unknown, missing)
        return Truth(value & ~unknown, unknown)

    @value.register
    def _(self, node: Logic) -> Truth:
        parts = [_truth(self.value(o)) for o in node.operands]
        any_unknown = functools.reduce(np.logical_or, (p.unknown for p in parts))
        if node.op == "and":
            # Known false on one operand decides the result whatever the others are.
            decided = functools.reduce(np.logical_or, (~p.value & ~p.unknown for p in parts))
            return Truth(~decided & ~any_unknown, ~decided & any_unknown)
        decided = functools.reduce(np.logical_or, (p.value for p in parts))
        return Truth(decided, ~decided & any_unknown)

    @value.register
    def _(self, node: If) -> Any:
        cond = _truth(self.value(node.cond))
        then, other = self.value(node.then), self.value(node.other)
        if isinstance(then, Truth) or isinstance(other, Truth):
            a, b = _truth(then), _truth(other)
            value = np.where(cond.value, a.value, b.value) & ~cond.unknown
            unknown = np.where(cond.value, a.unknown, b.unknown) | cond.unknown
            return Truth(value & ~unknown, unknown)
        a, b = self.scaled(node, [then, other])
        return np.where(cond.unknown, np.nan, np.where(cond.value, a, b))

    @value.register
    def _(self, node: Call) -> Any:
        spec = FUNCTIONS.get(node.func) or LINE_FUNCTIONS[node.func]
        args = self.scaled(node, [self.number(a) for a in node.args])
        result = spec.impl(*args)
        if spec.rule is UnitRule.PURE:
            return _defined(result, *args)
        return result

    # On Python 3.11 a singledispatchmethod builds a new bound wrapper at every access, which
    # costs more than most nodes' own work: dispatch straight through its registry instead.
    _value_for = staticmethod(value.dispatcher.dispatch)

    def value(self, node: Any) -> Any:  # type: ignore[no-redef]
        """The value of ``node``: an array or number, or a :class:`Truth`."""
        return self._value_for(type(node))(self, node)
