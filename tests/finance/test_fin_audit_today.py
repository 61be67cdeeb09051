"""Today's value and dated returns of small fixed theses against hand calculations.

Each thesis fixes every assumption, so its central path is the whole answer; the expected values
are written as closed forms with the day counts counted by hand (ACT/365F), not read back from
the toolkit.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from scipy.optimize import brentq

# A company with a 30 June year end, valued mid-August 2027 (the year to June 2028 holds 29
# February), priced on 1 August 2027 in HKD; its model is in USD bn.
JUNE = """\
kind: lines
currency: USD bn
fx_to_price: fx
blocks:
  count: {type: share_count, shares: shares0}
  cash: {type: net_cash, start: cash0, inflow: earnings, dividends: dividends}
lines:
  earnings: {value: "earnings[t-1] * (1 + growth)", start: earn0, role: earnings}
  dividends: {value: payout * earnings, role: dividends}
valuation:
  cost_of_equity: ke
  legs:
    pe: {weight: 1, multiple: pe_x}
"""
JUNE_NUMBERS = [
    ("earn0", "USD bn", 2.0),
    ("growth", "%", 0.05),
    ("payout", "%", 0.5),
    ("cash0", "USD bn", 3.0),
    ("ke", "%", 0.09),
    ("pe_x", "x", 12.0),
    ("fx", "HKD/USD", 7.8),
    ("shares0", "shares bn", 2.0),
]
JUNE_DATES = {
    "as_of": "2027-08-15",
    "price_date": "2027-08-01",
    "fiscal_year_end": "06-30",
    "first": 2028,
    "last": 2030,
    "currency": "HKD",
    "price": 50.0,
}
# Days to 30 June 2028, 2029, 2030, counted by hand: 15 Aug 2027 -> 30 Jun 2028 is
# 16 + 30 + 31 + 30 + 31 + 31 + 29 + 31 + 30 + 31 + 30 = 320 days; the price date is 14 days
# earlier; each later June year is 365 days (no 29 February in it).
DAYS_FROM_AS_OF = np.array([320.0, 685.0, 1050.0])
DAYS_FROM_PRICE = DAYS_FROM_AS_OF + 14.0


def june_closed_form() -> tuple[np.ndarray, np.ndarray]:
    """Value per share (HKD, after the year's dividend) and dividends per share at each June."""
    earnings = 2.0 * 1.05 ** np.arange(3)
    dividends = 0.5 * earnings
    cash = 3.0 + np.concatenate([[0.0], np.cumsum(earnings[1:] - dividends[1:])])
    value = 7.8 * (12.0 * earnings + cash) / 2.0
    return value, 7.8 * dividends / 2.0


def test_value_today_discounts_from_june_year_ends_to_a_mid_august_valuation_date(
    write_thesis, central
):
    out = central(write_thesis(JUNE_NUMBERS, JUNE, **JUNE_DATES))
    value, dps = june_closed_form()
    df = 1.09 ** (-DAYS_FROM_AS_OF / 365.0)
    expected = np.cumsum(dps * df) + value * df
    np.testing.assert_allclose(out["value_per_share"][0], value, rtol=1e-12)
    np.testing.assert_allclose(out["dividends_per_share"][0], dps, rtol=1e-12)
    np.testing.assert_allclose(out["value_today_by_year"][0], expected, rtol=1e-12)
    assert out["value_today"][0] == pytest.approx(expected[-1], rel=1e-12)


def test_dated_returns_are_the_irr_from_the_price_date_with_dividends(write_thesis, central):
    out = central(write_thesis(JUNE_NUMBERS, JUNE, **JUNE_DATES))
    value, dps = june_closed_form()
    years = DAYS_FROM_PRICE / 365.0
    for j in range(3):

        def gap(r: float, j: int = j) -> float:
            held = slice(0, j + 1)
            pv = np.sum(dps[held] * (1 + r) ** -years[held]) + value[j] * (1 + r) ** -years[j]
            return float(pv - 50.0)

        irr = brentq(gap, -0.5, 5.0, xtol=1e-14)
        total = (1 + irr) ** years[j] - 1
        assert out["total_return_dated"][0, j] == pytest.approx(total, rel=1e-10)
        # Under a year (334 days) the return is the holding period's, not annualised.
        annual = irr if years[j] >= 1.0 else total
        assert out["return_dated"][0, j] == pytest.approx(annual, rel=1e-10)
    # Year 0 held 334 days: the holding-period return is simply (V + D) / P - 1.
    assert out["return_dated"][0, 0] == pytest.approx((value[0] + dps[0]) / 50.0 - 1, rel=1e-12)


def test_held_to_every_year_end_the_total_return_is_the_dated_one_stated_once(
    write_thesis, central
):
    # Every June year end comes after the price date, so the model's total return is the
    # dated total return (dividends counted), and it is one array under both names: the
    # engine summarises it once.
    out = central(write_thesis(JUNE_NUMBERS, JUNE, **JUNE_DATES))
    value, dps = june_closed_form()
    years = DAYS_FROM_PRICE / 365.0
    for j in range(3):

        def gap(r: float, j: int = j) -> float:
            pv = np.sum(dps[: j + 1] * (1 + r) ** -years[: j + 1]) + value[j] * (1 + r) ** -years[j]
            return float(pv - 50.0)

        irr = brentq(gap, -0.5, 5.0, xtol=1e-14)
        assert out["total_return"][0, j] == pytest.approx((1 + irr) ** years[j] - 1, rel=1e-10)
    assert out["total_return"] is out["total_return_dated"]


# A levered company valued by a DCF at its WACC and by dividends at its cost of equity; which
# rate discounts today's value must not depend on the order the legs are written in.
TWO_RATES = """\
kind: lines
currency: USD bn
blocks:
  count: {type: share_count, shares: shares0}
  cash: {type: net_cash, start: cash0, inflow: earnings, dividends: dividends}
lines:
  earnings: {value: "earnings[t-1] * (1 + growth)", start: earn0, role: earnings}
  dividends: {value: payout * earnings, role: dividends}
  fcff: {value: earnings, role: fcff}
valuation:
  legs:
    LEGS
"""
TWO_RATE_NUMBERS = [
    ("earn0", "USD bn", 10.0),
    ("growth", "%", 0.04),
    ("payout", "%", 0.6),
    ("cash0", "USD bn", 0.0),
    ("ke", "%", 0.10),
    ("wacc", "%", 0.07),
    ("g", "%", 0.03),
    ("shares0", "shares bn", 1.0),
]
DCF_LEG = "dcf: {weight: 0.5, discount_rate: wacc, terminal_growth: g}"
DDM_LEG = "ddm: {weight: 0.5, discount_rate: ke, terminal_growth: g}"


@pytest.mark.parametrize("legs", [(DCF_LEG, DDM_LEG), (DDM_LEG, DCF_LEG)])
def test_without_a_stated_cost_of_equity_an_equity_leg_rate_wins_in_any_order(
    write_thesis, central, legs
):
    section = TWO_RATES.replace("LEGS", "\n    ".join(legs))
    out = central(write_thesis(TWO_RATE_NUMBERS, section))
    # As of 31 Dec 2024, the year ends are 365, 730 and 1095 days away: 1, 2 and 3 years.
    df = 1.10 ** -np.arange(1.0, 4.0)
    v, d = out["value_per_share"][0], out["dividends_per_share"][0]
    assert out["value_today"][0] == pytest.approx(d @ df + v[-1] * df[-1], rel=1e-12)


# A model in CNY bn, a price in HKD per share, shares in millions: one rate through USD, applied
# once to values, dividends and the buybacks' share count.
CNY = """\
kind: lines
currency: CNY bn
fx_to_price: hkd_per_usd / cny_per_usd
blocks:
  count: {type: share_count, shares: shares0, buyback_spend: buyback, dilution: dilution}
  cash:
    type: net_cash
    start: cash0
    inflow: earnings
    dividends: dividends
    buybacks: buyback_spend
lines:
  earnings: {value: "earnings[t-1] * (1 + growth)", start: earn0, role: earnings}
  dividends: {value: payout * earnings, role: dividends}
valuation:
  cost_of_equity: ke
  legs:
    pe: {weight: 1, multiple: pe_x}
"""
CNY_NUMBERS = [
    ("earn0", "CNY bn", 100.0),
    ("growth", "%", 0.04),
    ("cash0", "CNY bn", 300.0),
    ("payout", "%", 0.3),
    ("ke", "%", 0.10),
    ("shares0", "shares m", 20000.0),
    ("pe_x", "x", 12.0),
    ("hkd_per_usd", "HKD/USD", 7.8),
    ("cny_per_usd", "CNY/USD", 7.2),
    ("buyback", "CNY bn", 20.0),
    ("dilution", "%", 0.01),
]


def test_a_cny_model_priced_in_hkd_is_converted_once(write_thesis, central):
    out = central(write_thesis(CNY_NUMBERS, CNY, currency="HKD", price=120.0))
    fx = 7.8 / 7.2  # HKD per CNY
    earnings = 100.0 * 1.04 ** np.arange(3)
    spend = np.array([0.0, 20.0, 20.0])  # year 0 spends nothing
    cash = 300.0 + np.cumsum(np.concatenate([[0.0], 0.7 * earnings[1:] - spend[1:]]))
    # Shares (m): issued first, then bought at the thesis price of HKD 120:
    # CNY bn x HKD/CNY x 1000 (bn over m) / HKD per share.
    shares = [20000.0]
    for t in (1, 2):
        shares.append(shares[-1] * 1.01 - spend[t] * fx * 1000.0 / 120.0)
    shares = np.array(shares)
    value = (12.0 * earnings + cash) * fx * 1000.0 / shares
    dps = 0.3 * earnings * fx * 1000.0 / shares
    np.testing.assert_allclose(out["shares"][0], shares, rtol=1e-12)
    np.testing.assert_allclose(out["value_per_share"][0], value, rtol=1e-12)
    np.testing.assert_allclose(out["dividends_per_share"][0], dps, rtol=1e-12)
    df = 1.10 ** -np.arange(1.0, 4.0)
    assert out["value_today"][0] == pytest.approx(dps @ df + value[-1] * df[-1], rel=1e-12)


def test_readme_example_of_discounting_uses_real_days():
    """27 Nov 2025 to 31 Dec 2030 is 3 + 31 + 365 x 4 + 366 = 1,860 days: 5.096 years."""
    readme = (Path(__file__).parents[2] / "README.md").read_text()
    found = re.search(r"a value of 200 HKD at end-2030 is worth (\d+) HKD on 27 November", readme)
    assert found is not None
    assert int(found.group(1)) == round(200 / 1.10 ** (1860 / 365))


def test_a_year_ended_before_the_valuation_date_lends_its_rate_to_no_later_year():
    """Valued 15 Feb 2025 with model years 2024-2026 (2024 ended 46 days before): the factor to
    the end of 2025 (319 days ahead) is at 2025's rate alone, whatever 2024's rate was."""
    from model.valuation.finance import ValuationDates, discount_factors

    times = ValuationDates.of("2025-02-15", [2024, 2025, 2026]).t_value
    np.testing.assert_allclose(times * 365, [-46.0, 319.0, 684.0], rtol=1e-12)
    df = discount_factors(np.array([[0.20, 0.10, 0.12]]), times)[0]
    expected = [1.20 ** (46 / 365), 1.10 ** (-319 / 365), 1.10 ** (-319 / 365) / 1.12]
    np.testing.assert_allclose(df, expected, rtol=1e-13)
    # A constant rate gives the plain (1 + r)^-tau, before and after the valuation date.
    np.testing.assert_allclose(discount_factors(0.1, times)[0], 1.1**-times, rtol=1e-13)


@pytest.mark.parametrize("pays", [False, True])
def test_dividends_kept_in_the_balance_the_legs_add_are_warned_as_counted_twice(
    write_thesis, central, pays
):
    """Today's value credits the dividends to the holders; a net-cash roll that keeps the
    earnings they are paid from without paying them counts the same cash twice."""
    import warnings

    from model.errors import ThesisModelWarning

    section = JUNE if pays else JUNE.replace(", dividends: dividends}", "}")
    path = write_thesis(JUNE_NUMBERS, section, **JUNE_DATES)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = central(path)
    said = [str(w.message) for w in caught if issubclass(w.category, ThesisModelWarning)]
    twice = [m for m in said if "counts twice" in m]
    if pays:
        assert not twice
        return
    assert len(twice) == 1
    assert f"{path.name}:" in twice[0]
    assert "legs.pe.net_cash: 'net_cash' keeps 'earnings'" in twice[0]
    # What it warns of: the exit value keeps every dividend the holders are credited with.
    earnings = 2.0 * 1.05 ** np.arange(3)
    cash = 3.0 + np.concatenate([[0.0], np.cumsum(earnings[1:])])
    np.testing.assert_allclose(
        out["value_per_share"][0], 7.8 * (12.0 * earnings + cash) / 2.0, rtol=1e-12
    )
    np.testing.assert_allclose(out["dividends_per_share"][0], june_closed_form()[1], rtol=1e-12)


def test_bought_at_todays_value_the_dated_return_is_the_cost_of_equity(write_thesis, central):
    """Priced on the valuation date at today's value, holding to the exit earns exactly the
    rate today's value discounts at: the two calculations agree on dates and cash."""
    dates = {**JUNE_DATES, "price_date": JUNE_DATES["as_of"]}
    first = central(write_thesis(JUNE_NUMBERS, JUNE, **dates))
    dates["price"] = float(first["value_today"][0])
    out = central(write_thesis(JUNE_NUMBERS, JUNE, **dates))
    assert out["return_dated"][0, -1] == pytest.approx(0.09, rel=1e-10)
    assert out["value_today"][0] == pytest.approx(dates["price"], rel=1e-14)
