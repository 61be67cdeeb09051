"""The dated return's Newton solver gives the bits of the plain formulas it was written from.

``_irr_log`` works in place (fewer temporaries, a plain division when every slope is
negative); this keeps the plain version of each step and compares the two to the bit on
paths that reach every branch: worthless shares, flows that vanish (a zero slope), large and
tiny values, one path, odd sizes.
"""

from __future__ import annotations

import numpy as np
import pytest

from model.valuation.finance import dates
from model.valuation.shapes import sum_by_path


def _plain(v: np.ndarray, d: np.ndarray, tau: np.ndarray, price: float) -> np.ndarray:
    flows = d.copy()
    flows[:, -1] += v
    total = sum_by_path(flows)
    dead = total <= 0.0
    pos = np.maximum(tau, 0.0)
    x = np.log(np.where(dead, 1.0, total) / price) / tau[-1]
    if d[:, :-1].any():
        active = np.flatnonzero(~dead)
        fa = flows if active.size == x.size else flows[active]
        xa = x[active]
        for _ in range(dates._NEWTON_ITER):
            if active.size == 0:
                break
            weighted = np.empty((xa.size, pos.size))
            minus = np.negative(xa)
            for k, tau_k in enumerate(pos):
                np.multiply(minus, tau_k, out=weighted[:, k])
            if -float(xa.min()) * tau[-1] > dates._EXP_MAX:
                weighted = np.minimum(weighted, dates._EXP_MAX)
            np.exp(weighted, out=weighted)
            np.multiply(fa, weighted, out=weighted)
            g = sum_by_path(weighted) - price
            dg = -(weighted @ pos)
            step = np.divide(g, dg, out=np.zeros_like(g), where=dg < 0.0)
            stepped = xa - step
            with np.errstate(divide="ignore"):
                own = np.log(fa / price) / np.where(pos > 0.0, pos, np.nan)
            lo = np.max(np.where((pos > 0.0) & (fa > 0.0), own, -np.inf), axis=1)
            far = stepped < -dates._FAR_BELOW / tau[-1]
            stepped = np.where(far, np.maximum(stepped, lo), stepped)
            x[active] = stepped
            going = np.abs(step) >= dates._NEWTON_TOL * (1.0 + np.abs(xa))
            if not going.all():
                keep = np.flatnonzero(going)
                active, fa, stepped = active.take(keep), fa.take(keep, axis=0), stepped.take(keep)
            xa = stepped
    return np.where(dead, -np.inf, x)


def _case(n: int, k: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    v = rng.lognormal(5.0, 1.0, n)
    d = rng.lognormal(1.0, 1.5, (n, k)) * (rng.random((n, k)) < 0.8)
    if n > 4:
        v[0], d[0] = 0.0, 0.0  # worthless: -inf
        v[1] = 0.0  # distributions only
        d[2, :-1] = 0.0  # nothing before the horizon on this path
        v[3], d[3] = 1e-300, 1e-300  # tiny
        v[4] = 1e12  # huge
    return v, d


@pytest.mark.parametrize("n", [1, 2, 5, 999, 4097])
@pytest.mark.parametrize("k", [2, 3, 6])
def test_solver_matches_the_plain_steps(n, k):
    v, d = _case(n, k, seed=n * 10 + k)
    tau = np.arange(1, k + 1) - 0.13
    for price in (0.5, 180.0, 1e9):
        with np.errstate(all="ignore"):
            fast = dates._irr_log(v, d, tau, price)
            plain = _plain(v, d, tau, price)
        assert fast.tobytes() == plain.tobytes()


def test_a_zero_slope_takes_no_step():
    # Flows before the price date only (times clipped to 0): the slope is 0 on every path, so
    # the masked division is the one taken, and each iterate stays where it started.
    v, d = _case(64, 3, seed=1)
    v[:] = 0.0
    tau = np.array([-2.0, -1.0, 0.0])
    with np.errstate(all="ignore"):
        fast = dates._irr_log(v, d, tau, 50.0)
        plain = _plain(v, d, tau, 50.0)
    assert fast.tobytes() == plain.tobytes()


@pytest.mark.parametrize(("dividend", "tau_first"), [(0.0119, 0.7), (0.001, 0.5), (0.02, 0.3)])
def test_a_share_worth_nothing_but_an_early_dividend_gets_its_exact_return(dividend, tau_first):
    # The first Newton step from the all-at-the-horizon root overshoots far below the root
    # (the slope there is tiny); the steps stop at the dividend's own root, which is the root.
    from scipy.optimize import brentq

    tau = tau_first + np.arange(6.0)
    d = np.zeros((1, 6))
    d[0, 0] = dividend
    v = np.array([[2.0, 1.0, 0.4, 0.1, 0.01, 0.0]])
    with np.errstate(all="raise"):  # no overflow, no invalid value on the way
        result = dates.dated_return(v, 2.5, tau, d)
    root = brentq(lambda x: dividend * np.exp(-x * tau_first) - 2.5, -500.0, 10.0, xtol=1e-14)
    assert result.annual[0, -1] == pytest.approx(np.expm1(root), rel=1e-12, abs=0.0)
    assert result.annual[0, -1] > -1.0


def test_a_year_paying_nothing_long_after_a_tiny_dividend_raises_no_overflow():
    # The lowest root (the tiny first dividend's own) lies far below zero; at it the later,
    # empty years' weights would overflow, and 0 times infinity is no number.
    from scipy.optimize import brentq

    tau = np.array([0.1, 1.1, 2.1, 3.1, 4.1, 5.1])
    v = np.array([[1.6e-05, 1.4e-06, 0.0, 5.3e-08, 1.5e-06, 0.0]])
    d = np.array([[1.12e-08, 0.0, 0.0, 0.0, 0.0, 0.0]])
    with np.errstate(over="raise", invalid="raise", divide="raise"):  # (underflow is 0)
        result = dates.dated_return(v, 10.5147, tau, d)
    for j in (2, 5):  # worth nothing then: the dividend's own root
        root = brentq(lambda x: 1.12e-8 * np.exp(-x * 0.1) - 10.5147, -1000.0, 10.0, xtol=1e-13)
        assert result.annual[0, j] == pytest.approx(np.expm1(root), rel=1e-9, abs=1e-300)
