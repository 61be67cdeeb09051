"""Weighted percentiles order their paths with the cheapest sort that gives the stable
argsort's order, bit for bit: ties, both signs of zero, equal and unequal weights."""

from __future__ import annotations

import numpy as np
import pytest

from model.engine.summaries import stats as engine_stats
from model.engine.summaries.stats import sorted_by_value
from model.results.summary import weighted_describe


def _plain(x: np.ndarray, w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    order = np.argsort(x, kind="stable")
    return x[order], w[order]


def _cases() -> list[tuple[np.ndarray, np.ndarray]]:
    rng = np.random.default_rng(2025)
    n = 20_000
    normal = rng.normal(size=n)
    ties = np.round(rng.normal(size=n), 1)
    zeros = rng.choice([-0.0, 0.0, 1.0, -1.0], 5_001)
    plus_zeros = np.abs(zeros)
    minus_zeros = -plus_zeros
    floored = np.maximum(rng.normal(size=4_999), 0.0)
    weights = rng.random(n)
    some_zero = weights.copy()
    some_zero[::5] = 0.0
    cases = []
    for x in (normal, ties, zeros, plus_zeros, minus_zeros, floored):
        m = x.size
        for w in (np.full(m, 1.0 / m), weights[:m], some_zero[:m], np.full(m, 0.0)):
            cases.append((x, w))
    cases += [
        (np.array([0.5]), np.array([1.0])),
        (np.array([-0.0, 0.0]), np.array([0.5, 0.5])),
        (np.array([0.0, -0.0]), np.array([0.25, 0.75])),
        (np.array([2.0, 1.0, 2.0]), np.array([0.1, 0.2, 0.7])),
        (np.array([np.nan, 1.0, np.nan, 0.0]), np.array([0.1, 0.2, 0.3, 0.4])),
        (np.array([3.0, 1.0, 2.0]), np.array([1 / 3, 1 / 3, 1 / 3])),
        (np.array([]), np.array([])),
    ]
    return cases


def test_the_order_is_the_stable_argsort_s_bit_for_bit() -> None:
    for x, w in _cases():
        got, expected = sorted_by_value(x, w), _plain(x, w)
        for a, b in zip(got, expected, strict=True):
            assert a.tobytes() == b.tobytes(), (x.size, w[:3])


def _bits(row: dict[str, float]) -> dict[str, bytes]:
    return {k: np.float64(v).tobytes() for k, v in row.items()}


@pytest.mark.parametrize("spread", [True, False])
def test_weighted_percentiles_are_those_of_the_stable_sort(monkeypatch, spread) -> None:
    rng = np.random.default_rng(8)
    n = 6_000
    strata = np.repeat(np.arange(3), n // 3)
    columns = [
        rng.lognormal(size=n),
        np.maximum(rng.normal(size=n), 0.0),
        np.where(rng.random(n) < 0.3, -0.0, np.round(rng.normal(size=n), 2)),
        np.where(rng.random(n) < 0.01, np.nan, rng.normal(size=n)),
    ]
    posterior = rng.random(n) * (rng.random(n) < 0.9)
    fast = []
    for col in columns:
        for w in (np.ones(n), posterior):
            for s in (None, strata):
                fast.append(_bits(weighted_describe(col, w, spread=spread, strata=s)))
    monkeypatch.setattr(engine_stats, "sorted_by_value", _plain)
    plain = []
    for col in columns:
        for w in (np.ones(n), posterior):
            for s in (None, strata):
                plain.append(_bits(weighted_describe(col, w, spread=spread, strata=s)))
    assert fast == plain
