"""Derived values of static inputs feed processes and events; the others come after them."""

from __future__ import annotations

import math

import numpy as np
import pytest

from model.engine import (
    Derived,
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

YEARS = tuple(range(2025, 2031))
N = 50_000
K = 4.5


def v(name: str, family: str, **params: float) -> Variable:
    return Variable(name, from_params(family, params))


VARIABLES = (
    v("g_reported", "normal", mean=0.30, sd=0.05),
    v("market_growth", "normal", mean=0.20, sd=0.03),
    v("p_base", "uniform", min=0.02, max=0.1),
    v("hit", "uniform", min=0.6, max=0.9),
    v("m", "fixed", value=10.0),
)


def drift(x):
    # A drift start derived from sourced facts: the log of relative growth.
    return np.log((1 + x["g_reported"]) / (1 + x["market_growth"]))


def spec(derived_order: str = "declared") -> ModelSpec:
    derived = [
        Derived("drift0", drift, ("g_reported", "market_growth")),
        Derived("drift_mean", lambda x: 0.5 * x["drift0"], ("drift0",)),
        Derived("p_event", lambda x: 2 * x["p_base"], ("p_base",)),
        Derived("cut", lambda x: x["hit"] ** 2, ("hit",)),
        # Dynamic: reads a process and an event target.
        Derived("share_path", lambda x: x["share_drift"] + x["m"], ("share_drift", "m")),
    ]
    if derived_order == "reversed":
        derived.reverse()
    return ModelSpec(
        VARIABLES,
        processes=(Process("share_drift", "drift_mean", 0.01, 0.3, "drift0"),),
        events=(Event("shock", "p_event", False, (Effect("m", "multiply", "cut"),)),),
        derived=tuple(derived),
        years=YEARS,
    )


def test_processes_and_events_use_static_derived_values():
    s = sample(spec(), N, seed=7)
    d0 = np.log((1 + s["g_reported"]) / (1 + s["market_growth"]))
    np.testing.assert_allclose(s["drift0"], d0, rtol=1e-15)
    np.testing.assert_allclose(s["share_drift"][:, 0], d0, rtol=1e-15)
    # Mean reversion towards drift_mean = drift0 / 2 (the shocks have mean zero).
    t = 3
    expected = 0.5 * d0 + (1 - 0.3) ** t * (d0 - 0.5 * d0)
    dev = s["share_drift"][:, t] - expected
    sd = 0.01 * math.sqrt(sum(0.7 ** (2 * k) for k in range(t)))
    assert abs(dev.mean()) < K * sd / math.sqrt(N)
    # The event: annual probability 2 p_base, effect by hit**2 from the first occurrence.
    hit = s["shock"] > 0
    np.testing.assert_allclose(s["m"], np.where(hit, 10.0 * s["cut"][:, None], 10.0))
    q = 1 - np.mean((1 - s["p_event"]) ** 1)
    assert abs(hit[:, 1].mean() - q) < K * math.sqrt(q * (1 - q) / N)
    # Dynamic derived values see processes and event-changed targets.
    np.testing.assert_allclose(s["share_path"], s["share_drift"] + s["m"])


def test_the_split_and_the_order():
    sp = spec("reversed")
    assert [d.name for d in sp.static_derived] == ["cut", "p_event", "drift0", "drift_mean"]
    assert [d.name for d in sp.dynamic_derived] == ["share_path"]
    # Dependency order, whatever the declared order; inputs keep the spec's name order.
    a, b = sample(spec(), 1000, seed=3), sample(sp, 1000, seed=3)
    for name in a:
        np.testing.assert_array_equal(a[name], b[name], err_msg=name)
    assert list(b) == list(sp.names)


def test_derived_values_consume_no_random_numbers():
    # Removing every derived value (and what uses it) leaves the variables' draws unchanged.
    plain = ModelSpec(VARIABLES, years=YEARS)
    a, b = sample(spec(), 5000, seed=11), sample(plain, 5000, seed=11)
    for var in VARIABLES:
        if var.name != "m":
            np.testing.assert_array_equal(a[var.name], b[var.name], err_msg=var.name)


def test_central_uses_static_derived_values():
    c = central(spec())
    d0 = math.log(1.3 / 1.2)
    assert float(c["drift0"]) == pytest.approx(d0, rel=1e-15)
    np.testing.assert_allclose(c["share_drift"], 0.5 * d0 + 0.7**T * 0.5 * d0)
    # p_event = 0.12: 0.88**5 = 0.53 > 1/2, so the shock stays off in the central case.
    np.testing.assert_array_equal(c["shock"], np.zeros(6))


T = np.arange(len(YEARS))


def test_runs_with_static_derived_are_chunk_invariant():
    a = run(spec(), lambda x: {"y": x["share_path"]}, 20_000, seed=5)
    b = run(spec(), lambda x: {"y": x["share_path"]}, 20_000, seed=5, chunk_size=3_000)
    np.testing.assert_array_equal(a.outputs["y"], b.outputs["y"])


@pytest.mark.parametrize(
    ("depends", "why"),
    [
        (("share_drift",), "process 'share_drift'"),
        (("shock",), "occurrence counts of event 'shock'"),
        (("m",), "variable 'm', which event 'shock' changes"),
        (("share_path",), "derived 'share_path', which depends on process 'share_drift'"),
    ],
)
def test_a_process_cannot_use_a_dynamic_derived_value(depends, why):
    bad = Derived("late", lambda x: x[depends[0]], depends)
    sp = spec()
    with pytest.raises(EngineError) as err:
        ModelSpec(
            VARIABLES,
            processes=(Process("p2", "late", 0.1, 0.5, 0.0), *sp.processes),
            events=sp.events,
            derived=(*sp.derived, bad),
            years=YEARS,
        )
    msg = str(err.value)
    assert "process p2.mean" in msg and "derived 'late'" in msg and why in msg


def test_an_event_cannot_use_a_dynamic_derived_value():
    sp = spec()
    ev = Event("e2", "share_path", False, ())
    with pytest.raises(EngineError, match=r"event e2.annual_prob refers to derived 'share_path'"):
        ModelSpec(VARIABLES, sp.processes, (*sp.events, ev), sp.derived, years=YEARS)
    eff = Event("e3", 0.1, False, (Effect("m", "add", "share_path"),))
    with pytest.raises(EngineError, match=r"e3 effect on m.by refers to derived 'share_path'"):
        ModelSpec(VARIABLES, sp.processes, (*sp.events, eff), sp.derived, years=YEARS)


def test_bad_derived_graphs():
    with pytest.raises(EngineError, match="cycle: a -> b -> a"):
        ModelSpec(VARIABLES, derived=(Derived("a", drift, ("b",)), Derived("b", drift, ("a",))))
    with pytest.raises(EngineError, match="'ghost', which is not a variable"):
        ModelSpec(VARIABLES, derived=(Derived("a", drift, ("ghost",)),))
    with pytest.raises(EngineError, match="'nothing', which is not a static variable"):
        ModelSpec(VARIABLES, processes=(Process("x", "nothing", 0.1, 0.5, 0.0),), years=YEARS)


def test_a_static_derived_value_feeding_a_process_must_be_per_path():
    sp = ModelSpec(
        VARIABLES,
        processes=(Process("x", "path0", 0.1, 0.5, 0.0),),
        derived=(Derived("path0", lambda x: np.outer(x["m"], np.ones(6)), ("m",)),),
        years=YEARS,
    )
    with pytest.raises(
        EngineError,
        match=r"process x.mean refers to derived 'path0', which has "
        r"shape \(100, 6\)",
    ):
        sample(sp, 100, seed=1)


def test_a_derived_probability_is_checked_on_every_path():
    sp = ModelSpec(
        VARIABLES,
        events=(Event("e", "p2", False, ()),),
        derived=(Derived("p2", lambda x: 20 * x["p_base"], ("p_base",)),),
        years=YEARS,
    )
    with pytest.raises(EngineError, match=r"annual_prob 'p2' is .* at path \d+, outside \[0, 1\]"):
        run(sp, None, 1000, seed=1)
    # A variable's support is checked when the spec is built, as before.
    with pytest.raises(ParameterError, match="outside"):
        ModelSpec(VARIABLES, events=(Event("e", "g_reported", False, ()),), years=YEARS)


def test_a_static_derived_value_sees_only_static_inputs():
    seen = {}

    def peek(x):
        seen["keys"] = list(x)
        return x["hit"] * 2

    sp = ModelSpec(
        VARIABLES,
        processes=(Process("x", "h2", 0.1, 0.5, 0.0),),
        derived=(Derived("h2", peek, ("hit",)),),
        years=YEARS,
    )
    sample(sp, 10, seed=1)
    assert seen["keys"] == [var.name for var in VARIABLES]
