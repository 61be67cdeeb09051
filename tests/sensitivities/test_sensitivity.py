"""Sensitivity analysis against closed forms: Ishigami, additive linear models, tornado swings."""

from __future__ import annotations

import math
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from model.engine import central
from model.engine.draws.distributions import from_params
from model.engine.spec import (
    Correlation,
    Derived,
    Effect,
    EffectOp,
    Event,
    ModelSpec,
    Process,
    Variable,
)
from model.errors import EngineError, SettingsError, ThesisModelError, ThesisModelWarning
from model.sensitivities import (
    PathSummary,
    SensitivityMethod,
    rank_correlation,
    sensitivity,
    sobol_indices,
    tornado,
)

YEARS = (2025, 2026, 2027)


def uniform(name, lo, hi):
    return Variable(name, from_params("uniform", {"min": lo, "max": hi}))


def normal(name, mean, sd):
    return Variable(name, from_params("normal", {"mean": mean, "sd": sd}))


def ishigami_spec():
    return ModelSpec(
        variables=tuple(uniform(f"x{i}", -math.pi, math.pi) for i in (1, 2, 3)), years=YEARS
    )


def ishigami(inputs, a=7.0, b=0.1):
    x1, x2, x3 = inputs["x1"], inputs["x2"], inputs["x3"]
    y = np.sin(x1) + a * np.sin(x2) ** 2 + b * x3**4 * np.sin(x1)
    # Per-year output (constant over years) so the year selection is exercised too.
    return {"y": np.repeat(y[:, None], len(inputs.years), axis=1), "y_static": y}


# Linear model: y = sum a_i x_i, x_i ~ N(mean_i, sd_i) independent.
COEF = {"a": 3.0, "b": -2.0, "c": 1.0, "d": 0.5}
MEANS = {"a": 1.0, "b": 2.0, "c": -1.0, "d": 0.0}
SDS = {"a": 1.0, "b": 1.0, "c": 1.0, "d": 1.0}


def linear_spec(sds=SDS):
    return ModelSpec(variables=tuple(normal(k, MEANS[k], sds[k]) for k in COEF), years=YEARS)


def linear(inputs):
    y = sum(COEF[k] * inputs[k] for k in COEF)
    return {"y": np.repeat(np.asarray(y)[:, None], len(inputs.years), axis=1)}


def linear_s1(sds=SDS):
    var = {k: COEF[k] ** 2 * sds[k] ** 2 for k in COEF}
    total = sum(var.values())
    return {k: v / total for k, v in var.items()}


# ---------------------------------------------------------------------------------------------
# Sobol'
# ---------------------------------------------------------------------------------------------

ISHIGAMI_S1 = {"x1": 0.3139, "x2": 0.4424, "x3": 0.0}
ISHIGAMI_ST = {"x1": 0.5576, "x2": 0.4424, "x3": 0.2437}


@pytest.fixture(scope="module")
def ishigami_result():
    return sobol_indices(ishigami_spec(), ishigami, "y", n_base=2**13, seed=20251127)


def test_sobol_ishigami_matches_analytic_indices(ishigami_result):
    frame = ishigami_result.to_frame().set_index("input")
    for name in ("x1", "x2", "x3"):
        row = frame.loc[name]
        # S1_conf / ST_conf are 95% bootstrap half-widths (1.96 se), so 2x conf is ~4 se: a
        # correct estimator misses by that much with probability ~1e-4. The 0.01 floor covers
        # the analytic values' 4-digit rounding and the estimator's O(1/N) bias.
        assert abs(row.S1 - ISHIGAMI_S1[name]) <= 2 * row.S1_conf + 0.01, name
        assert abs(row.ST - ISHIGAMI_ST[name]) <= 2 * row.ST_conf + 0.01, name
        # The intervals must be tight enough for the comparison to mean something.
        assert row.S1_conf < 0.05 and row.ST_conf < 0.05
    assert ishigami_result.ranking == ("x1", "x2", "x3")
    assert ishigami_result.n_evaluations == 2**13 * 5
    # interaction_share = 1 - sum(S1). When every S1 lies within its band checked above, the
    # sum lies within the sum of the bands (triangle inequality), so that is the tolerance.
    band = sum(2 * e.S1_conf + 0.01 for e in ishigami_result.entries)
    assert abs(ishigami_result.interaction_share - (1 - 0.3139 - 0.4424)) <= band


def test_sobol_frame_columns_and_year(ishigami_result):
    frame = ishigami_result.to_frame()
    assert list(frame.columns[:5]) == ["input", "S1", "S1_conf", "ST", "ST_conf"]
    assert ishigami_result.year == YEARS[-1]


def test_sobol_same_seed_same_result_and_no_global_rng():
    state = np.random.get_state()[1].copy()  # noqa: NPY002 (checking it is untouched)
    one = sobol_indices(ishigami_spec(), ishigami, "y_static", n_base=256, seed=7)
    two = sobol_indices(ishigami_spec(), ishigami, "y_static", n_base=256, seed=7, chunk_size=100)
    other = sobol_indices(ishigami_spec(), ishigami, "y_static", n_base=256, seed=8)
    assert one == two  # chunking changes nothing
    assert one.seed_entropy == 7
    assert one.to_frame().S1.tolist() != other.to_frame().S1.tolist()
    assert np.array_equal(np.random.get_state()[1], state)  # noqa: NPY002


def test_sobol_linear_model_closed_form():
    sds = {"a": 1.0, "b": 1.0, "c": 2.5, "d": 0.5}  # variance shares 9 : 4 : 6.25 : 0.06
    res = sobol_indices(linear_spec(sds), linear, "y", n_base=2**12, seed=3)
    expected = linear_s1(sds)
    for e in res.entries:
        # Same ~4 se argument as for Ishigami; additive, so S1 = ST.
        assert abs(e.S1 - expected[e.input]) <= 2 * e.S1_conf + 0.005, e
        assert abs(e.ST - expected[e.input]) <= 2 * e.ST_conf + 0.005, e
    assert res.ranking == tuple(sorted(expected, key=lambda k: -expected[k]))
    # Additive: the true interaction share is 0; tolerance = sum of the S1 bands (see Ishigami).
    assert abs(res.interaction_share) <= sum(2 * e.S1_conf + 0.005 for e in res.entries)


def test_sobol_subset_of_inputs_keeps_others_central():
    res = sobol_indices(linear_spec(), linear, "y", inputs=["a", "d"], n_base=1024, seed=1)
    assert set(res.ranking) == {"a", "d"}
    # With b and c fixed, the variance splits 9 : 0.25 between a and d.
    a = next(e for e in res.entries if e.input == "a")
    # ~4 se (2x the 95% half-width) plus the estimator's O(1/N) bias, as above.
    assert abs(a.S1 - 9 / 9.25) <= 2 * a.S1_conf + 0.005
    assert res.notes == ("held at central values / deterministic timing: b, c",)


def test_sobol_discrete_input_and_static_model_without_years():
    # y = 2 b + x, b ~ Bernoulli(1/2), x ~ N(0, 1): each explains half the variance (1 and 1).
    spec = ModelSpec(
        variables=(Variable("b", from_params("bernoulli", {"p": 0.5})), normal("x", 0.0, 1.0))
    )
    res = sobol_indices(spec, lambda inp: {"y": 2 * inp["b"] + inp["x"]}, "y", n_base=4096, seed=2)
    assert res.year is None
    for e in res.entries:
        assert abs(e.S1 - 0.5) <= 2 * e.S1_conf + 0.01, e
        assert abs(e.ST - 0.5) <= 2 * e.ST_conf + 0.01, e
    with pytest.raises(ThesisModelError, match="horizon"):
        sobol_indices(spec, lambda inp: {"y": inp["x"]}, "y", year=2025, n_base=16, seed=2)


@pytest.mark.parametrize("n_base", [0, 8, 1000])
def test_sobol_rejects_bad_sample_size(n_base):
    with pytest.raises(SettingsError, match="power of 2"):
        sobol_indices(ishigami_spec(), ishigami, "y", n_base=n_base, seed=1)


def test_sobol_non_finite_output_is_an_error():
    def broken(inputs):
        with np.errstate(invalid="ignore"):
            return {"y": np.log(inputs["x1"])}  # negative half -> nan

    with pytest.raises(EngineError, match="non-finite"):
        sobol_indices(ishigami_spec(), broken, "y", n_base=64, seed=1)


def test_sobol_warns_about_ignored_correlation():
    corr = Correlation.from_pairs({("x1", "x2"): 0.5})
    spec = ModelSpec(ishigami_spec().variables, correlation=corr, years=YEARS)
    with pytest.warns(ThesisModelWarning) as caught:
        res = sobol_indices(spec, ishigami, "y", n_base=64, seed=1)
    assert any("x1~x2" in note for note in res.notes)
    # One short line, attributed to this file (the caller), not to the package.
    (warning,) = caught
    assert str(warning.message) == (
        "Sobol' indices: 1 rank correlation of the thesis ignored (inputs drawn independently)"
        " - see result.notes"
    )
    assert warning.filename == __file__


# ---------------------------------------------------------------------------------------------
# Tornado
# ---------------------------------------------------------------------------------------------


def test_tornado_linear_swing_is_coefficient_times_p10_p90_range():
    sds = {"a": 0.1, "b": 1.0, "c": 5.0, "d": 2.0}
    spec = linear_spec(sds)
    res = tornado(spec, linear, "y")
    frame = res.to_frame().set_index("input")
    for var in spec.variables:
        k = var.name
        p10, p90 = var.dist.quantile(0.1), var.dist.quantile(0.9)
        assert frame.loc[k, "low_value"] == p10 and frame.loc[k, "high_value"] == p90
        assert frame.loc[k, "swing"] == pytest.approx(COEF[k] * (p90 - p10), rel=1e-12)
    base = sum(COEF[k] * MEANS[k] for k in COEF)
    assert res.central_value == pytest.approx(base)
    assert (frame.central_value == res.central_value).all()
    assert "base" not in frame  # the central case has one name
    # |a_i| * sd_i: c 5, b 2, d 1, a 0.3 -- not the order of the coefficients.
    assert res.ranking == ("c", "b", "d", "a")
    assert frame.loc["b", "swing"] < 0  # negative coefficient -> negative swing
    assert list(res.to_frame().columns) == [
        "input",
        "label",
        "unit",
        "low_value",
        "high_value",
        "output_at_low",
        "output_at_high",
        "swing",
        "central_value",
        "kind",
        "event_year",
        "central_event_year",
    ]


def test_tornado_labels_units_and_custom_quantiles():
    res = tornado(
        linear_spec(),
        linear,
        "y",
        2026,
        low=0.05,
        high=0.95,
        labels={"a": "Alpha"},
        units={"a": "USD bn"},
    )
    row = res.to_frame().set_index("input").loc["a"]
    assert (row.label, row.unit) == ("Alpha", "USD bn")
    assert row.swing == pytest.approx(3.0 * 2 * stats.norm.ppf(0.95))
    assert res.year == 2026
    # no label: the name made readable, as in the summary (the input column keeps the name)
    assert res.to_frame().set_index("input").loc["b", "label"] == "B"


def test_tornado_ishigami_is_blind_to_x3_interaction():
    # One-at-a-time at x1 = 0 (central): sin(0) = 0 kills the x3 term, so x3 shows no swing
    # although its total Sobol' index is 0.24 -- the reason Sobol' indices exist.
    res = tornado(ishigami_spec(), ishigami, "y")
    swings = res.to_frame().set_index("input").swing
    assert swings["x3"] == pytest.approx(0.0, abs=1e-12)
    assert res.ranking[-1] == "x3"


def process_spec():
    """Static variables feeding a process, an event and a derived quantity."""
    return ModelSpec(
        variables=(
            normal("g", 0.1, 0.02),
            uniform("m", 90.0, 110.0),
            Variable("p_cut", from_params("bernoulli", {"p": 0.2})),
        ),
        processes=(Process("growth", mean="g", shock_sd=0.05, reversion=0.5, start=0.0),),
        events=(Event("cut", annual_prob="p_cut", effects=(Effect("m", EffectOp.MULTIPLY, 0.5),)),),
        derived=(Derived("g2", lambda inp: 2.0 * inp["g"], depends=("g",)),),
        years=YEARS,
    )


def process_value(inputs):
    value = inputs["m"] * np.cumprod(1 + inputs["growth"], axis=1) + inputs["g2"][:, None]
    return {"v": value, "first": inputs["m"][:, 0]}


def test_tornado_with_process_event_and_derived_inputs():
    spec = process_spec()
    res = tornado(spec, process_value, "v")
    # The centre is the engine's deterministic central case, exactly.
    assert res.central_value == central(spec, process_value)["v"][-1]
    assert res.base == res.central_value
    # p_cut = 0.2 a year over 2 years: P(cut by year t) = 0.2, 0.36 < 1/2, so the central case
    # has no cut; zero shocks: growth 0, 0.05, 0.075.
    assert res.central_value == pytest.approx(100 * 1.05 * 1.075 + 0.2)
    frame = res.to_frame().set_index("input")
    # The event is an input: not happening is the central case, happening halves m from its
    # conditional median year (P(T=1 | T<=2) = 0.2 / 0.36 >= 1/2: year 1, i.e. 2026).
    cut = frame.loc["cut"]
    assert (cut.kind, cut.event_year, cut.low_value, cut.high_value) == ("event", 2026, 0, 1)
    assert cut.output_at_low == res.central_value
    assert cut.output_at_high == pytest.approx(50 * 1.05 * 1.075 + 0.2)
    # p_cut's p10 / p90 are 0 / 1: at 1 the event is certain, so its median timing is year 1.
    assert frame.loc["p_cut", "swing"] == pytest.approx(cut.swing)
    assert set(res.ranking) == {"g", "m", "p_cut", "cut"}
    assert any("shocks are held at zero" in note for note in res.notes)
    with pytest.raises(SettingsError, match="no single low and high setting"):
        tornado(spec, process_value, "v", inputs=["growth"])
    with pytest.raises(SettingsError, match="derived"):
        tornado(spec, process_value, "v", inputs=["g2"])


def test_tornado_non_finite_names_the_culprit():
    def fragile(inputs):
        with np.errstate(invalid="ignore"):
            return {"y": np.sqrt(inputs["a"])}  # a's p10 is negative

    with pytest.raises(EngineError, match="a at its low value"):
        tornado(linear_spec(), fragile, "y")


# ---------------------------------------------------------------------------------------------
# Rank correlation / contribution to variance
# ---------------------------------------------------------------------------------------------


def linear_run(n=50_000, seed=11):
    rng = np.random.default_rng(seed)
    inputs = {k: rng.normal(MEANS[k], SDS[k], n) for k in COEF}
    y = sum(COEF[k] * inputs[k] for k in COEF)
    outputs = {"y": np.repeat(y[:, None], len(YEARS), axis=1), "price": np.full(n, 1.0)}
    return SimpleNamespace(inputs=inputs, outputs=outputs, years=YEARS)


def test_rank_contribution_matches_linear_closed_form():
    res = rank_correlation(linear_run(), "y")
    s1 = linear_s1()
    # For jointly normal (x, y) with Pearson r, Spearman's rho is (6/pi) asin(r/2): the exact
    # population value of the normalised rho^2 differs slightly from S1 = r^2.
    spear = {
        k: (6 / math.pi * math.asin(math.copysign(math.sqrt(v), COEF[k]) / 2))
        for k, v in s1.items()
    }
    total = sum(r**2 for r in spear.values())
    for e in res.entries:
        # The reported 95% interval is about 2 x 1.96 se wide: missing the population value by
        # more than its full width is a ~4 se event.
        assert abs(e.rho - spear[e.input]) <= e.rho_high - e.rho_low
        # rho's se at n = 50 000 is ~0.003 (interval width / 3.9); the share moves by at most
        # ~2 |rho| se / sum(rho^2) < 0.005 per se, so 0.01 is > 2 se on the share.
        assert e.contribution == pytest.approx(spear[e.input] ** 2 / total, abs=0.01)
        # Rank-based shares differ from the variance shares by at most 0.0085 in the population
        # for this model (input a); 0.02 allows that plus the sampling error above.
        assert e.contribution == pytest.approx(s1[e.input], abs=0.02)
        assert e.rho_low < e.rho < e.rho_high
    assert res.ranking == ("a", "b", "c", "d")
    assert sum(e.contribution for e in res.entries) == pytest.approx(1.0)
    assert res.n_paths == 50_000
    frame = res.to_frame()
    assert list(frame.columns) == [
        "input",
        "label",
        "unit",
        "rho",
        "rho_low",
        "rho_high",
        "contribution",
        "kind",
    ]
    assert set(frame.kind) == {"other"}  # no spec to say what the inputs are
    assert frame.loc[frame.input == "b", "rho"].item() < 0


def test_rank_uses_thesis_labels_drops_constants_and_bad_paths():
    run = linear_run(n=2_000)
    run.inputs["fixed"] = np.full(2_000, 4.0)
    run.outputs["y"][:5, -1] = np.nan
    run.thesis = SimpleNamespace(assumptions={"a": SimpleNamespace(label="Alpha", unit="%")})
    res = rank_correlation(run, "y", exclude=["d"])
    assert res.dropped == ("fixed",)
    assert "d" not in res.ranking
    assert res.n_paths == 1_995
    row = res.to_frame().set_index("input").loc["a"]
    assert (row.label, row.unit) == ("Alpha", "%")


def test_rank_per_year_input_path_summary():
    rng = np.random.default_rng(5)
    n = 5_000
    path = rng.normal(size=(n, 3))
    y = path.mean(axis=1)
    run = SimpleNamespace(
        inputs={"proc": path, "noise": rng.normal(size=n)}, outputs={"y": y}, years=YEARS
    )
    by_mean = rank_correlation(run, "y")
    at_year = rank_correlation(run, "y", path_summary=PathSummary.AT_YEAR)
    assert by_mean.entries[0].rho > 0.99
    assert at_year.entries[0].rho == pytest.approx(
        stats.spearmanr(path[:, -1], y).statistic, abs=1e-12
    )


def test_rank_needs_kept_inputs():
    run = SimpleNamespace(inputs={}, outputs={"y": np.ones(10)}, years=YEARS)
    with pytest.raises(SettingsError, match="keep_inputs"):
        rank_correlation(run, "y")


# ---------------------------------------------------------------------------------------------
# Bad input: every one a ThesisModelError with a hint
# ---------------------------------------------------------------------------------------------


def test_unknown_output_has_did_you_mean():
    with pytest.raises(ThesisModelError, match="did you mean 'y'"):
        tornado(linear_spec(), linear, "yy")
    with pytest.raises(ThesisModelError, match="did you mean 'y_static'"):
        sobol_indices(ishigami_spec(), ishigami, "y_statc", n_base=16, seed=1)
    with pytest.raises(ThesisModelError, match="did you mean 'price'"):
        rank_correlation(linear_run(n=100), "prices")


def test_unknown_input_and_year():
    with pytest.raises(ThesisModelError, match="did you mean 'x2'"):
        sobol_indices(ishigami_spec(), ishigami, "y", inputs=["x22"], n_base=16, seed=1)
    with pytest.raises(ThesisModelError, match="did you mean 'a'"):
        rank_correlation(linear_run(n=100), "y", inputs=["aa"])
    with pytest.raises(ThesisModelError, match="horizon"):
        tornado(linear_spec(), linear, "y", year=2040)
    with pytest.raises(SettingsError, match="more than once"):
        tornado(linear_spec(), linear, "y", inputs=["a", "a"])
    with pytest.raises(SettingsError, match="empty"):
        tornado(linear_spec(), linear, "y", inputs=[])
    with pytest.raises(SettingsError, match="low < high"):
        tornado(linear_spec(), linear, "y", low=0.9, high=0.1)


@pytest.mark.parametrize(
    "call",
    [
        lambda: tornado(linear_spec(), linear, "y", low=0.5, high=0.5),
        lambda: tornado(linear_spec(), linear, "y", inputs=[]),
        lambda: sobol_indices(ishigami_spec(), ishigami, "y", n_base=24, seed=1),
        lambda: sobol_indices(ishigami_spec(), ishigami, "y", n_base=16, conf_level=1.0),
        lambda: rank_correlation(linear_run(n=100), "y", conf_level=0.0),
        lambda: rank_correlation(linear_run(n=100), "y", path_summary="last"),
    ],
)
def test_bad_settings_are_bad_input_not_engine_failures(call):
    # The command line reports an EngineError as a failed run (exit 1); a setting out of range
    # is the caller's to fix (exit 2).
    with pytest.raises(SettingsError) as info:
        call()
    assert not isinstance(info.value, EngineError)


def test_unknown_method_lists_choices():
    with pytest.raises(SettingsError, match="'tornado', 'rank', 'sobol'"):
        sensitivity("whatever.yaml", method="morris")
    with pytest.raises(SettingsError, match="did you mean 'sobol'"):
        sensitivity("whatever.yaml", method="sobl")
    assert SensitivityMethod("sobol") is SensitivityMethod.SOBOL


def test_results_are_frozen():
    res = tornado(linear_spec(), linear, "y")
    with pytest.raises(AttributeError):
        res.central_value = 0.0  # type: ignore[misc]
    assert isinstance(res.to_frame(), pd.DataFrame)
