"""A small two-segment model wired like the Alibaba thesis, on plain arrays.

Kept out of ``conftest.py`` so that test modules import it by a name no other test folder uses
(several folders have a ``conftest``).
"""

from __future__ import annotations

import numpy as np

#: The ``model:`` section used by most tests (names equal to roles for readability).
SECTION = {
    "kind": "segments",
    "currency": "USD bn",
    "segments": {
        "ai_cloud": {
            "label": "AI cloud",
            "market": "ai_market",
            "market_growth": "ai_growth",
            "players": {"alibaba": "ai_share_alibaba", "bytedance": "ai_share_bytedance"},
            "company": "alibaba",
            "share_drift": {"alibaba": "ai_drift_alibaba"},
            "margin_start": "ai_margin",
            "margin_target": "ai_margin_target",
            "margin_years": "margin_years",
        },
        "cloud": {
            "market": "cloud_market",
            "market_growth": "cloud_growth",
            "net_of": "ai_cloud",
            "players": {"alibaba": "cloud_share_alibaba", "huawei": "cloud_share_huawei"},
            "company": "alibaba",
            "other_revenue": "intl_revenue",
            "other_revenue_growth": "intl_growth",
            "margin_start": "cloud_margin",
            "margin_target": "cloud_margin_target",
            "margin_years": "margin_years",
        },
    },
    "rest": {"earnings": "rest_earnings", "growth": "rest_growth"},
    "tax_rate": "tax_rate",
    "capex": "capex",
    "capex_years": "capex_years",
    "maintenance_capex": "maintenance_capex",
    "depreciation_life": "depreciation_life",
    "net_cash": "net_cash",
    "shares": "shares",
    "buyback": "buyback",
    "buyback_years": "buyback_years",
    "fx_to_price": "fx",
    "valuation": {
        "pe": {
            "multiple_now": "pe_now",
            "multiple_peer": "pe_peer",
            "rerating": "rerating",
            "rerating_fraction": "rerating_fraction",
        },
        "dcf": {"wacc": "wacc", "terminal_growth": "terminal_growth"},
        "sotp": {
            "cloud_multiple": "cloud_ev_sales",
            "rest_multiple": "rest_pe",
            "regulatory_discount": "reg_discount",
        },
        "weights": {"pe": "w_pe", "dcf": "w_dcf", "sotp": "w_sotp"},
    },
}

#: Central values (hand-picked round numbers, not the thesis' calibration).
CENTRAL = {
    "ai_market": 7.0,
    "ai_growth": 0.25,
    "ai_share_alibaba": 0.36,
    "ai_share_bytedance": 0.15,
    "ai_drift_alibaba": 0.0,
    "ai_margin": 0.10,
    "ai_margin_target": 0.20,
    "margin_years": 4.0,
    "cloud_market": 50.0,
    "cloud_growth": 0.15,
    "cloud_share_alibaba": 0.30,
    "cloud_share_huawei": 0.20,
    "intl_revenue": 2.0,
    "intl_growth": 0.10,
    "cloud_margin": 0.08,
    "cloud_margin_target": 0.15,
    "rest_earnings": 15.0,
    "rest_growth": 0.03,
    "tax_rate": 0.20,
    "capex": 16.0,
    "capex_years": 3.0,
    "maintenance_capex": 6.0,
    "depreciation_life": 6.0,
    "net_cash": 50.0,
    "shares": 19.0,
    "buyback": 19.1,
    "buyback_years": 1.5,
    "fx": 7.8,
    "pe_now": 23.5,
    "pe_peer": 32.1,
    "rerating": 0.0,
    "rerating_fraction": 0.5,
    "wacc": 0.10,
    "terminal_growth": 0.03,
    "cloud_ev_sales": 4.0,
    "rest_pe": 12.0,
    "reg_discount": 0.10,
    "w_pe": 0.4,
    "w_dcf": 0.3,
    "w_sotp": 0.3,
}

PRICE = 129.5
N_YEARS = 6


def central_inputs(n: int = 1, **overrides: float) -> dict[str, np.ndarray]:
    """Every input at its central value, shape (n,), with overrides."""
    values = {**CENTRAL, **overrides}
    return {k: np.full(n, float(v)) for k, v in values.items()}
