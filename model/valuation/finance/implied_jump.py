"""Crossings of the price that are jumps, not roots, of the central path's target.

The central path of :func:`~model.valuation.finance.implied.implied` puts every event at its
median timing, so its target is a step function of any assumption that moves that timing: a
one-off event with annual probability ``p`` applies from year 1 once ``p >= 1/2`` and not
before, and a median count steps up by whole occurrences. A root finder given a bracket that
straddles such a step converges to the step, where the target takes neither the price nor any
value in between. :func:`split_jumps` checks each answer against the price, and
:func:`jump_error` says where the target jumps, between which values, and which event's median
timing moves there.

A step is refused with :class:`ImpliedJumpError`, a kind of
:class:`~model.valuation.finance.implied_checks.ImpliedError`, not returned as a result: no
value of the assumption gives the price on the central basis, exactly as when no crossing lies
in the range, and a result with a value that does not attain the price would be read as one
that does. The mean over paths (``basis="mean"``) weighs both branches of each event and is a
smooth function of the assumption, so that basis is offered instead.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from model.inputs.units import format_value
from model.valuation.finance.implied_checks import ImpliedError

__all__ = ["ATTAINED_RTOL", "ImpliedJumpError", "jump_error", "split_jumps"]

#: How close to the price (relative to it) the target must come at an answer. A root refined
#: to 1e-12 of the assumption's value misses by its elasticity times 1e-12; a step misses by
#: the height of the step.
ATTAINED_RTOL = 1e-6


class ImpliedJumpError(ImpliedError):
    """The central path's target jumps over the price: no value of the assumption gives it.

    Attributes
    ----------
    assumption : str
        The assumption searched.
    at : float
        The assumption's value where the target jumps.
    values : (float, float)
        The target just below and just above ``at``.
    cause : str
        What steps there (an event whose median timing moves), or ``""`` when not known.
    """

    def __init__(
        self, message: str, assumption: str, at: float, values: tuple[float, float], cause: str
    ) -> None:
        super().__init__(message)
        self.assumption = assumption
        self.at = at
        self.values = values
        self.cause = cause


def split_jumps(
    roots: Sequence[float], f: Callable[[float], float], goal: float, ys: np.ndarray
) -> tuple[list[float], list[float]]:
    """The answers at which the target equals the goal, and those where it only jumps over it.

    Parameters
    ----------
    roots : sequence of float
        The answers of the root finder.
    f : callable
        ``f(x) = target(x) - goal``.
    goal : float
    ys : ndarray
        The target on the search grid: its size sets the tolerance where the target cannot
        be had either side of an answer.

    Returns
    -------
    (list of float, list of float)
        The roots attained (the target there within :data:`ATTAINED_RTOL` of the goal and
        the target either side of it, or its miss a small part of the target's change
        there), then the jumps.
    """
    finite = np.abs(ys[np.isfinite(ys)])
    grid = max(abs(goal), float(finite.max()) if finite.size else 0.0)
    attained: list[float] = []
    jumps: list[float] = []
    for r in roots:
        miss = f(r)
        (attained if miss == 0.0 or _attained(r, miss, f, goal, grid) else jumps).append(r)
    return attained, jumps


def _attained(r: float, miss: float, f: Callable[[float], float], goal: float, grid: float) -> bool:
    """Whether the target attains the goal at ``r`` (it misses by ``miss``), judged by the
    target either side of ``r``, not over the whole grid: a target that rises steeply
    elsewhere would hide a step near the root that is small next to it.

    Either side by far more than the root finder's tolerance (1e-12 relative), a root's miss
    is a small part of the target's change there, or within :data:`ATTAINED_RTOL` of the
    larger of the goal and the target there; a step's miss is the height of one of its
    sides. Where the target cannot be had either side (a bound of what the assumption can
    take), the grid's size sets the tolerance.
    """
    h = 1e-9 * max(1.0, abs(r))
    try:
        sides = np.array([f(r - h), f(r + h)])
    except Exception:  # outside what the assumption can take
        sides = np.array([np.nan])
    if not np.isfinite(sides).all():
        return abs(miss) <= ATTAINED_RTOL * grid
    near = max(abs(goal), float(np.abs(sides + goal).max()))
    return abs(miss) <= max(ATTAINED_RTOL * near, 1e-2 * float(np.abs(sides).min()))


def _cause(spec: Any, solve_for: str, xs: np.ndarray) -> str:
    """The events whose median timing differs between the two values ``xs`` of ``solve_for``."""
    from model.engine.execution.deterministic import deterministic_inputs
    from model.errors import ThesisModelError

    events = tuple(getattr(spec, "events", ()) or ())
    if not events:
        return ""
    try:
        inputs = deterministic_inputs(spec, {solve_for: xs})
    except ThesisModelError:
        return ""
    years = tuple(getattr(spec, "years", ()) or ())
    moved = []
    for event in events:
        counts = np.asarray(inputs[event.name], dtype=float)
        if counts.ndim != 2 or np.array_equal(counts[0], counts[1]):
            continue
        j = int(np.argmax(counts[0] != counts[1]))
        year = f" in {years[j]}" if j < len(years) else ""
        moved.append(
            f"the median timing of the event {event.name} moves (its count{year} goes from "
            f"{format_value(counts[0, j])} to {format_value(counts[1, j])})"
        )
    return "; ".join(moved)


def jump_error(
    spec: Any,
    at: Callable[[np.ndarray], np.ndarray],
    solve_for: str,
    what: str,
    jump: float,
    bounds: tuple[float, float],
    goal: float,
    goal_label: str,
    fx: Callable[[float], str],
) -> ImpliedJumpError:
    """The error that says the target jumps over the goal at ``jump``.

    Parameters
    ----------
    spec : ModelSpec
    at : callable
        The target at an array of values of ``solve_for``.
    solve_for : str
    what : str
        The target's name.
    jump : float
        Where the root finder converged: the step, to within its tolerance.
    bounds : (float, float)
        The range searched: the values either side are read inside it.
    goal : float
    goal_label : str
    fx : callable
        An assumption value as text, in its unit.

    Returns
    -------
    ImpliedJumpError
    """
    # Either side of the step by far more than the root finder's tolerance (1e-12 relative).
    h = 1e-9 * max(1.0, abs(jump))
    xs = np.array([max(bounds[0], jump - h), min(bounds[1], jump + h)])
    below, above = (float(y) for y in at(xs))
    cause = _cause(spec, solve_for, xs)
    because = f": {cause}" if cause else ""
    message = (
        f"no value of {solve_for!r} makes {what} on the central path equal {goal_label} "
        f"({format_value(goal)}): it jumps from {format_value(below)} to {format_value(above)} "
        f"at {solve_for} = {fx(jump)}{because}. The central path takes one branch of each event "
        f"(its median timing); the mean over paths weighs both and is smooth: solve for the "
        f"mean with basis='mean' (--basis mean)"
    )
    return ImpliedJumpError(message, solve_for, float(jump), (below, above), cause)
