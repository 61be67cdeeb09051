"""Shared fixtures: the two-segment model of :mod:`segment_data`."""

from __future__ import annotations

import copy

import pytest
from segment_data import PRICE, SECTION

from model.valuation import SegmentModel


@pytest.fixture
def section() -> dict:
    return copy.deepcopy(SECTION)


@pytest.fixture
def model() -> SegmentModel:
    return SegmentModel.from_config(
        SECTION, price=PRICE, years=tuple(range(2025, 2031)), price_unit="HKD/share"
    )
