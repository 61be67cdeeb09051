"""Sensitivity on engine runs and on a real thesis: each input's own randomness, end to end."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pytest

from model.engine import central, run
from model.engine.draws.distributions import from_params
from model.engine.execution.processes import process_paths
from model.engine.spec import Derived, Effect, EffectOp, Event, ModelSpec, Process, Variable
from model.errors import ThesisModelError, ThesisModelWarning, UnknownScenarioError
from model.sensitivities import (
    RankCorrelationResult,
    SensitivityMethod,
    SobolResult,
    TornadoResult,
    rank_correlation,
    sensitivity,
)
from model.sensitivities.rank import own_randomness

YEARS = (2025, 2026, 2027, 2028)
ALIBABA = Path(__file__).resolve().parents[2] / "assumptions" / "alibaba.yaml"


def var(name, family, **params):
    return Variable(name, from_params(family, params))


def event_spec(with_event=True):
    """x is cut by an event, the process g is pushed down by it; d is derived, k fixed."""
    events = ()
    if with_event:
        events = (
            Event(
                "hit",
                annual_prob="p",
                effects=(
                    Effect("x", EffectOp.MULTIPLY, "cut"),
                    Effect("g", EffectOp.ADD, -0.05),
                ),
            ),
        )
    return ModelSpec(
        variables=(
            var("x", "normal", mean=10.0, sd=1.0),
            var("gm", "normal", mean=0.1, sd=0.02),
            var("cut", "uniform", min=0.4, max=0.8),
            var("p", "fixed", value=0.3),
            var("k", "fixed", value=2.0),
        ),
        processes=(Process("g", mean="gm", shock_sd=0.05, reversion=0.5, start="gm"),),
        events=events,
        derived=(Derived("d", lambda inp: inp["gm"] * 2.0, depends=("gm",)),),
        years=YEARS,
    )


def event_model(inputs):
    x = inputs["x"]
    x = x if x.ndim == 2 else np.repeat(x[:, None], len(YEARS), axis=1)
    return {"y": x * np.cumprod(1 + inputs["g"], axis=1) * inputs["k"][:, None]}


@pytest.fixture(scope="module")
def runs():
    kw = {"seed": 99, "keep_inputs": True}
    return (
        run(event_spec(), event_model, 4_000, **kw),
        run(event_spec(False), event_model, 4_000, **kw),
    )


def test_own_randomness_undoes_events_and_removes_the_trend(runs):
    with_event, without = runs
    spec = event_spec()
    # Streams are keyed by name, so both runs drew the same x, gm and shocks of g.
    x, shocks = own_randomness("x", with_event.inputs, spec)
    assert not shocks
    np.testing.assert_array_equal(x, without.inputs["x"])
    assert with_event.inputs["x"].ndim == 2  # the kept array is the post-event target
    g, shocks = own_randomness("g", with_event.inputs, spec)
    assert shocks
    gm = without.inputs["gm"]
    trend = process_paths(gm, gm, 0.05, 0.5, None, len(YEARS), gm.size)
    np.testing.assert_allclose(g, without.inputs["g"] - trend, atol=1e-15)
    np.testing.assert_array_equal(g[:, 0], 0.0)
    # Without a spec nothing is changed.
    raw, shocks = own_randomness("g", with_event.inputs, None)
    assert raw is with_event.inputs["g"] or np.array_equal(raw, with_event.inputs["g"])


def test_rank_default_inputs_are_the_sources_of_randomness(runs):
    with_event, _ = runs
    res = rank_correlation(with_event, "y", spec=event_spec())
    # Fixed values (p, k) and the derived d are not inputs of their own; the event is.
    assert set(res.ranking) == {"x", "gm", "cut", "g", "hit"}
    assert res.dropped == ()
    assert res.to_frame().set_index("input").loc["g", "label"] == "G (shocks)"
    assert sum(e.contribution for e in res.entries) == pytest.approx(1.0)
    # Reduced to its own draw, x keeps its effect but no longer carries the event's.
    raw = rank_correlation(with_event, "y", spec=event_spec(), decompose=False)
    rho = {e.input: e.rho for e in res.entries}
    rho_raw = {e.input: e.rho for e in raw.entries}
    assert rho["hit"] < -0.3
    assert rho["x"] < rho_raw["x"]
    both = rank_correlation(with_event, "y", spec=event_spec(), include_derived=True)
    assert "d" in both.ranking
    # The convenience entry point takes a run in place of the thesis for the rank method.
    same = sensitivity(with_event, method="rank", output="y", spec=event_spec())
    assert same == res and same.seed_entropy == 99


# ---------------------------------------------------------------------------------------------
# The convenience entry point on the project's thesis
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def thesis():
    from model.inputs.assembly.thesis import load_thesis

    # The project's thesis ships with the repository: a missing file is a failure, not a skip.
    assert ALIBABA.is_file(), f"thesis file missing: {ALIBABA}"
    return load_thesis(ALIBABA)


def test_sensitivity_tornado_on_the_thesis(thesis):
    from model.valuation import build_model

    res = sensitivity(thesis, method="tornado")
    assert isinstance(res, TornadoResult)
    centre = central(thesis.to_spec(), build_model(thesis))
    # The centre is the engine's deterministic central case (events at their median timing).
    assert res.central_value == pytest.approx(centre["value_per_share"][-1], rel=1e-12)
    assert res.year == thesis.years[-1]
    assert res.output_unit == "HKD/share"
    frame = res.to_frame()
    assert len(frame) > 5 and np.isfinite(frame.swing).all()
    # Every event of the thesis that may or may not happen is an input, ranked with the rest.
    events = set(frame.loc[frame.kind == "event", "input"])
    assert events == set(thesis.events)
    assert frame.loc[frame.kind == "event", "event_year"].notna().all()
    # Labels come from the thesis file.
    name = frame.input.iloc[0]
    item = thesis.assumptions.get(name) or thesis.events.get(name)
    if getattr(item, "label", None):
        assert frame.label.iloc[0] == item.label
    assert len(res.summary(top=5)) == 5


@pytest.mark.parametrize(
    "seed",
    [3, np.random.SeedSequence([1, 2]), np.random.default_rng(1)],
    ids=["int", "seed_sequence", "generator"],
)
def test_sensitivity_rank_and_sobol_on_the_thesis_with_any_seed(thesis, seed):
    ranks = sensitivity(thesis, method="rank", n_paths=600, seed=seed, year=thesis.years[1])
    assert isinstance(ranks, RankCorrelationResult) and ranks.year == thesis.years[1]
    assert ranks.n_paths == 600 and ranks.seed_entropy is not None
    top = sensitivity(thesis, method="tornado").ranking[:3]
    with warnings.catch_warnings():
        # Correlations between these inputs, if any, are ignored by design (tested elsewhere).
        warnings.simplefilter("ignore", UserWarning)
        sob = sensitivity(
            thesis, method=SensitivityMethod.SOBOL, inputs=list(top), n_base=16, seed=seed
        )
    assert isinstance(sob, SobolResult) and set(sob.ranking) == set(top)
    if isinstance(seed, int):
        assert (ranks.seed_entropy, sob.seed_entropy) == (3, 3)


def test_sensitivity_sobol_on_the_thesis_includes_events_and_shocks(thesis):
    with pytest.warns(ThesisModelWarning, match="rank correlations of the thesis ignored") as w:
        sob = sensitivity(thesis, method="sobol", n_base=16, seed=4)
    assert {x.filename for x in w} == {__file__}  # through sensitivity() too
    kinds = {e.input: e.kind for e in sob.entries}
    assert {n for n, k in kinds.items() if k == "event"} == set(thesis.events)
    assert {n for n, k in kinds.items() if k == "shocks"} == {
        p.name for p in thesis.to_spec().processes
    }
    assert sob.output_unit == "HKD/share"


def test_sensitivity_bad_names_on_the_thesis(thesis):
    with pytest.raises(UnknownScenarioError):
        sensitivity(thesis, scenario="bul")
    with pytest.raises(ThesisModelError, match="did you mean 'value_per_share'"):
        sensitivity(thesis, output="value_per_shares")
