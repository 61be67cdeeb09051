"""The runs of an attribution share their draws and give exactly what model.simulate gives."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import model
from model.engine.draws.rng import handle_seed
from model.engine.spec import Method
from model.inputs.assembly.mixing import differing_items, mix_scenarios
from model.inputs.assembly.vintages import compare_vintages, mix_vintages
from model.learning import runs
from model.learning.vintages import attribute, run_order

ALIBABA = Path(__file__).resolve().parents[2] / "assumptions"


@pytest.fixture()
def shared_route(monkeypatch):
    """Record the SharedRuns an attribution makes (to see that it shared its draws)."""
    made: list[runs.SharedRuns] = []
    original = runs.SharedRuns.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        made.append(self)

    monkeypatch.setattr(runs.SharedRuns, "__init__", init)
    return made


def _same_attribution(a, b) -> None:
    assert a.groups == b.groups and dict(a.members) == dict(b.members)
    for field in ("start", "end", "median", "mean", "mean_se"):
        left, right = dict(getattr(a, field)), dict(getattr(b, field))
        assert left.keys() == right.keys()
        for key in left:  # exact: NaN only where both are NaN
            assert left[key] == right[key] or (np.isnan(left[key]) and np.isnan(right[key]))
    assert (a.year, a.from_year, a.to_year, a.unit, a.n_runs) == (
        b.year, b.from_year, b.to_year, b.unit, b.n_runs
    )  # fmt: skip
    assert a.summary().to_csv() == b.summary().to_csv()


def _outputs_equal(fast, plain) -> None:
    assert fast.years == plain.years and set(fast.outputs) == set(plain.outputs)
    for name, values in plain.outputs.items():
        assert np.array_equal(fast.outputs[name], values), name
        assert fast.units[name] == plain.units[name]


def _plain_route(monkeypatch) -> None:
    """Make every SharedRuns take the plain route (one ``simulate`` per run)."""
    original = runs.SharedRuns.__init__
    monkeypatch.setattr(
        runs.SharedRuns,
        "__init__",
        lambda self, *a, **k: original(self, *a, **{**k, "shared": False}),
    )


def test_file_vintages_give_the_same_attribution_both_ways(vintage_pair, shared_route, monkeypatch):
    old, new = vintage_pair
    fast = model.attribute(new, from_=old, n_paths=700, seed=11)
    assert shared_route[-1].shared and shared_route[-1].draws.hits > 0
    monkeypatch.undo()
    _plain_route(monkeypatch)
    _same_attribution(fast, model.attribute(new, from_=old, n_paths=700, seed=11))


def test_scenarios_give_the_same_attribution_both_ways(shared_route, monkeypatch):
    thesis = model.load_thesis(ALIBABA / "alibaba.yaml")
    fast = attribute(thesis, "bull", "base", n_paths=300, seed=4)
    assert shared_route[-1].shared and shared_route[-1].draws.hits > 0
    monkeypatch.undo()
    _plain_route(monkeypatch)
    _same_attribution(fast, attribute(thesis, "bull", "base", n_paths=300, seed=4))


def test_every_mixture_of_two_alibaba_vintages_runs_as_simulate_runs_it():
    new = model.load_thesis(ALIBABA / "alibaba.yaml")
    old = model.load_thesis(ALIBABA / "alibaba-2022.yaml")
    diff = compare_vintages(old, new)
    shared = runs.SharedRuns(250, 3, {"progress": False, "keep_inputs": False})
    names = list(diff.assumptions)
    # the two structures, none / half / all of the definitions of the other vintage
    for base, other in ((old, new), (new, old)):
        for take in ([], names[::2], names):
            mixed = mix_vintages(base, other, take, diff.events if take else ())
            fast = shared.run(mixed, mixed.scenario)
            plain = model.simulate(
                mixed, scenario=mixed.scenario, n_paths=250, seed=3, progress=False,
                keep_inputs=False,
            )  # fmt: skip
            _outputs_equal(fast, plain)
    assert shared.draws.hits > 0


@pytest.mark.parametrize(
    ("n_paths", "options"),
    [(2_500, {"chunk_size": 1_024}), (600, {"method": "lhs"}), (600, {"method": "sobol"})],
)
def test_chunks_and_designs_draw_what_simulate_draws(n_paths, options):
    thesis = model.load_thesis(ALIBABA / "alibaba.yaml")
    names, events, corr = differing_items(thesis, "base", "bull")
    names = sorted(names)
    shared = runs.SharedRuns(n_paths, 8, {"progress": False, **options})
    for take in (names[:3], names):
        mixed = mix_scenarios(
            thesis, "base", "bull", take, take_events=events, take_correlations=corr
        )
        fast = shared.run(mixed, "base")
        assert isinstance(fast, runs.Outcome)
        plain = model.simulate(mixed, "base", n_paths=n_paths, seed=8, progress=False, **options)
        _outputs_equal(fast, plain)


def test_correlations_taken_or_not_change_the_uniforms_and_so_the_key():
    # 'competition' changes the correlations: with and without them the correlated inputs
    # have other uniforms, so their columns must not be reused across the two mixtures
    thesis = model.load_thesis(ALIBABA / "alibaba.yaml")
    names, events, corr = differing_items(thesis, "base", "competition")
    assert corr
    # (a derived 'volcano_ai_share_drift' cannot keep the base case's correlation)
    names = sorted(n for n in names if n != "volcano_ai_share_drift")
    shared = runs.SharedRuns(400, 5, {"progress": False, "keep_inputs": False})
    seen = {}
    for take_corr in (False, True):
        mixed = mix_scenarios(
            thesis, "base", "competition", names, take_events=events, take_correlations=take_corr
        )
        fast = shared.run(mixed, "base")
        plain = model.simulate(mixed, "base", n_paths=400, seed=5, progress=False)
        _outputs_equal(fast, plain)
        seen[take_corr] = plain.outputs["value_today"]
    assert not np.array_equal(seen[False], seen[True])


def test_a_difference_from_simulate_sends_every_run_the_plain_way(
    vintage_pair, shared_route, monkeypatch
):
    old, new = vintage_pair
    monkeypatch.setattr(runs, "same_outcome", lambda a, b: False)
    att = model.attribute(new, from_=old, n_paths=300, seed=2)
    assert not shared_route[-1].shared
    monkeypatch.undo()
    _same_attribution(att, model.attribute(new, from_=old, n_paths=300, seed=2))


def test_other_settings_take_the_plain_route():
    assert not runs.SharedRuns(100, 1, {"backend": "parallel"}).shared
    assert not runs.SharedRuns(100, 1, {"keep": ["value_today"]}).shared
    assert runs.SharedRuns(100, 1, {"backend": "local", "method": "lhs"}).shared


def test_a_generator_seed_gives_every_run_the_same_random_numbers(vintage_pair):
    old, new = vintage_pair
    att = model.attribute(new, from_=old, n_paths=400, seed=np.random.default_rng(7))
    root = handle_seed(np.random.default_rng(7))
    again = model.attribute(new, from_=old, n_paths=400, seed=root)
    _same_attribution(att, again)


def test_the_two_vintages_run_first():
    assert run_order(1) == [0, 1]
    assert run_order(3) == [0, 7, 1, 2, 3, 4, 5, 6]
    assert sorted(run_order(5)) == list(range(32))


def test_a_column_is_reused_only_for_the_same_distribution_and_uniforms():
    from model.engine import from_params

    cache = runs._Draws(budget=10**6)
    u = np.linspace(0.01, 0.99, 50)
    pert = from_params("pert", {"min": 0.0, "mode": 0.3, "max": 1.0})
    a = cache.draw(pert, u, True)
    assert cache.draw(pert, u.copy(), True) is a and cache.hits == 1
    assert cache.draw(pert, u[::-1].copy(), True) is not a
    other = from_params("pert", {"min": 0.0, "mode": 0.31, "max": 1.0})
    assert not np.array_equal(cache.draw(other, u, True), a)
    assert np.array_equal(a, pert.ppf(u, exact=True)) and not a.flags.writeable
    tiny = runs._Draws(budget=10)
    tiny.draw(pert, u, True)
    assert tiny.used == 0 and tiny.draw(pert, u, True) is not None and tiny.hits == 0


def test_uniforms_are_reused_only_for_an_equal_sampler():
    from model.engine.execution.runner import _sampler

    thesis = model.load_thesis(ALIBABA / "alibaba.yaml")
    names, events, _ = differing_items(thesis, "base", "competition")
    names = sorted(n for n in names if n != "volcano_ai_share_drift")
    root = handle_seed(3)
    draws = runs._Draws(budget=10**8)
    specs = [
        mix_scenarios(
            thesis, "base", "competition", names, take_events=events, take_correlations=corr
        ).to_spec()
        for corr in (False, True)
    ]
    plain, correlated = (_sampler(spec, root, Method.MC, 300) for spec in specs)
    u = draws.uniforms(plain, 0, 300)
    assert draws.uniforms(_sampler(specs[0], root, Method.MC, 300), 0, 300) is u
    v = draws.uniforms(correlated, 0, 300)
    assert v is not u and any(not np.array_equal(u[k], v[k]) for k in u)
    for sampler, got in ((plain, u), (correlated, v)):
        fresh = sampler.uniforms(0, 300)
        assert all(np.array_equal(fresh[k], got[k]) for k in fresh)
    assert not u[next(iter(u))].flags.writeable
