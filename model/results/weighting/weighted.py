"""Statistics of weighted samples: a run reweighted by evidence, with their standard errors.

See the "Weighted samples" part of :mod:`model.results.summary`: with equal weights every
figure is the unweighted summary's (the sd with ``ddof=1``, numpy's interpolated percentiles),
to rounding; self-normalised importance-sampling errors for the mean and the sd, and for a
percentile the weighted ECDF's error mapped through the local slope of the quantile function,
each stratified for a blend.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np

from model.engine.summaries import stats as _engine_stats
from model.engine.summaries.stats import sum_of_products
from model.errors import EmptySampleError
from model.results.summary import (
    MIN_SD_SE_PATHS,
    QUANTILES,
    _stratified_sizes,
    exact_variance_term,
)

__all__ = [
    "effective_sample_size",
    "quantile_positions",
    "weighted_describe",
    "weighted_mean",
    "weighted_quantile",
]


def effective_sample_size(weights: np.ndarray) -> float:
    """Kish's effective sample size ``(sum w)**2 / sum(w**2)`` of importance weights."""
    w = np.asarray(weights, dtype=float)
    total = w.sum()
    return float(total * total / np.sum(w * w)) if total > 0 else 0.0


def _terms_se(w: np.ndarray, d: np.ndarray, strata: np.ndarray | None) -> float:
    """``sqrt(sum (w d)**2)`` of a weighted mean's delta-method terms ``w d`` (``d = x - m``);
    for a blend, of each term less its scenario's mean (chance moves only within a scenario)."""
    masks = _stratified_sizes(strata, w.size)
    if masks is None:
        return math.sqrt(sum_of_products(w * w, d**2))
    terms = w * d
    for m in masks:
        terms = np.where(m, terms - terms[m].mean(), terms)
    return math.sqrt(sum_of_products(terms, terms))


def weighted_mean(
    x: np.ndarray, w: np.ndarray, strata: np.ndarray | None = None
) -> tuple[float, float]:
    """Weighted mean and its self-normalised importance-sampling standard error.

    ``w`` normalised (sum 1) over the same finite ``x``; ``strata``: a blend's (Weighted samples).
    """
    m = _clamped_mean(w, x)
    return m, _terms_se(w, x - m, strata)


def _clamped_mean(w: np.ndarray, x: np.ndarray) -> float:
    """``sum(w x)`` within the data's range: the weights sum to one only up to rounding, and a
    constant's mean must be the constant (with no spread), a probability no more than 1."""
    m = sum_of_products(w, x)
    return min(max(m, float(np.min(x))), float(np.max(x))) if x.size else m


def quantile_positions(w_sorted: np.ndarray, x_sorted: np.ndarray | None = None) -> np.ndarray:
    """Where each path of a weighted sample sits on the scale its quantiles interpolate on.

    Path ``i`` (ascending order) sits at the midpoint of its cumulative weight,
    ``C_i - w_i / 2``, stretched linearly so that the first path is at 0 and the last at 1:
    ``(C_i - w_i / 2 - w_1 / 2) / (1 - w_1 / 2 - w_n / 2)``. The positions are returned times
    ``n - 1``, numpy's virtual index, so that equal weights give exactly ``0, 1, .., n - 1``
    and :func:`weighted_quantile` numpy's default ('linear') quantiles bit for bit.

    Parameters
    ----------
    w_sorted : ndarray, shape (n,)
        Positive weights summing to 1, in ascending order of the values; ``n >= 2``.
    x_sorted : ndarray, shape (n,), optional
        The values: paths of equal value share their weight equally, so that the figures do not
        depend on the order of tied paths.

    Returns
    -------
    ndarray, shape (n,)
        Non-decreasing, from exactly 0 to exactly ``n - 1``.
    """
    w = np.asarray(w_sorted, dtype=float)
    n = w.size
    if x_sorted is not None and n > 1 and not bool((w == w[0]).all()):
        new = np.empty(n, dtype=bool)
        new[0] = True
        np.not_equal(x_sorted[1:], x_sorted[:-1], out=new[1:])
        if not new.all():
            starts = np.flatnonzero(new)
            counts = np.diff(np.append(starts, n))
            w = np.repeat(np.add.reduceat(w, starts) / counts, counts)
    # The midpoints as (i - 1/2) / n plus the running sum of the weights' departures from 1/n:
    # a cumulative sum of the weights themselves would lose ~n ulps, which the stretch to
    # n - 1 would multiply; the departures are 0 for equal weights and small near them.
    e = w - 1.0 / n
    before = np.cumsum(e) - e  # sum of the departures of the paths before each
    shift = n * (before + e / 2.0 - e[0] / 2.0)
    u = (np.arange(n, dtype=float) + shift) * ((n - 1) / ((n - 1) + shift[-1]))
    u[0], u[-1] = 0.0, float(n - 1)
    return np.clip(np.maximum.accumulate(u), 0.0, float(n - 1))


def weighted_quantile(x_sorted: np.ndarray, positions: np.ndarray, p: float) -> float:
    """Quantile ``p`` of a weighted sample, interpolated linearly between its paths.

    ``x_sorted`` ascending and ``positions`` from :func:`quantile_positions`. With equal
    weights this is ``np.quantile(x, p)`` (numpy's default, 'linear'); it is symmetric (the
    ``p``-quantile of ``x`` is minus the ``(1 - p)``-quantile of ``-x``, to rounding) and a
    path of zero weight, left out before, has no influence. Our own code because numpy's
    quantile takes weights only with the 'inverted_cdf' method, a step function that does not
    reduce to the unweighted summary's interpolated percentiles.
    """
    n = x_sorted.size
    if n == 1:
        return float(x_sorted[0])
    h = (n - 1) * min(max(float(p), 0.0), 1.0)  # numpy's virtual index
    j = min(max(int(np.searchsorted(positions, h, side="right")) - 1, 0), n - 2)
    gap = positions[j + 1] - positions[j]
    t = min(max((h - positions[j]) / gap, 0.0), 1.0) if gap > 0 else 0.0
    a, b = float(x_sorted[j]), float(x_sorted[j + 1])
    # numpy's own interpolation (its _lerp), so that equal weights give its bits
    diff = b - a
    return b - diff * (1.0 - t) if t >= 0.5 else a + diff * t


def _sd_se_exact(m4: float, m2: float, var: float, n: float) -> float:
    """``sqrt(Var(s**2)) / (2 s)`` with the exact finite-sample variance of a sample variance,
    ``Var(s**2) = (m4 - m2**2 (n - 3) / (n - 1)) / n``, the sample's own moments plugged in
    (``m2`` the variance with divisor ``n``, ``var = s**2`` the corrected one).

    Positive for any sample that varies, since ``m4 >= m2**2 > m2**2 (n - 3) / (n - 1)``, and
    exact for two values half each; used where the large-sample ``m4 - s**4`` is zero or below
    (a few paths, or two values about equally often), where it would call the sd exact.
    """
    exact = exact_variance_term(m4, m2, n) / n
    return math.sqrt(max(exact, 0.0)) / (2.0 * math.sqrt(var))


def _one_path(
    out: dict[str, float],
    value: float,
    spread: bool,
    quantiles: Sequence[tuple[str, float]] | None,
) -> dict[str, float]:
    """The figures of one weighted path: its value for the mean and every percentile; no sd
    and no standard error, which need two paths (the formulas would give 0, as if exact)."""
    out.update(mean=value, mean_se=math.nan)
    if spread:
        out.update(sd=math.nan, sd_se=math.nan)
    for name, _ in QUANTILES if quantiles is None else quantiles:
        out.update({name: value, f"{name}_se": math.nan})
    return out


def weighted_describe(
    x: np.ndarray,
    w: np.ndarray,
    quantiles: Sequence[tuple[str, float]] | None = None,
    *,
    spread: bool = True,
    strata: np.ndarray | None = None,
) -> dict[str, float]:
    """Weighted mean, sd and percentiles 5..95 of one column, each with its standard error.

    Parameters
    ----------
    x : ndarray, shape (n_paths,)
    w : ndarray, shape (n_paths,)
        Non-negative weights (normalised here over the finite values of ``x``).
    quantiles : sequence of (name, level), optional
        The percentiles to report (default p5, p10, p25, p50, p75, p90, p95).
    spread : bool
        Whether to report ``sd`` and ``sd_se`` (tables that read only the centre skip them).
    strata : ndarray, shape (n_paths,), optional
        For a blend, the scenario of each path: the stratified errors (see Weighted samples).

    Returns
    -------
    dict
        ``n`` (finite paths), ``ess``, ``mean``, ``mean_se``, ``sd``, ``sd_se``, ``p5`` ..
        ``p95`` and ``p5_se`` .. ``p95_se``. Each figure is the same whichever others are
        asked for. With one path that carries weight, the sd and every standard error are NaN,
        as in an unweighted summary of one path; with fewer than
        :data:`~model.results.summary.MIN_SD_SE_PATHS` the sd's standard error is NaN, as there.
    """
    x = np.asarray(x, dtype=float)
    keep = np.isfinite(x) & (w > 0)
    if not np.any(keep):
        raise EmptySampleError("no path with a finite value carries weight after conditioning")
    xs, ws = x[keep], np.asarray(w, dtype=float)[keep]
    ws = ws / ws.sum()
    out: dict[str, float] = {"n": float(xs.size), "ess": effective_sample_size(ws)}

    def se(d: np.ndarray) -> float:  # a path left out is still a draw of its scenario: term 0
        if strata is None:
            return _terms_se(ws, d, None)
        at = np.flatnonzero(keep)
        return _terms_se(np.bincount(at, ws, x.size), np.bincount(at, d, x.size), strata)

    m = _clamped_mean(ws, xs)
    if xs.size < 2:
        return _one_path(out, m, spread, quantiles)
    out.update(mean=m, mean_se=se(xs - m))
    if spread:
        out.update(_weighted_sd(xs, ws, m, out["ess"], se))
    levels = QUANTILES if quantiles is None else quantiles
    if not levels:
        return out
    x_sorted, w_sorted = _engine_stats.sorted_by_value(xs, ws)
    positions = quantile_positions(w_sorted, x_sorted)
    for name, p in levels:
        q = weighted_quantile(x_sorted, positions, p)
        # se of the weighted ECDF at q, mapped through the quantile function's local slope
        p_se = se((xs <= q) - p)
        lo = weighted_quantile(x_sorted, positions, p - p_se)
        hi = weighted_quantile(x_sorted, positions, p + p_se)
        out[name] = q
        out[f"{name}_se"] = (hi - lo) / 2.0
    return out


def _weighted_sd(
    xs: np.ndarray, ws: np.ndarray, m: float, ess: float, se: Callable[[np.ndarray], float]
) -> dict[str, float]:
    """The weighted sd and its standard error, of two or more paths carrying weight.

    The variance has the reliability-weights correction, ``sum(w (x - m)**2) / (1 - sum(w**2))``
    (``np.cov(x, aweights=w, ddof=1)``), so that equal weights give the unweighted ``ddof=1``
    sd. Its error: the delta method on the weighted second moment (terms ``w ((x - m)**2 -
    m2)``, stratified by ``se`` for a blend), scaled as the variance is, then on the root;
    where ``m4 - var**2`` is zero or below, as in the unweighted summary, the exact
    finite-sample formula with ``ess`` paths (:func:`_sd_se_exact`).
    """
    d2 = (xs - m) ** 2
    m2 = sum_of_products(ws, d2)
    # 1 - sum(w**2) as sum(w (1 - w)): no cancellation when one path carries nearly all weight
    reliability = sum_of_products(ws, 1.0 - ws)
    var = m2 / reliability
    sd = math.sqrt(var)
    if sd == 0:
        return {"sd": sd, "sd_se": 0.0}
    if xs.size < MIN_SD_SE_PATHS:  # as unweighted: too few paths to tell its error
        return {"sd": sd, "sd_se": math.nan}
    m4 = sum_of_products(ws, d2 * d2)
    if m4 - var * var > 0:
        sd_se = se(d2 - m2) / reliability / (2 * sd)
    elif float(np.min(xs)) < float(np.max(xs)):
        sd_se = _sd_se_exact(m4, m2, var, ess)
    else:  # one value repeated: its sd is the rounding of its mean, not a spread
        sd_se = 0.0
    return {"sd": sd, "sd_se": sd_se}
