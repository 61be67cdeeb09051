"""The workbook shows the holding period in years with its fraction, not rounded to whole years.

``years_ahead`` counts real days (ACT/365F): 30 September 2025 to 31 December 2030 is 5.25
years, which the workbook's whole-number format showed as "5".
"""

from __future__ import annotations

import pytest

openpyxl = pytest.importorskip("openpyxl")

from model.results.formats import excel as xl  # noqa: E402


def test_years_ahead_keeps_two_decimals():
    assert xl.number_format("years_ahead") == xl.YEARS
    assert xl.YEARS == "0.00"
    # years and ranks are whole numbers
    assert xl.number_format("year") == xl.PLAIN_INTEGER
    assert xl.number_format("rank") == xl.PLAIN_INTEGER
