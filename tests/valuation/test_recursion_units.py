"""Lines of a recursion take their unit from their expression once what they read has one."""

from __future__ import annotations

import numpy as np
import pytest

from model.errors import ThesisError
from model.valuation.lines import LineModel

YEARS = (2025, 2026, 2027, 2028)
UNITS = {"debt0": "USD bn", "ebit": "USD m", "rate": "%", "tax": "%", "payout": "%"}


def _levered(declared: bool) -> LineModel:
    """Net debt pays interest, earnings bear it, a payout of them leaves the company."""
    unit = {"unit": "USD bn"} if declared else {}
    lines = {
        "interest": {"value": "rate * cash[t-1]", "start": "0", **unit},
        "earnings": {"value": "(ebit + interest) * (1 - tax)", **unit},
        "dividends": {"value": "max(payout * earnings, 0)", **unit},
        "cash": {"value": "cash[t-1] + earnings - dividends", "start": "debt0"},
    }
    section = {"kind": "lines", "currency": "USD bn", "lines": lines}
    return LineModel.from_config(section, price=10.0, years=YEARS, units=UNITS)


def test_units_of_a_recursion_are_inferred_and_the_roll_is_exact() -> None:
    inputs = {
        "debt0": np.array([-20.0, -5.0]),
        "ebit": np.array([3000.0, 800.0]),
        "rate": np.array([0.04, 0.03]),
        "tax": np.array([0.25, 0.25]),
        "payout": np.array([0.6, 0.5]),
    }
    inferred = _levered(declared=False)
    assert inferred.output_units["earnings"] == "USD bn"
    assert inferred.output_units["interest"] == "USD bn"
    out = inferred(inputs)
    # By hand: the opening balance earns (pays) the rate, earnings bear it, the payout leaves.
    for i in range(2):
        cash = inputs["debt0"][i]
        for t in range(1, len(YEARS)):
            interest = inputs["rate"][i] * cash
            earnings = (inputs["ebit"][i] / 1000.0 + interest) * (1 - inputs["tax"][i])
            cash = cash + earnings * (1 - inputs["payout"][i])
            assert out["interest"][i, t] == pytest.approx(interest, rel=1e-12)
            assert out["cash"][i, t] == pytest.approx(cash, rel=1e-12)
    declared = _levered(declared=True)(inputs)
    for name in ("interest", "earnings", "dividends", "cash"):
        np.testing.assert_allclose(out[name], declared[name], rtol=1e-12)


def test_a_line_reading_only_itself_still_needs_a_unit() -> None:
    section = {"kind": "lines", "currency": "USD bn", "lines": {"a": "a[t-1] + ebit"}}
    with pytest.raises(ThesisError, match="declare its unit"):
        LineModel.from_config(section, price=10.0, years=YEARS, units=UNITS)
