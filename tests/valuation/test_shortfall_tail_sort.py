"""The expected shortfall of equally weighted paths sorts only its tail: the same figure, to
the last bit (the sign of a zero included), as the plain sort of every path."""

from __future__ import annotations

import numpy as np
import pytest

from model.engine.summaries.stats import sum_of_products
from model.valuation.returns import _equal_weight_shortfall, expected_shortfall


def _plain(r: np.ndarray, level: float) -> float:
    """The formula with a stable sort of every path and equal weights."""
    r = np.asarray(r, dtype=float).ravel()
    w = np.full(r.size, 1.0 / r.size)
    order = np.argsort(r, kind="stable")
    r, w = r[order], w[order]
    before = np.concatenate([[0.0], np.cumsum(w)[:-1]])
    inside = np.clip(level - before, 0.0, w)
    return sum_of_products(inside, r) / float(inside.sum())


def _bits(x: float) -> bytes:
    return np.float64(x).tobytes()


def _samples() -> list[np.ndarray]:
    rng = np.random.default_rng(2025)
    normal = rng.normal(0.05, 0.4, 20_000)
    ties = rng.choice([-0.9, -0.5, -0.0, 0.0, 0.25, 1.0], 4_999)
    zeros = np.where(rng.random(3_001) < 0.5, -0.0, 0.0)
    rounded = np.round(rng.normal(0.0, 0.3, 10_007), 2)
    rounded[rounded == 0.0] = -0.0
    return [
        normal,
        ties,
        zeros,
        rounded,
        -np.abs(rounded),
        np.abs(rounded),
        np.array([0.3]),
        np.array([-0.0]),
        np.array([0.0, -0.0]),
        np.array([-1.0, 2.0, -1.0]),
        rng.normal(size=7),
        np.full(513, -0.25),
        np.concatenate([np.zeros(200), rng.normal(size=55)]),
    ]


@pytest.mark.parametrize("level", [1e-9, 0.01, 0.05, 0.1, 0.3333, 0.5, 0.999, 1.0])
def test_the_tail_sort_gives_the_plain_figure_bit_for_bit(level) -> None:
    for r in _samples():
        assert _bits(expected_shortfall(r, level)) == _bits(_plain(r, level)), (r.size, level)
        assert _bits(expected_shortfall(r.tolist(), level)) == _bits(_plain(r, level))


def test_the_tail_sort_is_taken_and_leaves_a_zero_sum_to_the_full_sort() -> None:
    rng = np.random.default_rng(7)
    r = rng.normal(size=20_000)
    w = np.full(r.size, 1.0 / r.size)
    assert _equal_weight_shortfall(r, w, 0.05) is not None
    zeros = np.where(rng.random(101) < 0.5, -0.0, 0.0)
    assert _equal_weight_shortfall(zeros, np.full(101, 1 / 101), 0.05) is None
    assert _bits(expected_shortfall(zeros, 0.05)) == _bits(_plain(zeros, 0.05))


def test_given_weights_keep_the_full_sort() -> None:
    rng = np.random.default_rng(11)
    r = np.round(rng.normal(size=999), 1)
    w = rng.random(999)
    w[::7] = 0.0
    order = np.argsort(r, kind="stable")
    rs, ws = r[order], (w / w.sum())[order]
    before = np.concatenate([[0.0], np.cumsum(ws)[:-1]])
    inside = np.clip(0.05 - before, 0.0, ws)
    plain = sum_of_products(inside, rs) / float(inside.sum())
    assert _bits(expected_shortfall(r, 0.05, w)) == _bits(plain)
