"""Argument and input checks of :func:`~model.valuation.finance.implied.implied`.

Each refuses, before any search, what would otherwise make every point of the search fail and
the search then blame the range: an argument of the wrong kind, an unknown name, a cost of
equity that cannot discount, a goal in another unit than the target.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from model.errors import ThesisModelError

__all__ = [
    "MAX_GRID",
    "ImpliedError",
    "check_arguments",
    "check_cost_of_equity",
    "check_target",
    "pair",
    "rate_problem",
    "unknown",
]

#: Most points of the bracketing grid: each is one evaluation of the model.
MAX_GRID = 10_001


class ImpliedError(ThesisModelError, ValueError):
    """No value of the assumption in its range makes the target equal the price (bad input)."""


def pair(value: Any, what: str) -> tuple[float, float]:
    """``value`` as two finite numbers, low below high."""
    try:
        lo, hi = (float(x) for x in value)
    except (TypeError, ValueError):
        raise ImpliedError(f"{what}: expected two numbers (low, high), got {value!r}") from None
    if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
        raise ImpliedError(
            f"{what}: expected two finite numbers, low below high (got {lo:.4g} .. {hi:.4g})"
        )
    return lo, hi


def check_arguments(solve_for: Any, quantiles: Any, n_paths: Any, grid: Any) -> None:
    """Refuse arguments of the wrong kind or range before the thesis is read."""
    if not isinstance(solve_for, str):
        raise ImpliedError(
            f"solve_for must be an assumption's name, got {type(solve_for).__name__} {solve_for!r}"
        )
    q_lo, q_hi = pair(quantiles, "quantiles")
    if not 0.0 < q_lo < q_hi < 1.0:  # 0 and 1 are the infinite ends of most distributions
        raise ImpliedError(f"quantiles must lie strictly between 0 and 1 (got {quantiles!r})")

    def whole(value: Any) -> bool:
        return isinstance(value, int | np.integer) and not isinstance(value, bool)

    if not whole(n_paths) or n_paths < 0:
        raise ImpliedError(f"n_paths must be a whole number, 0 or more (got {n_paths!r})")
    if not whole(grid) or not 3 <= grid <= MAX_GRID:
        raise ImpliedError(
            f"grid must be a whole number from 3 to {MAX_GRID:,} points (got {grid!r})"
        )


def unknown(name: str, known: Sequence[str], what: str, limit: int = 12) -> ImpliedError:
    close = difflib.get_close_matches(name, known, n=3)
    if close:
        return ImpliedError(f"{what} {name!r} is not known; did you mean {', '.join(close)}?")
    shown = ", ".join(known[:limit]) + (
        f", ... ({len(known)} in all)" if len(known) > limit else ""
    )
    return ImpliedError(f"{what} {name!r} is not known (known: {shown})")


def rate_problem(rate: Any, shown: str | None = None) -> str | None:
    """What is wrong with ``rate`` as a cost of equity written as a number, else ``None``.

    The rule is the thesis format's for ``valuation.cost_of_equity``: a fraction strictly between
    0 and 1. A rate written as 9 is almost surely 9 %, and would discount every value to almost
    nothing without a word; one of 0 or below leaves nothing to discount at. ``shown`` is the
    rate as the user wrote it, for the message (else its ``repr``).
    """
    ok = isinstance(rate, int | float | np.integer | np.floating) and not isinstance(rate, bool)
    if ok and 0.0 < float(rate) < 1.0:
        return None
    if ok and 1.0 <= float(rate) <= 100.0:
        example = f"{float(rate):g}% as {float(rate) / 100:g}"
    else:
        example = "9% as 0.09"
    return f"a rate between 0 and 1, as a fraction: write {example} (got {shown or repr(rate)})"


def check_cost_of_equity(spec: Any, rate: Any) -> None:
    """A cost of equity is an assumption of the thesis or a rate as a fraction between 0 and 1,
    as ``valuation.cost_of_equity`` must be.

    Anything else discounted every point of the search to no value (or to almost none, for a
    percentage written as a whole number), and the search then blamed the range.
    """
    if rate is None:
        return
    if isinstance(rate, str):
        if rate not in spec.names:
            raise unknown(rate, spec.variable_names, "assumption for the cost of equity")
        return
    problem = rate_problem(rate)
    if problem is not None:
        raise ImpliedError(f"cost_of_equity must be an assumption's name or {problem}")


def check_target(
    spec: Any, fn: Any, th: Any, solve_for: str, target: str, year: Any, equals: Any
) -> None:
    """Refuse a year for a one-value target, and the price as the goal of a target that is not
    money per share (an exit multiple would be set equal to 129.5 HKD as if it were 129.5 x).
    """
    from model.engine.execution.deterministic import evaluate
    from model.inputs.units import parse_unit

    central = np.array([float(spec.variable(solve_for).dist.central())])
    try:
        with np.errstate(all="ignore"):
            per_year = np.ndim(evaluate(spec, {solve_for: central}, fn)[target]) == 2
    except ThesisModelError:
        per_year = True  # the search names the failure where it happens
    if year is not None and not per_year:
        raise ImpliedError(
            f"{target} has one value per path; it takes no year (leave the year out)"
        )
    if equals != "price":
        return
    info = getattr(th, "price_info", None)
    units = getattr(th, "units", None) or {}
    text = str((getattr(fn, "output_units", None) or {}).get(target) or units.get(target, ""))
    if info is None or not text:
        return
    try:
        same = parse_unit(text).same_dimension(parse_unit(str(info.unit)))
    except ThesisModelError:
        return
    if not same:
        raise ImpliedError(
            f"{target} is in {text}, the price in {info.unit}: they cannot be set equal; give "
            f"the value to reach in {text} (equals=..., --equals X) or choose a target in "
            f"{info.unit}"
        )
