"""A result's legs checked against each other: implied exit P/E per leg, flagged."""

from __future__ import annotations

from pathlib import Path

import pytest

import model
from model.valuation.legs.consistency import leg_consistency

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def result():
    return model.simulate(ROOT / "assumptions" / "alibaba.yaml", n_paths=500, seed=3)


def test_alibaba_legs_are_compared_and_flagged(result):
    check = leg_consistency(result)
    assert check is not None and set(check.multiples.index) == {"pe", "dcf", "sotp"}
    pe = check.multiples["pe"]
    assert check.spread["pe"] == pytest.approx(pe.max() / pe.min() - 1)
    assert check.flagged == (check.spread["pe"] > 0.25)
    assert not leg_consistency(result, tolerance=10.0).flagged


NET_DEBT_THESIS = """
format: 1
thesis:
  name: "A levered company on a P/E of its operating earnings"
  company: Example Levered AG
  as_of: 2025-12-31
  currency: EUR
  horizon: {first: 2025, last: 2028}
  price: {value: 30.0, unit: EUR/share, source: {estimate: "An illustrative share price"}}
assumptions:
  sales_2025: {unit: EUR m, value: 1000, source: {estimate: "Sales this year, illustrative"}}
  margin: {unit: "%", value: 0.2, source: {estimate: "A steady operating margin"}}
  debt: {unit: EUR m, value: -800, source: {estimate: "Net debt at the year end"}}
  rate: {unit: "%", value: 0.03, source: {estimate: "After-tax cost of the debt"}}
  shares_2025: {unit: shares m, value: 100, source: {estimate: "Shares at the year end"}}
  pe_exit: {unit: x, value: 18, source: {estimate: "Where peers trade on operating earnings"}}
  wacc: {unit: "%", value: 0.08, source: {estimate: "A cost of capital for the sector"}}
  g: {unit: "%", value: 0.02, source: {estimate: "Long-run nominal growth"}}
model:
  kind: lines
  currency: EUR m
  blocks:
    count: {type: share_count, shares: shares_2025}
    cash: {type: net_cash, start: debt, inflow: operating, rate: rate}
  lines:
    sales: {value: "sales_2025 * 1.03 ** t", role: revenue}
    operating: {value: sales * margin}
    earnings: {value: operating + interest, role: earnings}
    fcf: {value: operating * 1, role: fcff}
  valuation:
    cost_of_equity: wacc
    legs:
      pe: {weight: 0.5, multiple: pe_exit, earnings: operating}
      dcf: {weight: 0.5, discount_rate: wacc, terminal_growth: g}
"""


def test_a_pe_leg_on_its_own_earnings_implies_the_multiple_it_was_given(tmp_path):
    # The role earnings bear the interest on the net debt; the P/E leg capitalises the
    # operating earnings and subtracts the debt. Its implied exit P/E is the 18x it was given
    # (not the operating value over earnings after interest), and the DCF's is measured on the
    # same earnings.
    path = tmp_path / "levered.yaml"
    path.write_text(NET_DEBT_THESIS, encoding="utf-8")
    result = model.simulate(model.load_thesis(path), n_paths=1_000, seed=1)
    check = leg_consistency(result)
    assert check is not None
    assert check.multiples.loc["pe", "pe"] == pytest.approx(18.0, rel=1e-12)
    out = result.outputs
    dcf = (out["value_dcf"][:, -1] - out["net_cash"][:, -1]) / out["operating"][:, -1]
    assert check.multiples.loc["dcf", "pe"] == pytest.approx(float(dcf[0]), rel=1e-12)
