"""Rank correlation between static variables.

Targets are Spearman rank correlations. Two ways to induce them:

* Gaussian copula (default). Uniforms become normal scores ``z = ndtri(u)``, are mixed with a
  square root ``B`` of the Pearson matrix ``r = 2 sin(pi rho / 6)`` and mapped back with
  ``ndtr``. For continuous marginals the population Spearman correlation equals the target
  exactly (the ``2 sin`` conversion is the Spearman-Pearson identity of the bivariate normal).
  It works path by path, so runs stay chunk-invariant for free.
* Iman-Conover. Within a block of paths, van der Waerden scores are given the target
  correlation and each variable's sampled values are rearranged into the scores' rank order.
  Marginal values are untouched (Latin hypercube strata survive); the unit is a whole block.

The matrix is checked (shape, symmetry, unit diagonal, range, positive semi-definiteness). A
matrix that is not PSD is an error naming the inconsistent variables, unless the caller asks
for ``repair=True`` (nearest correlation matrix by Higham's alternating projections).

Linear combinations are written as explicit loops of array operations rather than ``@``:
BLAS may split sums differently with the number of rows or threads, which would break
bit-identical results across chunk sizes and backends; the matrices here are tiny.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import combinations
from typing import cast

import numpy as np
from numpy.typing import NDArray
from scipy import special

from model.errors import ParameterError, warn

FloatArray = NDArray[np.float64]

#: Eigenvalues above -PSD_TOL count as non-negative (rounding in user-typed matrices).
PSD_TOL = 1e-10


def spearman_to_pearson(rho: FloatArray) -> FloatArray:
    """Pearson correlation of a bivariate normal with Spearman correlation ``rho``."""
    return 2.0 * np.sin(np.pi * np.asarray(rho) / 6.0)


class RepairWarning(RuntimeWarning):
    """The nearest-correlation iteration stopped before converging."""


def nearest_correlation(a: FloatArray, *, tol: float = 1e-12, max_iter: int = 500) -> FloatArray:
    """Nearest correlation matrix in the Frobenius norm (Higham 2002, with Dykstra's correction).

    Alternates projections onto the positive semi-definite cone and onto the unit-diagonal
    matrices until an iteration moves the matrix by at most ``tol`` relative to its size.

    Parameters
    ----------
    a : ndarray, shape (k, k)
        Symmetric matrix with unit diagonal.
    tol : float
        Convergence tolerance: stop when ``||Y_new - Y||_F <= tol * max(1, ||Y||_F)``.
        Alternating projections converge linearly, so tighter tolerances cost proportionally
        more iterations; 1e-12 is far below the precision of any user-typed correlation.
    max_iter : int
        Iterations allowed before giving up.

    Returns
    -------
    ndarray, shape (k, k)
        Symmetric, unit diagonal, positive semi-definite (smallest eigenvalue at least about
        1e-12, so that a square root exists).

    Warns
    -----
    RepairWarning
        When ``max_iter`` iterations do not reach ``tol``. The result is then still a valid
        correlation matrix (the final clean-up guarantees it) but may not be the nearest one;
        the warning gives the last step size.
    """
    y = np.array(a, dtype=np.float64)
    ds = np.zeros_like(y)
    step = math.inf
    converged = False
    for _ in range(max_iter):
        r = y - ds
        w, v = np.linalg.eigh(r)
        x = (v * np.maximum(w, 0.0)) @ v.T
        ds = x - r
        y_new = x.copy()
        np.fill_diagonal(y_new, 1.0)
        step = float(np.linalg.norm(y_new - y))
        converged = step <= tol * max(1.0, float(np.linalg.norm(y)))
        y = y_new
        if converged:
            break
    if not converged:
        warn(
            f"nearest correlation matrix: no convergence in {max_iter} iterations "
            f"(last step {step:.3g}, tolerance {tol:g}); using the last iterate, "
            "made valid",
            RepairWarning,
        )
    # Nudge the smallest eigenvalues up so a square root exists, then restore the diagonal.
    w, v = np.linalg.eigh((y + y.T) / 2)
    y = (v * np.maximum(w, 1e-12)) @ v.T
    d = np.sqrt(np.diag(y))
    y = y / np.outer(d, d)
    np.fill_diagonal(y, 1.0)
    return (y + y.T) / 2


def _describe_non_psd(m: FloatArray, names: Sequence[str]) -> str:
    """Name the smallest inconsistent group of variables (a triple when there is one)."""
    k = len(names)
    for idx3 in combinations(range(k), 3):
        idx = list(idx3)
        if np.linalg.eigvalsh(m[np.ix_(idx, idx)])[0] < -PSD_TOL:
            pairs = ", ".join(
                f"rho({names[a]}, {names[b]}) = {m[a, b]:g}" for a, b in combinations(idx, 2)
            )
            who = ", ".join(names[i] for i in idx)
            return f"the correlations among {who} conflict ({pairs})"
    _, v = np.linalg.eigh(m)
    weights = np.abs(v[:, 0])
    worst = [names[i] for i in np.argsort(-weights)[: min(4, k)] if weights[i] > 0.1]
    return "the conflict involves " + ", ".join(worst)


def check_matrix(m: FloatArray, names: Sequence[str], *, repair: bool = False) -> FloatArray:
    """Validate a Spearman matrix; return it (or its repair when ``repair=True``).

    Raises
    ------
    ParameterError
        Naming the offending entry or variables (``field`` is ``"correlation"``).
    """
    k = len(names)
    if m.shape != (k, k):
        raise ParameterError(
            f"matrix has shape {m.shape} for {k} names",
            field="correlation",
            expected=f"shape ({k}, {k})",
        )
    if not np.all(np.isfinite(m)):
        raise ParameterError("matrix has NaN or infinite entries", field="correlation")
    for i in range(k):
        if m[i, i] != 1.0:
            raise ParameterError(
                f"diagonal entry for {names[i]} is {m[i, i]:g}, not 1",
                field="correlation",
                expected="1 on the diagonal",
            )
        for j in range(i + 1, k):
            if abs(m[i, j] - m[j, i]) > 1e-12:
                raise ParameterError(
                    f"not symmetric: rho({names[i]}, {names[j]}) = {m[i, j]:g} but "
                    f"rho({names[j]}, {names[i]}) = {m[j, i]:g}",
                    field="correlation",
                    expected="a symmetric matrix",
                )
            if not -1.0 <= m[i, j] <= 1.0:
                raise ParameterError(
                    f"rho({names[i]}, {names[j]}) = {m[i, j]:g} is outside [-1, 1]",
                    field="correlation",
                    expected="a value in [-1, 1]",
                )
    if k == 0:
        return m.copy()
    smallest = float(np.linalg.eigvalsh(m)[0])
    if smallest >= -PSD_TOL:
        return m.copy()
    if repair:
        return nearest_correlation(m)
    raise ParameterError(
        f"matrix is not positive semi-definite (smallest eigenvalue {smallest:.3g}): "
        f"{_describe_non_psd(m, names)}; fix the entries or pass repair=True to use the "
        "nearest valid matrix",
        field="correlation",
        expected="a positive semi-definite matrix",
    )


def gaussian_factor(spearman: FloatArray, names: Sequence[str], repair: bool = False) -> FloatArray:
    """Square root ``B`` (``B B^T = P``) of the copula's Pearson matrix.

    Raises
    ------
    ParameterError
        When the converted Pearson matrix is not PSD (possible, rarely, for a PSD Spearman
        matrix) and ``repair`` is false.
    """
    p = spearman_to_pearson(spearman)
    np.fill_diagonal(p, 1.0)
    if np.linalg.eigvalsh(p)[0] < -PSD_TOL:
        if not repair:
            raise ParameterError(
                "the Gaussian copula's Pearson matrix 2 sin(pi rho / 6) is not positive "
                f"semi-definite: {_describe_non_psd(p, names)}; use repair=True or the "
                "iman-conover method",
                field="correlation",
            )
        p = nearest_correlation(p)
    try:
        return cast(FloatArray, np.linalg.cholesky(p))
    except np.linalg.LinAlgError:
        # Singular but PSD (e.g. rho = 1): a symmetric square root still reproduces P.
        w, v = np.linalg.eigh(p)
        return v * np.sqrt(np.maximum(w, 0.0))


def _combine(coef: FloatArray, rows: Sequence[FloatArray]) -> list[FloatArray]:
    """``out[i] = sum_j coef[i, j] * rows[j]``, elementwise in a fixed order (no BLAS)."""
    out = []
    for i in range(coef.shape[0]):
        acc = np.zeros_like(rows[0])
        for j in range(coef.shape[1]):
            c = coef[i, j]
            if c != 0.0:
                acc += c * rows[j]
        out.append(acc)
    return out


def apply_gaussian(u: Sequence[FloatArray], factor: FloatArray) -> list[FloatArray]:
    """Correlate uniforms through the Gaussian copula.

    Parameters
    ----------
    u : sequence of k ndarrays, each shape (m,)
        Independent uniforms, one row per correlated variable.
    factor : ndarray, shape (k, k)
        From :func:`gaussian_factor`.

    Returns
    -------
    list of k ndarrays, each shape (m,)
        Uniforms with the target rank correlation; each is still uniform.
    """
    return [score_uniform(zc) for zc in gaussian_scores(u, factor)]


#: The copula's uniforms stay in [U_LOW, U_HIGH]: ndtr of an extreme score rounds to 0 or 1.
U_LOW, U_HIGH = 2.0**-60, 1.0 - 2.0**-53


def gaussian_scores(u: Sequence[FloatArray], factor: FloatArray) -> list[FloatArray]:
    """The copula's correlated normal scores ``B ndtri(u)``, one row per variable."""
    return _combine(factor, [special.ndtri(x) for x in u])


def score_uniform(z: FloatArray) -> FloatArray:
    """A normal score's uniform ``ndtr(z)``, clamped to ``[U_LOW, U_HIGH]``."""
    return np.clip(special.ndtr(z), U_LOW, U_HIGH)


def _ranks(x: FloatArray) -> NDArray[np.intp]:
    r = np.empty(x.shape[0], dtype=np.intp)
    r[np.argsort(x, kind="stable")] = np.arange(x.shape[0])
    return r


def apply_iman_conover(u: Sequence[FloatArray], spearman: FloatArray) -> list[FloatArray]:
    """Rearrange a block's uniforms to the target rank correlation (Iman-Conover).

    Parameters
    ----------
    u : sequence of k ndarrays, each shape (m,)
        One whole block's uniforms per correlated variable.
    spearman : ndarray, shape (k, k)
        Target Spearman matrix (valid, from :func:`check_matrix`).

    Returns
    -------
    list of k ndarrays, each shape (m,)
        Each a permutation of the corresponding input.
    """
    m = u[0].shape[0]
    if m < len(u) + 2:
        return [x.copy() for x in u]
    # Van der Waerden scores in each variable's own (random) order.
    scores = [special.ndtri((_ranks(x) + 1.0) / (m + 1.0)) for x in u]
    k = len(scores)
    e = np.empty((k, k))
    for i in range(k):
        for j in range(i, k):
            e[i, j] = e[j, i] = np.sum(scores[i] * scores[j]) / m
    d = np.sqrt(np.diag(e))
    e = e / np.outer(d, d)
    target = spearman_to_pearson(spearman)
    np.fill_diagonal(target, 1.0)
    try:
        le = np.linalg.cholesky(e)
        lc = np.linalg.cholesky(target)
    except np.linalg.LinAlgError:
        lc = gaussian_factor(spearman, [str(i) for i in range(k)], repair=True)
        le = np.linalg.cholesky(e + 1e-12 * np.eye(k))
    mix = lc @ np.linalg.inv(le)
    t = _combine(mix, scores)
    return [np.sort(x)[_ranks(ti)] for x, ti in zip(u, t, strict=True)]
