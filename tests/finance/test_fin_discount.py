"""Discounting against closed forms: annuities, Gordon with reinvestment, today's value."""

from __future__ import annotations

import numpy as np
import pytest

from model.errors import ParameterError
from model.valuation.finance import (
    discount_factors,
    gordon_value,
    present_value,
    reinvestment_rate,
    rolled_values,
    steady_state_capex,
    value_driver_terminal,
    value_today,
)


def test_pv_of_an_annuity():
    r = np.array([0.05, 0.10, 0.0001])
    times = np.arange(1.0, 11.0)
    df = discount_factors(r, times)
    pv = present_value(np.full((3, 10), 100.0), df)
    np.testing.assert_allclose(pv, 100.0 * (1 - (1 + r) ** -10) / r, rtol=1e-12)


def test_dated_factors_and_per_year_rates():
    times = np.array([34 / 365, 1 + 34 / 365, 2 + 34 / 365])
    np.testing.assert_allclose(discount_factors(0.1, times)[0], 1.1**-times, rtol=1e-13)
    rates = np.array([[0.05, 0.10, 0.20]])
    df = discount_factors(rates, [1.0, 2.0, 3.0])
    np.testing.assert_allclose(df[0], [1 / 1.05, 1 / 1.05 / 1.1, 1 / 1.05 / 1.1 / 1.2])
    with pytest.raises(ParameterError, match="-100"):
        discount_factors(-1.0, [1.0])


def test_gordon_with_reinvestment_matches_the_growing_stream():
    nopat, g, roic, r = 100.0, 0.03, 0.15, 0.09
    tv = value_driver_terminal(np.array([nopat]), g, r, roic)
    assert tv[0] == pytest.approx(nopat * (1 - g / roic) / (r - g))  # 1333.33
    # The same value summed year by year: payout NOPAT (1 - g/ROIC) growing at g.
    k = np.arange(4000)
    assert tv[0] == pytest.approx(np.sum(nopat * 0.8 * 1.03**k / 1.09 ** (k + 1)), rel=1e-9)
    # Reinvestment: capex = depreciation + NOPAT g / ROIC; never below depreciation for g < 0.
    assert steady_state_capex(100.0, 40.0, 0.03, 0.15) == pytest.approx(60.0)
    assert steady_state_capex(100.0, 40.0, -0.02, 0.15) == pytest.approx(40.0)
    assert steady_state_capex(100.0, 40.0, -0.02, 0.15, allow_disinvestment=True) < 40.0
    with pytest.raises(ParameterError, match="> 0"):
        reinvestment_rate(0.02, 0.0)


def test_growth_at_or_above_the_rate_names_both():
    with pytest.raises(ParameterError, match=r"'g_perp'.*'coe'") as err:
        gordon_value(np.array([1.0, 1.0]), np.array([0.02, 0.09]), 0.08, names=("coe", "g_perp"))
    assert "1 of 2 paths" in str(err.value)


def test_rolled_values_are_one_valuation_seen_from_each_year_end():
    rng = np.random.default_rng(3)
    flows = rng.uniform(1, 5, (4, 5))
    df = discount_factors(rng.uniform(0.05, 0.12, 4), np.arange(1.0, 6.0))
    tv = rng.uniform(20, 40, 4)
    v = rolled_values(flows, df, tv)
    np.testing.assert_allclose(v[:, -1], tv)
    # value_j DF_j = (value_{j+1} + flow_{j+1}) DF_{j+1}
    np.testing.assert_allclose(v[:, :-1] * df[:, :-1], (v[:, 1:] + flows[:, 1:]) * df[:, 1:])


def test_value_today_discounts_distributions_and_the_exit():
    df = discount_factors(0.10, [0.5, 1.5, 2.5])
    exit_ = np.array([[100.0, 110.0, 120.0]])
    dist = np.array([[2.0, 3.0, 4.0]])
    today = value_today(exit_, dist, df)
    expect_last = 2 * 1.1**-0.5 + 3 * 1.1**-1.5 + 4 * 1.1**-2.5 + 120 * 1.1**-2.5
    assert today[0, -1] == pytest.approx(expect_last)
    assert today[0, 0] == pytest.approx((2 + 100) * 1.1**-0.5)
    # The issue's own check: 200 HKD at end-2030 at 10 % from 27 Nov 2025 is about 124 HKD.
    tau = (2143 - 283) / 365
    one = value_today(np.array([[200.0]]), None, discount_factors(0.10, [tau]))
    assert one[0, 0] == pytest.approx(200 * 1.1**-tau) and 123 < one[0, 0] < 126
