"""Cash counted once: the roll-forward conserves cash on every path; buybacks and dilution."""

from __future__ import annotations

import numpy as np
import pytest

from model.errors import ParameterError
from model.valuation.finance import (
    cash_residual,
    holder_flows,
    payout_dividends,
    roll_net_cash,
    roll_shares,
)


def test_cash_is_conserved_on_every_path():
    rng = np.random.default_rng(11)
    n, t = 5_000, 6
    fcf = rng.normal(10, 8, (n, t))
    div = payout_dividends(rng.normal(12, 6, (n, t)), rng.uniform(0, 0.6, n))
    bb = rng.uniform(0, 5, (n, t))
    roll = roll_net_cash(
        rng.normal(50, 30, n), fcf, div, bb, interest_rate=rng.uniform(0, 0.04, (n, t)),
        year_weights=np.array([34 / 365, 1, 1, 1, 1, 1]),
    )  # fmt: skip
    scale = np.abs(roll.net_cash).max()
    assert np.max(np.abs(cash_residual(roll))) < 1e-12 * scale
    # Hand roll of one path.
    w = np.array([34 / 365, 1, 1, 1, 1, 1])
    nc = roll.opening[0]
    for k in range(t):
        nc = nc + roll.interest[0, k] + (fcf[0, k] - div[0, k] - bb[0, k]) * w[k]
        assert roll.net_cash[0, k] == pytest.approx(nc)


def test_interest_is_earned_once_on_the_opening_balance():
    roll = roll_net_cash(100.0, np.zeros((1, 3)), interest_rate=0.05)
    np.testing.assert_allclose(roll.net_cash[0], 100 * 1.05 ** np.arange(1, 4))
    np.testing.assert_allclose(roll.interest[0], 100 * 0.05 * 1.05 ** np.arange(3))


def test_dividends_are_a_payout_floored_at_zero():
    out = payout_dividends(np.array([[10.0, -5.0]]), 0.3)
    np.testing.assert_allclose(out, [[3.0, 0.0]])
    with pytest.raises(ParameterError, match="payout"):
        payout_dividends(np.ones((1, 2)), -0.1)


def test_buybacks_at_a_price_path_and_dilution():
    out = roll_shares(10.0, np.array([[0.0, 20.0, 20.0]]), price=np.array([[10.0, 10.0, 20.0]]))
    np.testing.assert_allclose(out.shares[0], [10.0, 8.0, 7.0])
    dil = roll_shares(100.0, np.zeros((1, 3)), price=1.0, dilution=0.01)
    np.testing.assert_allclose(dil.shares[0], 100 * 1.01 ** np.arange(1, 4))
    big = roll_shares(1.0, np.array([[5.0]]), price=1.0)
    assert big.invalid[0] and big.shares[0, 0] > 0


def test_buybacks_at_value_leave_the_value_per_share_unchanged():
    equity = np.array([[900.0, 950.0, 1000.0]])  # after each year's buyback
    spend = np.array([[100.0, 50.0, 0.0]])
    out = roll_shares(10.0, spend, equity=equity, dilution=0.0)
    before = (equity + spend) / np.concatenate([[10.0], out.shares[0, :-1]])
    np.testing.assert_allclose(equity / out.shares, before)  # neutral: no transfer
    np.testing.assert_allclose(out.shares[0, 0], 9.0)  # 100 bought at 100 a share


def test_a_tendering_holder_counts_a_buyback_once():
    # One year, a value-neutral buyback: cash plus stake equals the per-share value.
    equity, spend, shares = np.array([[900.0]]), np.array([[100.0]]), 10.0
    s = roll_shares(shares, spend, equity=equity)
    cash, stake = holder_flows(np.zeros((1, 1)), spend, equity, shares)
    assert cash[0, 0] + stake[0, 0] == pytest.approx(equity[0, 0] / s.shares[0, 0])
