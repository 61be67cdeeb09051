"""Charts and model.watch given the wrong kind of object (the thesis instead of its run, None, a
file name) raise the project's error saying what was expected, not an AttributeError."""

from __future__ import annotations

from pathlib import Path

import pytest

import model
from model import charts
from model.charts import learning as learning_charts
from model.errors import SettingsError, ThesisModelError

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "assumptions" / "templates" / "growth-company.yaml"

TAKES = [
    (charts.fan_chart, "simulation result"),
    (charts.share_paths, "simulation result"),
    (charts.convergence, "simulation result"),
    (charts.value_distribution, "simulation result or a scenario comparison"),
    (charts.scorecard_chart, "simulation result or a scenario comparison"),
    (charts.scorecard_table, "simulation result or a scenario comparison"),
    (charts.standard_charts, "simulation result or a scenario comparison"),
    (charts.scenario_comparison, "scenario comparison"),
    (charts.tornado_chart, "tornado result"),
    (charts.rank_correlation_bars, "rank-correlation result"),
    (charts.sobol_bars, "Sobol' result"),
    (charts.implied_value, "implied-value result"),
    (learning_charts.attribution_waterfall, "attribution"),
    (learning_charts.watch_chart, "watch list"),
    (learning_charts.backtest_chart, "backtest"),
    (learning_charts.prior_posterior_chart, "conditioned result"),
    (model.watch, "simulation result"),
]


@pytest.fixture(scope="module")
def thesis():
    return model.load_thesis(TEMPLATE)


@pytest.mark.parametrize(("fn", "expected"), TAKES, ids=[f.__name__ for f, _ in TAKES])
@pytest.mark.parametrize("wrong", ["thesis", None, "thesis.yaml"])
def test_wrong_kind_says_what_was_expected(thesis, fn, expected, wrong) -> None:
    given = thesis if wrong == "thesis" else wrong
    with pytest.raises(ThesisModelError) as info:
        fn(given)
    assert isinstance(info.value, SettingsError | TypeError)
    text = str(info.value)
    assert f"must be a {expected}" in text or f"must be an {expected}" in text
    shown = {"thesis": "Thesis", None: "None", "thesis.yaml": "'thesis.yaml'"}[wrong]
    assert shown in text


def test_a_real_result_still_draws(thesis) -> None:
    result = model.simulate(thesis, n_paths=500, seed=3)
    fig = charts.fan_chart(result)
    assert fig.axes
    assert model.watch(result).items
