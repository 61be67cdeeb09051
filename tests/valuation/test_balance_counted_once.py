"""A leg whose flow bears interest on the net cash it also adds is warned about."""

from __future__ import annotations

import textwrap
import warnings
from pathlib import Path

import pytest

import model
from model.errors import ThesisModelWarning

THESIS = textwrap.dedent(
    """\
    format: 1
    thesis:
      name: Levered utility
      company: Levered utility
      as_of: 2025-06-30
      currency: EUR
      horizon: {first: 2025, last: 2028}
      price: {value: 20, unit: EUR/share, source: {estimate: "An illustrative share price"}}
    assumptions:
      ebit_2025: {unit: EUR m, value: 2000, source: {estimate: "Operating profit this year"}}
      debt_2025: {unit: EUR m, value: -15000, source: {estimate: "Net debt as negative cash"}}
      rate: {unit: "%", value: 0.04, source: {estimate: "Cost of the bond book"}}
      payout: {unit: "%", value: 0.7, source: {estimate: "Payout policy of the board"}}
      ke: {unit: "%", value: 0.08, source: {estimate: "Cost of equity for a utility"}}
      g: {unit: "%", value: 0.02, source: {estimate: "Long-run nominal growth"}}
      shares_2025: {unit: shares m, value: 500, source: {estimate: "Shares at the year end"}}
    model:
      kind: lines
      currency: EUR m
      blocks:
        cash: {type: net_cash, start: debt_2025, inflow: ebit, dividends: dividends, rate: rate}
        count: {type: share_count, shares: shares_2025}
      lines:
        ebit: {value: ebit_2025, role: ebit}
        earnings: {value: "ebit + interest", role: earnings}
        dividends: {value: "payout * earnings", role: dividends}
      valuation:
        legs:
          ddm: {weight: 1, discount_rate: ke, terminal_growth: g BRIDGE}
    """
)


def _simulate(tmp_path: Path, bridge: str) -> list[str]:
    path = tmp_path / "levered.yaml"
    path.write_text(THESIS.replace(" BRIDGE", bridge), encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model.simulate(model.load_thesis(path), n_paths=1000, seed=1)
    return [str(w.message) for w in caught if issubclass(w.category, ThesisModelWarning)]


def test_dividends_bearing_interest_on_the_bridged_debt_are_warned(tmp_path: Path) -> None:
    # A dividend discount adds no balance unless named: name it, as a thesis may.
    messages = [m for m in _simulate(tmp_path, ", net_cash: net_cash") if "counts twice" in m]
    assert len(messages) == 1
    (message,) = messages
    assert "levered.yaml:" in message
    assert "legs.ddm.net_cash" in message
    assert "dividends -> earnings -> interest -> net_cash" in message


@pytest.mark.parametrize("bridge", ["", ", net_cash: 0"])
def test_no_warning_when_the_leg_does_not_add_the_balance(tmp_path: Path, bridge: str) -> None:
    assert not [m for m in _simulate(tmp_path, bridge) if "counts twice" in m]
