"""The legs' implied exit P/E divides the value of the operations by their earnings.

A P/E leg values earnings that exclude a stake's profit at 12x and adds the stake (worth 0.75x
those earnings) through its bridge. The implied P/E took the stake off only when it was the line
of role ``investments``: a stake named as an assumption or another line stayed in the equity
and the leg was printed at 12.75x, not the 12x it was given.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import model
from model.valuation.legs.consistency import leg_consistency

HOLDING = """\
format: 1
thesis:
  name: "A holding with a listed stake"
  company: Example Holding plc
  as_of: 2025-12-31
  currency: GBP
  horizon: {first: 2025, last: 2029}
  price: {value: 10.0, unit: GBP/share, source: {estimate: "An illustrative share price"}}
assumptions:
  earnings_2025: {unit: GBP m, value: 100, source: {estimate: "Operating earnings, ex the stake"}}
  ebitda_2025: {unit: GBP m, value: 180, source: {estimate: "EBITDA of the core business"}}
  stake: {unit: GBP m, value: 75, source: {estimate: "The listed stake at its market price"}}
  shares_2025: {unit: shares m, value: 100, source: {estimate: "Shares outstanding at year end"}}
  evx: {unit: x, dist: normal, ci90: [6, 8], source: {estimate: "Where peers trade today"}}
model:
  kind: lines
  currency: GBP m
  blocks:
    count: {type: share_count, shares: shares_2025}
  lines:
    earnings: {value: earnings_2025, role: earnings}
    ebitda: {value: ebitda_2025, role: ebitda}
    STAKE_LINE
  valuation:
    legs:
      pe: {weight: 0.5, multiple: 12, STAKE}
      ev_ebitda: {weight: 0.5, multiple: evx, STAKE}
"""

CASES = {
    # the stake as an assumption, as a plain line, and as the line of role investments
    "assumption": ("", "investments: stake"),
    "line": ("stake_value: {value: stake}", "investments: stake_value"),
    "role": ("stake_value: {value: stake, role: investments}", "investments: stake_value"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_pe_leg_implies_the_multiple_it_was_given(tmp_path: Path, case: str):
    line, stake = CASES[case]
    path = tmp_path / "holding.yaml"
    path.write_text(HOLDING.replace("STAKE_LINE", line).replace("STAKE", stake), "utf-8")
    result = model.simulate(model.load_thesis(path), n_paths=500, seed=4)
    check = leg_consistency(result)
    assert check is not None
    # Hand-check: the P/E leg is 12 x 100 + 75; less the stake, over 100: 12.0x (not 12.75x).
    assert check.multiples.loc["pe", "pe"] == pytest.approx(12.0)
    # EV/EBITDA at evx: (evx x 180 + 75 - 75) / 100, whose median is 7 x 1.8 = 12.6x.
    evx = result.inputs["evx"]
    assert check.multiples.loc["ev_ebitda", "pe"] == pytest.approx(1.8 * float(np.median(evx)))
    assert check.multiples.loc["ev_ebitda", "ev_ebitda"] == pytest.approx(float(np.median(evx)))


@pytest.mark.parametrize(
    ("line", "cash"),
    [("", "net_cash: stake"), ("cash_pile: {value: stake}", "net_cash: cash_pile")],
    ids=["assumption", "line"],
)
def test_a_net_cash_the_legs_name_themselves_is_taken_off_too(tmp_path: Path, line, cash):
    # The same 75 as a net cash each leg adds (an assumption, or a line without the role):
    # the P/E leg implies its own 12x, EV/EBITDA its 7 x 1.8 = 12.6x (were 12.75x and 13.35x).
    path = tmp_path / "holding.yaml"
    path.write_text(HOLDING.replace("STAKE_LINE", line).replace("STAKE", cash), "utf-8")
    result = model.simulate(model.load_thesis(path), n_paths=500, seed=4)
    check = leg_consistency(result)
    assert check is not None
    assert check.multiples.loc["pe", "pe"] == pytest.approx(12.0)
    evx = float(np.median(result.inputs["evx"]))
    assert check.multiples.loc["ev_ebitda", "pe"] == pytest.approx(1.8 * evx)
    assert check.multiples.loc["ev_ebitda", "ev_ebitda"] == pytest.approx(evx)
