"""Shape helpers shared by the valuation modules.

Every model input may reach the model either as one value per path, shape ``(n,)``, or as a
per-year path, shape ``(n, n_years)``: an event turns a static assumption into a path that
changes from the event year on, and a process is a path from the start. The model therefore
broadcasts every input to ``(n, n_years)`` once and reads the value *of year t* wherever it
needs one; with static inputs every year holds the same value, so nothing changes for them.
"""

from __future__ import annotations

from typing import Any, cast

import numpy as np
from numpy.typing import ArrayLike

from model.errors import ParameterError

#: A share count never falls below this fraction of its first year's (the ``share_count``
#: block floors it there and flags the path; the legs read a count there as no count).
SHARE_FLOOR = 1e-6


def as_paths(x: ArrayLike, n: int, n_years: int, name: str = "input") -> np.ndarray:
    """Broadcast an input to one value per path and year.

    Parameters
    ----------
    x : array_like
        A scalar, shape ``(n,)`` (static per path), ``(n, 1)`` or ``(n, n_years)``
        (a per-year path). A length-1 array counts as a scalar.
    n : int
        Number of paths.
    n_years : int
        Number of model years.
    name : str
        Used in the error message.

    Returns
    -------
    ndarray, shape (n, n_years), float64
        A read-only broadcast view where possible (no copy per year); never modify it.

    Raises
    ------
    ParameterError
        If the shape fits neither layout.
    """
    arr = np.asarray(x, dtype=float)
    if arr.ndim == 0 or arr.size == 1:
        return np.broadcast_to(float(arr.reshape(-1)[0]), (n, n_years))
    if arr.ndim == 1 and arr.shape[0] == n:
        return np.broadcast_to(arr[:, None], (n, n_years))
    if arr.ndim == 2 and arr.shape[0] == n and arr.shape[1] in (1, n_years):
        return np.broadcast_to(arr, (n, n_years))
    # ParameterError shows only the message, so the accepted shapes belong in it.
    raise ParameterError(
        f"has shape {arr.shape}; expected a scalar, shape ({n},) or ({n}, {n_years})",
        field=name,
        expected=f"a scalar, shape ({n},) or ({n}, {n_years})",
    )


def n_paths_of(*arrays: ArrayLike) -> int:
    """Number of paths implied by a set of inputs (1 if all are scalars).

    Parameters
    ----------
    *arrays : array_like
        Inputs of shape ``()``, ``(n,)`` or ``(n, n_years)``.

    Returns
    -------
    int
        The largest leading dimension found.
    """
    sizes = [np.shape(a)[0] for a in arrays if np.ndim(a) >= 1]
    return max(sizes, default=1)


def year_index(n_years: int) -> np.ndarray:
    """Years since the first model year, ``[0, 1, ..., n_years - 1]``.

    Parameters
    ----------
    n_years : int
        Number of model years.

    Returns
    -------
    ndarray, shape (1, n_years), float64
        The leading axis of length 1 lets it broadcast against ``(n, n_years)`` arrays.
    """
    return np.arange(n_years, dtype=float)[None, :]


def any_by_path(mask: ArrayLike) -> np.ndarray:
    """Paths flagged in some year: ``np.any(mask, axis=1)`` of an ``(n, n_years)`` mask.

    numpy reduces the few years of each path in a loop over the paths; or-ing whole year
    columns into one gives the same answer several times faster.

    Parameters
    ----------
    mask : array_like of bool, shape (n, n_years)

    Returns
    -------
    ndarray of bool, shape (n,)
        Other shapes and dtypes are passed to ``np.any(mask, axis=1)`` as they are.
    """
    m = np.asarray(mask)
    if m.ndim != 2 or m.dtype != np.bool_ or m.shape[1] == 0:
        return np.any(m, axis=1)
    out = m[:, 0].copy()
    for j in range(1, m.shape[1]):
        out |= m[:, j]
    return out


def sum_by_path(x: np.ndarray) -> np.ndarray:
    """``x.sum(axis=1)`` of an ``(n, n_years)`` float array, added one year column at a time.

    For a C-ordered array of two paths or more and at most seven years, numpy sums each path
    from zero through its years left to right (a test checks it to the bit), which is what
    adding whole columns does, so the sums are the same numbers; numpy's own loop runs over
    rows of a few years. Other arrays are summed by numpy.
    """
    if x.ndim != 2 or x.dtype != np.float64 or not x.flags.c_contiguous:
        return cast(np.ndarray, x.sum(axis=1))
    if x.shape[0] < 2 or not 1 <= x.shape[1] <= 7:
        return cast(np.ndarray, x.sum(axis=1))
    out = x[:, 0] + 0.0  # from zero, as numpy: 0.0 + -0.0 is 0.0
    for j in range(1, x.shape[1]):
        out += x[:, j]
    return out


def running_sum(x: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """``np.cumsum(x, axis=1)`` of an ``(n, n_years)`` array, built one year column at a time.

    Each column is the previous one plus ``x``'s, as numpy's running sum adds them, so the
    numbers are the same; numpy's own loop runs over rows of a few years, several times slower
    at a chunk's size.

    Parameters
    ----------
    x : ndarray, shape (n, n_years)
    out : ndarray, shape (n, n_years), optional
        Where to write the sums (not overlapping ``x``).

    Returns
    -------
    ndarray, shape (n, n_years)
        ``out`` if given. Other shapes and dtypes go to ``np.cumsum`` as they are.
    """
    return _running(np.add, np.cumsum, x, out)


def running_product(x: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """``np.cumprod(x, axis=1)`` of an ``(n, n_years)`` array, one year column at a time.

    The same products in the same order as numpy's (see :func:`running_sum`).
    """
    return _running(np.multiply, np.cumprod, x, out)


def _running(op: np.ufunc, whole: Any, x: np.ndarray, out: np.ndarray | None) -> np.ndarray:
    if x.ndim != 2 or x.dtype != np.float64:
        return cast(np.ndarray, whole(x, axis=1, out=out))
    if out is None:
        out = np.empty(x.shape)
    if x.shape[1]:
        out[:, 0] = x[:, 0]
    for j in range(1, x.shape[1]):
        op(out[:, j - 1], x[:, j], out=out[:, j])
    return out


def growth_index(growth: np.ndarray, *, prior: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Cumulative growth factor ``prod_{k=1..t} (1 + g_k)`` of a per-year growth path.

    ``g_k`` is the growth *into* year ``k`` from year ``k - 1``, so ``g_0`` (growth into the
    first model year) does not move year 0 and only serves the one-year backcast below.

    Parameters
    ----------
    growth : ndarray, shape (n, n_years)
        Growth rates as fractions (0.2 = 20 %).
    prior : bool
        If true, prepend a column for the year before the first model year,
        ``1 / (1 + g_0)``, used to measure year-0 growth against a backcast.

    Returns
    -------
    factor : ndarray, shape (n, n_years) or (n, n_years + 1) with ``prior``
        Year-0 column equal to 1 (column 1 with ``prior``).
    invalid : ndarray of bool, shape (n,)
        Paths where some ``1 + g <= 0`` (a fall of 100 % or more). Those factors are floored
        at 0 so a quantity can vanish but never turn negative.
    """
    step = 1.0 + growth
    invalid = any_by_path(step <= 0.0)
    step = np.maximum(step, 0.0)
    if not prior or step.shape[1] == 0:
        factor = np.ones_like(step)
        running_product(step[:, 1:], out=factor[:, 1:])
        if prior:  # no years: nothing to backcast
            factor = np.concatenate([step[:, :1], factor], axis=1)
        return factor, invalid
    # Written straight into the array with the backcast column, not joined to it after.
    factor = np.empty((step.shape[0], step.shape[1] + 1))
    first = step[:, :1]
    np.divide(1.0, first, out=factor[:, :1], where=first > 0.0)
    factor[:, :1][~(first > 0.0)] = 0.0
    factor[:, 1] = 1.0
    running_product(step[:, 1:], out=factor[:, 2:])
    return factor, invalid


def with_prior(x: np.ndarray) -> np.ndarray:
    """Prepend a copy of year 0 as the backcast year.

    Parameters
    ----------
    x : ndarray, shape (n, n_years)
        A per-year input.

    Returns
    -------
    ndarray, shape (n, n_years + 1)
        Column 0 (the year before the first model year) equals year 0.
    """
    return np.concatenate([x[:, :1], x], axis=1)


def grow(
    base: np.ndarray, growth: np.ndarray, *, prior: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """A level that starts at ``base`` and compounds at ``growth``: ``base_t * prod (1 + g_k)``.

    Parameters
    ----------
    base : ndarray, shape (n, n_years)
        Level in the first model year; a per-year path applies event shifts from their year on.
    growth : ndarray, shape (n, n_years)
        Growth into each year (fraction).
    prior : bool
        Also return the backcast year in front (see :func:`growth_index`).

    Returns
    -------
    level : ndarray, shape (n, n_years) or (n, n_years + 1) with ``prior``
    invalid : ndarray of bool, shape (n,)
        Paths with a growth of -100 % or worse.
    """
    factor, invalid = growth_index(growth, prior=prior)
    if not prior or factor.shape[1] == 0:
        return (with_prior(base) if prior else base) * factor, invalid
    # The factor is this function's own: scale it in place a year column at a time (the
    # backcast year by year 0's level), the same products as ``with_prior(base) * factor``.
    level = np.broadcast_to(base, (factor.shape[0], factor.shape[1] - 1))
    np.multiply(level[:, 0], factor[:, 0], out=factor[:, 0])
    for j in range(level.shape[1]):
        np.multiply(level[:, j], factor[:, j + 1], out=factor[:, j + 1])
    return factor, invalid
