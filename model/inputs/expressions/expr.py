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
import re
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np

from model.errors import ExpressionError
from model.inputs.expressions.exprcheck import BOOL, StaticType, UnitChecker
from model.inputs.expressions.expreval import Evaluation, Evaluator
from model.inputs.expressions.exprtree import FUNCTIONS, Compare, Logic, Translator, Unary
from model.inputs.units import Unit, UnitError

__all__ = [
    "BOOLEAN",
    "FUNCTIONS",
    "BoundExpression",
    "Evaluation",
    "Expression",
    "compile_expression",
]


# -- the compiled expression -------------------------------------------------------------------


#: Stands for a name without a unit in a cached plan's key (the check then raises).
_MISSING = object()


@dataclass(frozen=True)
class _Plan:
    """Per-node scale factors found by the unit check, applied during evaluation."""

    factors: Mapping[int, tuple[float, ...]] = field(default_factory=dict)
    unit: StaticType = None


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

    __slots__ = (
        "_bare",
        "_plans",
        "_same_year",
        "_tree",
        "lags",
        "lines",
        "names",
        "text",
        "year_refs",
    )

    def __init__(
        self,
        text: str,
        tree: Any,
        names: Sequence[str],
        year_refs: Sequence[tuple[str, int]],
        bare: Iterable[str] = (),
        lags: Sequence[tuple[str, int]] = (),
        lines: bool = False,
    ) -> None:
        self.text = text
        #: Every ``name[t-k]`` (k >= 1) of a line expression, in order.
        self.lags: tuple[tuple[str, int], ...] = tuple(lags)
        #: Whether this is a model-line expression (year-relative references allowed).
        self.lines = lines
        self._tree = tree
        self.names: tuple[str, ...] = tuple(names)
        self.year_refs: tuple[tuple[str, int], ...] = tuple(year_refs)
        # Names used without a year index: if one of them is per-year, the result is too.
        self._bare = frozenset(bare)
        # Read for every line of every run: worked out once.
        self._same_year = tuple(n for n in self.names if n in self._bare)
        # Unit checks already passed, by the units of the names referenced (a model built
        # again, for another scenario or vintage, checks the same expressions again).
        self._plans: dict[tuple[Any, ...], _Plan] = {}

    def __repr__(self) -> str:
        return f"Expression({self.text!r})"

    @property
    def same_year_names(self) -> tuple[str, ...]:
        """Names used for the year being computed (without a lag), in order."""
        return self._same_year

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
        if result == BOOL:
            return BOOLEAN
        return result if isinstance(result, Unit) else Unit()

    def _plan(self, units: Mapping[str, Unit]) -> _Plan:
        key = tuple(units.get(n, _MISSING) for n in self.names)
        plan = self._plans.get(key)
        if plan is not None:
            return plan
        self.check_names(units)
        factors: dict[int, tuple[float, ...]] = {}
        try:
            result = UnitChecker(units, factors).type_of(self._tree)
        except UnitError as exc:
            raise UnitError(f"in {self.text!r}: {exc}") from None
        plan = self._plans[key] = _Plan(MappingProxyType(factors), result)
        return plan

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
            Numbers, or booleans for statements. Where the expression is undefined (a division
            by zero, ``log`` of a number <= 0, ...), numbers are NaN and statements False; use
            :meth:`evaluate_checked` to learn on which paths that happened.
        """
        return self.evaluate_checked(values, years, units).values

    def evaluate_checked(
        self,
        values: Mapping[str, Any],
        years: Sequence[int] | None = None,
        units: Mapping[str, Unit] | None = None,
    ) -> Evaluation:
        """Evaluate like :meth:`evaluate` and also report the paths where it is undefined.

        Parameters
        ----------
        values, years, units
            As for :meth:`evaluate`.

        Returns
        -------
        Evaluation
            ``values`` as :meth:`evaluate` returns them, ``undefined`` (same shape) and
            ``n_undefined`` (paths without a value), so a probability can leave them out.
        """
        plan = self._plan(units) if units is not None else _Plan()
        return self.bind(plan, years)(values)

    def compile(
        self,
        units: Mapping[str, Unit] | None = None,
        years: Sequence[int] | None = None,
        factor: float = 1.0,
        name: str | None = None,
    ) -> BoundExpression:
        """Check once and return a fast, picklable function ``values -> array``.

        Parameters
        ----------
        units : Mapping[str, Unit], optional
            Units of the names (checked now; scales converted on every call).
        years : sequence of int, optional
            The model years, for ``name[year]``.
        factor : float
            Multiplies the (numeric) result, e.g. to express it in a declared unit.
        name : str, optional
            What the expression defines (a derived assumption), for error messages.

        Returns
        -------
        BoundExpression
            Raises :class:`ExpressionError` when called on values for which the expression is
            undefined on some path.
        """
        return BoundExpression(self, units, years, factor, name)

    def __reduce__(self) -> tuple[Any, ...]:
        # The tree's scale factors are keyed by node identity, so a copy is re-parsed.
        return (compile_expression, (self.text, self.lines))

    def bind(
        self, plan: _Plan, years: Sequence[int] | None
    ) -> Callable[[Mapping[str, Any]], Evaluation]:
        """A function evaluating the expression with a unit plan and the model years."""
        years_t = tuple(years) if years is not None else None
        if years_t is not None:
            self.check_years(years_t)

        def run(values: Mapping[str, Any]) -> Evaluation:
            missing = [n for n in self.names if n not in values]
            if missing:
                raise self._unknown(missing[0], values)
            # Static (n,) inputs meet per-year (n, n_years) ones as (n, 1) columns.
            expand = any(np.ndim(values[n]) >= 2 for n in self._bare)
            return Evaluator(values, years_t, plan.factors, self.text, expand).run(self._tree)

        return run


class BoundExpression:
    """An expression checked against units and years, ready to evaluate many times.

    Calling it with a mapping of input arrays returns the result times ``factor``; it raises
    :class:`ExpressionError` if the expression is undefined on any path (a derived quantity
    without a value would otherwise spread NaN through the model). It pickles by its text and
    settings (and is re-checked when unpickled), so it can be sent to other processes.
    """

    __slots__ = ("_run", "expression", "factor", "name", "units", "years")

    def __init__(
        self,
        expression: Expression,
        units: Mapping[str, Unit] | None,
        years: Sequence[int] | None,
        factor: float = 1.0,
        name: str | None = None,
    ) -> None:
        self.expression = expression
        self.units = dict(units) if units is not None else None
        self.years = tuple(years) if years is not None else None
        self.factor = float(factor)
        self.name = name
        plan = expression._plan(self.units) if self.units is not None else _Plan()
        self._run = expression.bind(plan, self.years)

    def __call__(self, values: Mapping[str, Any]) -> np.ndarray:
        result = self._run(values)
        if result.n_undefined:
            raise self._undefined(result, values)
        out = result.values
        return out if self.factor == 1.0 else out * self.factor

    def _undefined(self, result: Evaluation, values: Mapping[str, Any]) -> ExpressionError:
        flags = np.atleast_1d(result.undefined_paths)
        first = int(np.argmax(flags))
        shown = []
        for n in self.expression.names:
            arr = np.asarray(values[n])
            if arr.ndim == 1 and arr.shape[0] == flags.shape[0]:
                shown.append(f"{n} = {arr[first]:.6g}")
            elif arr.ndim == 0:
                shown.append(f"{n} = {float(arr):.6g}")
        where = f" (first on path {first}: {', '.join(shown)})" if shown else ""
        what = f"derived '{self.name}': " if self.name else ""
        error = ExpressionError(
            f"{what}{self.expression.text!r} is undefined on {result.n_undefined} of "
            f"{result.n_paths} paths{where}: a division by zero, or a function outside its "
            "domain such as log of a number <= 0"
        )
        error.derived = self.name  # what it defines, so a caller can point at its line
        return error

    def __reduce__(self) -> tuple[Any, ...]:
        args = (self.expression, self.units, self.years, self.factor, self.name)
        return (BoundExpression, args)

    def __repr__(self) -> str:
        return f"BoundExpression({self.expression.text!r}, factor={self.factor:g})"


#: The result "unit" of a true/false statement.
BOOLEAN = Unit(symbol="true/false")


MAX_LENGTH = 2000


#: CPython 3.11 keeps the depth of the tree it is converting in one place for all threads, so
#: two parses at once (a Dask worker unpickling a thesis while another thread builds one) can
#: fail with "SystemError: AST constructor recursion depth mismatch": one parse at a time.
_PARSING = threading.RLock()


def compile_expression(text: str, lines: bool = False) -> Expression:
    """Parse and whitelist-check an expression.

    Parameters
    ----------
    text : str
        E.g. ``"(china_cloud_market_2026 / china_cloud_market_2021) ** (1/5) - 1"`` or
        ``"ai_cloud_share[2030] > 0.30 and exit_pe >= 27.8"``.
    lines : bool
        A model-line expression: ``name[t-1]`` (an earlier year), ``t`` and ``year``, and the
        functions along the years (``cumsum``, ``cumprod``, ``compound``, ``lag``, ``growth``)
        are allowed; ``name[2030]`` is not.

    Returns
    -------
    Expression

    Raises
    ------
    ExpressionError
        Syntax errors (with the column) and disallowed constructs.
    """
    if not isinstance(text, str):
        raise ExpressionError(
            f"an expression is text such as 'sales[2030] > 10', got {type(text).__name__} {text!r}"
        )
    if not text.strip():
        raise ExpressionError("an expression is required, got an empty one")
    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"expression longer than {MAX_LENGTH} characters")
    return _compile(" ".join(text.split()), lines)  # one logical line even if folded in YAML


# An expression is never changed once made, so one is shared by every model that uses its text:
# a thesis mixed from two vintages, or a scenario, builds its model lines again from the same
# texts (and then also finds its unit checks done, see ``Expression._plan``).
@functools.lru_cache(maxsize=4096)
def _compile(source: str, lines: bool) -> Expression:
    shown = source if len(source) <= 120 else source[:100] + "..."
    try:
        with _PARSING:
            tree = ast.parse(source, mode="eval")
    except SyntaxError as exc:
        col = f" at column {exc.offset}" if exc.offset else ""
        reason = (exc.msg or "invalid syntax").replace("invalid syntax. ", "")
        percent = re.search(r"(\d+(?:\.\d+)?)\s*%", source)
        if percent:  # "share[2030] > 30%": a percentage as the thesis' texts write it
            whole = percent.group(1)
            reason += f"; write percentages as fractions ({whole}% is {float(whole) / 100:g})"
        raise ExpressionError(f"invalid expression {shown!r}: {reason}{col}") from None
    except (RecursionError, MemoryError, ValueError):
        raise ExpressionError(f"invalid expression {shown!r}: too deeply nested") from None
    translator = Translator(source, lines=lines)
    try:
        body = translator.visit(tree)
    except RecursionError:
        raise ExpressionError(f"invalid expression {shown!r}: too deeply nested") from None
    return Expression(
        source,
        body,
        translator.names,
        translator.years,
        translator.bare,
        translator.lags,
        lines,
    )
