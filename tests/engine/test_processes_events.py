"""Per-year processes and discrete events against closed forms."""

from __future__ import annotations

import math

import numpy as np
import pytest

from model.engine import (
    Effect,
    Event,
    ModelSpec,
    Process,
    Variable,
    central,
    from_params,
    run,
    sample,
)
from model.errors import EngineError, ParameterError

N = 100_000
K = 4.5
YEARS = tuple(range(2025, 2031))


def fixed(value: float) -> object:
    return from_params("fixed", {"value": value})


def check_mean_var(x: np.ndarray, mean: float, var: float) -> None:
    n = x.shape[0]
    assert abs(x.mean() - mean) < K * math.sqrt(var / n) + 1e-12
    # Var of the sample variance of a normal: 2 var^2 / (n - 1).
    assert abs(x.var(ddof=1) - var) < K * var * math.sqrt(2 / (n - 1)) + 1e-12


@pytest.mark.parametrize("reversion", [0.0, 0.3, 1.0])
def test_process_mean_and_variance_closed_form(reversion):
    start, mean, sd = 1.0, 2.0, 0.5
    spec = ModelSpec((), processes=(Process("x", mean, sd, reversion, start),), years=YEARS)
    x = sample(spec, N, seed=4)["x"]
    assert x.shape == (N, len(YEARS))
    assert np.all(x[:, 0] == start)
    keep = 1 - reversion
    for t in range(1, len(YEARS)):
        m_t = mean + keep**t * (start - mean)
        v_t = sd**2 * sum(keep ** (2 * k) for k in range(t))
        check_mean_var(x[:, t], m_t, v_t)


def test_ar1_started_in_its_stationary_law_stays_there():
    r, sd, mean = 0.4, 0.3, 1.0
    stationary_sd = sd / math.sqrt(1 - (1 - r) ** 2)
    spec = ModelSpec(
        (Variable("x0", from_params("normal", {"mean": mean, "sd": stationary_sd})),),
        processes=(Process("x", mean, sd, r, "x0"),),
        years=YEARS,
    )
    x = sample(spec, N, seed=9)["x"]
    for t in range(len(YEARS)):
        check_mean_var(x[:, t], mean, stationary_sd**2)
    lag1 = np.corrcoef(x[:, 2], x[:, 3])[0, 1]
    assert abs(lag1 - (1 - r)) < K * (1 - (1 - r) ** 2) / math.sqrt(N)


def test_iid_process_around_a_per_path_mean():
    # The benchmark's growth: g_t = cagr + normal(0, 0.04), cagr drawn once per path.
    spec = ModelSpec(
        (Variable("cagr", from_params("normal", {"mean": 0.268, "sd": 0.05})),),
        processes=(Process("g", "cagr", 0.04, 1.0, "cagr"),),
        years=YEARS,
    )
    s = sample(spec, N, seed=5)
    dev = s["g"][:, 1:] - s["cagr"][:, None]
    check_mean_var(dev.ravel()[:N], 0.0, 0.04**2)
    # Years are independent given cagr.
    assert abs(np.corrcoef(dev[:, 0], dev[:, 1])[0, 1]) < K / math.sqrt(N)


@pytest.mark.parametrize("p", [0.08, 0.3])
def test_event_probability_by_year(p):
    spec = ModelSpec(
        (Variable("m", from_params("uniform", {"min": 1, "max": 2})),),
        events=(Event("e", p, False, (Effect("m", "multiply", 0.5),)),),
        years=YEARS,
    )
    s = sample(spec, N, seed=6)
    counts = s["e"]
    assert np.all(counts[:, 0] == 0)  # year 0 is known: no event in it
    for t in range(1, len(YEARS)):
        happened = counts[:, t] > 0
        q = 1 - (1 - p) ** t
        assert abs(happened.mean() - q) < K * math.sqrt(q * (1 - q) / N)
        # One-off: halved from the first occurrence on, once.
        base = s["m"][:, 0]
        np.testing.assert_allclose(s["m"][:, t], np.where(happened, base * 0.5, base))


def test_repeatable_effects_compound_and_accumulate():
    spec = ModelSpec(
        (
            Variable("m", from_params("fixed", {"value": 10.0})),
            Variable("q", from_params("fixed", {"value": 1.0})),
        ),
        events=(Event("e", 0.5, True, (Effect("m", "multiply", 0.9), Effect("q", "add", 2.0))),),
        years=YEARS,
    )
    s = sample(spec, 20_000, seed=7)
    c = s["e"]
    np.testing.assert_allclose(s["m"], 10.0 * 0.9**c)
    np.testing.assert_allclose(s["q"], 1.0 + 2.0 * c)
    assert abs(c[:, -1].mean() - 0.5 * (len(YEARS) - 1)) < K * math.sqrt(1.25 / 20_000)


def test_effect_by_a_variable_on_a_process_with_probability_from_a_variable():
    spec = ModelSpec(
        (
            Variable("p", from_params("beta", {"a": 2, "b": 8})),
            Variable("cut", from_params("uniform", {"min": 0.6, "max": 0.85})),
            Variable("g0", fixed(0.1)),
        ),
        processes=(Process("g", 0.1, 0.02, 1.0, "g0"),),
        events=(Event("shock", "p", False, (Effect("g", "add", "cut"),)),),
        years=YEARS,
    )
    s = sample(spec, N, seed=8)
    free = sample(ModelSpec(spec.variables, spec.processes, years=YEARS), N, seed=8)
    hit = s["shock"] > 0
    np.testing.assert_allclose(s["g"], free["g"] + np.where(hit, s["cut"][:, None], 0.0))
    # P(event by year 1) = E[p] = 0.2.
    assert abs(hit[:, 1].mean() - 0.2) < K * math.sqrt(0.16 / N)


def test_event_validation():
    with pytest.raises(ParameterError, match="annual_prob"):
        Event("e", 1.5, False, ())
    spec_vars = (Variable("v", from_params("normal", {"mean": 0, "sd": 1})),)
    with pytest.raises(ParameterError, match="outside"):
        ModelSpec(spec_vars, events=(Event("e", "v", False, ()),), years=YEARS)
    with pytest.raises(EngineError, match="'ghost'"):
        ModelSpec(
            spec_vars, events=(Event("e", 0.1, False, (Effect("ghost", "add", 1),)),), years=YEARS
        )
    with pytest.raises(EngineError, match="op must be"):
        Effect("v", "divide", 2)
    with pytest.raises(EngineError, match="years"):
        ModelSpec(spec_vars, events=(Event("e", 0.1, False, ()),))
    with pytest.raises(ParameterError, match="reversion"):
        Process("x", 0.0, 1.0, 1.5, 0.0)
    with pytest.raises(EngineError, match="not a static variable"):
        ModelSpec(spec_vars, processes=(Process("x", "nope", 1.0, 0.5, 0.0),), years=YEARS)
    with pytest.raises(EngineError, match="duplicates"):
        ModelSpec(spec_vars, processes=(Process("v", 0.0, 1.0, 0.5, 0.0),), years=YEARS)


def test_central_path_has_zero_shocks_and_events_at_their_median_timing():
    spec = ModelSpec(
        (
            Variable("cagr", from_params("normal", {"mean": 0.2, "sd": 0.05})),
            Variable("m", from_params("lognormal", {"median": 7.0, "sigma": 0.1})),
        ),
        processes=(Process("g", "cagr", 0.04, 0.5, 0.0),),
        events=(
            Event("likely", 0.9, False, (Effect("m", "multiply", 0.5),)),
            # 0.9**t > 1/2 for t <= 6: a rare event stays off over five years.
            Event("rare", 0.1, False, (Effect("g", "add", 1.0),)),
        ),
        years=YEARS,
    )
    c = central(spec)
    assert c["cagr"] == 0.2
    np.testing.assert_allclose(c["m"], [7.0] + [3.5] * 5)
    np.testing.assert_allclose(c["g"], [0.2 * (1 - 0.5**t) for t in range(6)])
    np.testing.assert_array_equal(c["likely"], [0, 1, 1, 1, 1, 1])
    np.testing.assert_array_equal(c["rare"], np.zeros(6))
    out = central(spec, lambda x: {"v": x["m"][:, -1] * (1 + x["g"][:, -1])})
    assert out == {"v": pytest.approx(3.5 * (1 + 0.2 * (1 - 0.5**5)))}


def test_static_target_becomes_per_year_in_runs():
    spec = ModelSpec(
        (Variable("m", from_params("normal", {"mean": 5, "sd": 1})),),
        events=(Event("e", 0.2, False, (Effect("m", "multiply", 0.5),)),),
        years=YEARS,
    )
    res = run(spec, lambda x: {"m_last": x["m"][:, -1], "m": x["m"]}, 10_000, seed=1)
    assert res.outputs["m"].shape == (10_000, 6)
    assert res.summaries["m"].per_year


def test_a_one_year_horizon_has_no_shocks_and_no_events():
    spec = ModelSpec(
        (Variable("a", from_params("normal", {"mean": 1, "sd": 1})),),
        processes=(Process("g", "a", 0.1, 0.5, 0.0),),
        events=(Event("e", 1.0, False, (Effect("a", "add", 1.0),)),),
        years=(2025,),
    )
    s = sample(spec, 5, seed=1)
    assert s["g"].shape == (5, 1) and np.all(s["g"] == 0.0)
    np.testing.assert_array_equal(s["e"], np.zeros((5, 1)))
    np.testing.assert_array_equal(s["a"][:, 0], sample(spec, 5, seed=1)["a"][:, 0])
    assert central(spec)["e"].shape == (1,)


@pytest.mark.parametrize("op", ["multiply", "add"])
@pytest.mark.parametrize("per_year", [False, True])
def test_one_off_effect_leaves_paths_without_the_event_bit_for_bit(op, per_year):
    from model.engine.execution.events import apply_effect, occurrence_counts
    from model.engine.spec import EffectOp

    # Signed zeros, infinities and NaN must come through untouched where nothing happened
    # (``x + 0.0`` would turn -0.0 into +0.0), and change as ``x op by`` where it did.
    special = np.array([-0.0, 0.0, np.inf, -np.inf, np.nan, -2.5, 3.0, 1e-310])
    n_years, n = len(YEARS), special.size * 8
    rng = np.random.default_rng(3)
    target = np.resize(special, n)
    if per_year:
        target = np.outer(target, np.linspace(1.0, 2.0, n_years))
    by = rng.uniform(-2.0, 2.0, n)
    by[::5] = -0.0
    counts = occurrence_counts(rng.random((n_years - 1, n)), 0.3)
    with np.errstate(invalid="ignore"):  # inf * 0 and inf - inf are NaN on purpose
        got = apply_effect(target, counts, EffectOp(op), by, False)
        rows = np.broadcast_to(target, (n_years, n)) if target.ndim == 1 else target.T
        changed = rows * by if op == "multiply" else rows + by
    want = np.where(counts > 0, changed, rows).T
    assert 0 < (counts[-1] > 0).sum() < n
    np.testing.assert_array_equal(got, want)
    np.testing.assert_array_equal(np.signbit(got), np.signbit(want))


@pytest.mark.parametrize("n_years", [2, 6, 255, 256, 400])
def test_occurrence_counts_are_the_running_sum_of_occurrences(n_years):
    from model.engine.execution.events import occurrence_counts

    rng = np.random.default_rng(n_years)
    n = 64
    u = rng.random((n_years - 1, n))
    for prob in (0.9, 1.0, 0.0, np.linspace(0.0, 1.0, n)):
        got = occurrence_counts(u, prob)
        want = np.vstack([np.zeros(n), np.cumsum(u < prob, axis=0)])
        assert got.dtype == np.float64 and got.shape == (n_years, n)
        np.testing.assert_array_equal(got, want)
        assert not np.signbit(got).any()
