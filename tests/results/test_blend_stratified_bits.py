"""A blend's stratified errors, from each stratum's rows gathered once: the plain formulas' bits."""

from __future__ import annotations

import numpy as np

from model.results.summary import (
    _LEVELS,
    _parts_mean_se,
    _stratified_quantile_factor,
    _stratified_sizes,
    describe_arrays,
    quantiles_with_se,
)


def _plain_factor(x: np.ndarray, quants: np.ndarray, masks: list[np.ndarray]) -> np.ndarray:
    """The factor as first written: the mean of the indicators, stratum by stratum."""
    n = x.shape[0]
    q = np.asarray(_LEVELS, dtype=float)[:, None]
    stratified = np.zeros(quants.shape)
    for m in masks:
        below = (x[m][None, :, :] <= quants[:, None, :]).mean(axis=1)
        stratified += int(m.sum()) * below * (1.0 - below)
    stratified /= float(n) * n
    return np.sqrt(np.minimum(stratified / (q * (1.0 - q) / n), 1.0))


def _plain_mean_se(x: np.ndarray, masks: list[np.ndarray]) -> np.ndarray:
    total = np.zeros(x.shape[1])
    for m in masks:
        total += int(m.sum()) * x[m].var(axis=0, ddof=1)
    return np.sqrt(total) / x.shape[0]


def _samples() -> list[tuple[np.ndarray, np.ndarray]]:
    rng = np.random.default_rng(31)
    out = []
    for n, k, s in ((2001, 3, 3), (7, 1, 2), (4, 2, 2), (20_000, 6, 6), (999, 5, 4)):
        x = rng.normal(size=(n, k))
        x[rng.random((n, k)) < 0.2] = 0.0
        x[rng.random((n, k)) < 0.1] = -0.0
        x[:, 0] = np.round(x[:, 0], 1)  # ties
        labels = np.sort(rng.integers(0, s, n)) if n > 7 else np.arange(n) % s
        labels[: 2 * s] = np.repeat(np.arange(s), 2)  # every stratum at least two paths
        out.append((x, labels))
    return out


def test_stratified_errors_bit_for_bit_as_the_plain_formulas() -> None:
    for x, labels in _samples():
        masks = _stratified_sizes(labels, x.shape[0])
        assert masks is not None
        parts = [x[m] for m in masks]
        quants, _ = quantiles_with_se(x, _LEVELS)
        got = _stratified_quantile_factor(parts, x.shape[0], quants, _LEVELS)
        assert got.tobytes() == _plain_factor(x, quants, masks).tobytes()
        assert _parts_mean_se(parts, x.shape[0]).tobytes() == _plain_mean_se(x, masks).tobytes()


def test_blend_summary_uses_the_stratified_errors() -> None:
    x, labels = _samples()[0]
    masks = _stratified_sizes(labels, x.shape[0])
    assert masks is not None
    out = describe_arrays(x, "mc", labels)
    assert out["mean_se"].tobytes() == _plain_mean_se(x, masks).tobytes()
    quants, ses = quantiles_with_se(x, _LEVELS)
    factor = _plain_factor(x, quants, masks)
    assert out["p50_se"].tobytes() == (ses * factor)[_LEVELS.index(0.5)].tobytes()
