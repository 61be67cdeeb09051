"""Running estimates: a statistic of the paths computed on ever longer prefixes of them, with a
band of about two standard errors, as the convergence chart draws it and its title states it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from model.charts.base.numbers import decimals_for, format_value, is_fraction_unit
from model.charts.base.options import name_list, whole
from model.errors import EmptySampleError, SettingsError, UnknownNameError, WrongKindError

__all__ = ["convergence_table", "mean_and_half"]


#: Statistics drawn by :func:`convergence`: name -> quantile (None = the mean).
_STATS: Mapping[str, float | None] = {"mean": None, "p5": 0.05, "p50": 0.5, "p95": 0.95}


def convergence_table(
    values: np.ndarray, stats: Sequence[str] = tuple(_STATS), checkpoints: int = 60
) -> pd.DataFrame:
    """Running estimates on prefixes of ``values``, with bands of about two standard errors.

    For the mean the band is ``mean ± 2 sd / sqrt(k)``; for a quantile it is the
    distribution-free order-statistic interval (ranks ``kq ± 2 sqrt(kq(1-q))``).

    Parameters
    ----------
    values : ndarray, shape (n,)
        Finite per-path values in run order.
    stats : sequence of {"mean", "p5", "p50", "p95"}
        Statistics to compute.
    checkpoints : int, default 60
        Number of prefix lengths on a log grid.

    Returns
    -------
    DataFrame
        One row per prefix length: column ``n`` (paths), and per statistic ``<stat>``,
        ``<stat>_lo`` and ``<stat>_hi``.

    Raises
    ------
    WrongKindError
        For a result (or anything but numbers) where the per-path values belong.
    UnknownNameError
        For an unknown statistic.
    SettingsError
        For a NaN or infinite value among ``values``.
    EmptySampleError
        With fewer than 2 values (a sample too small, not a failed run).
    """
    if hasattr(values, "outputs") or hasattr(values, "results"):
        # convergence(result, output) reads a result; this table reads the values themselves.
        raise WrongKindError(
            f"convergence_table takes the per-path values, not a {type(values).__name__}: "
            f"pass result.final(output) (or use convergence(result, output) for the chart)"
        )
    stats = name_list(stats, "stats") or []
    for name in stats:
        if name not in _STATS:
            raise UnknownNameError("statistic", name, _STATS)
    # Two points make the shortest curve; each point re-reads the paths, so keep them few.
    checkpoints = whole(checkpoints, "checkpoints", 2, 1_000)
    try:
        values = np.asarray(values, dtype=float)
    except (TypeError, ValueError) as exc:
        raise WrongKindError(
            f"convergence_table takes per-path numbers, got {type(values).__name__}: {exc}"
        ) from exc
    if values.ndim != 1:
        raise WrongKindError(
            f"convergence_table takes one value a path, shape (n,), got shape {values.shape}: "
            f"pick one year, e.g. result.final(output)"
        )
    bad = int(np.count_nonzero(~np.isfinite(values)))
    if bad:
        # One NaN would turn every running mean and the upper quantiles into NaN, silently.
        raise SettingsError(
            f"convergence_table needs finite values: {bad:,} of {values.size:,} are NaN or "
            f"infinite; pass values[np.isfinite(values)], as convergence(result, output) does"
        )
    n = values.size
    if n < 2:
        raise EmptySampleError(f"convergence needs at least 2 finite paths (got {n})")
    # Fewer than ~100 paths say nothing about a 5th percentile; start where the bands mean
    # something, but keep a few points for small test runs.
    start = max(2, min(100, n // 4))
    ks = np.unique(np.geomspace(start, n, checkpoints).round().astype(int))
    out: dict[str, np.ndarray] = {"n": ks}
    # Centre before accumulating so the running variance does not lose precision.
    c = values - values.mean()
    s1, s2 = np.cumsum(c)[ks - 1], np.cumsum(c * c)[ks - 1]
    mean_c = s1 / ks
    var = np.maximum(s2 - ks * mean_c**2, 0.0) / np.maximum(ks - 1, 1)
    se = np.sqrt(var / ks)
    for name in stats:
        q = _STATS[name]
        if q is None:
            est = mean_c + values.mean()
            out[name], out[f"{name}_lo"], out[f"{name}_hi"] = est, est - 2 * se, est + 2 * se
            continue
        est, lo, hi = np.empty(ks.size), np.empty(ks.size), np.empty(ks.size)
        for j, k in enumerate(ks):
            srt = np.sort(values[:k])
            est[j] = np.quantile(srt, q)
            half = 2.0 * np.sqrt(k * q * (1.0 - q))
            lo[j] = srt[int(np.clip(np.floor(k * q - half), 0, k - 1))]
            hi[j] = srt[int(np.clip(np.ceil(k * q + half), 0, k - 1))]
        out[name], out[f"{name}_lo"], out[f"{name}_hi"] = est, lo, hi
    return pd.DataFrame(out)


def mean_and_half(mean: float, half: float, unit: str | None) -> str:
    """``"19.51 GBP ± 0.03 GBP"``: the mean to the decimal of its half-width's first digit.

    The mean's own precision alone would print a narrow band as ``± 0.0``, which reads as no
    uncertainty at all; a wide band keeps the mean's usual decimals.
    """
    fraction = is_fraction_unit(unit)
    scale = 100.0 if fraction else 1.0
    decimals = 1 if fraction else decimals_for([mean])
    size = abs(half) * scale
    if np.isfinite(size) and size > 0:
        # At most six decimals: a band narrower than that is rounding noise.
        decimals = min(max(decimals, -int(np.floor(np.log10(size)))), 6)
    if fraction:
        return f"{mean * 100:.{decimals}f}% ± {size:.{decimals}f}%"
    return f"{format_value(mean, unit, decimals)} ± {format_value(half, unit, decimals)}"
