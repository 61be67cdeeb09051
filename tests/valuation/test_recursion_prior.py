"""A recursion's lines read ``name[t-1]`` in year 0 from a written ``prior:``, in any order."""

from __future__ import annotations

import numpy as np
import pytest

from model.valuation.lines import LineModel

YEARS = (2026, 2027, 2028)
UNITS = {"debt0": "JPY bn", "ebit": "JPY bn", "rate": "%", "tax": "%"}


def test_interest_on_last_years_balance_reads_the_balance_prior_in_year_0() -> None:
    # The balance closes each year from the flows of that year; last year's close is given as
    # the balance's prior. Interest, computed before the balance in each year, reads it.
    lines = {
        "interest": {"value": "rate * cash[t-1]", "unit": "JPY bn"},
        "earnings": "(ebit + interest) * (1 - tax)",
        "cash": {"value": "cash[t-1] + earnings", "prior": "-debt0", "unit": "JPY bn"},
    }
    section = {"kind": "lines", "currency": "JPY bn", "lines": lines}
    built = LineModel.from_config(section, price=1000.0, years=YEARS, units=UNITS)
    inputs = {
        "debt0": np.array([450.0, 100.0]),
        "ebit": np.array([220.0, 10.0]),
        "rate": np.array([0.015, 0.05]),
        "tax": np.array([0.31, 0.3]),
    }
    out = built(inputs)
    for i in range(2):
        cash = -inputs["debt0"][i]
        for t in range(len(YEARS)):
            interest = inputs["rate"][i] * cash
            cash += (inputs["ebit"][i] + interest) * (1 - inputs["tax"][i])
            assert out["interest"][i, t] == pytest.approx(interest, rel=1e-12)
            assert out["cash"][i, t] == pytest.approx(cash, rel=1e-12)


def test_a_prior_with_a_unit_gives_the_recursion_its_unit() -> None:
    # As a start value does: last year's balance is in the balance's unit.
    lines = {
        "interest": "rate * cash[t-1]",
        "earnings": "(ebit + interest) * (1 - tax)",
        "cash": {"value": "cash[t-1] + earnings", "prior": "-debt0"},
    }
    section = {"kind": "lines", "currency": "JPY bn", "lines": lines}
    built = LineModel.from_config(section, price=1000.0, years=YEARS, units=UNITS)
    assert built.output_units["cash"] == "JPY bn"
    assert built.output_units["interest"] == "JPY bn"
    inputs = {"debt0": 450.0, "ebit": 220.0, "rate": 0.015, "tax": 0.31}
    out = built({k: np.array([v]) for k, v in inputs.items()})
    assert out["cash"][0, 0] == pytest.approx(-450 + (220 - 6.75) * 0.69, rel=1e-12)
