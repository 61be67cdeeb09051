"""Margins, capital spending, depreciation, earnings and free cash flow."""

from __future__ import annotations

import numpy as np
import pytest

from model.errors import ParameterError
from model.valuation.earnings import (
    capex_path,
    depreciation_path,
    free_cash_flow,
    group_earnings,
    margin_path,
)


def row(*values: float) -> np.ndarray:
    return np.array([values], dtype=float)


def full(value: float, t: int = 6) -> np.ndarray:
    return np.full((1, t), float(value))


def test_margin_glides_linearly_then_stays_flat() -> None:
    m = margin_path(full(0.10), full(0.20), full(4.0))
    np.testing.assert_allclose(m[0], [0.10, 0.125, 0.15, 0.175, 0.20, 0.20])


def test_margin_with_fractional_and_zero_years() -> None:
    np.testing.assert_allclose(
        margin_path(full(0.0, 3), full(1.0, 3), full(1.5, 3))[0], [0, 2 / 3, 1]
    )
    np.testing.assert_allclose(
        margin_path(full(0.1, 3), full(0.3, 3), full(0.0, 3))[0], [0.1, 0.3, 0.3]
    )


def test_capex_programme_then_maintenance_with_part_year() -> None:
    c = capex_path(full(16.0, 5), full(2.5, 5), full(4.0, 5))
    np.testing.assert_allclose(c[0], [16, 16, 0.5 * 16 + 0.5 * 4, 4, 4])


def test_depreciation_starts_the_year_after_spending() -> None:
    dep = depreciation_path(row(12.0, 0.0, 0.0, 0.0, 0.0, 0.0), full(3.0))
    np.testing.assert_allclose(dep[0], [0, 4, 4, 4, 0, 0])


def test_depreciation_stacks_vintages_and_handles_fractional_life() -> None:
    dep = depreciation_path(row(10.0, 10.0, 0.0, 0.0, 0.0), full(2.5, 5))
    # each vintage writes off 4, 4, 2 over the three years after it is spent
    np.testing.assert_allclose(dep[0], [0, 4, 8, 6, 2])
    assert dep.sum() == pytest.approx(20.0)


def test_depreciation_life_must_be_positive() -> None:
    with pytest.raises(ParameterError, match="depreciation"):
        depreciation_path(full(1.0), full(0.0))


def test_group_earnings_and_fcf() -> None:
    e = group_earnings(row(10.0, -5.0), row(0.25, 0.25), row(3.0, 3.0))
    np.testing.assert_allclose(e[0], [10.5, -0.75])  # a cloud loss gives a tax credit
    np.testing.assert_allclose(free_cash_flow(e, row(1.0, 2.0), row(4.0, 0.5))[0], [7.5, 0.75])


def test_more_capex_lowers_fcf_every_year_it_is_spent() -> None:
    def fcf(programme: float) -> np.ndarray:
        capex = capex_path(full(programme), full(3.0), full(2.0))
        dep = depreciation_path(capex, full(5.0))
        profit = full(20.0) - dep
        earnings = group_earnings(profit, full(0.2), full(5.0))
        return free_cash_flow(earnings, dep, capex)

    low, high = fcf(5.0), fcf(15.0)
    # spending years: lower by the full extra capex; later years: higher only by the tax shield
    np.testing.assert_allclose((low - high)[0, :3], [10.0, 10.0 - 0.2 * 2.0, 10.0 - 0.2 * 4.0])
    assert np.all(high[0, :3] < low[0, :3])
