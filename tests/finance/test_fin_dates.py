"""Valuation dates, day counts and dated returns against hand counts and closed forms."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from model.errors import ParameterError
from model.valuation.finance import (
    DayCount,
    ValuationDates,
    dated_return,
    fiscal_year_end,
    price_date_warning,
    stub_fractions,
    year_fraction,
)


def test_act_365f_counts_real_days_including_leap_days():
    # 17 Feb 2025 -> 17 Feb 2030: 5 x 365 + 29 Feb 2028 = 1826 days; then 317 days to 31 Dec.
    assert year_fraction("2025-02-17", "2030-12-31") == pytest.approx(2143 / 365, abs=1e-15)
    assert year_fraction(dt.date(2025, 11, 27), dt.date(2025, 12, 31)) == pytest.approx(34 / 365)
    assert year_fraction("2024-01-01", "2025-01-01", DayCount.ACT_360) == pytest.approx(366 / 360)
    assert year_fraction("2026-01-01", "2025-01-01") == pytest.approx(-1.0)


def test_unknown_day_count_and_bad_date_are_clear_errors():
    with pytest.raises(ParameterError, match="ACT/365F"):
        year_fraction("2025-01-01", "2026-01-01", "30/360")
    with pytest.raises(ParameterError, match="YYYY-MM-DD"):
        year_fraction("27/11/2025", "2026-01-01")


def test_fiscal_year_ends_are_configurable():
    assert fiscal_year_end(2026) == dt.date(2026, 12, 31)
    assert fiscal_year_end(2026, "03-31") == dt.date(2026, 3, 31)
    assert fiscal_year_end(2025, (2, 29)) == dt.date(2025, 2, 28)  # no 29 Feb in 2025
    assert fiscal_year_end(2028, "02-29") == dt.date(2028, 2, 29)
    with pytest.raises(ParameterError, match=r"month and day.*13-01"):
        fiscal_year_end(2025, "13-01")


def test_valuation_dates_give_year_fractions_from_both_dates():
    d = ValuationDates.of("2025-11-27", range(2025, 2031), price_date="2025-02-17")
    assert d.year_ends[-1] == dt.date(2030, 12, 31)
    np.testing.assert_allclose(d.t_value[0], 34 / 365)
    np.testing.assert_allclose(d.t_price[-1], 2143 / 365)
    np.testing.assert_allclose(d.stub, [34 / 365, 1, 1, 1, 1, 1])
    np.testing.assert_allclose(stub_fractions("2025-11-27", [2025, 2026]), [34 / 365, 1.0])
    # March year end: FY2026 runs 1 Apr 2025 - 31 Mar 2026.
    march = ValuationDates.of("2025-11-27", [2026, 2027], year_end="03-31")
    np.testing.assert_allclose(march.stub, [124 / 365, 1.0])


def test_a_price_far_from_the_valuation_date_is_a_warning_not_an_error():
    w = price_date_warning("2025-11-27", "2025-02-17")
    assert w is not None and w.code == "stale_price" and w.days == 283
    assert "2025-02-17" in w.message and w.field == "thesis.price.date"
    assert price_date_warning("2025-11-27", "2025-11-20") is None
    assert price_date_warning("2025-11-27", None) is None
    d = ValuationDates.of("2025-11-27", [2025], price_date="2025-02-17")
    assert [x.code for x in d.warnings()] == ["stale_price"]


def test_dated_return_without_distributions_is_the_closed_form():
    d = ValuationDates.of("2025-11-27", range(2025, 2031), price_date="2025-02-17")
    v = np.array([[130.0, 140.0, 150.0, 170.0, 185.0, 200.0], [0.0, 50.0, 60.0, 70, 80, 90]])
    out = dated_return(v, 129.5, d.t_price)
    tau = d.t_price
    expect = (v / 129.5) ** (1 / tau) - 1
    # 2025's year end is under a year from the price: reported unannualised (GIPS).
    expect[:, 0] = v[:, 0] / 129.5 - 1
    np.testing.assert_allclose(out.annual, expect, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(out.total, v / 129.5 - 1, rtol=1e-12, atol=1e-12)
    # 200 HKD at end-2030 from 129.5 in Feb 2025: 7.7 % a year over 5.87 years, not 9.1 % over 5.
    assert out.annual[0, -1] == pytest.approx((200 / 129.5) ** (365 / 2143) - 1)
    assert out.annual[0, -1] < (200 / 129.5) ** (1 / 5) - 1


def test_dated_return_with_distributions_is_the_irr():
    tau = np.array([0.5, 1.5, 2.5, 3.25])
    r = np.array([0.10, -0.2, 0.0, 0.35])
    d = np.array([[2.0, 3.0, 4.0, 5.0], [1.0, 0.0, 1.0, 0.0], [5.0, 5.0, 5.0, 5.0], [0, 9, 0, 3]])
    price = 100.0
    # Choose each path's final value so that its IRR to the last year end is r.
    pv_d = (d * (1 + r[:, None]) ** -tau).sum(axis=1)
    v_last = (price - pv_d) * (1 + r) ** tau[-1]
    assert np.all(v_last > 0)
    v = np.tile(v_last[:, None], (1, 4))
    out = dated_return(v, price, tau, d)
    np.testing.assert_allclose(out.annual[:, -1], r, atol=1e-10)
    # Removing the distributions lowers the return.
    assert np.all(dated_return(v, price, tau).annual[:, -1] < out.annual[:, -1])


def test_year_ends_before_the_price_date_are_not_held():
    out = dated_return(np.array([[90.0, 110.0]]), 100.0, np.array([-0.5, 1.5]), [[3.0, 0.0]])
    assert out.not_held.tolist() == [True, False]
    assert out.annual[0, 0] == 0.0
    assert out.annual[0, 1] == pytest.approx(1.1 ** (1 / 1.5) - 1)  # the early 3.0 is not ours


def test_worthless_share_returns_minus_one_and_bad_input_is_refused():
    out = dated_return(np.array([[0.0, 0.0]]), 10.0, [1.0, 2.0])
    np.testing.assert_allclose(out.annual, -1.0)
    with pytest.raises(ParameterError, match="price"):
        dated_return(np.ones((1, 2)), 0.0, [1.0, 2.0])
    with pytest.raises(ParameterError, match=">= 0"):
        dated_return(-np.ones((1, 2)), 1.0, [1.0, 2.0])
    with pytest.raises(ParameterError, match="increase"):
        dated_return(np.ones((1, 2)), 1.0, [2.0, 1.0])
