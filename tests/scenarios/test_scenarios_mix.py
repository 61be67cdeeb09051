"""Comparisons, paired differences, the classic view and blends, on hand-made results.

These cover the arithmetic without the engine; tests/scenarios/test_scenarios.py runs the whole
chain (thesis -> engine -> model) with common random numbers.
"""

from __future__ import annotations

import dataclasses
import math
from types import SimpleNamespace

import numpy as np
import pytest
from scipy import stats as st

from model.errors import SettingsError, UnknownScenarioError, WeightsError
from model.results.comparison import (
    WEIGHTS_DEFAULT,
    WEIGHTS_GIVEN,
    WEIGHTS_THESIS,
    CaseValue,
    ComparisonResult,
)
from model.results.mixing import _allocation
from model.results.results import SimulationResult
from model.results.values import check_weights
from model.scenarios import blend

YEARS = (2025, 2026, 2027)
N = 10_000
PRICE = 100.0
# scenario -> (mu, sigma) of log(value_2027 / price); every scenario uses the same normals
CASES = {"base": (0.1, 0.3), "bull": (0.4, 0.35), "bear": (-0.3, 0.3), "flat": (0.0, 0.2)}
#: Standard errors of slack allowed in each check.
K = 4.5


def sd_rel_se(x: np.ndarray) -> float:
    """Relative standard error of a sample sd: sqrt((kurtosis - 1) / (4 n)) (delta method)."""
    return math.sqrt((st.kurtosis(x, fisher=False) - 1) / (4 * len(x)))


def lognormal_var(mu: float, sigma: float) -> float:
    return math.exp(2 * mu + sigma**2) * (math.exp(sigma**2) - 1)


def thesis(weights=None):
    return SimpleNamespace(
        name="t",
        path="t.yaml",
        file_hash="h",
        scorecard={
            "up": SimpleNamespace(statement="value_per_share[2027] > 100", label="Up", source=None)
        },
        scenarios={k: SimpleNamespace(label=k.title()) for k in CASES if k != "base"},
        weights=weights if weights is not None else {"base": 0.5, "bull": 0.25, "bear": 0.25},
        to_spec=lambda: None,
    )


def make(name: str, z: np.ndarray, th) -> SimulationResult:
    mu, sigma = CASES[name]
    value = PRICE * np.exp(np.outer(mu + sigma * z, [0.0, 0.5, 1.0]))
    return SimulationResult(
        thesis=th,
        scenario=name,
        scenario_label=name,
        years=YEARS,
        outputs={"value_per_share": value, "flag": np.full(len(z), CASES[name][0])},
        inputs={"z": z},
        units={"value_per_share": "HKD/share"},
        price=PRICE,
        currency="HKD",
        seed_entropy=42,
    )


def comparison(names=("base", "bull", "bear"), weights=None, z=None) -> ComparisonResult:
    th = thesis(weights)
    z = np.random.default_rng(42).standard_normal(N) if z is None else z
    return ComparisonResult({n: make(n, z, th) for n in names}, thesis=th)


@pytest.fixture(scope="module")
def comp() -> ComparisonResult:
    return comparison()


def test_access(comp):
    assert comp.scenarios == ("base", "bull", "bear")
    assert comp["bull"].scenario == "bull"
    assert list(comp) == ["base", "bull", "bear"] and len(comp) == 3
    assert comp.n_paths == N and comp.seed_entropy == 42 and comp.price == PRICE
    with pytest.raises(UnknownScenarioError, match="did you mean 'bull'"):
        comp["bul"]


def test_to_frame_stacks_scenarios():
    small = comparison(z=np.random.default_rng(1).standard_normal(20))
    frame = small.to_frame("value_per_share")
    assert list(frame.columns) == ["scenario", "path", "output", "year", "value"]
    assert len(frame) == 3 * 20 * 3
    assert frame.scenario.unique().tolist() == ["base", "bull", "bear"]


def test_summary_rows_per_scenario(comp):
    table = comp.summary("value_per_share")
    assert list(table.index) == ["base", "bull", "bear"]
    assert abs(table.loc["bull", "p50"] - PRICE * math.exp(0.4)) < K * table.loc["bull", "p50_se"]
    assert set(comp.summary_all().index.get_level_values("scenario")) == set(comp.scenarios)


def test_paired_difference_is_much_tighter_than_unpaired(comp):
    d = comp.difference("bull", "base")
    assert d.values.shape == (N,)
    # Both values are lognormal functions of the same normals, so in closed form the paired sd
    # is sqrt(var_a + var_b - 2 cov) and the unpaired one sqrt(var_a + var_b).
    (ma, sa), (mb, sb) = CASES["bull"], CASES["base"]
    va, vb = lognormal_var(ma, sa), lognormal_var(mb, sb)
    cov = math.exp(ma + mb + (sa**2 + sb**2) / 2) * (math.exp(sa * sb) - 1)
    exact = math.sqrt((va + vb - 2 * cov) / (va + vb))
    # The ratio's relative error is at most the sum of its two sds' relative errors.
    xa, xb = comp["bull"].final("value_per_share"), comp["base"].final("value_per_share")
    rel = sd_rel_se(d.values) + max(sd_rel_se(xa), sd_rel_se(xb))
    assert abs(d.sd / d.sd_unpaired - exact) < K * rel * exact
    assert exact < 0.4  # what common random numbers gain here
    assert d.se == pytest.approx(d.sd / math.sqrt(N))
    same = comp.difference("base", "base")
    assert np.all(same.values == 0) and same.mean == 0 and same.sd == 0
    assert list(d.to_frame().columns)[:3] == ["a", "b", "output"]


def test_scorecard_wide_and_long(comp):
    wide = comp.scorecard()
    assert list(wide.columns) == ["label", "statement", "base", "bull", "bear"]
    assert wide.loc["up", "bull"] > wide.loc["up", "base"] > wide.loc["up", "bear"]
    long = comp.scorecard_long()
    assert set(long.columns) >= {"claim", "scenario", "probability", "probability_se"}
    assert len(long) == 3
    probs = comp.prob("value_per_share[2027] > 100")
    assert probs.loc["bull", "probability"] == wide.loc["up", "bull"]


def test_returns_table_per_scenario(comp):
    table = comp.returns_table()
    assert list(table.index) == ["base", "bull", "bear"]
    assert table.loc["bull", "p_upside"] > table.loc["bear", "p_upside"]


def test_classic_view_closed_form(comp):
    view = comp.classic_view()
    # every case is a monotone function of the same normals, so its median is that function of
    # their median (up to the interpolation of the two middle paths)
    m = float(np.median(comp["base"].inputs["z"]))
    medians = {k: PRICE * math.exp(CASES[k][0] + CASES[k][1] * m) for k in ("bull", "base", "bear")}
    weights = {"bull": 0.25, "base": 0.5, "bear": 0.25}  # thesis weights over the three
    expected = sum(weights[k] * medians[k] for k in medians)
    assert view.expected_value == pytest.approx(expected, rel=1e-4)
    up = weights["bull"] * (medians["bull"] - PRICE) + weights["base"] * (medians["base"] - PRICE)
    down = weights["bear"] * (PRICE - medians["bear"])
    assert view.reward_to_risk == pytest.approx(up / down, rel=1e-3)
    assert view.weights_basis == WEIGHTS_THESIS and view.statistic is CaseValue.MEDIAN
    table = view.to_frame()
    assert table.scenario.tolist() == ["bull", "base", "bear", "weighted"]
    mean_view = comp.classic_view(weights={"bull": 0.3, "base": 0.4, "bear": 0.3}, statistic="mean")
    assert mean_view.table.weight.tolist() == [0.3, 0.4, 0.3]
    assert mean_view.weights_basis == WEIGHTS_GIVEN and mean_view.statistic is CaseValue.MEAN


def test_classic_view_defaults_and_errors():
    comp = comparison(weights={"base": 1.0})  # thesis weights do not cover bull and bear
    view = comp.classic_view()
    assert view.table.weight.tolist() == [0.25, 0.5, 0.25]
    assert view.weights_basis == WEIGHTS_DEFAULT
    with pytest.raises(UnknownScenarioError):
        comp.classic_view(bear="crash")
    with pytest.raises(WeightsError):
        comp.classic_view(weights={"bull": 0.5, "base": 0.4, "bear": 0.3})
    with pytest.raises(SettingsError, match="did you mean 'median'"):
        comp.classic_view(statistic="medain")


def test_check_weights():
    known = ["base", "bull", "bear"]
    assert check_weights({"base": 0.5, "bull": 0.5}, known) == {"base": 0.5, "bull": 0.5}
    with pytest.raises(WeightsError, match="sum to 1"):
        check_weights({"base": 0.5, "bull": 0.4}, known)
    with pytest.raises(WeightsError, match="did you mean 'bull'"):
        check_weights({"base": 0.5, "bul": 0.5}, known)
    with pytest.raises(WeightsError, match=r"\[0, 1\]"):
        check_weights({"base": 1.5, "bull": -0.5}, known)
    with pytest.raises(WeightsError):
        check_weights({}, known)


@pytest.mark.parametrize("n", [1, 7, 100, 10_001])
def test_allocation_sums_to_n_and_is_proportional(n):
    weights = {"a": 0.4, "b": 0.35, "c": 0.25}
    counts = _allocation(weights, n)
    assert sum(counts.values()) == n
    for k, w in weights.items():
        assert abs(counts[k] - w * n) < 1


def test_blend_mixes_paths_by_weight(comp):
    mixed = blend(comp)
    assert mixed.scenario == "blend"
    assert dict(mixed.weights) == {"base": 0.5, "bull": 0.25, "bear": 0.25}
    labels = mixed.path_scenarios
    assert labels.shape == (N,)
    counts = {k: int(np.sum(labels == k)) for k in ("base", "bull", "bear")}
    assert counts == {"base": 5000, "bull": 2500, "bear": 2500}
    # path i of the blend is path i of its scenario
    for name in ("base", "bull", "bear"):
        mask = labels == name
        assert np.array_equal(
            mixed.outputs["value_per_share"][mask], comp[name].outputs["value_per_share"][mask]
        )
        assert np.all(mixed.outputs["flag"][mask] == CASES[name][0])
    # the mixture's mean is the weighted mean of the scenario means
    target = sum(w * comp[k].final("value_per_share").mean() for k, w in mixed.weights.items())
    row = mixed.summary("value_per_share").loc[("value_per_share", 2027)]
    assert abs(row["mean"] - target) < 4 * row["mean_se"]
    # same seed -> same blend
    again = blend(comp)
    assert np.array_equal(again.path_scenarios, labels)
    assert "blend_weights" not in dir(mixed)  # plain result, nothing extra
    assert len(mixed.to_frame("value_per_share").columns) == 5  # scenario column added


def test_blend_weights_errors(comp):
    with pytest.raises(WeightsError, match="sum to 1"):
        blend(comp, weights={"base": 0.5, "bull": 0.25})
    with pytest.raises(WeightsError, match="lacks"):
        blend(comparison(names=("base", "bull")), weights={"base": 0.5, "bear": 0.5})
    with pytest.raises(WeightsError, match="did you mean"):
        blend(comp, weights={"base": 0.5, "bulll": 0.5})
    with pytest.raises(WeightsError, match="no `weights:`"):
        blend(comparison(weights={}))
    # zero weights are allowed and give no paths
    mixed = blend(comp, weights={"base": 1.0, "bull": 0.0})
    assert set(mixed.path_scenarios) == {"base"}


def test_blend_refuses_results_of_different_runs():
    th = thesis()
    rng = np.random.default_rng(0)
    mixed_up = ComparisonResult(
        {
            "base": make("base", rng.standard_normal(100), th),
            "bull": make("bull", rng.standard_normal(50), th),
            "bear": make("bear", rng.standard_normal(100), th),
        },
        thesis=th,
    )
    with pytest.raises(SettingsError, match="one compare"):
        blend(mixed_up)


def test_blend_needs_a_recorded_seed():
    th = thesis()
    z = np.random.default_rng(0).standard_normal(100)
    unseeded = {n: dataclasses.replace(make(n, z, th), seed_entropy=None) for n in CASES}
    with pytest.raises(SettingsError, match="seed"):
        blend(ComparisonResult(unseeded, thesis=th), weights={"base": 0.5, "bull": 0.5})


def test_blend_order_follows_the_spawn_key():
    # Two runs of one entropy but different spawn keys are different seeds: different orders.
    th = thesis()
    z = np.random.default_rng(0).standard_normal(1000)

    def run(key):
        parts = {n: dataclasses.replace(make(n, z, th), seed_spawn_key=key) for n in CASES}
        return blend(ComparisonResult(parts, thesis=th)).path_scenarios

    assert np.array_equal(run((1,)), run((1,)))
    assert not np.array_equal(run((1,)), run((2,)))
