"""What to watch and backtests, on hand-made runs with known answers, and on the Alibaba thesis."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from scipy.integrate import trapezoid

import model
from model.charts.learning import attribution_waterfall, backtest_chart, watch_chart
from model.learning import backtest, watch
from model.results.results import SimulationResult

THESIS = Path(__file__).resolve().parents[2] / "assumptions" / "alibaba.yaml"
N = 100_000


def _result(seed: int = 4) -> SimulationResult:
    rng = np.random.default_rng(seed)
    x = rng.standard_normal(N)  # an observable that drives the value
    z = rng.standard_normal(N)  # one that does not
    e = rng.standard_normal(N)
    value = 100 + 10 * x + 5 * e
    thesis = SimpleNamespace(
        name="t",
        path="t.yaml",
        file_hash="0",
        scorecard={},
        weights={},
        events={},
        ledger=lambda: pd.DataFrame(),
    )
    return SimulationResult(
        thesis=thesis,
        scenario="base",
        scenario_label="Base",
        years=(2025, 2026),
        outputs={"value_per_share": np.column_stack([value, value])},
        inputs={"x": x, "z": z},
        units={"value_per_share": "EUR/share", "x": "EUR bn", "z": "EUR bn"},
        seed_entropy=seed,
    )


def test_watch_ranks_the_driver_first_with_the_closed_form_medians():
    r = _result()
    w = watch(r, ["z", "x"])
    assert [i.quantity for i in w.items] == ["x", "z"]
    top = w.items[0]
    # value | x in the lowest quintile: the median of 100 + 10 x + 5 e over x below its p20
    lo = stats.norm.ppf(0.2)
    grid = np.linspace(-6, lo, 4001)
    # median of a mixture: solve numerically on a grid of v
    v = np.linspace(60, 100, 4001)
    dens = stats.norm.pdf(grid)
    cdf = (
        np.array([trapezoid(dens * stats.norm.cdf((vv - 100 - 10 * grid) / 5), grid) for vv in v])
        / 0.2
    )
    expected = v[np.searchsorted(cdf, 0.5)]
    se = 5 * 1.2533 * np.sqrt(11.2**2 / 5**2) / np.sqrt(N / 5)  # generous median se
    assert abs(top.medians[0] - expected) < 4 * se
    assert w.items[1].spread < 0.2 * top.spread
    assert abs(top.probs[0] - 0.2) < 1e-3
    assert "below" in w.sentences()[0]
    assert "x" in repr(w)
    assert w.to_frame().shape[0] == 10


def test_backtest_percentiles_are_the_distribution_function():
    r = _result()
    bt = backtest(r, {"x": 0.0, "value_per_share[2026]": 120.0})
    assert bt.table.loc["x", "percentile"] == pytest.approx(0.5, abs=0.01)
    sd = np.sqrt(125)
    expected = stats.norm.cdf(20 / sd)
    assert bt.table.loc["value_per_share[2026]", "percentile"] == pytest.approx(expected, abs=0.01)
    assert "one company" in bt.caveat


@pytest.fixture(scope="module")
def alibaba_run():
    th = model.load_thesis(THESIS)
    return model.simulate(
        th, scenario="base", n_paths=4_000, seed=1, keep_inputs=True, progress=False
    )


def test_default_observables_come_from_roles_and_events(alibaba_run):
    w = watch(alibaba_run)
    names = [i.quantity for i in w.items]
    assert any(n.startswith("revenue_growth_cloud[") for n in names)
    assert any(n.startswith("share_ai_cloud_alibaba[") for n in names)
    assert any(n.startswith("event:regulatory_crackdown") for n in names)
    crack = next(i for i in w.items if i.quantity.startswith("event:regulatory_crackdown"))
    assert crack.binary and crack.medians[1] < crack.medians[0]  # a crackdown lowers value


def test_learning_charts_draw(alibaba_run):
    from model.learning import attribute

    w = watch(alibaba_run)
    fig = watch_chart(w)
    assert len(fig.axes[0].get_yticklabels()) == min(8, len(w.items))
    att = attribute(alibaba_run.thesis, "base", "bull", n_paths=500, seed=2)
    fig = attribution_waterfall(att)
    assert len(fig.axes[0].patches) == len(att.groups) + 2
    bt = backtest(alibaba_run, {"share_cloud_alibaba[2025]": 0.36})
    fig = backtest_chart(bt)
    assert fig.axes[0].get_xlim() == (-0.02, 1.02)  # percentiles 0 and 1 drawn in full


def test_model_condition_on_an_evidence_file_and_resimulation():
    import warnings

    ev = THESIS.parent / "evidence" / "alibaba-2025q3.yaml"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        c = model.condition(THESIS, ev, n_paths=3_000, seed=1, min_ess=500)
    assert c.ess > 500
    tight = model.Observation.normal("revenue_growth_cloud[2025]", 0.34, 0.002)
    with pytest.warns(Warning):
        small = model.condition(THESIS, tight, n_paths=2_000, seed=1, min_ess=400)
    big = model.condition(THESIS, tight, n_paths=2_000, seed=1, min_ess=400, resimulate=True)
    assert big.n_paths > small.n_paths and big.ess >= 400 * 0.8
