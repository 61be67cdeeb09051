"""Attribution of a change between two vintages: Shapley values over groups of assumptions."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import model
from model.errors import ParameterError
from model.inputs.assembly.mixing import differing_items, mix_scenarios
from model.learning.groups import Group, assumption_groups
from model.learning.vintages import attribute

THESIS = Path(__file__).resolve().parents[2] / "assumptions" / "alibaba.yaml"
N = 2_000


@pytest.fixture(scope="module")
def thesis():
    return model.load_thesis(THESIS)


def _median(result, year=2030):
    # attribute() measures today's value where the model states it (every thesis run does)
    if "value_today" in result.outputs:
        return float(np.median(result.outputs["value_today"]))
    return float(np.median(result.outputs["value_per_share"][:, result.years.index(year)]))


def test_mixing_everything_reproduces_the_target_scenario(thesis):
    names, events, corr = differing_items(thesis, "base", "bull")
    mixed = mix_scenarios(thesis, "base", "bull", names, take_events=events, take_correlations=corr)
    a = model.simulate(mixed, scenario="base", n_paths=N, seed=3, progress=False)
    b = model.simulate(thesis, scenario="bull", n_paths=N, seed=3, progress=False)
    assert np.array_equal(a.outputs["value_per_share"], b.outputs["value_per_share"])


def test_shares_add_up_to_the_change_and_endpoints_are_the_scenarios(thesis):
    att = attribute(thesis, "bear", "base", n_paths=N, seed=5)
    start = model.simulate(thesis, scenario="bear", n_paths=N, seed=5, progress=False)
    end = model.simulate(thesis, scenario="base", n_paths=N, seed=5, progress=False)
    assert att.start["median"] == pytest.approx(_median(start), rel=1e-12)
    assert att.end["median"] == pytest.approx(_median(end), rel=1e-12)
    total = att.end["median"] - att.start["median"]
    assert sum(att.median.values()) == pytest.approx(total, rel=1e-9)
    assert sum(att.mean.values()) == pytest.approx(att.end["mean"] - att.start["mean"], rel=1e-9)
    assert att.n_runs == 2 ** len(att.groups)
    table = att.summary()
    assert table["level_median"].iloc[-2] == pytest.approx(att.end["median"])
    assert "Attribution" in repr(att) and "<table" in att._repr_html_()


@pytest.mark.parametrize(("from_", "to"), [("competition", "base"), ("base", "competition")])
def test_a_correlation_whose_end_the_other_scenario_derives_is_dropped_in_the_mixes(
    thesis, from_, to
):
    # The competition scenario derives an assumption the base case draws and correlates: in
    # the mixes that derive it, the correlation has nothing left to hold between.
    att = attribute(thesis, from_, to, n_paths=N, seed=5)
    end = model.simulate(thesis, scenario=to, n_paths=N, seed=5, progress=False)
    assert att.end["median"] == pytest.approx(_median(end), rel=1e-12)
    assert sum(att.median.values()) == pytest.approx(
        att.end["median"] - att.start["median"], rel=1e-9
    )


def test_two_groups_match_the_shapley_formula_by_hand(thesis):
    names, _, _ = differing_items(thesis, "base", "bear")
    names = sorted(names)
    first, second = names[: len(names) // 2], names[len(names) // 2 :]
    att = attribute(
        thesis, "base", "bear", groups={"first": first, "second": second}, n_paths=N, seed=9
    )
    assert att.groups == ("first", "second")

    def v(take):
        mixed = mix_scenarios(thesis, "base", "bear", take)
        return _median(model.simulate(mixed, scenario="base", n_paths=N, seed=9, progress=False))

    v0, v1, v2, v12 = v([]), v(first), v(second), v(first + second)
    assert att.median["first"] == pytest.approx(0.5 * ((v1 - v0) + (v12 - v2)), rel=1e-9)
    assert att.median["second"] == pytest.approx(0.5 * ((v2 - v0) + (v12 - v1)), rel=1e-9)


def test_a_scenario_against_itself_is_refused(thesis):
    with pytest.raises(ParameterError, match="do not differ"):
        attribute(thesis, "base", "base", n_paths=100)


def test_default_groups_follow_the_model_section(thesis):
    groups = assumption_groups(thesis)
    assert groups["china_cloud_market_2025"] is Group.MARKET
    assert groups["alibaba_ai_cloud_share"] is Group.SHARE
    assert groups["cloud_margin_target"] is Group.MARGINS
    assert groups["pe_amazon"] is Group.MULTIPLES
    assert groups["crackdown_annual_prob"] is Group.EVENTS
    assert groups["wacc"] is Group.FINANCE
