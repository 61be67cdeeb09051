"""simulate / compare / blend / views on the Alibaba thesis: provenance, reproducibility, CRN."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from scipy import stats as st

from model.engine.spec import Method
from model.errors import (
    EngineError,
    SettingsError,
    ThesisError,
    UnknownScenarioError,
    UnknownViewError,
    WeightsError,
)
from model.results.comparison import ComparisonResult
from model.results.results import SimulationResult
from model.scenarios import RunSettings, blend, compare, scenario_names, simulate, views

# Part of the repository: a missing file is a failure, not a reason to skip.
THESIS = Path(__file__).resolve().parents[2] / "assumptions" / "alibaba.yaml"
N = 1_000
#: Standard errors of slack allowed in each check.
K = 4.5


def sd_rel_se(x: np.ndarray) -> float:
    """Relative standard error of a sample sd: sqrt((kurtosis - 1) / (4 n)) (delta method)."""
    return math.sqrt((st.kurtosis(x, fisher=False) - 1) / (4 * len(x)))


def assert_less_noisy(paired: np.ndarray, unpaired_sd: float, unpaired: list[np.ndarray]) -> None:
    """The paired sd is below the unpaired one by more than K standard errors of their ratio.

    The ratio's relative error is at most the sum of the two sds' relative errors, whatever
    their correlation.
    """
    ratio = float(np.std(paired, ddof=1)) / unpaired_sd
    rel = sd_rel_se(paired) + max(sd_rel_se(x) for x in unpaired)
    assert ratio + K * rel * ratio < 1.0, (ratio, rel)


@pytest.fixture(scope="module")
def thesis():
    from model.inputs.assembly.thesis import load_thesis

    return load_thesis(THESIS)


@pytest.fixture(scope="module")
def base(thesis) -> SimulationResult:
    return simulate(thesis, n_paths=N, seed=11)


@pytest.fixture(scope="module")
def trio(thesis) -> ComparisonResult:
    return compare(thesis, ["base", "bull", "bear"], n_paths=N, seed=11)


def test_result_remembers_where_it_came_from(base, thesis):
    assert base.thesis.path == thesis.path and base.thesis.file_hash == thesis.file_hash
    assert base.scenario == "base" and base.seed_entropy == 11 and base.seed_spawn_key == ()
    assert base.scenario_label == "Base case"
    assert base.n_paths == N and base.method is Method.MC and base.backend == "local"
    assert base.chunk_size > 0
    assert base.years == thesis.years
    assert base.price == pytest.approx(129.5) and base.currency == "HKD"
    assert base.units["value_per_share"] == "HKD/share"
    assert base.outputs["value_per_share"].shape == (N, len(thesis.years))
    assert base.inputs, "inputs are kept by default"
    assert all(not k.startswith("_") for k in base.outputs)
    assert any(m.output == "value_per_share" and m.value == base.price for m in base.marks)


def test_path_and_thesis_give_the_same_run(base):
    again = simulate(str(THESIS), "base", n_paths=N, seed=11, keep_inputs=False)
    assert np.array_equal(again.outputs["value_per_share"], base.outputs["value_per_share"])
    # without keep_inputs only the assumptions the scorecard's statements use are kept
    used = {n for c in again.thesis.scorecard.values() for n in c.expression.names}
    assert set(again.inputs) == used & set(again.thesis.assumptions) - set(again.outputs)
    assert len(again.inputs) < len(base.inputs)


def test_fresh_seed_is_recorded_and_repeats(thesis):
    first = simulate(thesis, n_paths=200)
    assert isinstance(first.seed_entropy, int)
    again = simulate(thesis, n_paths=200, seed=first.seed_entropy)
    assert np.array_equal(first.outputs["earnings"], again.outputs["earnings"])
    # Another seed: a child of the first, which SeedSequence keeps independent of it.
    child = np.random.SeedSequence(first.seed_entropy).spawn(1)[0]
    other = simulate(thesis, n_paths=200, seed=child)
    assert not np.array_equal(first.outputs["earnings"], other.outputs["earnings"])
    assert other.seed_spawn_key == (0,)
    repeat = simulate(thesis, n_paths=200, seed=other.seed())
    assert np.array_equal(other.outputs["earnings"], repeat.outputs["earnings"])


def test_every_kind_of_seed_is_accepted_and_recorded(thesis):
    listed = simulate(thesis, n_paths=100, seed=np.random.SeedSequence([1, 2]))
    assert list(listed.seed_entropy) == [1, 2]
    drawn = simulate(thesis, n_paths=100, seed=np.random.default_rng(1))
    again = simulate(thesis, n_paths=100, seed=np.random.default_rng(1))
    assert np.array_equal(drawn.outputs["earnings"], again.outputs["earnings"])
    repeat = simulate(thesis, n_paths=100, seed=drawn.seed())
    assert np.array_equal(drawn.outputs["earnings"], repeat.outputs["earnings"])
    # One Generator serves every scenario of a comparison: common random numbers hold.
    pair = compare(thesis, ["base", "bull"], n_paths=100, seed=np.random.default_rng(1))
    assert pair["base"].seed_entropy == pair["bull"].seed_entropy
    assert np.array_equal(pair["base"].outputs["earnings"], drawn.outputs["earnings"])


def test_common_random_numbers(trio, base, thesis):
    # the comparison's base is the stand-alone base run with the same seed
    assert np.array_equal(trio["base"].outputs["value_per_share"], base.outputs["value_per_share"])
    # an assumption bull does not override is drawn identically in both scenarios (static
    # ones: a per-year input may be the target of an event the scenario changes)
    bull = thesis.with_scenario("bull")
    shared = [
        n
        for n, a in bull.assumptions.items()
        if a.scenario == "base" and a.dist is not None and trio["bull"].inputs[n].ndim == 1
    ]
    assert shared
    for name in shared:
        assert np.array_equal(trio["bull"].inputs[name], trio["base"].inputs[name]), name
    # so the paired difference is far less noisy than two independent runs would be
    d = trio.difference("bull", "base")
    unpaired = [trio[n].final("value_per_share") for n in ("bull", "base")]
    assert_less_noisy(d.values, d.sd_unpaired, unpaired)
    same = trio.difference("base", "base")
    assert np.all(same.values == 0.0) and same.sd == 0.0


def test_crn_difference_beats_independent_runs(thesis):
    # the same comparison with a different seed for one side: much noisier difference
    paired = compare(thesis, ["base", "bear"], n_paths=N, seed=5)
    bear_other = simulate(thesis, "bear", n_paths=N, seed=6)
    d_paired = paired.difference("bear", "base").values
    d_indep = bear_other.final("value_per_share") - paired["base"].final("value_per_share")
    assert_less_noisy(d_paired, float(np.std(d_indep, ddof=1)), [d_indep])


def test_comparison_defaults_to_every_scenario(thesis):
    every = compare(thesis, n_paths=100, seed=1)
    assert every.scenarios == scenario_names(thesis)
    assert every.scenarios[0] == "base"


def test_blend_uses_thesis_weights(thesis):
    mixed = blend(thesis, n_paths=N, seed=3)
    weights = {n: w.value for n, w in thesis.weights.items()}
    assert dict(mixed.weights) == weights
    for name, w in weights.items():
        assert abs(np.sum(mixed.path_scenarios == name) - w * N) < 1
    assert mixed.scenario == "blend" and mixed.seed_entropy == 3 and mixed.seed_spawn_key == ()
    assert len(mixed.scorecard()) == len(thesis.scorecard)


def test_views_put_2022_and_2025_side_by_side(thesis):
    side = views(thesis, n_paths=100, seed=1)
    tags = {n: thesis.scenarios[n].view for n in side.scenarios}
    assert side.scenarios[0] == "base"
    assert {"2022", "2025"} <= {t for t in tags.values() if t}
    only = views(thesis, ["2022"], include_base=False, n_paths=100, seed=1)
    assert all(thesis.scenarios[n].view == "2022" for n in only.scenarios)
    with pytest.raises(UnknownViewError, match="no scenario has view '1999'; known views: 2022"):
        views(thesis, ["2022", "1999"], n_paths=100)


def test_lhs_errors_agree_everywhere(thesis):
    # One standard-error function behind every table: a result's summary, the comparison's
    # summary and the returns table report the same se of the same mean.
    pair = compare(thesis, ["base", "bull"], n_paths=2_000, seed=2, method="lhs", keep_inputs=False)
    base = pair["base"]
    assert base.method is Method.LHS
    se = base.summary("value_per_share").loc[("value_per_share", 2030), "mean_se"]
    assert pair.summary("value_per_share").loc["base", "mean_se"] == pytest.approx(se)
    # The returns table is on today's basis: today's value of holding to 2030.
    today = "value_today_by_year"
    se_today = base.summary(today).loc[(today, 2030), "mean_se"]
    assert base.returns_table([2030]).loc[2030, "value_mean_se"] == pytest.approx(se_today)


def test_scorecard_inputs_are_kept_and_names_checked_first(thesis):
    lean = simulate(thesis, n_paths=100, seed=1, keep_inputs=False)
    assert len(lean.scorecard()) == len(thesis.scorecard)
    # Statements may use assumptions too; their units come from the thesis.
    p = lean.prob("exit_pe >= exit_pe * 0.5")
    assert p.p == 1.0
    full = simulate(thesis, n_paths=100, seed=1)
    multiple = next(n for n, a in full.inputs.items() if a.ndim == 1 and full.units[n] == "x")
    both = full.prob(f"exit_pe >= {multiple} + 1")
    expected = np.mean(full.outputs["exit_pe"] >= full.inputs[multiple] + 1)
    assert both.p == pytest.approx(expected)


def test_misspelt_claim_fails_before_the_run(thesis, monkeypatch):
    import dataclasses

    import model.engine

    def never(*args, **kwargs):
        raise AssertionError("the engine ran")

    monkeypatch.setattr(model.engine, "run", never)
    claim = next(iter(thesis.scorecard.values()))
    typo = dataclasses.replace(claim, statement="value_per_shar[2030] > 1")
    broken = dataclasses.replace(thesis, scorecard={**thesis.scorecard, claim.name: typo})
    with pytest.raises(ThesisError, match="did you mean 'value_per_share'") as info:
        compare(broken, ["base", "bull"], n_paths=10)
    assert "alibaba.yaml:" in str(info.value)


def test_bad_input(thesis):
    with pytest.raises(UnknownScenarioError, match="did you mean 'bull'"):
        simulate(thesis, "bulll", n_paths=10)
    with pytest.raises(UnknownScenarioError, match="did you mean 'crackdown_redux'"):
        compare(thesis, ["base", "crackdown"], n_paths=10)
    with pytest.raises(WeightsError, match="sum to 1"):
        blend(thesis, weights={"base": 0.5, "bull": 0.3}, n_paths=10)
    with pytest.raises(WeightsError, match="did you mean"):
        blend(thesis, weights={"base": 0.5, "bul": 0.5}, n_paths=10)
    with pytest.raises(SettingsError, match="n_paths"):
        simulate(thesis, n_paths=0)
    with pytest.raises(SettingsError, match="seed"):
        simulate(thesis, n_paths=10, seed=-1)
    with pytest.raises(SettingsError, match="seed"):
        simulate(thesis, n_paths=10, seed=True)
    with pytest.raises(SettingsError, match="did you mean 'sobol'"):
        simulate(thesis, n_paths=10, method="sobel")
    with pytest.raises(SettingsError, match="list of names"):
        compare(thesis, "bull", n_paths=10)
    with pytest.raises(SettingsError, match="repeat"):
        compare(thesis, ["bull", "bull"], n_paths=10)
    with pytest.raises(SettingsError, match="unknown run setting"):
        compare(thesis, ["bull"], n_path=10)
    with pytest.raises(SettingsError, match="dask"):
        RunSettings(scheduler="tcp://127.0.0.1:1")
    # None of these is an engine failure: the command line reports them as bad input.
    assert not issubclass(SettingsError, EngineError)
