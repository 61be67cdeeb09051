"""SimulationResult on hand-made outputs with known distributions."""

from __future__ import annotations

import dataclasses
import math
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from scipy import stats as st

from model.errors import (
    ExpressionError,
    HorizonError,
    StatementError,
    ThesisModelError,
    UnknownOutputError,
)
from model.results.analysis import ReturnsView
from model.results.results import Mark, Probability, SimulationResult
from model.results.summary import COLUMNS

YEARS = (2025, 2026, 2027, 2028, 2029, 2030)
N = 20_000
PRICE = 100.0
MU, SIGMA = 0.25, 0.4  # log(value_2030 / price) ~ N(MU, SIGMA)


def fake_thesis(scorecard=None):
    return SimpleNamespace(
        name="Test thesis",
        path="tests/thesis.yaml",
        file_hash="abc123",
        scorecard=scorecard or {},
        weights={},
        ledger=lambda: pd.DataFrame({"name": ["x"], "value": [1.0], "source": ["estimate"]}),
    )


def make_result(n: int = N, seed: int = 1, **kw) -> SimulationResult:
    rng = np.random.default_rng(seed)
    z = rng.standard_normal(n)
    t = np.arange(len(YEARS)) / (len(YEARS) - 1)
    # value per share: today's price in year 0, lognormal around it later
    value = PRICE * np.exp(np.outer(z * SIGMA + MU, t))
    share = np.clip(0.35 + 0.02 * rng.standard_normal(n), 0, 1)
    outputs = {
        "value_per_share": value,
        "market_cloud": 50.0 * np.exp(np.outer(0.2 + 0.05 * rng.standard_normal(n), np.arange(6))),
        "exit_pe": 20 + 3 * rng.standard_normal(n),
    }
    defaults = dict(
        thesis=fake_thesis(
            {
                "upside": {
                    "statement": "value_per_share[2030] > 100",
                    "label": "Up",
                    "source": None,
                },
                "big_share": {
                    "statement": "share > 0.36",
                    "label": "Share above 36%",
                    "source": {"doc": "004_ee90e3727d2ffaf9.txt"},
                },
            }
        ),
        scenario="base",
        scenario_label="Base case",
        years=YEARS,
        outputs=outputs,
        inputs={"share": share},
        units={
            "value_per_share": "HKD/share",
            "market_cloud": "USD bn",
            "exit_pe": "x",
            "share": "share",
        },
        price=PRICE,
        currency="HKD",
        seed_entropy=seed,
        marks=(Mark("market_cloud", 2026, 60.0, "forecast", "001.txt"),),
    )
    defaults.update(kw)
    return SimulationResult(**defaults)


@pytest.fixture(scope="module")
def result() -> SimulationResult:
    return make_result()


def test_basic_attributes(result):
    assert result.n_paths == N
    assert result.exit_year == 2030
    assert result.names == ("exit_pe", "market_cloud", "value_per_share")
    assert result.input_names == ("share",)
    assert "base" in repr(result)


def test_result_is_frozen_and_read_only(result):
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.scenario = "bull"  # type: ignore[misc]
    with pytest.raises(ValueError):
        result.outputs["exit_pe"][0] = 1.0
    with pytest.raises(TypeError):
        result.outputs["new"] = np.zeros(N)  # type: ignore[index]


def test_bad_shapes_are_rejected():
    with pytest.raises(ThesisModelError, match="shape"):
        SimulationResult(
            thesis=None,
            scenario="x",
            scenario_label="",
            years=YEARS,
            outputs={"a": np.zeros((10, 3))},
        )


def test_summary_index_and_columns(result):
    table = result.summary()
    assert list(table.columns) == ["unit", *COLUMNS]
    assert list(COLUMNS[:5]) == ["n", "mean", "mean_se", "sd", "sd_se"]
    assert table.loc[("value_per_share", 2030), "unit"] == result.units["value_per_share"]
    assert table.index.names == ["output", "year"]
    # one-value outputs are reported at the exit year
    assert list(table.loc["exit_pe"].index) == [2030]
    assert list(table.loc["value_per_share"].index) == list(YEARS)
    assert len(table) == 6 + 6 + 1


def test_summary_matches_closed_form(result):
    row = result.summary("value_per_share").loc[("value_per_share", 2030)]
    mean_true = PRICE * math.exp(MU + SIGMA**2 / 2)
    assert abs(row["mean"] - mean_true) < 4 * row["mean_se"]
    for name, q in (("p5", 0.05), ("p50", 0.5), ("p95", 0.95)):
        true = PRICE * math.exp(MU + SIGMA * st.norm.ppf(q))
        assert abs(row[name] - true) < 4 * row[f"{name}_se"], name
    # year 0 is today's price on every path: no spread, no error
    first = result.summary("value_per_share").loc[("value_per_share", 2025)]
    assert first["sd"] == 0 and first["p50_se"] == 0 and first["p50"] == PRICE


def test_summary_of_input_and_unknown_name(result):
    assert result.summary("share").index[0] == ("share", 2030)
    with pytest.raises(UnknownOutputError, match="did you mean 'value_per_share'"):
        result.summary(["value_per_shares"])


def test_paths_quantiles_final(result):
    paths = result.paths("value_per_share")
    assert paths.shape == (N, 6) and list(paths.columns) == list(YEARS)
    assert paths.index.name == "path"
    assert result.paths("exit_pe").columns.tolist() == [2030]
    q = result.quantiles("value_per_share", (0.1, 0.9, 0.025, 0.999))
    assert list(q.index) == list(YEARS) and list(q.columns) == ["p10", "p90", "p2.5", "p99.9"]
    assert q.loc[2030, "p10"] == pytest.approx(np.quantile(paths[2030], 0.1))
    assert np.array_equal(result.final("value_per_share"), paths[2030].to_numpy())
    assert np.array_equal(result.final("value_per_share", 2027), paths[2027].to_numpy())
    assert np.array_equal(result.final("exit_pe", 2030), result.outputs["exit_pe"])


def test_unknown_output_suggests_close_names(result):
    with pytest.raises(UnknownOutputError) as info:
        result.paths("market_clod")
    assert "did you mean 'market_cloud'" in str(info.value)
    assert isinstance(info.value, KeyError) and isinstance(info.value, ThesisModelError)


@pytest.mark.parametrize("year", [2024, 2031])
def test_year_off_horizon_is_an_error(result, year):
    with pytest.raises(HorizonError, match="outside the thesis horizon"):
        result.final("value_per_share", year)


@pytest.mark.parametrize("year", ["2030x", 2030.5])
def test_year_of_the_wrong_kind_is_an_error(result, year):
    with pytest.raises(HorizonError, match="a year must be a whole number"):
        result.final("value_per_share", year)


def test_bad_quantile_levels(result):
    with pytest.raises(ThesisModelError):
        result.quantiles("exit_pe", (0.5, 1.5))


def test_to_frame_is_tidy(result):
    small = make_result(n=50)
    frame = small.to_frame()
    assert list(frame.columns) == ["path", "output", "year", "value"]
    assert len(frame) == 50 * (6 + 6 + 1)
    sub = frame[(frame.output == "value_per_share") & (frame.year == 2028)]
    assert np.array_equal(sub.value.to_numpy(), small.final("value_per_share", 2028))
    with_inputs = small.to_frame(include_inputs=True)
    assert "share" in set(with_inputs.output)


def test_prob_counts_paths_with_binomial_se(result):
    p = result.prob("value_per_share[2030] > 100")
    assert isinstance(p, Probability)
    expected = float(np.mean(result.final("value_per_share") > 100))
    assert p.p == expected and p.n == N
    assert p.se == pytest.approx(math.sqrt(expected * (1 - expected) / N))
    # closed form: P(exp(MU + SIGMA Z) > 1) = Phi(MU / SIGMA)
    assert abs(p.p - st.norm.cdf(MU / SIGMA)) < 4 * p.se
    assert float(p) == p.p
    lo, hi = p.interval()
    assert lo < p.p < hi
    assert "P(value_per_share[2030] > 100)" in str(p)
    assert list(p.summary().columns) == [
        "statement",
        "probability",
        "probability_se",
        "n",
        "n_undefined",
    ]
    assert p.n_undefined == 0 and "undefined" not in str(p)


def test_prob_with_inputs_and_logic(result):
    p = result.prob("share > 0.35 and exit_pe > 20")
    share = result.inputs["share"]
    expected = np.mean((share > 0.35) & (result.outputs["exit_pe"] > 20))
    assert p.p == pytest.approx(expected)


def test_prob_errors(result):
    with pytest.raises(UnknownOutputError, match="did you mean 'exit_pe'"):
        result.prob("exit_p > 3")
    with pytest.raises(StatementError, match="one truth value per path"):
        result.prob("value_per_share > 100")
    with pytest.raises(StatementError, match="true/false"):
        result.prob("exit_pe + 1")
    with pytest.raises(HorizonError):
        result.prob("value_per_share[2035] > 100")
    with pytest.raises(ExpressionError):
        result.prob("exit_pe >> 3")
    # units are checked: a per-share value is not comparable with a market size
    with pytest.raises(ExpressionError):
        result.prob("value_per_share[2030] > market_cloud[2030]")


def test_prob_leaves_out_undefined_paths(result):
    # a ratio whose denominator is zero on a quarter of the paths: those paths say nothing
    # about the claim, so they are neither counted false nor kept in the denominator
    n = result.n_paths
    gap = np.where(np.arange(n) % 4 == 0, 0.0, result.outputs["exit_pe"] - 10.0)
    r = dataclasses.replace(
        result,
        outputs={**result.outputs, "pe_gap": gap},
        units={**result.units, "pe_gap": "x"},
    )
    p = r.prob("exit_pe / pe_gap > 1.5")
    defined = gap != 0
    expected = float(np.mean(r.outputs["exit_pe"][defined] / gap[defined] > 1.5))
    assert p.n_undefined == n // 4 and p.n == n - n // 4
    assert p.p == pytest.approx(expected)
    assert p.se == pytest.approx(math.sqrt(expected * (1 - expected) / p.n))
    assert "undefined left out" in str(p)
    # truth() still answers one flag per path: False where undefined
    assert not r.truth("exit_pe / pe_gap > 1.5")[~defined].any()
    # a branch that avoids the division is defined everywhere
    assert r.prob("(exit_pe / pe_gap if pe_gap != 0 else 0) > 1.5").n_undefined == 0
    with pytest.raises(StatementError, match="undefined on every one"):
        r.prob("exit_pe / (pe_gap - pe_gap) > 1")


def test_scorecard(result):
    card = result.scorecard()
    columns = [
        "claim",
        "label",
        "statement",
        "probability",
        "probability_se",
        "n_undefined",
        "source",
    ]
    assert list(card.columns) == columns
    assert card.n_undefined.tolist() == [0, 0]
    assert card.claim.tolist() == ["upside", "big_share"]
    assert card.loc[0, "probability"] == result.prob("value_per_share[2030] > 100").p
    assert card.loc[1, "source"] == "004_ee90e3727d2ffaf9.txt"


def test_empty_scorecard():
    r = make_result(n=100, thesis=fake_thesis())
    assert len(r.scorecard()) == 0


def test_returns_table_against_closed_form(result):
    table = result.returns_table()
    assert list(table.index) == [2026, 2027, 2028, 2029, 2030]
    row = table.loc[2030]
    t = 5
    assert row["years_ahead"] == t and row["n"] == N
    # P(upside) = Phi(MU/SIGMA); P(loss > 30%) = Phi((log 0.7 - MU) / SIGMA)
    assert abs(row["p_upside"] - st.norm.cdf(MU / SIGMA)) < 4 * row["p_upside_se"]
    p_loss = st.norm.cdf((math.log(0.7) - MU) / SIGMA)
    assert abs(row["p_loss_30"] - p_loss) < 4 * row["p_loss_30_se"]
    # The expected total return annualised: E[V/P]^(1/t) - 1 = exp((MU + SIGMA^2 / 2) / t) - 1
    er = math.exp((MU + SIGMA**2 / 2) / t) - 1
    assert abs(row["expected_return"] - er) < 4 * row["expected_return_se"]
    assert result.expected_return() == pytest.approx(row["expected_return"])
    # expected shortfall of a lognormal total return: E[V/P - 1 | Z < z_0.05]
    z = st.norm.ppf(0.05)
    es = math.exp(MU + SIGMA**2 / 2) * st.norm.cdf(z - SIGMA) / 0.05 - 1
    # The tail mean's asymptotic variance is var((X - q) 1{X <= q}) / (alpha**2 n).
    total = result.final("value_per_share") / PRICE - 1
    q = np.quantile(total, 0.05)
    se_es = np.std((total - q) * (total <= q)) / (0.05 * math.sqrt(N))
    assert abs(row["expected_shortfall_5"] - es) < 4.5 * se_es
    # Median annual return exp(MU / t) - 1, at Z = 0: its density there is
    # phi(0) t / (SIGMA exp(MU / t)), so its se is sqrt(0.25 / N) over that.
    density = st.norm.pdf(0) * t / (SIGMA * math.exp(MU / t))
    se_p50 = math.sqrt(0.25 / N) / density
    assert abs(row["return_p50"] - (math.exp(MU / t) - 1)) < 4.5 * se_p50


def test_returns_view_errors(result):
    view = result.returns()
    assert isinstance(view, ReturnsView)
    with pytest.raises(HorizonError):
        view.expected_return(2025)  # year 0: no holding period
    with pytest.raises(HorizonError):
        result.returns_table([2031])
    up = view.p_upside(2028)
    assert 0 < up.p < 1 and up.se > 0
    assert view.p_loss(0.5).p < view.p_loss(0.3).p
    no_price = make_result(n=100, price=0.0)
    with pytest.raises(ThesisModelError, match="price"):
        no_price.returns().expected_return()


def test_settings_are_plain_values(result):
    settings = result.settings()
    assert settings["scenario"] == "base"
    assert settings["seed_entropy"] == "1"
    assert settings["thesis"]["file_hash"] == "abc123"
    assert settings["n_paths"] == N


def test_statements_are_unit_checked_on_outputs_and_inputs(result):
    # an output and a kept input in one claim (both dimensionless here)
    p = result.prob("exit_pe >= share * 60")
    expected = np.mean(result.outputs["exit_pe"] >= result.inputs["share"] * 60)
    assert p.p == pytest.approx(expected)
    # a name without a unit, or with one the parser does not know, is an error, not a number
    no_unit = make_result(n=100, units={"value_per_share": "HKD/share"})
    with pytest.raises(StatementError, match="no unit"):
        no_unit.prob("exit_pe > 20")
    odd_unit = make_result(n=100, units={"exit_pe": "furlongs per fortnight"})
    with pytest.raises(StatementError, match="not understood"):
        odd_unit.prob("exit_pe > 20")


def test_settings_are_enums_and_seed_is_rebuilt():
    from model.engine.spec import Backend, Method
    from model.errors import SettingsError

    r = make_result(n=100, method="lhs", backend="parallel", seed_spawn_key=(3,))
    assert r.method is Method.LHS and r.backend is Backend.PARALLEL
    assert r.seed().spawn_key == (3,) and r.seed().entropy == 1
    with pytest.raises(SettingsError, match="did you mean 'lhs'"):
        make_result(n=100, method="lhss")
    with pytest.raises(SettingsError, match="seed"):
        make_result(n=100, seed_entropy=None).seed()


def test_no_silent_nan():
    from model.errors import EmptySampleError, SettingsError

    broken = make_result(n=100)
    outputs = dict(broken.outputs, broken=np.full(100, np.nan))
    broken = dataclasses.replace(broken, outputs=outputs)
    with pytest.raises(EmptySampleError, match="no finite value"):
        broken.quantiles("broken")
    assert broken.summary("broken")["n"].tolist() == [0]  # marked, not hidden
    p = broken.prob("exit_pe > 20")
    with pytest.raises(SettingsError, match="coverage"):
        p.interval(1.5)
    assert p.to_frame().columns.tolist() == [
        "statement",
        "probability",
        "probability_se",
        "n",
        "n_undefined",
    ]
    assert "±" in str(p)
