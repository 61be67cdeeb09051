"""The expected return a year is the expected total return annualised, not the mean of the
paths' annual returns.

A binary outcome shows the difference: a drug developer whose one trial either succeeds (the
share worth ``U`` times the price in ``T`` years) or fails (worth almost nothing). The paths'
annual returns average a heavy loss a year while the expected total return is a gain; an
analyst signs ``(1 + E[R_T]) ** (1 / T) - 1``, the rate that compounds to the expected
outcome.
"""

from __future__ import annotations

import math
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from model.results.results import SimulationResult
from model.valuation.returns import annualised_expected_return, annualised_expected_return_se

YEARS = tuple(range(2025, 2035))  # nine years ahead at the exit
T = len(YEARS) - 1
PRICE = 10.0
P_SUCCESS, UP, DOWN = 0.2, 6.95, 0.001
N = 20_000


def _binary(seed: int) -> SimulationResult:
    rng = np.random.default_rng(seed)
    success = rng.random(N) < P_SUCCESS
    exit_multiple = np.where(success, UP, DOWN)
    # Value per share: the price in year 0, the outcome's multiple at the horizon.
    t = np.arange(len(YEARS)) / T
    value = PRICE * exit_multiple[:, None] ** t[None, :]
    thesis = SimpleNamespace(
        name="Binary", path="binary.yaml", file_hash="0", scorecard={}, weights={},
        ledger=lambda: pd.DataFrame({"name": [], "value": [], "source": []}),
    )  # fmt: skip
    return SimulationResult(
        thesis=thesis, scenario="base", scenario_label="Base", years=YEARS,
        outputs={"value_per_share": value}, inputs={}, units={"value_per_share": "USD/share"},
        price=PRICE, currency="USD", seed_entropy=seed,
    )  # fmt: skip


def test_expected_return_annualises_the_mean_total_return():
    result = _binary(7)
    row = result.returns_table().loc[YEARS[-1]]
    mean_total = P_SUCCESS * UP + (1 - P_SUCCESS) * DOWN - 1.0  # +39% over nine years
    exact = (1.0 + mean_total) ** (1.0 / T) - 1.0  # +3.7% a year
    # The Monte Carlo error of the mean total return, mapped by the delta method.
    sd_total = math.sqrt(P_SUCCESS * (1 - P_SUCCESS)) * (UP - DOWN)
    se = sd_total / math.sqrt(N) * (1.0 + mean_total) ** (1.0 / T - 1.0) / T
    assert row["expected_return_se"] == pytest.approx(se, rel=0.05)
    assert abs(row["expected_return"] - exact) < 4 * se
    assert result.expected_return() == pytest.approx(row["expected_return"], rel=1e-12)
    # The mean of the paths' annual returns reads a loss of about 38% a year: not this figure.
    mean_of_annual = P_SUCCESS * (UP ** (1 / T) - 1) + (1 - P_SUCCESS) * (DOWN ** (1 / T) - 1)
    assert mean_of_annual < -0.3
    assert row["expected_return"] > 0.0


def test_quantiles_of_the_annual_return_are_those_of_the_total_return():
    row = _binary(8).returns_table().loc[YEARS[-1]]
    # Most paths fail: the median path's annual return is the failure's.
    assert row["return_p50"] == pytest.approx(DOWN ** (1 / T) - 1, rel=1e-9)


def test_under_a_year_the_expected_return_is_not_annualised():
    assert annualised_expected_return(0.05, 0.5) == 0.05
    assert annualised_expected_return_se(0.05, 0.01, 0.5) == 0.01
    assert annualised_expected_return(0.21, 2.0) == pytest.approx(0.1, rel=1e-12)
    # d/dm (1 + m) ** (1 / 2) = 1 / (2 * 1.1) at m = 0.21.
    assert annualised_expected_return_se(0.21, 0.01, 2.0) == pytest.approx(0.01 / 2.2, rel=1e-12)


def test_the_notebook_tables_say_which_mean_they_show():
    from model.results.display.views import returns_html

    html = returns_html(_binary(9).returns())
    assert "return/yr mean (the mean total return annualised)" in html
