"""The run entry point: settings, output validation, chunk failures, results, convergence."""

from __future__ import annotations

import itertools
import math
import pickle

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from model.engine import (
    BLOCK_SIZE,
    Derived,
    ModelSpec,
    OnChunkError,
    SeMethod,
    Variable,
    central,
    from_params,
    run,
)
from model.errors import EngineError

K = 4.5


def spec2() -> ModelSpec:
    return ModelSpec(
        (
            Variable("a", from_params("normal", {"mean": 1.0, "sd": 2.0})),
            Variable("b", from_params("uniform", {"min": 0.0, "max": 1.0})),
        ),
        derived=(Derived("ab", lambda x: x["a"] * x["b"], ("a", "b")),),
        years=(2025, 2026, 2027),
    )


def model(x):
    return {"s": x["a"] + x["b"], "t": np.outer(x["b"], [1.0, 2.0, 3.0]), "_invalid_s": x["a"] < 0}


@pytest.mark.parametrize(
    ("kwargs", "text"),
    [
        ({"method": "halton"}, "unknown sampling method 'halton'"),
        ({"backend": "gpu"}, "unknown backend 'gpu'"),
        ({"n_paths": 0}, "n_paths must be a positive integer"),
        ({"n_paths": -5}, "n_paths"),
        ({"n_paths": 10.5}, "n_paths"),
        ({"n_paths": True}, "n_paths"),
        ({"chunk_size": 0}, "chunk_size"),
        ({"on_chunk_error": "ignore"}, "on_chunk_error"),
        ({"keep": ["nope"]}, "keep names unknown output(s) ['nope']"),
        ({"keep_inputs": ["nope"]}, "keep_inputs names unknown input(s) ['nope']"),
        ({"target_se": 0.1}, "target"),
        ({"target": "s", "target_se": -1}, "> 0"),
        ({"target": "s", "target_se": 0.1, "target_rel_se": 0.1}, "exactly one"),
    ],
)
def test_bad_settings_are_engine_errors(kwargs, text):
    args = {"n_paths": 1000, **kwargs}
    with pytest.raises(EngineError) as err:
        run(spec2(), model, seed=1, **args)
    assert text in str(err.value)


@pytest.mark.parametrize(
    ("fn", "text"),
    [
        (lambda x: {"bad": x["a"][:10]}, "output 'bad' has shape (10,); expected (1000,)"),
        (lambda x: {"bad": np.ones((1000, 2))}, "output 'bad' has shape (1000, 2)"),
        (lambda x: [x["a"]], "must return a mapping"),
        (lambda x: {"s": np.array(["x"] * 1000)}, "dtype"),
    ],
)
def test_bad_model_output_is_named(fn, text):
    with pytest.raises(EngineError) as err:
        run(spec2(), fn, 1000, seed=1)
    assert text in str(err.value)
    assert "chunk 0" in str(err.value)


def test_nan_output_names_output_chunk_and_first_path():
    def fn(x):
        out = x["a"].copy()
        bad = (x.start <= 2500) & (2500 < x.start + x.n_paths)
        if bad:
            out[2500 - x.start] = np.nan
            out[2600 - x.start] = np.inf
        return {"v": out}

    with pytest.raises(EngineError) as err:
        run(spec2(), fn, 5000, seed=1, chunk_size=1000)
    msg = str(err.value)
    assert "'v'" in msg and "chunk 2" in msg and "path 2500" in msg


@pytest.mark.filterwarnings("error::RuntimeWarning")  # the summary says it, numpy does not
def test_a_finite_output_too_large_to_summarise_is_not_called_infinite():
    # 1e200 is a float, but its square is not: the chunk's sum of squares overflowed and the
    # run said the output was NaN or infinite "first at path 0", which it is not.
    with pytest.raises(EngineError) as err:
        run(spec2(), lambda x: {"v": x["b"] * 1e200}, 2000, seed=1, chunk_size=1000)
    msg = str(err.value)
    assert "'v' reaches" in msg and "too large for its summaries" in msg, msg
    assert "NaN" not in msg and "path 0" not in msg, msg


def failing(x):
    if x.start == 2000:
        raise RuntimeError("boom")
    return {"v": x["a"]}


@pytest.mark.parametrize("backend", ["local", "parallel"])
def test_a_failing_chunk_fails_the_run_with_its_index(backend):
    with pytest.raises(EngineError) as err:
        run(spec2(), failing, 5000, seed=1, chunk_size=1000, backend=backend, workers=2)
    assert "chunk 2 (paths 2000..2999) failed: RuntimeError: boom" in str(err.value)


@pytest.mark.parametrize("backend", ["local", "parallel"])
def test_skip_records_the_failed_chunk_and_keeps_the_rest(backend):
    res = run(
        spec2(),
        failing,
        5000,
        seed=1,
        chunk_size=1000,
        backend=backend,
        workers=2,
        on_chunk_error="skip",
    )
    assert [(s.index, s.start, s.stop) for s in res.skipped] == [(2, 2000, 3000)]
    assert "boom" in res.skipped[0].reason
    assert res.n_valid == 4000 and res.n_paths == 5000
    full = run(spec2(), None, 5000, seed=1).outputs["a"]
    np.testing.assert_array_equal(res.outputs["v"], np.delete(full, np.s_[2000:3000]))
    assert res.summaries["v"].n == 4000
    assert res.summaries["v"].mean == pytest.approx(np.delete(full, np.s_[2000:3000]).mean())


def test_result_contents_and_diagnostics():
    res = run(spec2(), model, 20_000, seed=123, keep=["s"], keep_inputs=["a"])
    assert set(res.outputs) == {"s"}
    assert set(res.summaries) == {"s", "t"}
    assert set(res.inputs) == {"a"}
    assert res.invalid == {"s": int(np.sum(res.inputs["a"] < 0))}
    assert res.seed_entropy == 123 and res.n_paths == 20_000 and res.method == "mc"
    assert res.backend == "local" and res.block_size == BLOCK_SIZE and res.elapsed > 0
    t = res.summaries["t"]
    assert t.per_year and t.mean.shape == (3,)
    np.testing.assert_allclose(t.mean, [0.5, 1.0, 1.5], atol=K * 3 * 0.29 / math.sqrt(20_000))
    with pytest.raises(EngineError, match="not kept"):
        res.probability("t", 0.5, year=2025)
    # Not kept: quantiles come from the streaming sketch (checked in test_sketch.py).
    assert res.quantile("t", [0.1, 0.5]).shape == (2, 3)
    table = res.summary()
    assert isinstance(table, pd.DataFrame)
    assert table.index.names == ["output", "year"]
    assert list(table.index) == [("s", 2027), ("t", 2025), ("t", 2026), ("t", 2027)]
    assert {"mean", "mean_se", "sd", "p5", "p50", "p95", "p50_se"} <= set(table.columns)
    assert table.loc[("t", 2026), "mean_se"] == pytest.approx(float(t.se[1]))
    text = repr(res)
    assert text.startswith("RunResult(20,000 of 20,000 paths, 2025..2027") and len(text) < 200
    assert "<table" in res._repr_html_() and "t" in res._repr_html_()


def test_streaming_summaries_match_numpy():
    res = run(spec2(), model, 50_000, seed=5, chunk_size=3_000)
    s = res.outputs["s"]
    summ = res.summaries["s"]
    assert summ.mean == pytest.approx(s.mean(), rel=1e-12)
    assert summ.sd == pytest.approx(s.std(ddof=1), rel=1e-10)
    assert summ.se == pytest.approx(s.std(ddof=1) / math.sqrt(s.size), rel=1e-10)
    np.testing.assert_allclose(
        res.summaries["t"].sd, res.outputs["t"].std(axis=0, ddof=1), rtol=1e-10
    )


def test_quantile_standard_error_matches_the_normal_formula():
    n = 200_000
    res = run(spec2(), None, n, seed=2)
    for q in (0.05, 0.5, 0.95):
        z = stats.norm.ppf(q)
        phi = stats.norm.pdf(z)
        exact = math.sqrt(q * (1 - q) / n) / phi * 2.0
        # The estimate divides a difference of empirical quantiles 2h apart by 2h (Hall and
        # Sheather's h). That difference has sd about sqrt(2h / n) times the sparsity 1/f, so the
        # estimate's relative sd is 1 / sqrt(2 h n); the difference quotient of the normal
        # quantile function adds a relative bias of (1 + 2 z^2) h^2 / (6 phi^2).
        za = stats.norm.ppf(0.975)
        h = n ** (-1 / 3) * za ** (2 / 3) * (1.5 * phi**2 / (2 * z * z + 1)) ** (1 / 3)
        rel = K / math.sqrt(2 * h * n) + (1 + 2 * z * z) * h * h / (6 * phi * phi)
        assert res.quantile_se("a", q) == pytest.approx(exact, rel=rel)
        assert abs(res.quantile("a", q) - (1 + 2 * z)) < K * exact


def test_probability_helper():
    res = run(spec2(), None, 100_000, seed=3)
    p, se = res.probability("b", 0.25)
    assert abs(p - 0.75) < K * se


@pytest.mark.slow
def test_lhs_batch_means_se_is_honest():
    # The spread of means over independent LHS runs should match the reported se.
    def fn(x):
        return {"v": np.exp(x["a"] / 2) * x["b"]}

    n = 8 * BLOCK_SIZE
    reps = 12
    means, ses = [], []
    for seed in np.random.SeedSequence(20251123).spawn(reps):
        r = run(spec2(), fn, n, seed=seed, method="lhs", keep=False)
        means.append(float(r.summaries["v"].mean))
        ses.append(float(r.summaries["v"].se))
        assert r.summaries["v"].se_method is SeMethod.BATCH_MEANS
    # With an honest se, the variance of the replicated means over the mean squared se is
    # F(reps - 1, reps * (batches - 1)) distributed (both are variance estimates of the mean
    # from independent normal block means). Accept its central 1 - 2 Phi(-K) range.
    batches = n // BLOCK_SIZE
    ratio = np.var(means, ddof=1) / np.mean(np.square(ses))
    tail = stats.norm.sf(K)
    lo, hi = stats.f.ppf([tail, 1 - tail], reps - 1, reps * (batches - 1))
    assert lo < ratio < hi
    mc = run(spec2(), fn, n, seed=0, keep=False).summaries["v"].se
    assert np.mean(ses) < mc  # LHS helps this monotone-ish function


def test_convergence_adds_blocks_until_the_target_is_met():
    def fn(x):
        return {"v": x["a"]}

    res = run(spec2(), fn, 1000, seed=4, target="v", target_se=0.004, keep=False)
    assert res.converged is True
    assert res.n_paths % BLOCK_SIZE == 0 and res.n_paths > BLOCK_SIZE
    assert res.summaries["v"].se <= 0.004
    # Extending a run gives exactly the run of the final size.
    direct = run(spec2(), fn, res.n_paths, seed=4, keep=False)
    assert direct.summaries["v"].mean == res.summaries["v"].mean
    capped = run(
        spec2(),
        fn,
        1000,
        seed=4,
        target="v",
        target_rel_se=1e-6,
        max_paths=2 * BLOCK_SIZE,
        keep=False,
    )
    assert capped.converged is False and capped.n_paths == 2 * BLOCK_SIZE


def test_convergence_on_a_per_year_output():
    res = run(spec2(), model, 1000, seed=4, target="t[2026]", target_se=0.003, keep=False)
    assert res.converged and res.summaries["t"].se[1] <= 0.003
    with pytest.raises(EngineError, match="not an output"):
        run(spec2(), model, 1000, seed=4, target="zzz", target_se=0.1)


def test_progress_bar_on_request(capsys):
    run(spec2(), None, 5000, seed=1, progress=False)
    assert capsys.readouterr().err == ""
    run(spec2(), None, 5000, seed=1, progress=True, chunk_size=1000)
    assert "simulating" in capsys.readouterr().err


def test_automatic_progress_bar_needs_a_terminal(monkeypatch, capsys):
    # progress=None depends only on the expected duration and on stderr being a terminal.
    import model.engine.execution.runner as runner

    monkeypatch.setattr(runner, "PROGRESS_AFTER_S", 0.0)
    monkeypatch.setattr(runner, "_stderr_is_terminal", lambda: False)
    run(spec2(), None, 5000, seed=1, chunk_size=1000)
    assert capsys.readouterr().err == ""
    monkeypatch.setattr(runner, "_stderr_is_terminal", lambda: True)
    monkeypatch.setattr(runner.time, "perf_counter", _fake_clock())
    run(spec2(), None, 5000, seed=1, chunk_size=1000)
    assert "simulating" in capsys.readouterr().err


def _fake_clock():
    ticks = iter(range(10**6))
    return lambda: float(next(ticks))


def test_inputs_are_read_only_and_derived_shapes_are_checked():
    def writer(x):
        x["a"][0] = 1.0
        return {"a": x["a"]}

    with pytest.raises(EngineError, match="read-only"):
        run(spec2(), writer, 1000, seed=1)
    bad = ModelSpec(spec2().variables, derived=(Derived("d", lambda x: x["a"][:5], ("a",)),))
    with pytest.raises(EngineError, match="derived 'd' has shape"):
        run(bad, None, 1000, seed=1)


def test_central_runs_one_deterministic_path():
    out = central(spec2(), model)
    assert out["s"] == pytest.approx(1.5)
    np.testing.assert_allclose(out["t"], [0.5, 1.0, 1.5])
    assert set(central(spec2())) == {"a", "b", "ab"}
    with pytest.raises(EngineError, match="NaN"):
        central(spec2(), lambda x: {"v": x["a"] * np.nan})


def test_central_values_are_always_read_only_arrays():
    out = central(spec2(), model)
    assert {k: v.shape for k, v in out.items()} == {"s": (), "t": (3,)}
    assert all(isinstance(v, np.ndarray) and not v.flags.writeable for v in out.values())
    assert float(out["s"]) == 1.5


def test_result_types_do_not_depend_on_the_output():
    res = run(spec2(), model, 5_000, seed=1, keep_inputs=["a"])
    s, t = res.summaries["s"], res.summaries["t"]
    assert s.mean.shape == s.sd.shape == s.se.shape == ()
    assert t.mean.shape == (3,) and isinstance(t.se_method, SeMethod)
    assert res.quantile("s", 0.5).shape == () and res.quantile("t", 0.5).shape == (3,)
    assert res.quantile("s", [0.1, 0.9]).shape == (2,)
    assert res.quantile("t", [0.1, 0.9]).shape == (2, 3)
    assert res.quantile_se("s", 0.5).shape == () and res.quantile_se("t", 0.5).shape == (3,)


def test_run_results_are_read_only():
    res = run(spec2(), model, 5_000, seed=1, keep_inputs=["a"])
    for mapping in (res.outputs, res.inputs, res.summaries, res.invalid):
        with pytest.raises(TypeError):
            mapping["x"] = 1  # type: ignore[index]
    for arr in (res.outputs["s"], res.inputs["a"], res.summaries["t"].mean):
        with pytest.raises(ValueError, match="read-only"):
            arr[0] = 1.0
    again = pickle.loads(pickle.dumps(res))
    np.testing.assert_array_equal(again.outputs["t"], res.outputs["t"])
    assert float(again.summaries["s"].mean) == float(res.summaries["s"].mean)


def test_probability_of_a_per_year_output_needs_a_year():
    res = run(spec2(), model, 20_000, seed=3)
    p, se = res.probability("t", 1.0, year=2026)
    assert abs(p - 0.5) < K * math.sqrt(0.25 / 20_000) and se > 0
    with pytest.raises(EngineError, match="per year"):
        res.probability("t", 1.0)
    with pytest.raises(EngineError, match="no year"):
        res.probability("s", 1.0, year=2026)


def test_on_chunk_error_takes_the_enum():
    res = run(spec2(), failing, 5000, seed=1, chunk_size=1000, on_chunk_error=OnChunkError.SKIP)
    assert res.n_valid == 4000


def test_dask_backend_without_distributed(monkeypatch):
    import builtins

    real = builtins.__import__

    def fake(name, *args, **kwargs):
        if name == "distributed":
            raise ImportError("no distributed")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake)
    with pytest.raises(EngineError, match=r"pip install 'thesis-model\[dask\]'"):
        run(spec2(), None, 100, seed=1, backend="dask", scheduler="tcp://127.0.0.1:1")


def test_a_chunk_splits_into_whole_units_and_raw_fragments():
    """Whole units of the chunk are summed, the parts of units it cuts are sent raw."""
    from model.engine.execution.chunks import ChunkResult, summarise
    from model.engine.summaries.units import UNIT, unit_len

    rng = np.random.default_rng(5)
    cases = [(0, UNIT, UNIT), (0, 1, 1), (3, 5, 9), (UNIT - 1, UNIT + 1, 3 * UNIT)]
    cases += [(UNIT, 3 * UNIT + 17, 3 * UNIT + 17), (5, 3 * UNIT, 3 * UNIT + 17)]
    for _ in range(200):
        n_total = int(rng.integers(1, 12 * UNIT))
        start = int(rng.integers(0, n_total))
        cases.append((start, int(rng.integers(start + 1, n_total + 1)), n_total))
    for start, stop, n_total in cases:
        values = rng.random(stop - start)
        res = ChunkResult(0, start, stop)
        summarise("x", values, res, n_total)
        covered = [(f.start, f.start + f.values.shape[1]) for f in res.fragments["x"]]
        for frag in res.fragments["x"]:
            lo = frag.start - start
            np.testing.assert_array_equal(frag.values[0], values[lo : lo + frag.values.shape[1]])
            assert frag.values.shape[1] < unit_len(frag.unit, n_total)
        st = res.stats.get("x")
        if st is not None:
            lo = st.first * UNIT
            for j, count in enumerate(st.count):
                assert count == unit_len(st.first + j, n_total)
                seg = values[lo - start : lo - start + count]
                assert st.total[0, j] == pytest.approx(seg.sum(), rel=1e-12)
                covered.append((lo, lo + int(count)))
                lo += int(count)
        covered.sort()
        assert covered[0][0] == start and covered[-1][1] == stop, (start, stop, n_total)
        assert all(a[1] == b[0] for a, b in itertools.pairwise(covered))
