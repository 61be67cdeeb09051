"""A sum of the parts may hold a part negative by design (holding costs at a multiple).

Such a part is in the sum; it flags no path. A part that turns against its year-0 sign (a
profitable segment falling into losses) and a sum below nothing are flagged, path by path.
"""

from __future__ import annotations

import numpy as np

from model.valuation.legs import value_leg

SECTION = """\
kind: lines
currency: USD bn
blocks:
  count: {type: share_count, shares: shares0}
lines:
  cloud: {value: "cloud[t-1] * (1 + growth)", start: cloud0, role: segment_revenue, group: cloud}
  holding: {value: holding_costs, label: "Holding costs"}
valuation:
  cost_of_equity: ke
  legs:
    parts: {type: sotp, weight: 1, parts: {cloud: ev_sales, holding: cost_multiple}, net_cash: 0}
"""
NUMBERS = [
    ("cloud0", "USD bn", 20.0),
    ("growth", "%", 0.10),
    ("holding_costs", "USD bn", -1.5),
    ("ev_sales", "x", 4.0),
    ("cost_multiple", "x", 8.0),
    ("ke", "%", 0.10),
    ("shares0", "shares bn", 2.0),
]


def test_holding_costs_at_a_multiple_are_in_the_sum_and_flag_no_path(write_thesis, central):
    out = central(write_thesis(NUMBERS, SECTION))
    cloud = 20.0 * 1.10 ** np.arange(3)
    np.testing.assert_allclose(out["value_parts"][0], 4.0 * cloud + 8.0 * -1.5, rtol=1e-12)
    assert not out["_invalid_invalid_parts"].any()


def test_a_part_turning_to_losses_and_a_sum_below_nothing_are_flagged():
    grows = np.array([[10.0, 12.0, 14.0]] * 4)
    costs = np.array([[-2.0, -2.0, -2.0]] * 4)
    grows[1, 2] = -1.0  # a profitable segment turns to a loss in the last year
    costs[2, 1] = 0.5  # a cost line turns to a profit
    grows[3] = [1.0, 1.0, 1.0]  # the costs outweigh the business: the sum is below zero
    leg = value_leg("sotp", metrics=[grows, costs], multiples=[5.0, 8.0], net_cash=3.0)
    np.testing.assert_allclose(leg.equity, 5.0 * grows + 8.0 * costs + 3.0, rtol=1e-12)
    assert leg.invalid.tolist() == [False, True, True, True]
