"""A share count whose buyback is zero retires no shares: no warning that buybacks count twice.

A balance that rolls forward and never spends the buybacks does double count them when there are
any; a programme of zero (written as ``0``, or an assumption fixed at 0) has nothing to count.
"""

from __future__ import annotations

import textwrap
import warnings
from pathlib import Path

import pytest

import model

#: A holding company whose cash rolls forward and never spends the buybacks.
THESIS = textwrap.dedent(
    """\
    format: 1
    thesis:
      name: Holding company
      company: Holding company
      as_of: 2025-06-30
      currency: JPY
      horizon: {first: 2026, last: 2029}
      price: {value: 1200, unit: JPY/share, source: {estimate: "An illustrative share price"}}
    assumptions:
      profit: {unit: JPY bn, value: 200, source: {estimate: "Segment profit each year"}}
      debt_2025: {unit: JPY bn, value: 450, source: {estimate: "Net debt at the last year end"}}
      multiple: {unit: x, value: 8, source: {estimate: "A multiple of segment profit"}}
      ke: {unit: "%", value: 0.075, source: {estimate: "Cost of equity in yen"}}
      shares_2025: {unit: shares m, value: 1450, source: {estimate: "Shares issued less treasury"}}
    model:
      kind: lines
      currency: JPY bn
      blocks:
        count: {type: share_count, shares: shares_2025}
      lines:
        earnings: {value: profit, role: earnings}
        cash:
          value: cash[t-1] + earnings
          prior: -debt_2025
          role: net_cash
      valuation:
        cost_of_equity: ke
        legs:
          parts: {type: sotp, weight: 1, parts: {earnings: multiple}}
    """
)


def _twice(tmp_path: Path, count: str, extra: str = "") -> list[str]:
    text = THESIS.replace("count: {type: share_count, shares: shares_2025}", count)
    if extra:
        text = text.replace("assumptions:\n", "assumptions:\n" + extra)
    path = tmp_path / "buybacks.yaml"
    path.write_text(text, encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model.central(model.load_thesis(path))
    return [str(w.message) for w in caught if "buybacks twice" in str(w.message)]


_PROGRAMME = '  programme: {unit: JPY bn, value: VALUE, source: {estimate: "WHY"}}\n'
ZERO_PROGRAMME = _PROGRAMME.replace("VALUE", "0").replace("WHY", "The board plans no buyback")
SOME_PROGRAMME = _PROGRAMME.replace("VALUE", "90").replace("WHY", "The buyback the board approved")


@pytest.mark.parametrize(
    ("count", "extra"),
    [
        ("count: {type: share_count, shares: shares_2025, buyback: 0, buyback_years: 3}", ""),
        ("count: {type: share_count, shares: shares_2025, buyback_spend: 0}", ""),
        ("count: {type: share_count, shares: shares_2025, buyback_spend: 0.0 * profit}", ""),
        (
            "count: {type: share_count, shares: shares_2025, buyback: programme, buyback_years: 3}",
            ZERO_PROGRAMME,
        ),
    ],
    ids=["buyback_0", "spend_0", "spend_times_0", "assumption_0"],
)
def test_a_zero_buyback_is_not_warned(tmp_path: Path, count: str, extra: str) -> None:
    assert _twice(tmp_path, count, extra) == []


def test_a_buyback_of_an_assumption_above_zero_is_still_warned(tmp_path: Path) -> None:
    count = "count: {type: share_count, shares: shares_2025, buyback: programme, buyback_years: 3}"
    found = _twice(tmp_path, count, SOME_PROGRAMME)
    assert len(found) == 1 and "the share count retires the shares 'buyback_spend' buys" in found[0]
