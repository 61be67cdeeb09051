"""Deterministic mode: events at their median timing, and evaluation at supplied values."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from model.engine import (
    Derived,
    Effect,
    Event,
    Inputs,
    ModelSpec,
    Process,
    Variable,
    central,
    deterministic_inputs,
    evaluate,
    from_params,
)
from model.engine.execution.events import median_counts
from model.errors import EngineError

YEARS = tuple(range(2025, 2031))
T = np.arange(len(YEARS))


def one_off_closed_form(p: float) -> np.ndarray:
    """1 from the first year t with P(occurred by t) = 1 - (1 - p)**t >= 1/2."""
    return np.array([0.0] + [float(1 - (1 - p) ** t >= 0.5) for t in T[1:]])


def binomial_upper_median(t: int, p: float) -> int:
    """Largest m with P(Binomial(t, p) >= m) >= 1/2."""
    return max(m for m in range(t + 1) if stats.binom.sf(m - 1, t, p) >= 0.5)


@pytest.mark.parametrize("p", [0.0, 0.05, 0.1, 0.13, 0.15, 0.3, 0.5, 0.9, 1.0])
def test_one_off_events_apply_from_their_median_year(p):
    counts = median_counts(p, len(YEARS), 1, repeatable=False)[:, 0]
    np.testing.assert_array_equal(counts, one_off_closed_form(p))


def test_median_timing_examples():
    # A certain event applies from year 1; 15% a year from year 5 (0.85**5 = 0.44 <= 1/2
    # < 0.85**4 = 0.52); 10% a year never within five years; 50% from year 1 (a tie at 1/2
    # takes the upper median).
    got = {p: median_counts(p, 6, 1, False)[:, 0] for p in (1.0, 0.15, 0.1, 0.5)}
    np.testing.assert_array_equal(got[1.0], [0, 1, 1, 1, 1, 1])
    np.testing.assert_array_equal(got[0.15], [0, 0, 0, 0, 0, 1])
    np.testing.assert_array_equal(got[0.1], np.zeros(6))
    np.testing.assert_array_equal(got[0.5], [0, 1, 1, 1, 1, 1])


@pytest.mark.parametrize("p", [0.0, 0.1, 0.25, 0.4, 0.5, 0.6, 0.75, 0.93, 1.0])
def test_repeatable_events_apply_the_binomial_median(p):
    counts = median_counts(np.full(3, p), 8, 3, repeatable=True)
    for t in range(8):
        assert np.all(counts[t] == binomial_upper_median(t, p)), (t, p)


def test_median_timing_per_path_probability():
    p = np.array([0.0, 0.15, 0.3, 1.0])
    counts = median_counts(p, len(YEARS), 4, repeatable=False)
    for j, pj in enumerate(p):
        np.testing.assert_array_equal(counts[:, j], one_off_closed_form(pj))


def stress_spec(p: float, repeatable: bool = False) -> ModelSpec:
    return ModelSpec(
        (
            Variable("multiple", from_params("triangular", {"min": 18, "mode": 23.5, "max": 32})),
            Variable("haircut", from_params("uniform", {"min": 0.6, "max": 0.8})),
            Variable("fine", from_params("fixed", {"value": 2.0})),
        ),
        events=(
            Event(
                "crackdown",
                p,
                repeatable,
                (Effect("multiple", "multiply", "haircut"), Effect("fine", "add", 1.5)),
            ),
        ),
        years=YEARS,
    )


def test_a_certain_event_applies_from_year_one_in_central():
    c = central(stress_spec(1.0))
    np.testing.assert_allclose(c["multiple"], [23.5] + [23.5 * 0.7] * 5)
    np.testing.assert_allclose(c["fine"], [2.0] + [3.5] * 5)
    # Its parent with a rare event: no change at all.
    parent = central(stress_spec(0.05))
    np.testing.assert_allclose(parent["multiple"], np.full(6, 23.5))


def test_repeatable_effects_compound_at_the_median_count():
    p = 0.6
    c = central(stress_spec(p, repeatable=True))
    k = np.array([binomial_upper_median(t, p) for t in T], dtype=float)
    np.testing.assert_array_equal(c["crackdown"], k)
    np.testing.assert_allclose(c["multiple"], 23.5 * 0.7**k)
    np.testing.assert_allclose(c["fine"], 2.0 + 1.5 * k)


def spec_with_everything() -> ModelSpec:
    return ModelSpec(
        (
            Variable("g", from_params("normal", {"mean": 0.1, "sd": 0.02})),
            Variable("m", from_params("uniform", {"min": 90.0, "max": 110.0})),
            Variable("p_cut", from_params("beta", {"a": 2, "b": 5})),
        ),
        processes=(Process("growth", "g", 0.05, 0.5, 0.0),),
        events=(Event("cut", "p_cut", False, (Effect("m", "multiply", 0.5),)),),
        derived=(
            Derived("g2", lambda x: 2.0 * x["g"], ("g",)),
            Derived("m_last", lambda x: x["m"][:, -1], ("m",)),
        ),
        years=YEARS,
    )


def test_evaluate_at_supplied_values():
    spec = spec_with_everything()
    g = np.array([0.0, 0.1, 0.2, 0.1])
    p = np.array([0.0, 0.15, 0.3, 1.0])
    out = evaluate(spec, {"g": g, "p_cut": p, "m": 100.0})
    assert out["g"].shape == (4,) and out["growth"].shape == (4, 6)
    # Zero shocks: x_t = g (1 - 0.5**t) from 0.
    np.testing.assert_allclose(out["growth"], g[:, None] * (1 - 0.5**T))
    for j in range(4):
        np.testing.assert_allclose(out["m"][j], 100.0 * 0.5 ** one_off_closed_form(p[j]))
    np.testing.assert_allclose(out["g2"], 2 * g)
    np.testing.assert_allclose(out["m_last"], out["m"][:, -1])
    assert all(not v.flags.writeable for v in out.values())


def test_evaluate_with_a_model_and_defaults():
    spec = spec_with_everything()

    def fn(x):
        return {"v": x["m"] * (1 + x["growth"]), "first": x["g2"], "_invalid_v": x["g"] < 0}

    out = evaluate(spec, {"m": np.array([95.0, 105.0])}, fn)
    assert set(out) == {"v", "first"}
    centre = central(spec, fn)
    np.testing.assert_allclose(out["first"], float(centre["first"]))
    np.testing.assert_allclose(out["v"][0] / 95.0, centre["v"] / 100.0)
    # A scalar sample of every variable: n_paths says how many rows.
    assert evaluate(spec, {"g": 0.1}, n_paths=3)["g"].shape == (3,)
    assert evaluate(spec)["g"].shape == (1,)


def test_deterministic_inputs_are_the_central_path_at_central_values():
    spec = spec_with_everything()
    values = {v.name: v.dist.central() for v in spec.variables}
    x = deterministic_inputs(spec, values)
    assert isinstance(x, Inputs) and x.n_paths == 1 and x.years == YEARS
    assert list(x) == list(spec.names)
    c = central(spec)
    for name in spec.names:
        np.testing.assert_array_equal(np.ravel(x[name]), np.ravel(c[name]), err_msg=name)


def test_evaluate_leaves_the_callers_arrays_alone():
    spec = spec_with_everything()
    g = np.array([0.1, 0.2])
    evaluate(spec, {"g": g})
    g[0] = 0.3  # still writeable


@pytest.mark.parametrize(
    ("values", "kw", "text"),
    [
        ({"nope": 1.0}, {}, "'nope' is not an input"),
        ({"growth": 1.0}, {}, "'growth' is not a static variable"),
        ({"g2": 1.0}, {}, "'g2' is not a static variable"),
        ({"g": np.ones(3), "m": np.ones(2)}, {}, r"values\['m'\] has shape \(2,\)"),
        ({"g": np.ones((2, 2))}, {"n_paths": 2}, "shape"),
        ({}, {"n_paths": 0}, "n_paths"),
    ],
)
def test_evaluate_rejects_bad_values(values, kw, text):
    with pytest.raises(EngineError, match=text):
        evaluate(spec_with_everything(), values, **kw)


def test_evaluate_names_a_non_finite_output_and_its_row():
    spec = spec_with_everything()
    with pytest.raises(EngineError, match=r"'v' is NaN or infinite at row 1"):
        evaluate(
            spec,
            {"g": np.array([0.1, -1.0])},
            lambda x: {"v": np.where(x["g"] < 0, np.inf, x["g"])},
        )


def test_evaluate_consumes_no_random_numbers():
    spec = spec_with_everything()
    a = evaluate(spec, {"g": np.linspace(0, 0.2, 5)})
    b = evaluate(spec, {"g": np.linspace(0, 0.2, 5)})
    for k in a:
        np.testing.assert_array_equal(a[k], b[k])
    assert math.isfinite(float(central(spec)["g"]))
