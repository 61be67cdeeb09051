"""Summary statistics of Monte Carlo samples, each with its standard error.

Every number a run reports is an estimate from a finite number of paths, so every number comes
with the standard error that says how far it may be from the value an infinite run would give.

Standard errors
---------------
mean
    :func:`mean_se`, the one place every mean's error comes from (summaries, comparisons, paired
    differences, expected returns). Plain Monte Carlo: ``sd / sqrt(n)``. Latin hypercube and
    Sobol' paths are not independent, so for them the error is measured from the spread of the
    means of the engine's independent blocks of paths (batch means), exactly as the engine does
    for its own summaries; with fewer than the engine's minimum number of complete blocks,
    ``sd / sqrt(n)`` is used, which overstates their error (conservative, never optimistic).
sd
    The delta method on the sample variance: ``sqrt((m4 - s**4) / n) / (2 s)`` with ``m4`` the
    fourth central moment. For normal data this is ``sd / sqrt(2 n)``. Where ``m4 - s**4`` is
    zero or below for an output that varies (often with 4 to 10 paths; at any ``n`` for two
    values about equally often) that would call the sd exact, so the exact finite-sample
    variance of ``s**2`` is used, ``(m4 - m2**2 (n - 3) / (n - 1)) / n`` with ``m2`` the
    variance with divisor ``n`` (the sample's own moments plugged in), which is above zero for
    any sample that varies (``m4 >= m2**2 > m2**2 (n - 3) / (n - 1)``) and exact for two values
    half each. With fewer than :data:`MIN_SD_SE_PATHS` paths the fourth moment says
    too little: the error is NaN.
quantile ``q``
    The asymptotic variance of a sample quantile, ``q (1 - q) / (n f(x_q)**2)``, with the
    density ``f`` at the quantile estimated from the spacing of the order statistics around it
    (:func:`model.engine.summaries.stats.quantile_se`, the engine's formula, which says why its
    bandwidth is chosen). Where the samples around the quantile coincide the error is 0. It
    assumes independent paths; for Latin hypercube and Sobol' runs it is conservative.
probability
    A probability is the mean of a true/false indicator: ``sqrt(p (1 - p) / n)`` (binomial) for
    independent paths, batch means as for the mean otherwise (:func:`probability`).

Blends
------
A blend of scenarios gives each scenario a fixed number of paths ``n_s`` (its weight times
``n``), so its paths are a stratified sample, not ``n`` draws from the mixture: the scenario a
path comes from is not random. Given ``strata`` (the scenario of each path), the error of a
mean is the stratified one, ``sqrt(sum_s n_s s_s**2) / n`` with ``s_s`` the sd within
scenario ``s`` (that of ``sum_s (n_s / n) mean_s``); a probability's is the same with
``s_s**2 = p_s (1 - p_s)``; a quantile's replaces ``q (1 - q) / n`` by the stratified
variance of the share of paths below it, ``sum_s n_s F_s (1 - F_s) / n**2``: never above
the unstratified formula. A scenario with one path has no sd, so the unstratified formula is
kept (an overstatement). Latin hypercube and Sobol' blends keep batch means (conservative).

Weighted samples
----------------
A run reweighted by evidence (:mod:`model.results.condition`) is summarised by
:func:`~model.results.weighting.weighted.weighted_describe`. With equal weights its figures
are this module's, to rounding: the sd has the reliability-weights correction
(``sum(w (x - m)**2) / (1 - sum(w**2))``, ``ddof=1`` for equal weights) and a percentile
interpolates between the paths placed at the midpoints of their cumulative weights (numpy's
'linear' for equal weights). Errors: self-normalised importance sampling for the mean and the
sd, and for a percentile the weighted ECDF's error mapped through the local slope of the
quantile function;
:func:`~model.results.weighting.weighted.effective_sample_size` is Kish's. For a blend each is
stratified: the terms ``w_i (x_i - m)`` of the delta method less their scenario's mean, as
under Blends.

Non-finite samples are left out of every statistic and the count used is reported (``n``).
Batch means need every path of a block: a column with a non-finite value uses ``sd/sqrt(n)``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from model.engine.draws.rng import BLOCK_SIZE
from model.engine.execution.results import MIN_BATCHES
from model.engine.spec import Method
from model.engine.summaries import stats as _engine_stats
from model.errors import EmptySampleError, choose

if TYPE_CHECKING:
    import pandas as pd


def quantile_name(q: float) -> str:
    """The column name of a quantile level: ``p5`` for 0.05, ``p2.5`` for 0.025, ``p99.9``.

    Every table names its quantiles this way (a percentile with ``p`` and no padding), and
    each standard error is the statistic's name with ``_se`` after it (``p50_se``).
    """
    return f"p{round(float(q) * 100.0, 6):g}"


#: The quantile levels of :func:`describe`, with the column names they get.
QUANTILES: tuple[tuple[str, float], ...] = tuple(
    (quantile_name(q), q) for q in (0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95)
)
_LEVELS: tuple[float, ...] = tuple(q for _, q in QUANTILES)
#: Fewest paths whose sd has a standard error (the fourth moment's estimate needs them).
MIN_SD_SE_PATHS = 4


def exact_variance_term(m4: Any, m2: Any, n: float) -> Any:
    """``n`` times the exact finite-sample variance of a sample variance, with the sample's own
    moments plugged in: ``m4 - m2**2 (n - 3) / (n - 1)`` (``m2`` with divisor ``n``).

    Above zero for any sample that varies (``m4 >= m2**2``); the sd's error where the
    large-sample ``m4 - s**4`` is not (see the module notes). Floats or arrays alike.
    """
    return m4 - m2 * m2 * ((n - 3.0) / (n - 1.0))


#: Names of :mod:`model.results.weighting.weighted` still read from here.
_WEIGHTED = frozenset(
    {"effective_sample_size", "weighted_mean", "weighted_quantile", "weighted_describe"}
)
#: The statistic columns of :func:`describe`, in order; each has a ``<name>_se`` partner.
STATISTICS: tuple[str, ...] = ("mean", "sd", *(name for name, _ in QUANTILES))
#: All columns of :func:`describe`.
COLUMNS: tuple[str, ...] = ("n", *(c for name in STATISTICS for c in (name, f"{name}_se")))

# One quantile standard-error formula for the engine and the results (Hall and Sheather's
# bandwidth; the engine's module says why).
hall_sheather_bandwidth = _engine_stats.hall_sheather_bandwidth
quantile_se = _engine_stats.quantile_se


def _batch_means_se(x: np.ndarray, method: Method) -> np.ndarray | None:
    """Batch-means standard errors of the column means, or None when they do not apply.

    They apply to Latin hypercube and Sobol' runs with at least the engine's minimum number of
    complete blocks. Blocks are the engine's fixed groups of :data:`BLOCK_SIZE` paths from path
    0 on, each an independent randomised design, so their means are independent draws of a
    block mean and their spread measures the error of the overall mean.
    """
    n_blocks = x.shape[0] // BLOCK_SIZE
    if method is Method.MC or n_blocks < MIN_BATCHES:
        return None
    block_means = x[: n_blocks * BLOCK_SIZE].reshape(n_blocks, BLOCK_SIZE, -1).mean(axis=1)
    return block_means.std(axis=0, ddof=1) / math.sqrt(n_blocks)


def _stratified_sizes(strata: np.ndarray | None, n: int) -> list[np.ndarray] | None:
    """The path masks of each stratum, or None when the stratified formulas do not apply.

    They need at least two strata and two paths in every stratum (a within-stratum sd).
    """
    if strata is None:
        return None
    labels = np.asarray(strata).ravel()
    if labels.size != n:
        raise ValueError(f"{labels.size} stratum labels for {n} paths")
    masks = [labels == s for s in np.unique(labels)]
    if len(masks) < 2 or any(int(m.sum()) < 2 for m in masks):
        return None
    return masks


def _stratified_mean_se(x: np.ndarray, masks: list[np.ndarray]) -> np.ndarray:
    """``sqrt(sum_s n_s var_s) / n`` for each column of an (n, k) array (see Blends)."""
    return _parts_mean_se([x[m] for m in masks], x.shape[0])


def _parts_mean_se(parts: list[np.ndarray], n: int) -> np.ndarray:
    """:func:`_stratified_mean_se` from each stratum's rows ``x[m]`` (shapes ``(n_s, k)``)."""
    total = np.zeros(parts[0].shape[1])
    for part in parts:
        total += part.shape[0] * part.var(axis=0, ddof=1)
    return np.sqrt(total) / n


def mean_se(
    x: np.ndarray, method: Method | str = Method.MC, strata: np.ndarray | None = None
) -> np.ndarray:
    """Standard error of the mean of each column of a sample of paths.

    Parameters
    ----------
    x : ndarray, shape (n,) or (n, k)
        Per-path values in path order, all finite (path ``i`` must be the run's path ``i``
        for batch means).
    method : Method or str
        The sampling design of the run the paths came from.
    strata : ndarray, shape (n,), optional
        For a blend, the scenario of each path: the stratified error (see Blends).

    Returns
    -------
    ndarray, shape (k,)
        Batch-means errors for Latin hypercube and Sobol' runs with enough complete blocks,
        else ``sd / sqrt(n)`` (stratified for a blend); NaN for fewer than 2 paths.
    """
    arr = np.asarray(x, dtype=float)
    arr = arr[:, None] if arr.ndim == 1 else arr
    n = arr.shape[0]
    if n < 2:
        return np.full(arr.shape[1], np.nan)
    batch = _batch_means_se(arr, choose(Method, method, "sampling method"))
    if batch is not None:
        return batch
    masks = _stratified_sizes(strata, n)
    if masks is not None:
        return _stratified_mean_se(arr, masks)
    return arr.std(axis=0, ddof=1) / math.sqrt(n)


def _describe_finite(
    x: np.ndarray, method: Method, strata: np.ndarray | None = None
) -> dict[str, np.ndarray]:
    """The statistics of :data:`COLUMNS` for each column of an all-finite (n, k) array."""
    n, k = x.shape
    out = {name: np.full(k, np.nan) for name in COLUMNS}
    out["n"] = np.full(k, float(n))
    if n == 0:
        return out
    mean = x.mean(axis=0)
    out["mean"] = mean
    if n < 2:
        quants = np.quantile(x, _LEVELS, axis=0)
        for i, (name, _) in enumerate(QUANTILES):
            out[name] = quants[i]
        return out
    # One selection of order statistics serves every quantile and the quantiles either side of
    # it that its standard error uses (about half the time of a full sort): each level's value
    # depends only on its own order statistics, so the numbers are those of separate calls.
    quants, ses = quantiles_with_se(x, _LEVELS)
    masks = _stratified_sizes(strata, n)
    # Each stratum's rows gathered once, for the quantiles' errors and the mean's.
    parts = None if masks is None else [x[m] for m in masks]
    if parts is not None:
        ses = ses * _stratified_quantile_factor(parts, n, quants, _LEVELS)
    for i, (name, _) in enumerate(QUANTILES):
        out[name] = quants[i]
        out[f"{name}_se"] = ses[i]
    # Squares in place: one temporary the size of x instead of three (a 10^7-path output).
    sq = x - mean
    np.multiply(sq, sq, out=sq)
    var = sq.sum(axis=0) / (n - 1)
    sd = np.sqrt(var)
    out["sd"] = sd
    batch = _batch_means_se(x, method)
    if batch is not None:
        out["mean_se"] = batch
    elif parts is not None:
        out["mean_se"] = _parts_mean_se(parts, n)
    else:
        out["mean_se"] = sd / math.sqrt(n)
    np.multiply(sq, sq, out=sq)
    m4 = sq.mean(axis=0)
    term = np.maximum(m4 - var * var, 0.0)
    # Where the large-sample term is zero or below (a few paths, or two values about equally
    # often) it would call the sd exact: the exact finite-sample variance of s**2 instead, for
    # the columns whose values differ (one value repeated keeps 0, its sd being the rounding
    # of its mean).
    few = np.flatnonzero((term <= 0) & (sd > 0))
    if few.size:
        varies = np.ptp(x[:, few], axis=0) > 0
        few, m4_few, var_few = few[varies], m4[few[varies]], var[few[varies]]
        term[few] = exact_variance_term(m4_few, var_few * ((n - 1.0) / n), n)
    with np.errstate(divide="ignore", invalid="ignore"):
        se_sd = np.sqrt(np.maximum(term, 0.0) / n) / (2.0 * sd)
    if n < MIN_SD_SE_PATHS:  # the estimate is below zero for any values that vary
        se_sd = np.full(k, np.nan)
    out["sd_se"] = np.where(sd > 0, se_sd, 0.0)
    return out


def _stratified_quantile_factor(
    parts: list[np.ndarray], n: int, quants: np.ndarray, qs: Sequence[float]
) -> np.ndarray:
    """How much smaller a blend's quantile errors are than the unstratified ones.

    A quantile's error is that of the share of paths below it over the density there; in a
    blend that share's variance is ``sum_s n_s F_s (1 - F_s) / n**2`` (``F_s`` the share of
    scenario ``s``'s paths at or below the quantile) instead of ``q (1 - q) / n``. Shape
    ``(len(qs), k)``, each in [0, 1]. ``parts``: each stratum's rows ``x[m]`` of the
    ``(n, k)`` sample, shapes ``(n_s, k)``.
    """
    q = np.asarray(qs, dtype=float)[:, None]
    stratified = np.zeros(quants.shape)
    for part in parts:
        size = part.shape[0]
        # A count over the size is the mean of the 0/1 indicators to the last bit (their float
        # sum is exact), without making them floats first; counted along each column's own
        # contiguous paths (a copy of the transpose) rather than across the rows.
        columns = np.ascontiguousarray(part.T)
        below = np.count_nonzero(columns[None, :, :] <= quants[:, :, None], axis=2) / size
        stratified += size * below * (1.0 - below)
    stratified /= float(n) * n
    # The within-scenario variance never exceeds the total: clip the rounding of ties.
    return np.sqrt(np.minimum(stratified / (q * (1.0 - q) / n), 1.0))


def quantiles_with_se(x: np.ndarray, qs: Sequence[float]) -> tuple[np.ndarray, np.ndarray]:
    """Sample quantiles of each column and their standard errors, from one selection.

    The same numbers as ``np.quantile(x, qs, axis=0)`` and :func:`quantile_se` (bit for bit),
    with the order statistics of both found in one pass over the data instead of three.

    Parameters
    ----------
    x : ndarray, shape (n, k)
        Finite samples, ``n >= 2``, in any order.
    qs : sequence of float
        Quantile levels in (0, 1).

    Returns
    -------
    (quantiles, standard errors), each of shape (len(qs), k)
    """
    q = np.asarray(qs, dtype=float)
    n = x.shape[0]
    h = hall_sheather_bandwidth(q, n)
    lo = np.clip(q - h, 0.0, 1.0)
    hi = np.clip(q + h, 0.0, 1.0)
    values = np.quantile(x, np.concatenate([q, lo, hi]), axis=0)
    m = q.size
    # quantile_se's own arithmetic, step by step, so the errors are the same to the last bit.
    spacing = values[2 * m :] - values[m : 2 * m]
    scale = np.sqrt(q * (1.0 - q) / n) / (hi - lo)
    return values[:m], scale.reshape((-1,) + (1,) * (x.ndim - 1)) * spacing


def describe(
    x: np.ndarray, method: Method | str = Method.MC, strata: np.ndarray | None = None
) -> dict[str, float]:
    """Mean, sd and quantiles of one sample, each with its standard error.

    Parameters
    ----------
    x : ndarray, shape (n,)
        Samples in path order; non-finite values are left out.
    method : Method or str
        Sampling design of the run (see :func:`mean_se`).
    strata : ndarray, shape (n,), optional
        For a blend, the scenario of each path (see Blends).

    Returns
    -------
    dict
        Keys :data:`COLUMNS`: ``n`` (finite samples used), each statistic and its
        ``<statistic>_se``.
    """
    values = np.asarray(x, dtype=float).ravel()
    finite = np.isfinite(values)
    # Dropping a path breaks the block layout batch means rely on: fall back to sd / sqrt(n).
    how = choose(Method, method, "sampling method") if finite.all() else Method.MC
    kept = None if strata is None else np.asarray(strata).ravel()[finite]
    stats = _describe_finite(values[finite][:, None], how, kept)
    return {name: float(stats[name][0]) for name in COLUMNS}


def describe_arrays(
    matrix: np.ndarray, method: Method | str = Method.MC, strata: np.ndarray | None = None
) -> dict[str, np.ndarray]:
    """:func:`describe` applied to each column of a 2-D sample, as arrays by column name.

    Parameters
    ----------
    matrix : ndarray, shape (n, k) or (n,)
        ``k`` samples of ``n`` paths each (for example one column per year), in path order.
    method : Method or str
        Sampling design of the run (see :func:`mean_se`).
    strata : ndarray, shape (n,), optional
        For a blend, the scenario of each path (see Blends).

    Returns
    -------
    dict
        Keys :data:`COLUMNS`, each an array of ``k`` values (``n`` as int64).
    """
    arr = np.asarray(matrix, dtype=float)
    if arr.ndim == 1:
        arr = arr[:, None]
    if np.isfinite(arr).all():
        # The common case, done for all columns at once.
        out = _describe_finite(arr, choose(Method, method, "sampling method"), strata)
    else:
        rows = [describe(arr[:, j], method, strata) for j in range(arr.shape[1])]
        out = {name: np.array([row[name] for row in rows], dtype=float) for name in COLUMNS}
    out["n"] = out["n"].astype("int64")
    return out


def describe_columns(matrix: np.ndarray, method: Method | str = Method.MC) -> pd.DataFrame:
    """:func:`describe` applied to each column of a 2-D sample.

    Parameters
    ----------
    matrix : ndarray, shape (n, k)
        ``k`` samples of ``n`` paths each (for example one column per year), in path order.
    method : Method or str
        Sampling design of the run (see :func:`mean_se`).

    Returns
    -------
    DataFrame
        ``k`` rows (positional index) and the columns :data:`COLUMNS`.
    """
    import pandas as pd

    return pd.DataFrame(describe_arrays(matrix, method), columns=list(COLUMNS))


def probability(
    mask: np.ndarray, method: Method | str = Method.MC, strata: np.ndarray | None = None
) -> tuple[float, float, int]:
    """Share of paths where a condition holds, with its standard error.

    Parameters
    ----------
    mask : ndarray of bool, shape (n,)
        One truth value per path, in path order.
    method : Method or str
        Sampling design of the run. Plain Monte Carlo gets the binomial error
        ``sqrt(p (1 - p) / n)``; Latin hypercube and Sobol' runs the batch-means error of the
        indicator's mean when there are enough blocks (see :func:`mean_se`).

    Returns
    -------
    tuple
        ``(p, se, n)``.

    Raises
    ------
    EmptySampleError
        For an empty mask (a probability of nothing is not 0).
    """
    flags = np.asarray(mask, dtype=bool).ravel()
    se = indicator_se(flags, method, strata)  # raises for an empty mask
    return float(flags.mean()), se, flags.size


def indicator_se(
    mask: np.ndarray, method: Method | str = Method.MC, strata: np.ndarray | None = None
) -> float:
    """Standard error of the share of paths where a condition holds (see :func:`probability`);
    NaN for one path, which has no spread to estimate it from (as :func:`mean_se`). Stratified
    for a blend given ``strata``, the scenario of each path (see Blends).

    Raises
    ------
    EmptySampleError
        For an empty mask (a probability of nothing is not 0).
    """
    flags = np.asarray(mask, dtype=bool).ravel()
    n = flags.size
    if n == 0:
        raise EmptySampleError("cannot estimate a probability from 0 paths")
    if n < 2:
        return math.nan
    batch = _batch_means_se(flags.astype(float)[:, None], choose(Method, method, "sampling method"))
    if batch is not None:
        return float(batch[0])
    masks = _stratified_sizes(strata, n)
    if masks is not None:
        # p_s (1 - p_s) with the population variance, as the binomial formula below.
        total = sum(int(m.sum()) * float(flags[m].mean()) * (1.0 - float(flags[m].mean()))
                    for m in masks)  # fmt: skip
        return math.sqrt(total) / n
    p = float(flags.mean())
    return math.sqrt(p * (1.0 - p) / n)


def describe_streamed(
    summary: Any, sketches: Sequence[Any], years: Sequence[int], exit_year: int
) -> pd.DataFrame:
    """The :data:`COLUMNS` of an output that was streamed rather than kept per path.

    Mean, sd and ``mean_se`` are the engine's exact streaming sums (batch means where the
    engine used them); quantiles come from the quantile sketches (one per year), within the
    bound stated in :mod:`model.engine.summaries.sketch`, and their standard errors from the same
    formula as for kept outputs (:func:`quantile_se`) with the sketch's quantiles. ``sd_se``
    needs the fourth moment, which is not streamed: NaN.

    Parameters
    ----------
    summary : model.engine.execution.results.OutputSummary
    sketches : sequence of model.engine.summaries.sketch.QuantileSketch
    years, exit_year :
        The result's years (rows of a per-year output) and the year of a static one.

    Returns
    -------
    DataFrame
        One row per year (positional index) and the columns :data:`COLUMNS`.
    """
    import pandas as pd

    mean = np.atleast_1d(summary.mean)
    k = mean.shape[0]
    n = int(summary.n)
    out: dict[str, np.ndarray] = {name: np.full(k, np.nan) for name in COLUMNS}
    out["n"] = np.full(k, float(n))
    out["mean"] = mean
    out["sd"] = np.atleast_1d(summary.sd)
    out["mean_se"] = np.atleast_1d(summary.se)
    levels = np.array([q for _, q in QUANTILES])
    if sketches and n >= 2:
        h = hall_sheather_bandwidth(levels, n)
        lo, hi = np.clip(levels - h, 0.0, 1.0), np.clip(levels + h, 0.0, 1.0)
        scale = np.sqrt(levels * (1.0 - levels) / n) / (hi - lo)
        for j, sketch in enumerate(sketches):
            values = sketch.quantile(np.concatenate([levels, lo, hi]))
            m = levels.size
            for i, (name, _) in enumerate(QUANTILES):
                out[name][j] = values[i]
                out[f"{name}_se"][j] = scale[i] * (values[2 * m + i] - values[m + i])
    frame = pd.DataFrame(out, columns=list(COLUMNS))
    frame["n"] = frame["n"].astype("int64")
    return frame


def se_method_note(n_paths: int, method: Method | str) -> str | None:
    """How the standard errors of a run are estimated, for LHS and Sobol' runs.

    Returns
    -------
    str or None
        None for plain Monte Carlo (independent paths: nothing to say); otherwise one line,
        saying either that batch means over the run's complete blocks are used, or that the run
        has too few of them and the conservative independent-paths formula ``sd / sqrt(n)`` was
        used instead; and, either way, that percentiles' errors use the independent-paths
        formula, which overstates them for a stratified design.
    """
    how = choose(Method, method, "sampling method")
    if how is Method.MC:
        return None
    blocks = n_paths // BLOCK_SIZE
    # The percentiles' formula assumes independent paths whatever the design (no batches).
    percentiles = "; percentiles' errors assume independent paths, which overstates them"
    if blocks >= MIN_BATCHES:
        return (
            f"standard errors of means: batch means over {blocks} independent blocks of "
            f"{BLOCK_SIZE:,} paths ({how.value}); intervals use Student's t with {blocks - 1} "
            f"degrees of freedom{percentiles}"
        )
    return (
        f"standard errors of means: {how.value} with {blocks} complete blocks of {BLOCK_SIZE:,} "
        f"paths (batch means need {MIN_BATCHES}); the conservative independent-paths formula "
        f"sd / sqrt(n) is used, which overstates the error{percentiles}"
    )


def batch_df(n: int, method: Method | str) -> int | None:
    """Degrees of freedom of a batch-means standard error of ``n`` paths (None: independent
    paths, the normal quantile applies); the same condition as :func:`mean_se`'s."""
    blocks = n // BLOCK_SIZE
    if choose(Method, method, "sampling method") is Method.MC or blocks < MIN_BATCHES:
        return None
    return blocks - 1


def quantile_frame(
    matrix: np.ndarray, levels: Sequence[float], years: Any, name: str, known: Any = None
) -> pd.DataFrame:
    """Quantiles of each column of ``matrix`` (one per year), non-finite values left out.

    Parameters
    ----------
    matrix : ndarray, shape (n_paths, n_years)
    levels : sequence of float
        Quantile levels in [0, 1].
    years : sequence of int, length n_years
    name : str
        The output, for the error.
    known : mapping of float to ndarray, optional
        Levels found before in ``matrix`` (by :func:`describe_arrays`): not selected again.

    Returns
    -------
    DataFrame
        Index ``year``; one column per level, named by :func:`quantile_name`.

    Raises
    ------
    EmptySampleError
        If a year has no finite value.
    """
    import pandas as pd

    columns = [quantile_name(q) for q in levels]
    index = pd.Index(np.asarray(years), name="year")
    if matrix.shape[0] and np.isfinite(matrix).all():
        # Every year at once, the levels found before taken (the same numbers: see the helper).
        both = _engine_stats.quantiles_reusing(matrix, levels, known)
        return pd.DataFrame(both.T, index=index, columns=columns)
    values = np.empty((len(index), len(columns)))
    for j, year in enumerate(index):
        col = matrix[:, j][np.isfinite(matrix[:, j])]
        if not col.size:
            raise EmptySampleError(f"{name!r} has no finite value in {year}")
        values[j] = np.quantile(col, list(levels))
    return pd.DataFrame(values, index=index, columns=columns)


def __getattr__(name: str) -> Any:
    # The weighted-sample statistics live in model.results.weighting.weighted, which builds on
    # this module; resolving them lazily keeps them importable from here without a cycle.
    if name in _WEIGHTED:
        from model.results.weighting import weighted

        return getattr(weighted, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
