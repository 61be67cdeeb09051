"""The engine's shortcuts change no number: threaded exact inverses, the kept heap, the cached spec.

Each shortcut is compared with the plain way on the same uniforms or seed, bit for bit.
"""

from __future__ import annotations

import pickle
from pathlib import Path

import numpy as np
import pytest

from model.engine import ModelSpec, Variable, from_params, run
from model.engine.execution import backends, chunks, runner
from model.engine.execution.sampling import var_key
from model.engine.spec import Method

ROOT = Path(__file__).resolve().parents[2]


def _beta_spec() -> ModelSpec:
    return ModelSpec(
        variables=(
            Variable("s1", from_params("beta", {"mean": 0.358, "sd": 0.02})),
            Variable("s2", from_params("beta", {"mean": 0.2, "sd": 0.05})),
            Variable("p", from_params("pert", {"min": 1.0, "mode": 2.0, "max": 5.0})),
            Variable("g", from_params("normal", {"mean": 0.1, "sd": 0.03})),
        ),
        years=tuple(range(2025, 2028)),
    )


def test_threaded_exact_inverses_equal_sequential(monkeypatch: pytest.MonkeyPatch) -> None:
    spec = _beta_spec()
    n = 6_000
    u = runner._sampler(spec, np.random.SeedSequence(5), Method.MC, n).uniforms(0, n)
    assert len(chunks._slow_exact(spec, u, n)) == 3
    monkeypatch.setattr(backends, "free_cores", lambda: 1)
    alone = chunks.build_inputs(spec, u, n, exact=True)
    monkeypatch.setattr(backends, "free_cores", lambda: 2)
    assert chunks._inverse_in_threads(chunks._slow_exact(spec, u, n), u, n)
    threaded = chunks.build_inputs(spec, u, n, exact=True)
    assert list(alone) == list(threaded)
    for name in alone:
        assert np.array_equal(alone[name], threaded[name]), name


def test_threaded_tabulated_inverses_equal_sequential(monkeypatch: pytest.MonkeyPatch) -> None:
    # A larger run's beta and PERT inverses are tabulated, with the exact inverse in the tails:
    # uniforms in both tails, at the ends of the open interval and on table knots included.
    spec = _beta_spec()
    n = 6_000
    u = runner._sampler(spec, np.random.SeedSequence(7), Method.MC, n).uniforms(0, n)
    edges = [2.0**-60, 1e-9, 1e-4, 0.5, 0.25, 1 - 1e-4, 1 - 1e-9, 1 - 2.0**-53]
    for name in ("s1", "s2", "p"):
        row = u[var_key(name)][0]
        row[: len(edges)] = edges
        row[len(edges) : 200] = np.linspace(0.0, 0.01, 200 - len(edges), endpoint=False) + 1e-12
    monkeypatch.setattr(backends, "free_cores", lambda: 1)
    alone = chunks.build_inputs(spec, u, n, exact=False)
    monkeypatch.setattr(backends, "free_cores", lambda: 2)
    assert chunks._inverse_in_threads(chunks._slow_exact(spec, u, n), u, n, exact=False)
    threaded = chunks.build_inputs(spec, u, n, exact=False)
    assert list(alone) == list(threaded)
    for name in alone:
        assert np.array_equal(alone[name].view(np.int64), threaded[name].view(np.int64)), name


def test_threaded_inverses_change_no_run(monkeypatch: pytest.MonkeyPatch) -> None:
    spec = _beta_spec()

    def model(x: chunks.Inputs) -> dict[str, np.ndarray]:
        return {"v": x["s1"] * x["p"] + x["g"], "w": x["s2"] - x["g"]}

    runs = []
    for cores in (1, 2):
        monkeypatch.setattr(backends, "free_cores", lambda cores=cores: cores)
        runs.append(run(spec, model, 40_000, seed=11, chunk_size=16_384, keep=["v"]))
    one, two = runs
    assert np.array_equal(one.outputs["v"].view(np.int64), two.outputs["v"].view(np.int64))
    for name in ("v", "w"):
        assert np.array_equal(one.summaries[name].sd, two.summaries[name].sd)
        assert np.array_equal(one.summaries[name].mean, two.summaries[name].mean)
    for a, b in zip(one.sketches["w"], two.sketches["w"], strict=True):
        assert (a.n, a.pos.lo, a.neg.lo) == (b.n, b.pos.lo, b.neg.lo)
        assert np.array_equal(a.pos.counts, b.pos.counts)
        assert np.array_equal(a.neg.counts, b.neg.counts)


def test_small_chunks_use_no_threads() -> None:
    spec = _beta_spec()
    n = chunks.THREADED_EXACT_MIN - 1
    u = runner._sampler(spec, np.random.SeedSequence(5), Method.MC, n).uniforms(0, n)
    assert chunks._slow_exact(spec, u, n) == []


def test_kept_heap_changes_no_result() -> None:
    spec = _beta_spec()

    def model(x: chunks.Inputs) -> dict[str, np.ndarray]:
        return {"v": x["s1"] * x["p"] + x["g"], "w": x["s2"] - x["g"]}

    # Several chunks (the heap is kept) against one chunk (it is not).
    many = run(spec, model, 40_000, seed=3, chunk_size=8_192, progress=False)
    one = run(spec, model, 40_000, seed=3, chunk_size=40_000, progress=False)
    for name in ("v", "w"):
        assert np.array_equal(many.outputs[name], one.outputs[name])
        assert np.array_equal(many.summaries[name].sd, one.summaries[name].sd)
    with backends.heap_kept():  # usable on its own, and leaves nothing behind
        again = run(spec, model, 40_000, seed=3, chunk_size=8_192, progress=False)
    assert np.array_equal(again.outputs["v"], many.outputs["v"])


def test_spec_is_built_once_and_not_pickled() -> None:
    import model

    thesis = model.load_thesis(ROOT / "benchmarks" / "thesis-ref-v1.yaml")
    spec = thesis.to_spec()
    assert thesis.to_spec() is spec
    copy = pickle.loads(pickle.dumps(thesis))
    assert "_spec" not in copy.__dict__
    assert copy.to_spec() == spec
