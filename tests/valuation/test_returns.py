"""Return measures and the probability-weighted scenario view."""

from __future__ import annotations

import math

import numpy as np
import pytest

from model.errors import ParameterError
from model.valuation.returns import (
    annualised_return,
    expected_return,
    expected_shortfall,
    prob_loss_worse_than,
    prob_upside,
    scenario_view,
    total_return,
)


def test_annualised_return_per_year_with_year_zero_zero() -> None:
    v = np.array([[120.0, 110.0, 121.0, 0.0]])
    r = annualised_return(v, 100.0)
    np.testing.assert_allclose(r[0], [0.0, 0.10, 0.10, -1.0])
    np.testing.assert_allclose(total_return(v, 100.0)[0], [0.2, 0.1, 0.21, -1.0])
    assert np.all(np.isfinite(r))


def test_annualised_return_rejects_negative_values_and_bad_price() -> None:
    with pytest.raises(ParameterError):
        annualised_return(np.array([[1.0, -1.0]]), 100.0)
    with pytest.raises(ParameterError):
        total_return(np.ones((1, 2)), 0.0)


def test_probabilities_and_mean() -> None:
    r = np.array([-0.5, -0.31, -0.3, 0.0, 0.2, 0.4])
    assert expected_return(r) == pytest.approx(r.mean())
    assert prob_upside(r) == pytest.approx(2 / 6)
    assert prob_loss_worse_than(r, 0.30) == pytest.approx(2 / 6)
    w = np.array([1, 1, 1, 1, 1, 5.0])
    assert expected_return(r, w) == pytest.approx(np.dot(r, w) / w.sum())
    assert prob_upside(r, w) == pytest.approx(6 / 10)


def test_unweighted_probabilities_are_exact_fractions_of_paths() -> None:
    # 17,090 of 20,000 paths: a sum of 20,000 weights of 1/20,000 would give 0.8545000000000003
    r = np.where(np.arange(20_000) < 17_090, 0.1, -0.5)
    assert prob_upside(r) == 17_090 / 20_000 == 0.8545
    assert prob_loss_worse_than(r, 0.30) == 2_910 / 20_000
    assert repr(prob_upside(r)) == "0.8545"


def test_expected_shortfall_is_the_mean_of_the_worst_tail() -> None:
    r = np.arange(100.0)  # worst 5 % = 0..4
    assert expected_shortfall(r, 0.05) == pytest.approx(2.0)
    # a boundary path counts with the part of its weight inside the tail
    assert expected_shortfall(np.array([0.0, 10.0]), 0.75) == pytest.approx(
        (0.5 * 0 + 0.25 * 10) / 0.75
    )
    with pytest.raises(ParameterError):
        expected_shortfall(r, 0.0)


def test_scenario_view_reward_to_risk() -> None:
    view = scenario_view(
        {"bull": 200.0, "base": 150.0, "bear": 80.0},
        {"bull": 0.25, "base": 0.5, "bear": 0.25},
        125.0,
    )
    assert view.expected_value == pytest.approx(0.25 * 200 + 0.5 * 150 + 0.25 * 80)
    assert view.expected_return == pytest.approx(view.expected_value / 125 - 1)
    assert view.upside == pytest.approx((0.25 * 75 + 0.5 * 25) / 125)
    assert view.downside == pytest.approx(0.25 * 45 / 125)
    assert view.reward_to_risk == pytest.approx((0.25 * 75 + 0.5 * 25) / (0.25 * 45))


def test_scenario_view_edge_cases_and_validation() -> None:
    assert scenario_view({"a": 2.0}, {"a": 1.0}, 1.0).reward_to_risk == math.inf
    assert math.isnan(scenario_view({"a": 1.0}, {"a": 1.0}, 1.0).reward_to_risk)
    with pytest.raises(ParameterError):
        scenario_view({"a": 1.0, "b": 2.0}, {"a": 0.5, "b": 0.6}, 1.0)
    with pytest.raises(ParameterError):
        scenario_view({"a": 1.0}, {"b": 1.0}, 1.0)
