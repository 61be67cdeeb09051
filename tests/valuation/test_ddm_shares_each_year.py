"""A dividend discount leg shares each later year's dividends among that year's shares: with
new shares issued to others (stock pay) a holder at a year end receives only the dividends a
share gets, and with buybacks more, so the value per share before the last year is the
discounted dividends per share plus the last year's value per share, as today's value reads."""

from __future__ import annotations

import textwrap
import warnings
from datetime import date
from pathlib import Path

import numpy as np
import pytest

import model
from model.errors import ThesisModelWarning

THESIS = textwrap.dedent(
    """\
    format: 1
    thesis:
      name: Dividend payer
      company: Dividend payer
      as_of: 2025-12-31
      currency: EUR
      horizon: {first: 2026, last: 2030}
      price: {value: 10, unit: EUR/share, source: {estimate: "An illustrative price for the test"}}
    assumptions:
      paid: {unit: EUR m, value: 100, source: {estimate: "Dividends paid out each year"}}
      ke: {unit: "%", value: 0.10, source: {estimate: "A cost of equity in euro"}}
      g: {unit: "%", value: 0.02, source: {estimate: "Growth for ever after the horizon"}}
      dil: {unit: "%", value: DILUTION, source: {estimate: "New shares issued a year as pay"}}
      shares_now: {unit: shares m, value: 100, source: {estimate: "Shares issued less treasury"}}
    model:
      kind: lines
      currency: EUR m
      blocks:
        count: {type: share_count, shares: shares_now, dilution: dil}
      lines:
        dividends: {value: paid, role: dividends}
      valuation:
        cost_of_equity: ke
        legs:
          ddm: {weight: 1, discount_rate: ke, terminal_growth: g}
    """
)


def _central(tmp_path: Path, dilution: float) -> dict[str, np.ndarray]:
    path = tmp_path / "ddm.yaml"
    path.write_text(THESIS.replace("DILUTION", repr(dilution)), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ThesisModelWarning)
        out = model.central(model.load_thesis(path))
    return {k: np.asarray(v, dtype=float).reshape(-1) for k, v in out.items()}


@pytest.mark.parametrize("dilution", [0.012, -0.02, 0.0])
def test_each_years_dividends_go_to_that_years_shares(tmp_path: Path, dilution: float) -> None:
    out = _central(tmp_path, dilution)
    years = 5
    shares = 100.0 * (1.0 + dilution) ** np.arange(years)  # year 0 holds the count given
    per_share = 100.0 / shares
    exit_value = 100.0 * 1.02 / (0.10 - 0.02) / shares[-1]
    expected = [
        sum(per_share[k] / 1.1 ** (k - t) for k in range(t + 1, years))
        + exit_value / 1.1 ** (years - 1 - t)
        for t in range(years)
    ]
    assert out["shares"] == pytest.approx(shares, rel=1e-12)
    assert out["value_per_share"] == pytest.approx(expected, rel=1e-10)
    assert out["value_per_share_ddm"] == pytest.approx(expected, rel=1e-10)
    # Holding a share from one year end to the next earns the cost of equity: the year-end
    # values and the dividends a share receives agree with today's value.
    vps, dps = out["value_per_share"], out["dividends_per_share"]
    assert (vps[1:] + dps[1:]) / vps[:-1] == pytest.approx(np.full(years - 1, 1.1), rel=1e-10)
    # Today's value discounts on real dates (ACT/365F; 2028 is a leap year).
    tau = np.array([(date(y, 12, 31) - date(2025, 12, 31)).days / 365.0 for y in range(2026, 2031)])
    today = np.sum(dps / 1.1**tau) + vps[-1] / 1.1 ** tau[-1]
    assert out["value_today"][0] == pytest.approx(today, rel=1e-10)
    assert out["value_today"][0] == pytest.approx((vps[0] + dps[0]) / 1.1, rel=1e-3)


def test_with_dilution_the_first_year_is_no_longer_over_four_percent_high(tmp_path: Path) -> None:
    # Every later dividend shared among the first year's 100m shares alone: 1.2% dilution a
    # year over the four later years made the first year over 4% too high.
    out = _central(tmp_path, 0.012)
    total = sum(100.0 / 1.1**k for k in range(1, 5)) + 100.0 * 1.02 / 0.08 / 1.1**4
    old = total / 100.0
    assert old / out["value_per_share"][0] - 1.0 == pytest.approx(0.0434, abs=0.0005)
    # The company's equity is every later dividend, whoever holds the shares then.
    assert out["value_ddm"][0] == pytest.approx(total, rel=1e-12)
