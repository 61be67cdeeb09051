"""Bit-identity: seeds, chunk sizes, workers, keyed streams, common random numbers."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from model.engine import (
    BLOCK_SIZE,
    ModelSpec,
    Variable,
    from_params,
    handle_seed,
    run,
    sample,
)
from model.engine.draws.rng import name_key
from model.errors import EngineError

YEARS = tuple(range(2025, 2031))
N = 2 * BLOCK_SIZE + 7_000  # two whole blocks and a partial one


def assert_same(r1, r2):
    assert r1.outputs.keys() == r2.outputs.keys()
    for k in r1.outputs:
        np.testing.assert_array_equal(r1.outputs[k], r2.outputs[k], err_msg=k)
    for k, s in r1.summaries.items():
        t = r2.summaries[k]
        for attr in ("mean", "sd", "se"):
            np.testing.assert_array_equal(getattr(s, attr), getattr(t, attr), err_msg=f"{k}.{attr}")
    assert r1.seed_entropy == r2.seed_entropy


@pytest.mark.parametrize("method", ["mc", "lhs", "sobol"])
def test_chunk_size_does_not_change_anything(method, spec_factory, model_fn):
    spec = spec_factory()
    ref = run(spec, model_fn, N, seed=11, method=method)
    for chunk in (1000, 4096, 16384, N):
        assert_same(ref, run(spec, model_fn, N, seed=11, method=method, chunk_size=chunk))


@pytest.mark.parametrize("method", ["mc", "lhs", "sobol"])
@pytest.mark.parametrize("copula", [None, "gaussian", "iman-conover"])
def test_parallel_equals_local(method, copula, spec_factory, model_fn):
    spec = spec_factory(correlated=copula)
    ref = run(spec, model_fn, N, seed=5, method=method)
    par = run(
        spec, model_fn, N, seed=5, method=method, backend="parallel", workers=2, chunk_size=30_000
    )
    assert par.backend == "parallel"
    assert_same(ref, par)


def test_same_seed_same_result_and_different_seeds_differ(spec_factory, model_fn):
    spec = spec_factory()
    a = run(spec, model_fn, 20_000, seed=3)
    b = run(spec, model_fn, 20_000, seed=3)
    c = run(spec, model_fn, 20_000, seed=4)
    assert_same(a, b)
    assert not np.array_equal(a.outputs["y"], c.outputs["y"])


def test_seed_forms_are_normalised_once(spec_factory, model_fn):
    spec = spec_factory()
    from_int = run(spec, model_fn, 5_000, seed=42)
    from_ss = run(spec, model_fn, 5_000, seed=np.random.SeedSequence(42))
    assert_same(from_int, from_ss)
    fresh = run(spec, model_fn, 5_000)  # fresh entropy, recorded
    again = run(spec, model_fn, 5_000, seed=fresh.seed())
    assert_same(fresh, again)
    g1 = run(spec, model_fn, 5_000, seed=np.random.default_rng(9))
    g2 = run(spec, model_fn, 5_000, seed=np.random.default_rng(9))
    assert_same(g1, g2)
    for bad in (-1, 1.5, "7", True):
        with pytest.raises(EngineError):
            handle_seed(bad)


@pytest.mark.parametrize("method", ["mc", "lhs"])
def test_adding_a_variable_leaves_other_draws_unchanged(method, spec_factory):
    base = run(spec_factory(), None, N, seed=8, method=method)
    more = run(spec_factory(extra=True), None, N, seed=8, method=method)
    assert "zz_new" in more.outputs
    for name in base.outputs:
        np.testing.assert_array_equal(base.outputs[name], more.outputs[name], err_msg=name)


def test_common_random_numbers_across_scenarios(spec_factory):
    # Two scenarios of one thesis: same names, one parameter changed. The changed variable
    # keeps its uniforms (same quantile on every path); the others are identical.
    base = spec_factory()
    bull = ModelSpec(
        (Variable("a", from_params("normal", {"mean": 1.5, "sd": 2.5})), *base.variables[1:]),
        base.processes,
        base.events,
        years=YEARS,
    )
    r0 = sample(base, 30_000, seed=21)
    r1 = sample(bull, 30_000, seed=21)
    np.testing.assert_array_equal(r0["b"], r1["b"])
    np.testing.assert_allclose(
        base.variable("a").dist.cdf(r0["a"]), bull.variable("a").dist.cdf(r1["a"]), rtol=1e-12
    )


def test_sample_equals_run_inputs_and_any_start(spec_factory):
    spec = spec_factory()
    full = sample(spec, 50_000, seed=2)
    part = sample(spec, 10_000, seed=2, start=30_000)
    for k in full:
        np.testing.assert_array_equal(full[k][30_000:40_000], part[k], err_msg=k)
    res = run(spec, None, 50_000, seed=2, chunk_size=7_777)
    for k in full:
        np.testing.assert_array_equal(full[k], res.outputs[k], err_msg=k)


def test_longer_horizon_keeps_early_years(spec_factory):
    short = spec_factory()
    long = ModelSpec(short.variables, short.processes, short.events, years=tuple(range(2025, 2034)))
    a = sample(short, 10_000, seed=1)
    b = sample(long, 10_000, seed=1)
    np.testing.assert_array_equal(a["g"], b["g"][:, :6])
    np.testing.assert_array_equal(a["shock"], b["shock"][:, :6])


def test_lhs_stratifies_each_block():
    spec = ModelSpec(
        (
            Variable("u", from_params("uniform", {"min": 0, "max": 1})),
            Variable("v", from_params("uniform", {"min": 0, "max": 1})),
        )
    )
    u = run(spec, None, N, seed=13, method="lhs").outputs
    for b in range(3):
        lo = b * BLOCK_SIZE
        m = min(BLOCK_SIZE, N - lo)
        for name in ("u", "v"):
            strata = np.floor(u[name][lo : lo + m] * m).astype(int)
            np.testing.assert_array_equal(np.sort(strata), np.arange(m))


def test_lhs_strata_survive_iman_conover(spec_factory):
    spec = spec_factory(correlated="iman-conover")
    x = run(spec, None, BLOCK_SIZE, seed=13, method="lhs").outputs
    d = spec.variable("a").dist
    strata = np.floor(d.cdf(x["a"]) * BLOCK_SIZE).astype(int)
    assert np.unique(strata).size >= BLOCK_SIZE - 2  # cdf rounding at stratum edges only


def test_sobol_blocks_are_balanced_nets():
    spec = ModelSpec(
        (
            Variable("u", from_params("uniform", {"min": 0, "max": 1})),
            Variable("v", from_params("uniform", {"min": 0, "max": 1})),
        )
    )
    x = run(spec, None, BLOCK_SIZE, seed=17, method="sobol").outputs
    # Both dimensions: one point per interval of width 2**-16.
    for name in ("u", "v"):
        cells = np.floor(x[name] * BLOCK_SIZE).astype(int)
        np.testing.assert_array_equal(np.sort(cells), np.arange(BLOCK_SIZE))
    # Jointly: one point in each of the 256 x 256 elementary squares.
    cells = np.floor(x["u"] * 256).astype(int) * 256 + np.floor(x["v"] * 256).astype(int)
    assert np.unique(cells).size == BLOCK_SIZE


def test_name_keys_are_stable_across_processes():
    code = "from model.engine.draws.rng import name_key; print(name_key('market0'))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == str(name_key("market0"))
    assert name_key("a") != name_key("b")


def _bitgen_whose_next_double_is_zero() -> np.random.PCG64:
    """A PCG64 whose next output is 0 (its next ``random()`` is exactly 0.0).

    PCG64 outputs ``high ^ low`` of its new 128-bit state, rotated: a new state whose two
    halves are equal gives 0. Step back from one such state with the inverse multiplier.
    """
    mult = 0x2360ED051FC65DA44385DF649FCCF645  # PCG's default 128-bit multiplier
    bitgen = np.random.PCG64(1)
    state = bitgen.state
    new = 12345 * (2**64 + 1)
    state["state"]["state"] = ((new - state["state"]["inc"]) * pow(mult, -1, 2**128)) % 2**128
    bitgen.state = state
    return bitgen


def test_a_uniform_of_exactly_zero_becomes_tiny(monkeypatch):
    from model.engine.draws import rng

    expected = np.random.Generator(_bitgen_whose_next_double_is_zero()).random((1, 5))
    assert expected[0, 0] == 0.0
    monkeypatch.setattr(rng, "stream", lambda root, key, block: _bitgen_whose_next_double_is_zero())
    monkeypatch.setattr(rng, "_states", {})  # no start state kept from an earlier run
    got = rng.block_uniforms(handle_seed(1), "v:x", 0, 1, 0, 5)
    assert got[0, 0] == rng.TINY
    np.testing.assert_array_equal(got[0, 1:], expected[0, 1:])
