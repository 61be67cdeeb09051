"""A probability from one path has no standard error to estimate: NaN (shown "n/a"), as the
summary's errors of a one-path run are, not "± 0.0%", which reads as a certainty."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

import model
from model import charts
from model.results import summary as stats

COPPER = Path(__file__).resolve().parents[2] / "assumptions" / "examples" / "copper-miner.yaml"


@pytest.fixture(scope="module")
def one():
    return model.simulate(model.load_thesis(COPPER), n_paths=1, seed=1)


def test_the_error_of_one_path_is_nan():
    assert math.isnan(stats.indicator_se(np.array([True])))
    assert stats.indicator_se(np.array([True, False])) == pytest.approx(0.5 / math.sqrt(2))


def test_a_probability_of_one_path_says_its_error_is_not_known(one):
    prob = one.prob("value_per_share[2031] > 4")
    assert prob.n == 1 and math.isnan(prob.se)
    assert "± 0.0%" not in str(prob)
    assert "n/a" in str(prob)
    card = one.scorecard()
    assert card["probability_se"].isna().all()


def test_the_scorecard_chart_of_one_path_draws(one):
    fig = charts.scorecard_chart(one)
    assert not [p for p in charts.review_chart(fig) if p.kind.value in ("outside", "overlap")]
