"""The computing pieces of a line model: expressions, expression lines and block instances.

Each piece is a frozen, picklable value (the engine may ship the model to worker processes);
compiled expressions pickle by their text and are re-checked on arrival.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from model.errors import ParameterError
from model.inputs.expressions.expr import Expression
from model.inputs.expressions.expreval import Evaluator
from model.inputs.units import Unit
from model.valuation.blocks.base import BlockContext, BlockType, block_type
from model.valuation.lines.env import Env

__all__ = ["BlockNode", "Expr", "ExprLine"]


@dataclass(frozen=True, eq=False)
class Expr:
    """An expression of lines and assumptions, checked against units, with its output factor.

    Attributes
    ----------
    expression : Expression
        Compiled with ``lines=True``.
    units : dict[str, Unit]
        Units of the names it reads.
    factor : float
        Multiplies the result (converts it into the unit of the line or parameter it feeds).
    what : str
        What it computes, for messages (``line 'revenue'``, ``block 'cloud', market``).
    """

    expression: Expression
    units: Mapping[str, Unit]
    factor: float = 1.0
    what: str = ""
    _factors: Mapping[int, tuple[float, ...]] = field(init=False, repr=False)
    _earlier: tuple[str, ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        plan = self.expression._plan(dict(self.units))
        object.__setattr__(self, "_factors", plan.factors)
        # Read for every line of every run: worked out once.
        now = set(self.expression.same_year_names)
        lags = dict.fromkeys(n for n, _ in self.expression.lags if n not in now)
        object.__setattr__(self, "_earlier", tuple(lags))

    def __reduce__(self) -> tuple[Any, ...]:
        return (Expr, (self.expression, dict(self.units), self.factor, self.what))

    @property
    def same_year(self) -> tuple[str, ...]:
        """Names read for the year computed."""
        return self.expression.same_year_names

    @property
    def earlier(self) -> tuple[str, ...]:
        """Names read from earlier years only."""
        return self._earlier

    @property
    def bare_name(self) -> str | None:
        """The name, when the expression is just one name."""
        names = self.expression.names
        if len(names) == 1 and self.expression.text.strip() == names[0]:
            return names[0]
        return None

    def constant(self, fixed: Mapping[str, float]) -> float | None:
        """The value known before any draw: every name read is in ``fixed`` and no year or
        earlier year is read; else None (so is a value that differs between the unknowns)."""
        expr = self.expression
        if expr.lags or expr.year_refs or any(n not in fixed for n in expr.names):
            return None
        values: dict[str, Any] = {n: np.full((1, 1), float(fixed[n])) for n in expr.names}
        # 't' and 'year' are not known here: NaN makes an expression of them unknown.
        values.update(t=np.full((1, 1), np.nan), year=np.full((1, 1), np.nan))
        result = Evaluator(values, None, self._factors, expr.text).numbers(expr._tree)
        value = float(np.asarray(result, dtype=float).reshape(-1)[0]) * self.factor
        return value if np.isfinite(value) else None

    def by_year(
        self, fixed: Mapping[str, float], lines: Mapping[str, Any], years: Iterable[int]
    ) -> np.ndarray | None:
        """The value in each of ``years`` on one path (the central one, say): the names read
        are numbers in ``fixed`` or lines of that path in ``lines``, each a value a year; None
        when it reads an earlier year, or a name in neither, or is not finite."""
        expr = self.expression
        row = np.asarray(list(years), dtype=float).reshape(1, -1)
        if expr.lags or any(n not in fixed and n not in lines for n in expr.names):
            return None
        values: dict[str, Any] = {
            n: np.asarray(lines[n], dtype=float).reshape(1, -1)
            if n in lines
            else np.full((1, 1), float(fixed[n]))
            for n in expr.names
        }
        values.update(t=row - row[0, 0], year=row)
        result = Evaluator(values, None, self._factors, expr.text).numbers(expr._tree)
        value = np.broadcast_to(np.asarray(result, dtype=float) * self.factor, row.shape)[0]
        return value.copy() if np.all(np.isfinite(value)) else None

    def evaluate(self, env: Env, K: int) -> np.ndarray:
        """The value for the first ``K`` years, ``(n, K)`` (a fresh array)."""
        result, values = self._result(env, K)
        return self._own(result, env, K, values)

    def read(self, env: Env, K: int) -> np.ndarray:
        """The value for the first ``K`` years, ``(n, K)``, for a reader that never writes to it.

        A result laid out as the fresh array :meth:`evaluate` would make (C-ordered floats of
        that shape: a whole line, read as one name over all its years) is handed out as a
        read-only view instead of copied: the same numbers in the same memory order, so every
        computation on it gives the same bits, and a write to it fails instead of changing the
        line. Anything else (a result of its own, a broadcast) is what :meth:`evaluate` returns.
        """
        result, values = self._result(env, K)
        if (
            self.factor == 1.0
            and not _fresh(result, (env.n, K), values)
            and isinstance(result, np.ndarray)
            and result.shape == (env.n, K)
            and result.dtype == np.float64
            and result.flags.c_contiguous
        ):
            view = result.view()
            view.flags.writeable = False
            return view
        return self._own(result, env, K, values)

    def _result(self, env: Env, K: int) -> tuple[np.ndarray, Mapping[str, Any]]:
        """The expression on the first ``K`` years as evaluated (before the factor), and the
        values it read: the result may be one of those values or broadcast against them."""
        values = env.values_for(self.expression.names, self.expression.lags, K)
        result = Evaluator(values, None, self._factors, self.expression.text).numbers(
            self.expression._tree
        )
        return result, values

    def _own(self, result: np.ndarray, env: Env, K: int, values: Mapping[str, Any]) -> np.ndarray:
        """``result`` times the factor as a fresh ``(n, K)`` array (copied if not its own)."""
        if _fresh(result, (env.n, K), values):
            out = result  # the evaluation's own temporary: nothing else holds it
        else:
            out = np.array(np.broadcast_to(result, (env.n, K)), dtype=float)
        if self.factor != 1.0:
            out *= self.factor
        return out

    def prior(self, env: Env) -> np.ndarray:
        """The expression on the priors of what it reads (the year before the first), ``(n,)``."""
        values: dict[str, Any] = {}
        for name in self.expression.names:
            before = env.prior(name)
            values[name] = np.full((env.n, 1), np.nan) if before is None else before[:, None]
        values["t"] = np.full((1, 1), -1.0)
        values["year"] = np.full((1, 1), float(env.years[0] - 1))
        result = Evaluator(values, None, self._factors, self.expression.text).numbers(
            self.expression._tree
        )
        out = np.array(np.broadcast_to(result, (env.n, 1)), dtype=float)[:, 0]
        return out * self.factor if self.factor != 1.0 else out


def _fresh(result: np.ndarray, shape: tuple[int, int], values: Mapping[str, Any]) -> bool:
    """Whether ``result`` is a new float array of ``shape`` that no input or line holds.

    An expression's result is either computed (a new array the evaluation alone made) or one
    of the arrays it was given (a bare name or lag), or a view or broadcast of one; only the
    first may be handed out without a copy.
    """
    return (
        result.shape == shape
        and result.dtype == np.float64
        and result.base is None
        and result.flags.owndata
        and result.flags.c_contiguous
        and result.flags.writeable
        and not any(result is v for v in values.values())
    )


def sole_owner(value: Any, shape: tuple[int, int], others: list[Any]) -> bool:
    """Whether a block's output may be stored as it is: a new float array of ``shape``.

    It must be an array of its own (no view), laid out as a copy would be (C-ordered
    float64), and share no memory with any of ``others`` (the block's parameters, the
    other outputs and priors it returned): storing it then changes nothing but who holds it.
    """
    return (
        isinstance(value, np.ndarray)
        and value.shape == shape
        and value.dtype == np.float64
        and value.base is None
        and value.flags.owndata
        and value.flags.c_contiguous
        and value.flags.writeable
        and not any(np.may_share_memory(value, o) for o in others if isinstance(o, np.ndarray))
    )


def _arrays(arrays: Mapping[str, Any]) -> list[Any]:
    """The parameter arrays of a block, mapping parameters' included."""
    out: list[Any] = []
    for value in arrays.values():
        out += list(value.values()) if isinstance(value, Mapping) else [value]
    return out


def _check_defined(
    what: str, value: np.ndarray, env: Env, first: int = 0, at: tuple[str, ...] | None = None
) -> None:
    bad = np.isnan(value[:, first:])
    if not bad.any():
        return
    paths = bad.any(axis=1)
    column = int(np.argmax(bad.any(axis=0))) + first
    raise ParameterError(
        f"{what} has no value on {int(paths.sum())} of {env.n} paths in {env.years[column]}: a "
        "division by zero, a function outside its domain (log of a number <= 0, clip with low "
        "above high), a power or exp too large for floating point (check the magnitudes it "
        "reads), or an earlier year that does not exist (name[t-1] in the first year needs a "
        "start: value)",
        at=at,
    )


@dataclass(frozen=True, eq=False)
class ExprLine:
    """A line defined by an expression, with an optional start (year 0) and prior (year -1).

    Attributes
    ----------
    name : str
        The line (an output of the model).
    formula : Expr
        Its value in every year (from year 1 when ``start`` is given).
    start : Expr or None
        Its value in year 0.
    prior : Expr or None
        Its value in the year before the first (explicit).
    auto_prior : bool
        Compute the prior by evaluating the formula on the priors of what it reads.
    path : tuple of str
        Field path of its definition.
    """

    name: str
    formula: Expr
    start: Expr | None = None
    prior: Expr | None = None
    auto_prior: bool = False
    path: tuple[str, ...] = ()

    @property
    def outputs(self) -> tuple[str, ...]:
        return (self.name,)

    @property
    def same_year(self) -> tuple[str, ...]:
        names = list(self.formula.same_year)
        for extra in (self.start, self.prior):
            if extra is not None:
                names += [*extra.same_year, *extra.earlier]
        return tuple(dict.fromkeys(names))

    @property
    def earlier(self) -> tuple[str, ...]:
        return tuple(n for n in self.formula.earlier if n not in self.same_year)

    def set_prior(self, env: Env, pending: set[str]) -> None:
        """Store a written ``prior:`` before a recursion's first year, so that a line of the
        recursion computed before this one reads ``name[t-1]`` in year 0. A prior that reads a
        line still ``pending`` (of the same recursion) waits for :meth:`run`."""
        if self.prior is None or self.name in env.priors:
            return
        if pending & {*self.prior.same_year, *self.prior.earlier}:
            return
        env.priors[self.name] = _at_zero(self.prior, env)

    def run(self, env: Env, K: int, column: int | None) -> None:
        """Compute the first ``K`` years and store them (all, or only ``column``)."""
        if self.name not in env.priors and (self.prior is not None or self.auto_prior):
            source = self.prior if self.prior is not None else self.formula
            env.priors[self.name] = source.prior(env) if self.auto_prior else _at_zero(source, env)
        if column is not None and column == 0 and self.start is not None:
            value = self.start.evaluate(env, 1)
        else:
            value = self.formula.evaluate(env, K)
            if self.start is not None:
                value[:, 0] = self.start.evaluate(env, 1)[:, 0]
        first = K - 1 if column is not None else 0
        at = ("model", "lines", self.name, "value")
        _check_defined(f"line '{self.name}'", value, env, first, at)
        env.store(self.name, value, K, column, owned=True)


def _at_zero(expr: Expr, env: Env) -> np.ndarray:
    return expr.evaluate(env, 1)[:, 0]


@dataclass(frozen=True, eq=False)
class BlockNode:
    """An instance of a block type: its parameter expressions and the names of its outputs.

    Attributes
    ----------
    name : str
        The block's name in the thesis.
    type_name : str
        Its ``type:`` word (looked up in the registry when run, so the node pickles small).
    params : dict
        Parameter key -> :class:`Expr`, or (mapping parameters) a dict of them.
    options : dict
        Parsed options, plus ``_price`` / ``_per_share_scale`` for blocks that need them.
    slots : dict[str, str]
        Output slot -> line name.
    extra : dict[str, str]
        Extra key -> line read with its prior (see :attr:`BlockType.needs`).
    path : tuple of str
    """

    name: str
    type_name: str
    params: Mapping[str, Any]
    options: Mapping[str, Any]
    slots: Mapping[str, str]
    extra: Mapping[str, str] = field(default_factory=dict)
    path: tuple[str, ...] = ()

    @property
    def block(self) -> BlockType:
        return block_type(self.type_name)

    @property
    def outputs(self) -> tuple[str, ...]:
        return tuple(self.slots.values())

    def _exprs(self) -> list[Expr]:
        out: list[Expr] = []
        for value in self.params.values():
            out += list(value.values()) if isinstance(value, Mapping) else [value]
        return out

    @property
    def same_year(self) -> tuple[str, ...]:
        names = [n for e in self._exprs() for n in e.same_year]
        return tuple(dict.fromkeys([*names, *self.extra.values()]))

    @property
    def earlier(self) -> tuple[str, ...]:
        now = set(self.same_year)
        return tuple(dict.fromkeys(n for e in self._exprs() for n in e.earlier if n not in now))

    @property
    def flag_names(self) -> tuple[str, ...]:
        """Names of the invariant masks this block reports (``<flag>_<block>``)."""
        from model.valuation.blocks.segment import FLAGS

        by_type = {
            "market_segment": FLAGS,
            "growth_segment": ("growth",),
            "share_count": ("shares",),
        }
        return tuple(f"{flag}_{self.name}" for flag in by_type.get(self.type_name, ()))

    def run(self, env: Env, K: int, column: int | None) -> None:
        """Compute the block for the first ``K`` years and store its lines."""
        arrays: dict[str, Any] = {}
        priors: dict[str, np.ndarray | None] = {}
        for key, value in self.params.items():
            if isinstance(value, Mapping):
                arrays[key] = {k: e.read(env, K) for k, e in value.items()}
            else:
                arrays[key] = value.read(env, K)
                bare = value.bare_name
                priors[key] = env.prior(bare) if bare is not None else None
        extra = {}
        for key, line in self.extra.items():
            before = env.prior(line)
            head = np.full((env.n, 1), np.nan) if before is None else before[:, None]
            extra[key] = np.concatenate([head, env.value(line, K)], axis=1)
        ctx = BlockContext(env.n, K, self.options, priors, extra, tuple(env.years[:K]))
        try:
            result = self.block.compute(arrays, ctx)
        except ParameterError as exc:
            # At the block's own line (its parameter's, when the error names one), so that
            # validate and a failed run point at what to change rather than at `model:`.
            at: tuple[str | int, ...] = ("model", "blocks", self.name)
            if exc.field in self.params:
                at = (*at, str(exc.field))
            raise ParameterError(
                f"block '{self.name}': {exc.message}",
                field=exc.field,
                expected=exc.expected,
                at=exc.at or at,
            ) from None
        others = [*_arrays(arrays), *extra.values(), *result.priors.values()]
        for slot, line in self.slots.items():
            value = result.values[slot]
            rest = [v for s, v in result.values.items() if s != slot]
            owned = column is None and sole_owner(value, (env.n, K), [*others, *rest])
            env.store(line, value, K, column, owned=owned)
            if slot in result.priors and line not in env.priors:
                env.priors[line] = np.asarray(result.priors[slot], dtype=float)
        for flag, mask in result.flags.items():
            env.flag(f"{flag}_{self.name}", mask)


def lines_read(nodes: Any, exprs: Any) -> set[str]:
    """Every line the expressions ``exprs`` read, in any year, through the expression lines
    they read in turn (a block's inputs are not what its balance holds).

    Parameters
    ----------
    nodes : iterable of node
        The model's nodes; only its :class:`ExprLine` are followed.
    exprs : iterable of Expr
        The expressions read first.
    """
    by_line = {line: n for n in nodes if isinstance(n, ExprLine) for line in n.outputs}
    return names_read([name for e in exprs for name in (*e.same_year, *e.earlier)], by_line)


def names_read(names: Iterable[str], by_line: Mapping[str, Any]) -> set[str]:
    """``names`` and every name they read in any year, through the nodes of ``by_line`` (line
    -> the node that makes it) they read in turn.

    Parameters
    ----------
    names : iterable of str
        The names read first.
    by_line : Mapping[str, node]
        The nodes followed, by the lines they make (a caller that follows blocks too maps
        their outputs as well).
    """
    todo, seen = list(names), set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        node = by_line.get(name)
        if node is not None:
            todo += [*node.same_year, *node.earlier]
    return seen
