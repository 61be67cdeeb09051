"""Labels made from names keep the usual finance acronyms upper-cased, for any company."""

from __future__ import annotations

import pytest

from model.valuation.roles import humanize


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("dps", "DPS"),
        ("wacc", "WACC"),
        ("roe_target", "ROE target"),
        ("arpu_growth", "ARPU growth"),
        ("rcv_2026", "RCV 2026"),
        ("uk_revenue", "UK revenue"),
        ("ebit_cloud", "EBIT cloud"),
        ("dividends", "Dividends"),
        ("nopat", "NOPAT"),
    ],
)
def test_acronyms(name: str, label: str) -> None:
    # A utility's dividend per share line read "Dps" in every table and chart.
    assert humanize(name) == label
