"""A net-cash block whose interest the earnings bear, and whose dividends come from them."""

from __future__ import annotations

import numpy as np
import pytest

from model.errors import ThesisError
from model.valuation.lines import LineModel

YEARS = (2025, 2026, 2027, 2028, 2029)
UNITS = {"debt0": "USD bn", "ebit": "USD m", "rate": "%", "tax": "%", "payout": "%"}
INPUTS = {
    "debt0": np.array([-20.0, 5.0]),
    "ebit": np.array([3000.0, 800.0]),
    "rate": np.array([0.04, 0.03]),
    "tax": np.array([0.25, 0.2]),
    "payout": np.array([0.6, 0.5]),
}


def _model(extra: dict | None = None) -> LineModel:
    block = {
        "type": "net_cash",
        "start": "debt0",
        "inflow": "ebit * (1 - tax)",  # operating cash; the block adds the interest
        "dividends": "dividends",
        "rate": "rate",
        **(extra or {}),
    }
    lines = {
        "earnings": "(ebit + interest) * (1 - tax)",
        "dividends": "max(payout * earnings, 0)",
    }
    section = {"kind": "lines", "currency": "USD bn", "blocks": {"cash": block}, "lines": lines}
    return LineModel.from_config(section, price=10.0, years=YEARS, units=UNITS)


def test_interest_read_by_earnings_is_no_circular_reference() -> None:
    out = _model()(INPUTS)
    for i in range(2):
        cash = INPUTS["debt0"][i]
        # Year 0: on the year-0 balance (its opening is not given), not none.
        assert out["interest"][i, 0] == pytest.approx(INPUTS["rate"][i] * cash, rel=1e-12)
        assert out["net_cash"][i, 0] == cash
        for t in range(1, len(YEARS)):
            interest = INPUTS["rate"][i] * cash
            earnings = (INPUTS["ebit"][i] / 1000.0 + interest) * (1 - INPUTS["tax"][i])
            dividends = max(INPUTS["payout"][i] * earnings, 0.0)
            operating = INPUTS["ebit"][i] / 1000.0 * (1 - INPUTS["tax"][i])
            cash = cash + interest + operating - dividends
            assert out["interest"][i, t] == pytest.approx(interest, rel=1e-12)
            assert out["earnings"][i, t] == pytest.approx(earnings, rel=1e-12)
            assert out["net_cash"][i, t] == pytest.approx(cash, rel=1e-12)


def test_year0_earnings_bear_the_interest_of_the_year0_balance() -> None:
    # A company with net debt: year 0's earnings carry the same interest cost as the years
    # after (a dividend that dips in year 1 for no reason otherwise), whether other lines read
    # the interest (a line of its own) or only the roll does (inside the block); the year-0
    # balance is the start either way.
    for lines in ({"earnings": "(ebit + interest) * (1 - tax)"}, {"earnings": "ebit * 1"}):
        block = {"type": "net_cash", "start": "debt0", "inflow": "ebit * (1 - tax)", "rate": "rate"}
        section = {"kind": "lines", "currency": "USD bn", "blocks": {"cash": block}, "lines": lines}
        out = LineModel.from_config(section, price=10.0, years=YEARS, units=UNITS)(INPUTS)
        np.testing.assert_allclose(out["interest"][:, 0], INPUTS["rate"] * INPUTS["debt0"])
        np.testing.assert_allclose(out["net_cash"][:, 0], INPUTS["debt0"])
        np.testing.assert_allclose(
            out["interest"][:, 1], INPUTS["rate"] * out["net_cash"][:, 0], rtol=1e-12
        )


def test_rate_and_interest_together_are_refused() -> None:
    with pytest.raises(ThesisError, match="not both"):
        _model({"interest": "ebit * 0"})
