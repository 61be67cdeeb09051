"""Paths on which no leg implies a multiple (losses) are neither warned about nor flagged."""

from __future__ import annotations

import warnings

import numpy as np

from model.valuation.legs import check_consistency, value_leg


def test_consistency_is_quiet_and_unflagged_on_paths_without_a_multiple():
    # Path 0 earns 10 a year, path 1 loses 5: its implied P/E is undefined for every leg.
    e = np.array([[10.0] * 4, [-5.0] * 4])
    legs = {
        "pe": value_leg("pe", earnings=e, multiple_now=12.0),
        "dcf": value_leg("dcf_fcff", fcff=e, wacc=1 / 12.0, terminal_growth=0.0),
    }
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        check = check_consistency(legs, {"earnings": e}, tolerance=0.1, multiples=("pe",))
    assert not check.flagged
    # The loss path cannot disagree: it is not counted as flagged.
    assert check.share_flagged["pe"] == 0.0


def test_a_leg_valuing_the_operations_below_zero_is_named_not_called_infinitely_apart():
    # Earnings are positive but the DCF discounts cash burn: its implied P/E is negative, so
    # the two legs have no ratio; the message says which leg and why, not "inf% apart".
    e = np.full((3, 4), 10.0)
    legs = {
        "pe": value_leg("pe", earnings=e, multiple_now=12.0),
        "dcf": value_leg("dcf_fcff", fcff=-e, wacc=0.1, terminal_growth=0.0),
    }
    check = check_consistency(legs, {"earnings": e}, tolerance=0.25, multiples=("pe",))
    assert check.flagged
    (line,) = check.messages()
    assert "inf" not in line and "inf" not in repr(check)
    assert "dcf values the operations at or below zero" in line
    assert "pe 12.0x" in line
