"""A ``dcf_v1`` leg's ``value_<leg>_today`` is its equity value at the end of year 0, and says so.

The name is the first model's; the number is the leg's value at the end of year 0, not
discounted to the valuation date. With a March year end valued on 30 September, year 0 ends six
months after the valuation date, so a label "Value today" would mislead; the label names the
date it stands at, and the thesis' own today's value (``value_today``) is the one discounted.
"""

from __future__ import annotations

import numpy as np

import model

SECTION = """\
kind: lines
currency: EUR m
blocks:
  count: {type: share_count, shares: shares0}
  cashb: {type: net_cash, start: cash0, inflow: fcf}
lines:
  fcf: {value: "fcf[t-1] * (1 + growth)", start: fcf0, role: fcff}
valuation:
  legs:
    dcf_v1: {weight: 1, cash_flow: fcf, discount_rate: wacc, terminal_growth: g}
"""
NUMBERS = [
    ("fcf0", "EUR m", 100.0),
    ("growth", "%", 0.05),
    ("cash0", "EUR m", 50.0),
    ("shares0", "shares m", 10.0),
    ("wacc", "%", 0.10),
    ("g", "%", 0.02),
]


def test_the_first_dcfs_year_0_value_is_labelled_at_the_end_of_year_0(write_thesis) -> None:
    thesis = model.load_thesis(
        write_thesis(
            NUMBERS,
            SECTION,
            as_of="2025-09-30",
            fiscal_year_end="03-31",
            first=2026,
            last=2029,
            currency="EUR",
            price=20.0,
        )
    )
    built = model.valuation.build_model(thesis)
    label = built.roles["value_dcf_v1_today"].label
    assert "today" not in label.lower(), label
    assert "end of year 0" in label and "not discounted" in label, label
    out = model.central(thesis)
    # What it is: the leg's value at the end of year 0 (31 March 2026), by hand.
    df = 1.1 ** -np.arange(4)
    flows = 100.0 * 1.05 ** np.arange(4)
    terminal = flows[-1] * 1.02 / (0.10 - 0.02)
    at_year_0 = (flows[1:] * df[1:]).sum() + terminal * df[-1] + 50.0
    np.testing.assert_allclose(out["value_dcf_v1_today"], at_year_0, rtol=1e-12)
    np.testing.assert_allclose(np.ravel(out["value_dcf_v1"])[0], at_year_0, rtol=1e-12)
