"""When an event first happens, chosen rather than drawn: the timing a sensitivity analysis sets.

A tornado swing or a Sobol' sample fixes an event's first occurrence (a year position, from one
uniform by the geometric inverse CDF) and hands the engine uniforms that reproduce it: the
engine counts an occurrence in year ``t`` when ``u[t-1] < p``. Year positions start at 1 (no
event happens in year 0). Arrays are year-major like the engine's: ``(n_years, n)``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from model.errors import EngineError

__all__ = [
    "conditional_median_year",
    "counts_from_first_year",
    "first_occurrence_year",
    "on_chances",
    "uniforms_from_counts",
]


def first_occurrence_year(u: np.ndarray, p: np.ndarray | float) -> np.ndarray:
    """Year of an event's first occurrence from one uniform, by the geometric inverse CDF.

    With an independent chance ``p`` per year, ``P(T <= t) = 1 - (1 - p)**t``, so
    ``T = ceil(log(1 - u) / log(1 - p))`` has exactly that law for ``u`` uniform on (0, 1).

    Parameters
    ----------
    u : ndarray, shape (n,)
        Uniforms in (0, 1).
    p : float or ndarray, shape (n,)
        Annual probability per row, in ``[0, 1]``.

    Returns
    -------
    ndarray, shape (n,)
        Float years ``>= 1``; ``inf`` when ``p = 0`` (never).
    """
    u = np.asarray(u, dtype=float)
    p = np.broadcast_to(np.asarray(p, dtype=float), u.shape)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.log1p(-u) / np.log1p(-p)  # p = 1: -x / -inf = 0 -> year 1
    years = np.maximum(np.ceil(ratio), 1.0)
    return np.where(p <= 0.0, np.inf, years)


def conditional_median_year(p: float, last: int) -> int:
    """Median first-occurrence year given that the event happens by year ``last``.

    Parameters
    ----------
    p : float
        Annual probability in ``[0, 1]``.
    last : int
        Last year position, ``>= 1``.

    Returns
    -------
    int
        Smallest ``t`` in ``1 .. last`` with ``P(T <= t | T <= last) >= 1/2``. As ``p -> 0``
        the conditional law becomes uniform on ``1 .. last``, which is used at ``p = 0``.
    """
    for t in range(1, last + 1):
        if p <= 0.0:
            share = t / last
        elif p >= 1.0:
            share = 1.0
        else:
            # P(T <= t) = 1 - (1-p)^t = -expm1(t log1p(-p)), accurate for small p.
            share = math.expm1(t * math.log1p(-p)) / math.expm1(last * math.log1p(-p))
        if share >= 0.5:
            return t
    return last


def on_chances(first: np.ndarray, chances: Sequence[int] | None) -> np.ndarray:
    """First-occurrence chance numbers (``1, 2, ...``) as year positions.

    Parameters
    ----------
    first : ndarray, shape (n,)
        From :func:`first_occurrence_year` over the event's chances (``inf``: never).
    chances : sequence of int or None
        The year positions in which the event can happen (``Event.chances``); ``None``: every
        year after the first, where chance ``k`` is year position ``k``.

    Returns
    -------
    ndarray, shape (n,)
        Year positions (float), ``inf`` past the last chance.
    """
    first = np.asarray(first, dtype=float)
    if chances is None:
        return first
    positions = np.array([*chances, np.inf], dtype=float)
    index = np.where(np.isfinite(first), np.minimum(first, len(chances) + 1), len(chances) + 1)
    return positions[index.astype(np.intp) - 1]


def counts_from_first_year(first: np.ndarray, n_years: int) -> np.ndarray:
    """Occurrence counts of a first occurrence only.

    Parameters
    ----------
    first : ndarray, shape (n,)
        First-occurrence year positions (``inf`` or anything ``>= n_years``: never).
    n_years : int

    Returns
    -------
    ndarray, shape (n_years, n)
        Year-major counts, 1 from the first occurrence on.
    """
    t = np.arange(n_years, dtype=float)[:, None]
    return (t >= np.asarray(first, dtype=float)[None, :]).astype(float)


def uniforms_from_counts(counts: np.ndarray) -> np.ndarray:
    """Uniforms with which the engine reproduces given occurrence counts.

    The engine counts an occurrence in year ``t`` when ``u[t-1] < p``: ``u = 0`` gives one
    whenever ``p > 0`` and ``u = 1`` never does (``p <= 1``).

    Parameters
    ----------
    counts : ndarray, shape (n_years, n)
        Year-major counts from 0, rising by 0 or 1 a year (a rise needs ``p > 0``).

    Returns
    -------
    ndarray, shape (n_years - 1, n)

    Raises
    ------
    EngineError
        Counts the engine cannot produce.
    """
    step = np.diff(counts, axis=0)
    if np.any(counts[0] != 0) or np.any((step != 0) & (step != 1)):
        raise EngineError("internal: occurrence counts must start at 0 and rise by 0 or 1 a year")
    return np.where(step > 0, 0.0, 1.0)
