"""The finance legs inside a line model: one bridge through the role net_cash, legs that agree."""

from __future__ import annotations

import numpy as np

from model.valuation.lines import LineModel
from model.valuation.lines.legs import LEGS

YEARS = (2025, 2026, 2027, 2028)
UNITS = {"e0": "USD bn", "nc0": "USD bn", "n0": "shares bn", "k": "1", "r": "%", "w": "share"}


def _model(legs):
    section = {
        "kind": "lines",
        "currency": "USD bn",
        "lines": {
            "earnings": {"value": "e0", "role": "earnings"},
            "ebitda": {"value": "1.5 * earnings", "role": "ebitda"},
            "fcf": {"value": "earnings", "role": "fcff"},
            "cash": {"value": "nc0", "role": "net_cash"},
            "shares": {"value": "n0", "role": "shares"},
        },
        "valuation": {"legs": legs},
    }
    return LineModel.from_config(section, price=10.0, years=YEARS, units=UNITS)


def test_the_registry_holds_the_finance_legs_and_the_first_ones():
    for word in ("pe", "sotp", "dcf", "dcf_fcff", "dcf_fcfe", "ddm", "ev_ebitda", "ev_sales"):
        assert word in LEGS
    for word in ("pe_v1", "sotp_v1", "dcf_v1"):
        assert word in LEGS


def test_legs_in_a_line_model_add_net_cash_once_and_agree():
    pe = 12.0  # = EV/EBITDA 8 x EBITDA / earnings 1.5
    m = _model(
        {
            "pe": {"weight": "w", "multiple": "12"},
            "ev_ebitda": {"weight": "w", "multiple": "8"},
            "dcf": {"weight": "1 - 2 * w", "discount_rate": "r", "terminal_growth": "0"},
        }
    )
    out = m({"e0": 10.0, "nc0": 30.0, "n0": 2.0, "w": 0.25, "r": 1 / pe})
    for leg in ("pe", "ev_ebitda", "dcf"):
        np.testing.assert_allclose(out[f"value_{leg}"], pe * 10.0 + 30.0, rtol=1e-12)
    np.testing.assert_allclose(out["equity_value"], 150.0, rtol=1e-12)
    np.testing.assert_allclose(out["value_per_share"], 75.0, rtol=1e-12)
    np.testing.assert_allclose(out["exit_pe"], 12.0)


def test_a_first_leg_keeps_its_old_equations():
    m = _model({"pe": {"type": "pe_v1", "weight": "1", "multiple": "12"}})
    out = m({"e0": 10.0, "nc0": 30.0, "n0": 2.0})
    np.testing.assert_allclose(out["value_pe"], 120.0)  # no net cash in the first P/E leg
