"""The subscription-software and holding-company examples, recomputed by hand on the central path.

Each test rebuilds the example's central path as a spreadsheet would (one column per fiscal
year, the dates from the fiscal year end) and checks today's value, the dated return, the
share count with its dilution or buybacks, and that net cash is counted once.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import numpy as np
import pytest
from scipy.optimize import brentq

import model

EXAMPLES = Path(__file__).resolve().parents[2] / "assumptions" / "examples"


def _central(path: Path) -> dict[str, np.ndarray]:
    """The central path: per-year outputs as ``(n_years,)``, one-value outputs as scalars."""
    return {k: np.asarray(v, dtype=float) for k, v in model.central(path).items()}


def _years(as_of: dt.date, ends: list[dt.date]) -> np.ndarray:
    return np.array([(e - as_of).days / 365.0 for e in ends])


def test_subscription_software_by_hand() -> None:
    c = _central(model.load_thesis(EXAMPLES / "saas-subscription.yaml"))
    t = np.arange(6)
    market = 16_000 * 1.12**t  # USD m; the centre of ci90 [0.08, 0.16]
    w_us = 0.06 * np.exp(0.07 * t)  # share drift at its centre, 7% a year
    share = w_us / (w_us + 0.22 + 0.15 + 0.57)
    revenue = market * share
    margin = -0.15 + (0.15 + 0.15) * np.minimum(t / 5, 1)  # triangular's centre: its mode
    ebit = revenue * margin
    fcf = ebit - np.maximum(ebit, 0) * 0.21 + 0.18 * revenue - 0.03 * revenue
    cash = np.full(6, 1100.0)  # FY2026's close is given
    for k in range(1, 6):  # the cash earns the deposit rate, 3.7%, after the 21% tax
        cash[k] = cash[k - 1] * (1 + 0.037 * (1 - 0.21)) + fcf[k]
    shares = 310 * 1.03**t  # 3% dilution a year from stock pay
    ev_sales = math.sqrt(4 * 10) * revenue + cash  # lognormal ci90 [4, 10]: median sqrt(40)
    # The terminal flow counts stock pay as a cost: the dilution paying it ends with FY2031.
    dcf_exit = (fcf[-1] - 0.18 * revenue[-1]) * 1.04 / (0.10 - 0.04) + cash[-1]
    vps = (0.5 * ev_sales[-1] + 0.5 * dcf_exit) / shares[-1]
    np.testing.assert_allclose(c["shares"], shares, rtol=1e-12)
    np.testing.assert_allclose(c["net_cash"], cash, rtol=1e-9)
    assert c["value_per_share"][-1] == pytest.approx(vps, rel=1e-9)
    # FY2031 ends on 31 January 2031: 5.34 years after the valuation date and the price.
    tau = _years(dt.date(2025, 9, 30), [dt.date(2031, 1, 31)])[0]
    assert float(c["value_today"]) == pytest.approx(vps / 1.10**tau, rel=1e-9)
    assert c["return_dated"][-1] == pytest.approx((vps / 20.0) ** (1 / tau) - 1, rel=1e-9)


def test_holding_company_by_hand() -> None:
    c = _central(model.load_thesis(EXAMPLES / "japan-conglomerate.yaml"))
    n = 5
    trading = 118 * 1.03 ** np.arange(1, n + 1)  # normal ci90 [-0.02, 0.08]: centre 3%
    noi = 52 * 1.015 ** np.arange(1, n + 1)
    growth = 0.03 * (1 - 0.5 ** np.arange(n))  # process from 0 reverting halfway to 3%
    machinery = 95 * np.cumprod(1 + growth)
    cash, shares = -450.0, 1450.0
    cash_path, share_path, dividends = [], [], []
    for k in range(n):
        interest = cash * 0.015  # on last year's closing balance
        earnings = (trading[k] + noi[k] + machinery[k] - 35 - 14 + interest) * (1 - 0.31)
        paid = 0.35 * earnings
        bought = 30.0 if k > 0 else 0.0  # year 0 spends nothing
        cash = cash + earnings + 35 - 40 - paid - bought
        shares = shares - bought * 1e9 / 1250 / 1e6  # retired at the thesis price
        cash_path.append(cash)
        share_path.append(shares)
        dividends.append(paid * 1e3 / shares)  # JPY bn over shares m: JPY a share
    parts = math.sqrt(60) * trading + 24 * noi + math.sqrt(4.5 * 7.5) * machinery
    # The discount (triangular's mode, 25%) on the parts only; the net debt subtracted once.
    equity = parts * (1 - 0.25) + np.array(cash_path)
    vps = equity * 1e3 / np.array(share_path)
    np.testing.assert_allclose(c["net_cash"], cash_path, rtol=1e-9)
    np.testing.assert_allclose(c["shares"], share_path, rtol=1e-12)
    np.testing.assert_allclose(c["dividends_per_share"], dividends, rtol=1e-9)
    np.testing.assert_allclose(c["value_per_share"], vps, rtol=1e-9)
    # March year ends: FY2026 ends 31 March 2026, nine months after the valuation date.
    ends = [dt.date(y, 3, 31) for y in range(2026, 2031)]
    tau = _years(dt.date(2025, 6, 30), ends)
    today = np.sum(np.array(dividends) / 1.075**tau) + vps[-1] / 1.075 ** tau[-1]
    assert float(c["value_today"]) == pytest.approx(today, rel=1e-9)

    def gap(r: float) -> float:
        return float(np.sum(np.array(dividends) * (1 + r) ** -tau) + vps[-1] * (1 + r) ** -tau[-1])

    dated = brentq(lambda r: gap(r) - 1250.0, -0.5, 1.0, xtol=1e-14)
    assert c["return_dated"][-1] == pytest.approx(dated, rel=1e-7)


@pytest.mark.parametrize("name", ["saas-subscription.yaml", "japan-conglomerate.yaml"])
def test_the_examples_run_unflagged_and_their_bear_is_worse(name: str) -> None:
    thesis = model.load_thesis(EXAMPLES / name)
    comparison = model.compare(thesis, n_paths=2000, seed=3, progress=False)
    for result in comparison.results.values():
        assert not any(result.invalid.values()), result.invalid
    bear = np.median(comparison.results["bear"].final("value_today"))
    base = np.median(comparison.results["base"].final("value_today"))
    assert bear < base
