"""A chart's ``scenarios=``, ``marks=`` or ``stats=`` given one name takes it as one name (not
its letters), and an unknown scenario is named as such, not a bare KeyError."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import pytest

import model
from model import charts
from model.charts import ChartOptionError
from model.errors import UnknownScenarioError

THESIS = Path(__file__).resolve().parents[2] / "assumptions" / "templates" / "growth-company.yaml"


@pytest.fixture(scope="module")
def comparison():
    return model.compare(model.load_thesis(THESIS), n_paths=500, seed=1, progress=False)


def _labels(fig) -> list[str]:
    return [t.get_text() for t in fig.axes[0].get_yticklabels()]


def test_one_scenario_name_is_one_scenario(comparison):
    one = charts.scenario_comparison(comparison, "sales", scenarios="bull")
    listed = charts.scenario_comparison(comparison, "sales", scenarios=["bull"])
    assert _labels(one) == _labels(listed) and len(_labels(one)) == 1
    card = charts.scorecard_chart(comparison, scenarios="bear")
    assert card.axes
    plt.close("all")


def test_one_statistic_name_is_one_statistic(comparison):
    fig = charts.convergence(comparison.first, stats="mean")
    drawn = {line.get_gid() for line in fig.axes[0].get_lines() if line.get_gid()}
    assert any("mean" in gid for gid in drawn)
    assert not any(gid.endswith("_m") for gid in drawn)


def test_unknown_scenario_of_the_scorecard_is_named(comparison):
    with pytest.raises(UnknownScenarioError, match="unknown scenario 'nope'"):
        charts.scorecard_chart(comparison, scenarios=["nope"])


@pytest.mark.parametrize("bad", [5, {"bull": 1}, b"bull"])
def test_names_of_the_wrong_kind_are_refused(comparison, bad):
    with pytest.raises(ChartOptionError, match="scenarios must be a name or a list of names"):
        charts.scenario_comparison(comparison, "sales", scenarios=bad)


@pytest.mark.parametrize("empty", [[], ()])
def test_an_empty_list_of_scenarios_is_refused(comparison, empty):
    # It drew every scenario, as if none had been named.
    with pytest.raises(ChartOptionError, match="scenarios"):
        charts.scenario_comparison(comparison, "sales", scenarios=empty)
    with pytest.raises(ChartOptionError, match="scenarios"):
        charts.scorecard_chart(comparison, scenarios=empty)
    plt.close("all")
