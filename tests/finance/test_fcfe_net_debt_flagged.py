"""Flows to equity already bear the service of debt: a net debt bridged onto them is flagged.

The FCFE leg's value is the Gordon value of the flows plus the balance given; where that
balance is below zero the debt is subtracted a second time, and the path says so.
"""

from __future__ import annotations

import numpy as np

from model.valuation.legs import value_leg


def test_a_net_debt_added_to_flows_to_equity_flags_its_paths() -> None:
    fcfe = np.full((3, 4), 6.0)
    balance = np.array([[5.0] * 4, [-20.0] * 4, [5.0, 5.0, -1.0, 5.0]])
    leg = value_leg(
        "dcf_fcfe", fcfe=fcfe, cost_of_equity=0.1, terminal_growth=0.0, net_cash=balance
    )
    # Flat flows of 6 at 10 %: 60 at every year end, plus the balance.
    np.testing.assert_allclose(leg.equity, 60.0 + balance, rtol=1e-12)
    assert leg.invalid.tolist() == [False, True, True]


def test_gross_cash_or_none_flags_nothing() -> None:
    fcfe = np.full((2, 4), 6.0)
    for cash in (0.0, np.array([[0.0] * 4, [30.0] * 4])):
        leg = value_leg(
            "dcf_fcfe", fcfe=fcfe, cost_of_equity=0.1, terminal_growth=0.0, net_cash=cash
        )
        assert not leg.invalid.any()


def test_an_opening_net_debt_is_flagged_too() -> None:
    fcfe = np.full((2, 4), 6.0)
    leg = value_leg(
        "dcf_fcfe", fcfe=fcfe, cost_of_equity=0.1, terminal_growth=0.0,
        net_cash=0.0, net_cash_today=np.array([10.0, -10.0]),
    )  # fmt: skip
    assert leg.invalid.tolist() == [False, True]
