"""Events and process shocks in the tornado and in Sobol' indices; seeds; readable results."""

from __future__ import annotations

import dataclasses
import math
from types import SimpleNamespace

import numpy as np
import pytest

from model.engine import central, deterministic_inputs
from model.engine.draws.distributions import from_params
from model.engine.execution.events import median_counts
from model.engine.spec import Derived, Effect, EffectOp, Event, ModelSpec, Process, Variable
from model.errors import (
    EngineError,
    SettingsError,
    ThesisError,
    ThesisModelError,
    ThesisModelWarning,
)
from model.sensitivities import rank_correlation, sobol_indices, tornado
from model.sensitivities.eval import (
    build_inputs,
    conditional_median_year,
    counts_from_first_year,
    first_occurrence_year,
    uniforms_from_counts,
)

YEARS = (2025, 2026, 2027, 2028)


def var(name, family, **params):
    return Variable(name, from_params(family, params))


def per_year(x):
    return x if x.ndim == 2 else np.repeat(x[:, None], len(YEARS), axis=1)


# ---------------------------------------------------------------------------------------------
# Deterministic mode: the encoding of chosen events and shocks must not drift from the engine
# ---------------------------------------------------------------------------------------------


def busy_spec(p_hit=0.3):
    """A one-off and a repeatable event, a process with shocks and a derived count reader."""
    return ModelSpec(
        variables=(
            var("x", "normal", mean=10.0, sd=1.0),
            var("gm", "normal", mean=0.1, sd=0.02),
            var("p_rep", "uniform", min=0.4, max=0.6),
        ),
        processes=(Process("g", mean="gm", shock_sd=0.05, reversion=0.5, start="gm"),),
        events=(
            Event("hit", annual_prob=p_hit, effects=(Effect("x", EffectOp.MULTIPLY, 0.5),)),
            Event(
                "rep",
                annual_prob="p_rep",
                repeatable=True,
                effects=(Effect("g", EffectOp.ADD, -0.01),),
            ),
        ),
        derived=(Derived("seen", lambda inp: inp["rep"] + inp["hit"], depends=("rep", "hit")),),
        years=YEARS,
    )


def assert_same_inputs(mine, engine):
    assert list(mine) == list(engine)
    for name in engine:
        np.testing.assert_array_equal(mine[name], engine[name], err_msg=name)


def test_encoded_central_timing_and_zero_shocks_are_the_engine_deterministic_mode():
    spec = busy_spec()
    n, ny = 3, spec.n_years
    # Force the encoded path: every event placed at its median timing by hand, zero shocks as
    # uniforms of 1/2. It must give exactly the engine's own deterministic inputs.
    event_u = {
        "hit": uniforms_from_counts(median_counts(0.3, ny, n, False)),
        "rep": uniforms_from_counts(median_counts(0.5, ny, n, True)),
    }
    mine = build_inputs(spec, {}, n, event_u=event_u, shock_u={"g": np.full((ny - 1, n), 0.5)})
    engine = deterministic_inputs(spec, None, n_paths=n)
    assert_same_inputs(mine, engine)
    # 0.7**2 <= 1/2: the median timing of hit is year 2, so the central case is not trivial.
    np.testing.assert_array_equal(engine["hit"][0], [0, 0, 1, 1])
    # Unlisted events keep their median timing, also through the encoded path.
    partial = build_inputs(spec, {}, n, shock_u={"g": np.full((ny - 1, n), 0.5)})
    assert_same_inputs(partial, engine)


@pytest.mark.parametrize(("p", "first"), [(1.0, 1.0), (0.0, math.inf)])
def test_encoded_occurrence_years_match_the_engine_for_certain_and_impossible_events(p, first):
    # "From year 1" and "never" must mean what the engine's deterministic mode does with a
    # certain (p = 1) and an impossible (p = 0) event.
    spec = busy_spec()
    counts = counts_from_first_year(np.array([first]), spec.n_years)
    mine = build_inputs(spec, {}, 1, event_u={"hit": uniforms_from_counts(counts)})
    assert_same_inputs(mine, deterministic_inputs(busy_spec(p_hit=p), None, n_paths=1))


def test_first_occurrence_year_has_the_geometric_law():
    p, n = 0.3, 100_000
    u = (np.arange(n) + 0.5) / n  # stratified: frequencies are exact up to 1/n
    years = first_occurrence_year(u, p)
    for t in (1, 2, 3, 7):
        assert np.mean(years <= t) == pytest.approx(1 - (1 - p) ** t, abs=1.0 / n)
    assert np.all(first_occurrence_year(u[:10], 0.0) == np.inf)
    assert np.all(first_occurrence_year(u[:10], 1.0) == 1.0)
    # Per-row probabilities.
    np.testing.assert_array_equal(
        first_occurrence_year(np.array([0.5, 0.5]), np.array([0.0, 0.5])), [np.inf, 1.0]
    )


def test_conditional_median_year():
    # p = 5% over 5 years: P(T <= t | T <= 5) = (1 - .95^t) / (1 - .95^5) = .44, .62 at t = 2, 3.
    assert conditional_median_year(0.05, 5) == 3
    assert conditional_median_year(0.5, 5) == 1  # .5 / .97 >= 1/2
    assert conditional_median_year(1.0, 5) == 1
    assert conditional_median_year(0.0, 4) == 2  # the p -> 0 limit is uniform on 1..4


# ---------------------------------------------------------------------------------------------
# Tornado
# ---------------------------------------------------------------------------------------------


def halving_spec(p=1.0):
    return ModelSpec(
        variables=(var("m", "uniform", min=90.0, max=110.0),),
        events=(Event("halve", annual_prob=p, effects=(Effect("m", EffectOp.MULTIPLY, 0.5),)),),
        years=YEARS,
    )


def halving_model(inputs):
    return {"y": per_year(inputs["m"])}


def test_tornado_event_that_halves_the_output_for_certain_gives_the_exact_swing():
    res = tornado(halving_spec(), halving_model, "y", inputs=["m", "halve"])
    bar = res.bars[0]
    assert (bar.input, bar.kind, bar.event_year) == ("halve", "event", 2026)
    # Not happening: 100; happening (from year 1, its conditional median when p = 1): 50.
    assert (bar.output_at_low, bar.output_at_high, bar.swing) == (100.0, 50.0, -50.0)
    # A certain event happens in the deterministic central case too.
    assert res.central_value == 50.0 == float(central(halving_spec(), halving_model)["y"][-1])
    m = res.bars[1]
    assert m.swing == pytest.approx(0.5 * (108.0 - 92.0), rel=1e-12)
    # Certain, so not uncertain: the default set leaves it out, like a fixed value.
    assert tornado(halving_spec(), halving_model, "y").ranking == ("m",)


def test_tornado_event_timing_and_default_inclusion():
    spec = halving_spec(p=0.3)
    res = tornado(spec, halving_model, "y")
    assert res.ranking == ("halve", "m")
    # p = 0.3 over 3 years: P(T = 1 | T <= 3) = 0.3 / 0.657 < 1/2, P(T <= 2 | .) = 0.79.
    assert res.bars[0].event_year == 2027
    # The 2026 output does not see an event that happens from 2027 ...
    late = tornado(spec, halving_model, "y", 2026, event_year=2027).to_frame()
    assert late.set_index("input").loc["halve", "swing"] == 0.0
    # ... and sees it in full when it happens from 2026.
    early = tornado(spec, halving_model, "y", 2026, event_year=2026)
    assert early.bars[0].swing == -50.0
    with pytest.raises(ThesisModelError, match="outside the years events can happen in"):
        tornado(spec, halving_model, "y", event_year=2025)  # year 0: nothing happens then
    with pytest.raises(SettingsError, match="cannot happen"):
        tornado(halving_spec(p=0.0), halving_model, "y", inputs=["halve"])


def test_tornado_says_when_the_central_case_has_the_event():
    # The central case counts an event from the first year its median count reaches 1:
    # (1 - p)^t <= 1/2.
    certain = tornado(halving_spec(), halving_model, "y", inputs=["m", "halve"]).bars[0]
    assert certain.central_event_year == 2026
    likely = tornado(halving_spec(p=0.3), halving_model, "y").bars[0]
    assert likely.central_event_year == 2027  # 0.7 > 1/2 >= 0.49
    rare = tornado(halving_spec(p=0.1), halving_model, "y").bars[0]
    assert rare.central_event_year is None  # 0.9^3 > 1/2: not in the central case
    # Not in the central case: not happening leaves the central value as it is.
    assert rare.output_at_low == pytest.approx(100.0)
    frame = tornado(halving_spec(p=0.1), halving_model, "y").to_frame().set_index("input")
    assert frame["central_event_year"].isna()["halve"] and frame.loc["halve", "event_year"] > 0


def test_tornado_fixed_values_are_skipped_and_non_finite_names_the_event():
    spec = ModelSpec(
        variables=(var("m", "uniform", min=90.0, max=110.0), var("k", "fixed", value=2.0)),
        events=(Event("zero", annual_prob=0.3, effects=(Effect("m", EffectOp.MULTIPLY, 0.0),)),),
        years=YEARS,
    )
    assert set(tornado(spec, halving_model, "y").ranking) == {"m", "zero"}

    def log_model(inputs):
        with np.errstate(divide="ignore"):
            return {"y": np.log(per_year(inputs["m"]))}

    # In 2026 the central case (the event at its median timing, year 2) is finite.
    with pytest.raises(EngineError, match="event zero happening"):
        tornado(spec, log_model, "y", 2026, event_year=2026)


# ---------------------------------------------------------------------------------------------
# Sobol'
# ---------------------------------------------------------------------------------------------


def within(entry, s1, st=None, floor=0.005):
    # S1_conf / ST_conf are 95% bootstrap half-widths (1.96 se): 2x is ~4 se; the floor covers
    # the estimator's O(1/N) bias.
    st = s1 if st is None else st
    return (
        abs(entry.S1 - s1) <= 2 * entry.S1_conf + floor
        and abs(entry.ST - st) <= 2 * entry.ST_conf + floor
    )


@pytest.mark.parametrize("repeatable", [False, True])
def test_sobol_event_indices_follow_from_its_probability_within_the_horizon(repeatable):
    # y = x + N, x ~ U(0, 1) (variance 1/12), N the event's occurrences by the exit year:
    # one-off, N = 1{T <= 3} ~ Bernoulli(q), q = 1 - (1 - p)^3; repeatable, N ~ Binomial(3, p).
    # Additive and independent: S1 = ST = each variance over the sum.
    p = 0.2
    spec = ModelSpec(
        variables=(var("x", "uniform", min=0.0, max=1.0),),
        events=(
            Event(
                "ev",
                annual_prob=p,
                repeatable=repeatable,
                effects=(Effect("x", EffectOp.ADD, 0.0),),
            ),
        ),
        years=YEARS,
    )

    def model(inputs):
        count = inputs["ev"][:, -1]
        return {"y": inputs["x"][:, 0] + (count if repeatable else count > 0)}

    q = 1 - (1 - p) ** 3
    var_event = 3 * p * (1 - p) if repeatable else q * (1 - q)
    share = var_event / (var_event + 1 / 12)
    res = sobol_indices(spec, model, "y", n_base=2**12, seed=5)
    found = {e.input: e for e in res.entries}
    assert found["ev"].kind == "event"
    assert within(found["ev"], share), found["ev"]
    assert within(found["x"], 1 - share), found["x"]
    assert res.n_evaluations == 2**12 * 4  # a group of 3 yearly uniforms counts once


def test_sobol_process_shocks_are_one_group():
    # z_t = eps_t (reversion 1, mean 0, sd 1): y = a + z_1 + z_2 + z_3 has variances 1 and 3.
    spec = ModelSpec(
        variables=(var("a", "normal", mean=0.0, sd=1.0),),
        processes=(Process("z", mean=0.0, shock_sd=1.0, reversion=1.0, start=0.0),),
        years=YEARS,
    )

    def model(inputs):
        return {"y": inputs["a"] + inputs["z"].sum(axis=1)}

    res = sobol_indices(spec, model, "y", n_base=2**12, seed=8, labels={"z": "Zed"})
    found = {e.input: e for e in res.entries}
    assert (found["z"].kind, found["z"].label) == ("shocks", "Zed (shocks)")
    assert within(found["z"], 0.75) and within(found["a"], 0.25)
    assert res.n_evaluations == 2**12 * 4
    with pytest.warns(ThesisModelWarning, match="process shocks held at zero - see result.notes"):
        without = sobol_indices(spec, model, "y", n_base=64, seed=8, shocks=False)
    assert without.ranking == ("a",)
    assert "process shocks are excluded (held at zero)" in without.notes


@pytest.mark.parametrize(
    "seed",
    [
        7,
        np.random.SeedSequence([1, 2]),
        np.random.SeedSequence(5).spawn(1)[0],
        np.random.default_rng(1),
    ],
    ids=str,
)
def test_sobol_seeds_of_every_kind_are_recorded_and_reproduce(seed):
    spec = halving_spec(p=0.3)
    res = sobol_indices(spec, halving_model, "y", n_base=64, seed=seed)
    again = sobol_indices(spec, halving_model, "y", n_base=64, seed=res.seed())
    assert again == res
    if isinstance(seed, int):
        assert res.seed_entropy == 7 and res.seed_spawn_key == ()


# ---------------------------------------------------------------------------------------------
# Readable results
# ---------------------------------------------------------------------------------------------


def test_tornado_summary_and_repr_show_fractions_as_percentages():
    spec = ModelSpec(
        variables=(
            var("share", "uniform", min=0.1, max=0.2),
            var("m", "uniform", min=90.0, max=110.0),
        ),
        events=(Event("halve", annual_prob=0.3, effects=(Effect("m", EffectOp.MULTIPLY, 0.5),)),),
        years=YEARS,
    )

    def model(inputs):
        return {"r": per_year(inputs["share"]) * per_year(inputs["m"]) / 100}

    res = tornado(
        spec,
        model,
        "r",
        units={"share": "share", "m": "HKD"},
        output_unit="%",
        labels={"share": "Market share"},
    )
    raw = res.to_frame().set_index("input")
    assert raw.loc["share", "low_value"] == pytest.approx(0.11)  # raw fraction
    table = res.summary(top=2)
    assert list(table.index) == [1, 2] and table.index.name == "rank"
    row = table.set_index("input").loc["share"]
    assert (row.label, row.unit) == ("Market share", "share")
    # One convention in every table: fractions stay fractions (printing makes them percentages)
    assert row.low == pytest.approx(0.11) and row.high == pytest.approx(0.19)
    assert row.output_at_low == pytest.approx(raw.loc["share", "output_at_low"])
    assert row.change_at_low == pytest.approx(row.output_at_low - res.central_value)
    assert table.attrs["central_value"] == res.central_value
    assert table.columns.name == "central case 7.5%"  # m halved from year 2 (median timing)
    assert table.dtypes["low"].kind == "f"
    text = repr(res)
    assert len(text.splitlines()) <= 6 and "central case (deterministic" in text
    assert "7.5%" in text and "happens from" in text


def test_rank_and_sobol_summaries(tmp_path):
    rng = np.random.default_rng(3)
    n = 4_000
    inputs = {"a_rate": rng.uniform(size=n), "b": rng.normal(size=n)}
    run = SimpleNamespace(
        inputs=inputs,
        outputs={"y": 3 * inputs["a_rate"] + 0.1 * inputs["b"]},
        years=(),
        units={"y": "USD bn"},
        thesis=SimpleNamespace(assumptions={"a_rate": SimpleNamespace(label=None, unit="%")}),
    )
    ranks = rank_correlation(run, "y")
    assert ranks.output_unit == "USD bn"
    table = ranks.summary()
    assert table["contribution"].sum() == pytest.approx(1.0)
    assert table.loc[1, "label"] == "A rate" and table.loc[1, "unit"] == "%"
    assert len(repr(ranks).splitlines()) <= 6
    res = sobol_indices(
        halving_spec(p=0.3), halving_model, "y", n_base=64, seed=1, output_unit="HKD"
    )
    table = res.summary(top=1)
    assert len(table) == 1 and table.loc[1, "ST"] == pytest.approx(res.entries[0].ST)
    assert "SobolResult: y in 2028 (HKD)" in repr(res)


def test_rank_raises_when_the_thesis_no_longer_gives_a_spec():
    def broken():
        raise ThesisError("bad file", file="t.yaml", line=3)

    rng = np.random.default_rng(0)
    x = rng.normal(size=100)
    run = SimpleNamespace(
        inputs={"x": x}, outputs={"y": x}, years=(), thesis=SimpleNamespace(to_spec=broken)
    )
    with pytest.raises(EngineError, match=r"t\.yaml:3.*decompose=False"):
        rank_correlation(run, "y")
    assert rank_correlation(run, "y", decompose=False).ranking == ("x",)


def test_result_entries_keep_positional_construction():
    # Charts and other readers build results positionally; new fields only come at the end.
    fields = [f.name for f in dataclasses.fields(tornado(halving_spec(0.3), halving_model, "y"))]
    assert fields[:4] == ["output", "year", "central_value", "bars"]


def test_printed_tornado_names_the_central_case_and_when_an_event_happens():
    import io

    from model.export.console import print_tornado
    from model.sensitivities.results import TornadoBar, TornadoResult

    bars = (
        TornadoBar("growth", "Growth", "%", 0.1, 0.2, 180.0, 220.0),
        TornadoBar("halve", "", "", 0.0, 1.0, 202.0, 101.0, "event", 2027),
    )
    out = io.StringIO()
    print_tornado(TornadoResult("y", 2030, 202.0, bars, output_unit="HKD/share"), out, top=5)
    lines = out.getvalue().splitlines()
    assert lines[0] == "Top 2 drivers of y in 2030 (HKD/share):"
    assert "  central case (deterministic): 202.0" in lines
    growth = next(line for line in lines if "growth" in line)
    assert "180.0 ->" in growth and "happens" not in growth
    halve = next(line for line in lines if "halve" in line)
    assert halve.endswith("swing -101.0   happens from 2027 vs not")


def test_printed_tornado_names_an_events_fiscal_year_as_the_headings_do():
    import io

    from model.export.console import print_tornado
    from model.sensitivities.results import TornadoBar, TornadoResult

    bars = (TornadoBar("approval", "", "", 0.0, 1.0, 5.0, 9.0, "event", 2028),)
    result = TornadoResult("value_per_share", 2030, 5.0, bars, output_unit="USD/share")
    out = io.StringIO()
    print_tornado(result, out, top=5, year_end="03-31")
    lines = out.getvalue().splitlines()
    # A March year end: the heading and the event's year are both fiscal years.
    assert lines[0].startswith("Top 1 drivers of value_per_share in FY2030 (2030-03-31)")
    approval = next(line for line in lines if "approval" in line)
    assert approval.endswith("happens from FY2028 vs not"), approval
