"""Discrete events and their effects on other quantities.

An event happens in year ``t`` (``t = 1 .. n_years-1``; year 0 is "today" and known, so no
event happens in it) with its annual probability, independently across years. The engine
tracks ``count_t``, the number of occurrences in years ``1..t`` (``count_0 = 0``), and changes
each target from the year of an occurrence on:

* one-off (``repeatable=False``): ``multiply`` gives ``x_t * by`` once ``count_t >= 1``;
  ``add`` gives ``x_t + by``. Later occurrences change nothing.
* repeatable: ``multiply`` gives ``x_t * by**count_t`` (compounding), ``add`` gives
  ``x_t + by * count_t`` (accumulating).

An event limited to some years (``Event.years``, e.g. a read-out due in 2026) can happen in
those years only, with its annual probability in each; ``t`` then counts its chances by year
``t`` in the laws below.

A static target (shape ``(n_paths,)``) becomes per-year ``(n_paths, n_years)``. Effects apply
in the order events are declared. ``count_t ~ Binomial(t, p)``, so
``P(count_t >= 1) = 1 - (1 - p)**t``.

Deterministic mode (:func:`median_counts`) places every event at its median timing: the count
applied in year ``t`` is the median of ``count_t``. A one-off event therefore applies from the
first year in which it has happened with probability at least 1/2 (``1 - (1 - p)**t >= 1/2``):
a certain event (``p = 1``) from year 1, an event with ``p = 0.15`` from year 5, and a rare one
(``p < 1 - 2**(-1/t)`` over the horizon) never. A repeatable event applies the median of
``Binomial(t, p)`` occurrences. Ties (probability exactly 1/2) take the upper median, so
``p = 0.5`` applies a one-off event from year 1.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray
from scipy import special

from model.engine.spec import EffectOp

FloatArray = NDArray[np.float64]

#: Paths from which a one-off effect picks its values bit by bit (:func:`_apply_once`); fewer
#: paths take the plain formula, whose few calls cost less than the picks save there.
BITWISE_MIN_PATHS = 4096


def occurrence_counts(
    u: FloatArray, prob: FloatArray | float, chances: Sequence[int] | None = None
) -> FloatArray:
    """Cumulative occurrence counts.

    Parameters
    ----------
    u : ndarray, shape (n_years - 1, n_paths)
        The event's uniforms; the event happens in year ``t`` when ``u[t-1] < prob``.
    prob : float or ndarray, shape (n_paths,)
    chances : sequence of int, optional
        The only year positions in which it can happen (:meth:`Event.chances`); ``None``: all.
        Every year keeps its uniform, so limiting one event's years moves no other draw.

    Returns
    -------
    ndarray, shape (n_years, n_paths)
        Year-major counts (float), row 0 all zero.
    """
    n_years, n = u.shape[0] + 1, u.shape[1]
    counts = np.empty((n_years, n))
    counts[0] = 0.0
    # A loop of row additions: cumsum along axis 0 of a bool array is several times slower.
    # The running count is kept in small integers (exact, and several times cheaper to add
    # than floats with a bool operand) and copied into each year's row.
    running = np.zeros(n, dtype=np.uint8 if n_years <= np.iinfo(np.uint8).max else np.int64)
    hit = np.empty(n, dtype=bool)
    for t in range(1, n_years):
        if chances is None or t in chances:
            np.less(u[t - 1], prob, out=hit)
            np.add(running, hit, out=running)
        counts[t] = running
    return counts


def median_counts(
    prob: FloatArray | float,
    n_years: int,
    n: int,
    repeatable: bool,
    chances: Sequence[int] | None = None,
) -> FloatArray:
    """Deterministic-mode occurrence counts: the median of ``count_t`` in every year.

    Parameters
    ----------
    prob : float or ndarray, shape (n,)
        Annual probability (per path when an array), in ``[0, 1]``.
    n_years, n : int
        Length of the per-year axis and number of paths.
    repeatable : bool
        One-off events count at most one occurrence.
    chances : sequence of int, optional
        The only year positions in which it can happen; ``None``: every year after the first.

    Returns
    -------
    ndarray, shape (n_years, n)
        Year-major counts (float), row 0 all zero; for year ``t`` the largest ``m`` with
        ``P(count_t >= m) >= 1/2``, ``count_t ~ Binomial(k_t, prob)`` over the ``k_t`` chances
        by year ``t`` (``k_t = t`` without ``chances``; capped at 1 when ``repeatable`` is
        false).
    """
    p = np.broadcast_to(np.asarray(prob, dtype=np.float64), (n,))
    counts = np.zeros((n_years, n))
    for t in range(1, n_years):
        k_t = t if chances is None else sum(1 for c in chances if c <= t)
        if k_t == 0:
            continue
        # P(count_t >= 1) >= 1/2, written through P(count_t = 0) = (1 - p)**k_t, which is
        # exact at p = 0 and p = 1.
        counts[t] = (1.0 - p) ** k_t <= 0.5
        if repeatable:
            for k in range(2, k_t + 1):
                # P(count_t >= k) = 1 - P(count_t <= k - 1); the upper median counts ties.
                counts[t] += special.bdtr(k - 1, k_t, p) <= 0.5
    return counts


def apply_effect(
    target: FloatArray,
    counts: FloatArray,
    op: EffectOp,
    by: FloatArray | float,
    repeatable: bool,
) -> FloatArray:
    """Apply one effect.

    Parameters
    ----------
    target : ndarray, shape (n_paths,) or (n_paths, n_years)
    counts : ndarray, shape (n_years, n_paths)
        From :func:`occurrence_counts`.
    op : EffectOp
    by : float or ndarray, shape (n_paths,)
    repeatable : bool

    Returns
    -------
    ndarray, shape (n_paths, n_years)
        A new array (transposed view of a year-major array); ``target`` is not modified.
    """
    n_years, n = counts.shape
    by = np.asarray(by, dtype=np.float64)
    multiply = op is EffectOp.MULTIPLY
    combine = np.multiply if multiply else np.add
    if not repeatable and n >= BITWISE_MIN_PATHS and np.ndim(target) == 1:
        # ``by`` as a contiguous array of every path, as the plain formula's step is: numpy's
        # loop for an array and a scalar keeps the scalar's NaN where both operands are NaN.
        step = np.ascontiguousarray(np.broadcast_to(by, (n,)))
        picked = _apply_once(np.asarray(target, dtype=np.float64), counts, combine, step)
        if picked is not None:
            return picked
    # Year-major rows of the target; a static target is the same row in every year.
    rows = target.T if target.ndim == 2 else np.broadcast_to(target, (n_years, n))
    out = np.empty((n_years, n))
    out[0] = rows[0]
    # A one-off event combines each path with ``by`` once it has happened and with the
    # operation's identity before: ``x * 1.0`` and ``x + -0.0`` are ``x`` bit for bit
    # (``x + 0.0`` would turn -0.0 into +0.0).
    identity = 1.0 if multiply else -0.0
    for t in range(1, n_years):
        c = counts[t]
        if repeatable:
            step = np.power(by, c) if multiply else by * c
        else:
            step = np.where(c > 0, by, identity)
        combine(rows[t], step, out=out[t])
    return out.T


def _apply_once(
    target: FloatArray, counts: FloatArray, combine: np.ufunc, by: FloatArray
) -> FloatArray | None:
    """A one-off effect on a static target: ``x op by`` once ``counts[t] > 0``, else ``x``.

    Parameters
    ----------
    target : ndarray of float64, shape (n_paths,)
    counts : ndarray, shape (n_years, n_paths)
    combine : numpy.multiply or numpy.add
    by : ndarray of float64, shape (n_paths,), contiguous

    Returns
    -------
    ndarray, shape (n_paths, n_years), or None
        A transposed view of a new year-major array; ``None`` when some ``x op by`` is not
        finite, so that the caller applies the plain formula instead.

    Notes
    -----
    Each value is picked on the integer views, ``x ^ ((x ^ changed) & mask)`` with ``mask``
    all ones where the event has happened and zero elsewhere: the changed value is the same
    ``x op by`` as the plain formula, the other is ``x`` itself (what ``x * 1.0`` and
    ``x + -0.0`` give for every number numpy's arithmetic makes; only a signalling NaN, which
    it never makes, would be quieted by them). ``np.where`` on a mask that mixes paths
    mispredicts a branch for many values; these passes have no branch, and ``x op by`` is
    computed once for every year. It is formed on every path, also where the event has not
    happened, so an overflow or an invalid operation there must not warn: such a value is not
    finite, and the plain formula, which warns only for the paths the event changes, is used
    instead. (A per-year target needs ``x op by`` in every year, and the picks then save
    nothing over the plain formula.)
    """
    n_years, n = counts.shape
    x = target.view(np.int64)
    with np.errstate(over="ignore", invalid="ignore"):
        changed = combine(target, by)
    if not np.isfinite(changed).all():
        return None
    flip = changed.view(np.int64)  # the bits that change where it happened
    flip ^= x
    out = np.empty((n_years, n))
    out[0] = target
    bits = out.view(np.int64)
    hit = np.empty(n, dtype=bool)
    for t in range(1, n_years):
        row = bits[t]
        np.greater(counts[t], 0, out=hit)
        np.negative(hit.view(np.int8), out=row)  # widened to int64, -True is -1: all bits set
        row &= flip
        row ^= x
    return out.T
