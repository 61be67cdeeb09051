"""Standard errors shared by the engine's summaries and the results layer.

One formula each, used everywhere a number of the same kind is reported:

Quantile standard error
    The asymptotic variance of the sample ``q``-quantile is ``q (1 - q) / (n f(x_q)**2)``. The
    sparsity ``1 / f(x_q)`` is estimated by the Siddiqui difference quotient of empirical
    quantiles, ``(Q(q + h) - Q(q - h)) / 2h``, with **Hall and Sheather's bandwidth**
    ``h = n**(-1/3) z**(2/3) (1.5 phi(Phi^-1(q))**2 / (2 Phi^-1(q)**2 + 1))**(1/3)``,
    ``z = Phi^-1(0.975)``. Why Hall-Sheather rather than Bofinger's ``n**(-1/5)`` bandwidth:
    Bofinger's minimises the mean squared error of the sparsity itself, Hall and Sheather's
    the coverage error of the studentised interval ``Q(q) +- z se`` (Hall & Sheather 1988),
    which is what a reported standard error is read as. Its smaller bandwidth also keeps the
    difference quotient from reaching across a bound of the support (a value per share floored
    at 0), where the wider Bofinger window overstates the error of the 5th percentile. A
    Gaussian-kernel density was rejected for the same reason (it spills mass over bounds).
Sums over paths
    :func:`sum_of_products` rather than ``np.dot``: a threaded BLAS splits a long dot product
    by the number of cores, so its last bits would change from one machine to another.
Quantiles found before
    :func:`quantiles_reusing` takes the levels an earlier ``np.quantile`` of the same samples
    found and selects only the others.
Weighted samples in order
    :func:`sorted_by_value` orders values and their weights as a stable argsort does, with a
    cheaper sort where it cannot tell the difference.
Intervals of means
    ``mean +- t se``: with batch means over ``b`` independent blocks the standard error has
    ``b - 1`` degrees of freedom and the quantile is Student's t; with independent paths the
    normal quantile (t with infinitely many degrees of freedom).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
from numpy.typing import NDArray
from scipy import special

__all__ = [
    "HS_ALPHA",
    "critical_value",
    "hall_sheather_bandwidth",
    "interval",
    "quantile_se",
    "quantiles_reusing",
    "sorted_by_value",
    "sum_of_products",
]

FloatArray = NDArray[np.float64]

#: Hall and Sheather's bandwidth uses the normal quantile of this confidence level.
HS_ALPHA = 0.05


def hall_sheather_bandwidth(q: FloatArray | Sequence[float], n: int) -> FloatArray:
    """Hall and Sheather's bandwidth (in probability) for the density at quantile ``q``.

    Parameters
    ----------
    q : array_like
        Quantile levels in (0, 1).
    n : int
        Sample size.

    Returns
    -------
    ndarray
        Bandwidths, shaped like ``q``.
    """
    z = special.ndtri(np.asarray(q, dtype=float))
    phi = np.exp(-0.5 * z * z) / math.sqrt(2.0 * math.pi)
    za = float(special.ndtri(1.0 - HS_ALPHA / 2.0))
    shape = (1.5 * phi**2 / (2.0 * z**2 + 1.0)) ** (1.0 / 3.0)
    return np.asarray(n ** (-1.0 / 3.0) * za ** (2.0 / 3.0) * shape, dtype=float)


def quantile_se(x: FloatArray, qs: Sequence[float] | FloatArray) -> FloatArray:
    """Asymptotic standard errors of sample quantiles (see the module notes).

    Parameters
    ----------
    x : ndarray, shape (n,) or (n, k)
        Finite samples (``k`` columns of them), in any order.
    qs : sequence of float
        Quantile levels in (0, 1).

    Returns
    -------
    ndarray, shape (len(qs),) or (len(qs), k)
        Standard errors; 0 where the samples around the quantile coincide (a point mass pins
        the quantile); NaN for fewer than 2 samples.
    """
    arr = np.asarray(x, dtype=float)
    q = np.asarray(qs, dtype=float)
    n = arr.shape[0]
    shape = q.shape + arr.shape[1:]
    if n < 2:
        return np.full(shape, np.nan)
    h = hall_sheather_bandwidth(q, n)
    lo = np.clip(q - h, 0.0, 1.0)
    hi = np.clip(q + h, 0.0, 1.0)
    ends = np.quantile(arr, np.concatenate([lo, hi]), axis=0)
    spacing = ends[q.size :] - ends[: q.size]
    scale = np.sqrt(q * (1.0 - q) / n) / (hi - lo)
    return scale.reshape((-1,) + (1,) * (arr.ndim - 1)) * spacing


def critical_value(level: float, df: int | None) -> float:
    """Two-sided critical value: Student's t with ``df`` degrees of freedom, normal for None.

    Parameters
    ----------
    level : float
        Coverage in (0, 1), e.g. 0.95.
    df : int or None
        Degrees of freedom of the standard error (batch means: blocks - 1); None for a
        standard error from independent paths.
    """
    p = 0.5 + level / 2.0
    if df is None:
        return float(special.ndtri(p))
    return float(special.stdtrit(df, p))


def interval(
    estimate: FloatArray | float, se: FloatArray | float, level: float, df: int | None
) -> tuple[FloatArray, FloatArray]:
    """``estimate -+ c se`` with the critical value of :func:`critical_value`."""
    c = critical_value(level, df)
    est, err = np.asarray(estimate, dtype=float), np.asarray(se, dtype=float)
    return est - c * err, est + c * err


def sum_of_products(a: FloatArray, b: FloatArray) -> float:
    """``sum(a * b)`` over paths, the same bits whatever the machine's number of cores.

    Parameters
    ----------
    a, b : ndarray, shape (n_paths,)

    Returns
    -------
    float
        Numpy's pairwise sum of the products (``np.dot`` would hand long vectors to a threaded
        BLAS, whose partial sums depend on how many threads it runs).
    """
    return float(np.add.reduce(np.multiply(a, b)))


def sorted_by_value(x: FloatArray, w: FloatArray) -> tuple[FloatArray, FloatArray]:
    """``x`` ascending with ``w`` in the same order, as a stable argsort orders them.

    The same bits as ``order = np.argsort(x, kind="stable"); x[order], w[order]``, sooner:
    with equal weights the weights read the same in any order, so the values are sorted on
    their own (unless both signs of zero are present: a sort may swap -0.0 and 0.0); with
    distinct values every sort finds the one order there is, so the plain argsort serves.
    Ties or non-finite values take the stable argsort.

    Parameters
    ----------
    x : ndarray, shape (n,)
        Values.
    w : ndarray, shape (n,)
        Their weights.

    Returns
    -------
    (x_sorted, w_sorted) : ndarrays, shape (n,)
    """
    if x.size > 1 and np.isfinite(x).all():
        zero = x == 0.0
        signs = np.signbit(x[zero]) if zero.any() else np.zeros(1, dtype=bool)
        if w[0] != 0.0 and bool((w == w[0]).all()) and (signs.all() or not signs.any()):
            return np.sort(x), w.copy()
        order = np.argsort(x)
        x_sorted = x[order]
        if not bool((x_sorted[1:] == x_sorted[:-1]).any()):
            return x_sorted, w[order]
    order = np.argsort(x, kind="stable")
    return x[order], w[order]


def quantiles_reusing(
    x: FloatArray, qs: Sequence[float], known: Mapping[float, FloatArray] | None
) -> FloatArray:
    """``np.quantile(x, qs, axis=0)``, taking the levels in ``known`` from it, bit for bit.

    Each level of ``np.quantile`` is found from its own two order statistics and its own
    interpolation weight, so the levels an earlier call on the same samples found are the
    numbers this call would find, and only the others need selecting (with fewer levels, a
    cheaper selection). One exception: where -0.0 and 0.0 both occur, a selection of other
    levels may place the other sign at a rank. That can change only a result that is zero,
    so where any level is zero (or a known one not finite) every level is found in one call.

    Parameters
    ----------
    x : ndarray, shape (n, k)
        Finite samples, ``n >= 1``.
    qs : sequence of float
        Quantile levels in [0, 1].
    known : mapping of float to ndarray, shape (k,), or None
        Levels found before by ``np.quantile`` on the same ``x`` (any other levels with them).

    Returns
    -------
    ndarray, shape (len(qs), k)
    """
    if np.asarray(qs).dtype != np.float64:  # (float32 levels: numpy weighs in float32)
        return np.asarray(np.quantile(x, list(qs), axis=0))
    levels = [float(q) for q in qs]
    have = [i for i, q in enumerate(levels) if known is not None and q in known]
    if not have or known is None:
        return np.asarray(np.quantile(x, levels, axis=0), dtype=float)
    found = np.array([known[levels[i]] for i in have], dtype=float).reshape(len(have), -1)
    if found.shape[1] != x.shape[1] or not bool((found != 0.0).all() and np.isfinite(found).all()):
        return np.asarray(np.quantile(x, levels, axis=0), dtype=float)
    out = np.empty((len(levels), x.shape[1]))
    out[have] = found
    rest = [i for i in range(len(levels)) if i not in have]
    if rest:
        out[rest] = np.quantile(x, [levels[i] for i in rest], axis=0)
    if not (out != 0.0).all():  # (the levels selected here are as open to a zero's sign)
        return np.asarray(np.quantile(x, levels, axis=0), dtype=float)
    return out
