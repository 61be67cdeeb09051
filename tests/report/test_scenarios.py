"""simulate / compare / blend / views on the Alibaba thesis: provenance, reproducibility, CRN."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from model.errors import EngineError
from model.report.comparison import ComparisonResult
from model.report.errors import UnknownScenarioError, WeightsError
from model.report.results import SimulationResult
from model.scenarios import blend, compare, normalise_seed, scenario_names, simulate, views

THESIS = Path(__file__).resolve().parents[2] / "assumptions" / "alibaba.yaml"
N = 1_000
pytestmark = pytest.mark.skipif(not THESIS.is_file(), reason="the Alibaba thesis is missing")


@pytest.fixture(scope="module")
def thesis():
    from model.inputs.thesis import load_thesis

    return load_thesis(THESIS)


@pytest.fixture(scope="module")
def base(thesis) -> SimulationResult:
    return simulate(thesis, n_paths=N, seed=11)


@pytest.fixture(scope="module")
def trio(thesis) -> ComparisonResult:
    return compare(thesis, ["base", "bull", "bear"], n_paths=N, seed=11)


def test_result_remembers_where_it_came_from(base, thesis):
    assert base.thesis.path == thesis.path and base.thesis.file_hash == thesis.file_hash
    assert base.scenario == "base" and base.seed_entropy == 11
    assert base.n_paths == N and base.method == "mc" and base.backend == "local"
    assert base.chunk_size > 0
    assert base.years == thesis.years
    assert base.price == pytest.approx(129.5) and base.currency == "HKD"
    assert base.units["value_per_share"] == "HKD/share"
    assert base.outputs["value_per_share"].shape == (N, len(thesis.years))
    assert base.inputs, "inputs are kept by default"
    assert all(not k.startswith("_") for k in base.outputs)
    assert any(m.output == "value_per_share" and m.value == 129.5 for m in base.marks)


def test_path_and_thesis_give_the_same_run(base):
    again = simulate(str(THESIS), "base", n_paths=N, seed=11, keep_inputs=False)
    assert np.array_equal(again.outputs["value_per_share"], base.outputs["value_per_share"])
    assert not again.inputs


def test_fresh_seed_is_recorded_and_repeats(thesis):
    first = simulate(thesis, n_paths=200)
    assert isinstance(first.seed_entropy, int)
    again = simulate(thesis, n_paths=200, seed=first.seed_entropy)
    assert np.array_equal(first.outputs["earnings"], again.outputs["earnings"])
    other = simulate(thesis, n_paths=200, seed=first.seed_entropy + 1)
    assert not np.array_equal(first.outputs["earnings"], other.outputs["earnings"])


def test_common_random_numbers(trio, base, thesis):
    # the comparison's base is the stand-alone base run with the same seed
    assert np.array_equal(trio["base"].outputs["value_per_share"], base.outputs["value_per_share"])
    # an assumption bull does not override is drawn identically in both scenarios (static
    # ones: a per-year input may be the target of an event the scenario changes)
    bull = thesis.with_scenario("bull")
    shared = [
        n for n, a in bull.assumptions.items()
        if a.scenario == "base" and a.dist is not None and trio["bull"].inputs[n].ndim == 1
    ]
    assert shared
    for name in shared:
        assert np.array_equal(trio["bull"].inputs[name], trio["base"].inputs[name]), name
    # so the paired difference is far less noisy than two independent runs would be
    d = trio.difference("bull", "base")
    assert d.sd < 0.6 * d.sd_unpaired
    same = trio.difference("base", "base")
    assert np.all(same.values == 0.0) and same.sd == 0.0


def test_crn_difference_beats_independent_runs(thesis):
    # the same comparison with a different seed for one side: much noisier difference
    paired = compare(thesis, ["base", "bear"], n_paths=N, seed=5)
    bear_other = simulate(thesis, "bear", n_paths=N, seed=6)
    d_paired = paired.difference("bear", "base").values
    d_indep = bear_other.final("value_per_share") - paired["base"].final("value_per_share")
    assert np.std(d_paired) < 0.6 * np.std(d_indep)


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
    assert mixed.scenario == "blend" and mixed.seed_entropy == 3
    assert len(mixed.scorecard()) == len(thesis.scorecard)


def test_views_put_2022_and_2025_side_by_side(thesis):
    side = views(thesis, n_paths=100, seed=1)
    tags = {n: thesis.scenarios[n].view for n in side.scenarios}
    assert side.scenarios[0] == "base"
    assert {"2022", "2025"} <= {t for t in tags.values() if t}
    only = views(thesis, ["2022"], include_base=False, n_paths=100, seed=1)
    assert all(thesis.scenarios[n].view == "2022" for n in only.scenarios)
    with pytest.raises(UnknownScenarioError):
        views(thesis, ["1999"], n_paths=100)


def test_lhs_run_reports_batch_mean_errors(thesis):
    lhs = simulate(thesis, n_paths=70_000 // 8, seed=2, method="lhs", keep_inputs=False)
    assert lhs.method == "lhs"
    row = lhs.summary("earnings").iloc[-1]
    assert row["se_mean"] > 0


def test_bad_input(thesis):
    with pytest.raises(UnknownScenarioError, match="did you mean 'bull'"):
        simulate(thesis, "bulll", n_paths=10)
    with pytest.raises(UnknownScenarioError, match="did you mean 'crackdown_redux'"):
        compare(thesis, ["base", "crackdown"], n_paths=10)
    with pytest.raises(WeightsError, match="sum to 1"):
        blend(thesis, weights={"base": 0.5, "bull": 0.3}, n_paths=10)
    with pytest.raises(WeightsError, match="did you mean"):
        blend(thesis, weights={"base": 0.5, "bul": 0.5}, n_paths=10)
    with pytest.raises(EngineError, match="n_paths"):
        simulate(thesis, n_paths=0)
    with pytest.raises(EngineError, match="seed"):
        simulate(thesis, n_paths=10, seed=-1)
    with pytest.raises(EngineError, match="list of names"):
        compare(thesis, "bull", n_paths=10)
    with pytest.raises(EngineError, match="repeat"):
        compare(thesis, ["bull", "bull"], n_paths=10)


def test_normalise_seed():
    assert normalise_seed(5) == 5
    assert normalise_seed(np.random.SeedSequence(9)) == 9
    assert normalise_seed(None) != normalise_seed(None)
    with pytest.raises(EngineError):
        normalise_seed(np.random.SeedSequence(9).spawn(1)[0])
    with pytest.raises(EngineError):
        normalise_seed(True)
