"""Statistics of weighted samples: a run reweighted by evidence, with their standard errors.

See the "Weighted samples" part of :mod:`model.results.summary`: self-normalised
importance-sampling errors for the mean and the sd, and for a percentile the weighted ECDF's
error mapped through the local slope of the quantile function, each stratified for a blend.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from model.engine.summaries import stats as _engine_stats
from model.engine.summaries.stats import sum_of_products
from model.errors import EmptySampleError
from model.results.summary import MIN_SD_SE_PATHS, QUANTILES, _stratified_sizes

__all__ = ["effective_sample_size", "weighted_describe", "weighted_mean", "weighted_quantile"]


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


def weighted_quantile(x_sorted: np.ndarray, cw: np.ndarray, p: float) -> float:
    """Quantile ``p`` of a weighted sample: the smallest value whose cumulative weight reaches it.

    ``x_sorted`` ascending and ``cw`` the cumulative normalised weights in that order.
    """
    i = int(np.searchsorted(cw, p, side="left"))
    return float(x_sorted[min(i, x_sorted.size - 1)])


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
        var = sum_of_products(ws, (xs - m) ** 2)
        sd = math.sqrt(var)
        # delta method on the weighted variance (as for the mean, of (x - m)**2), then on its root
        var_se = se((xs - m) ** 2 - var)
        if sd == 0:
            sd_se = 0.0
        elif xs.size < MIN_SD_SE_PATHS:  # as unweighted: too few paths to tell its error
            sd_se = math.nan
        else:
            sd_se = var_se / (2 * sd)
        out.update(sd=sd, sd_se=sd_se)
    levels = QUANTILES if quantiles is None else quantiles
    if not levels:
        return out
    x_sorted, w_sorted = _engine_stats.sorted_by_value(xs, ws)
    cw = np.cumsum(w_sorted)
    cw[-1] = 1.0
    for name, p in levels:
        q = weighted_quantile(x_sorted, cw, p)
        # se of the weighted ECDF at q, mapped through the quantile function's local slope
        p_se = se((xs <= q) - p)
        lo = weighted_quantile(x_sorted, cw, max(p - p_se, 0.0))
        hi = weighted_quantile(x_sorted, cw, min(p + p_se, 1.0))
        out[name] = q
        out[f"{name}_se"] = (hi - lo) / 2.0
    return out
