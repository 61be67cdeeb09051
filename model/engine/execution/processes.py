"""Per-year stochastic paths with mean reversion.

``x_0 = start`` and, for ``t = 1 .. n_years-1``,
``x_t = x_{t-1} + reversion * (mean - x_{t-1}) + shock_sd * eps_t`` with ``eps_t`` iid
standard normal per path and year (``eps = ndtri(u)`` of the process's uniforms, so every
sampling design applies). ``reversion = 1`` draws each year independently around ``mean``;
``reversion = 0`` is a random walk. For fixed ``start``, ``mean`` and ``shock_sd``::

    E[x_t]   = mean + (1 - reversion)**t * (start - mean)
    Var[x_t] = shock_sd**2 * sum_{k<t} (1 - reversion)**(2k)

so the stationary variance (``0 < reversion <= 1``) is
``shock_sd**2 / (1 - (1 - reversion)**2)``.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from scipy import special

FloatArray = NDArray[np.float64]


def process_paths(
    start: FloatArray | float,
    mean: FloatArray | float,
    shock_sd: FloatArray | float,
    reversion: float,
    u: FloatArray | None,
    n_years: int,
    n_paths: int,
) -> FloatArray:
    """Simulate one process.

    Parameters
    ----------
    start, mean, shock_sd : float or ndarray, shape (n_paths,)
        Per-path (or common) parameters.
    reversion : float
        In ``[0, 1]``.
    u : ndarray, shape (n_years - 1, n_paths), or None
        Uniforms of the shocks; ``None`` means zero shocks (deterministic mode).
    n_years, n_paths : int

    Returns
    -------
    ndarray, shape (n_paths, n_years)
        A transposed view of a year-major array (each year's values are contiguous).
    """
    out = np.empty((n_years, n_paths))
    out[0] = start
    keep = 1.0 - reversion
    pull = reversion * np.asarray(mean, dtype=np.float64)
    # One shock buffer for every year: a fresh array per year costs page faults.
    eps = np.empty(n_paths)
    for t in range(1, n_years):
        row = out[t]
        np.multiply(out[t - 1], keep, out=row)
        row += pull
        if u is not None:
            special.ndtri(u[t - 1], out=eps)
            eps *= shock_sd
            row += eps
    return out.T
