"""Streaming quantile sketches, the shared quantile standard error, and t intervals."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from model.engine import ModelSpec, Variable, from_params, run
from model.engine.draws.rng import BLOCK_SIZE
from model.engine.execution.results import SeMethod
from model.engine.summaries.sketch import (
    MANTISSA_BITS,
    ZERO_BELOW,
    QuantileSketch,
    column_sketch,
)
from model.engine.summaries.stats import critical_value, quantile_se

QS = np.array([0.0, 0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 1.0])


def _bound(x: np.ndarray, q: np.ndarray) -> np.ndarray:
    """The stated bound of model.engine.summaries.sketch at each q."""
    xs = np.sort(x)
    h = (x.size - 1) * q
    a = np.abs(xs[np.floor(h).astype(int)])
    b = np.abs(xs[np.ceil(h).astype(int)])
    return 2.0 ** -(MANTISSA_BITS + 1) * np.maximum(a, b) + ZERO_BELOW


RNG = np.random.default_rng(11)
SAMPLES = {
    "lognormal": RNG.lognormal(5.0, 0.5, 300_000),
    "signed": RNG.normal(0.01, 0.3, 300_000),
    "point mass at 0": np.where(RNG.random(300_000) < 0.3, 0.0, RNG.exponential(100, 300_000)),
    "negative": -RNG.gamma(2.0, 3.0, 300_000),
    "constant": np.full(5_000, 3.7),
    "wide": np.exp(RNG.uniform(-60, 60, 50_000)) * RNG.choice([-1, 1], 50_000),
}


@pytest.mark.parametrize("name", list(SAMPLES))
def test_sketch_quantiles_are_within_the_stated_bound(name):
    x = SAMPLES[name]
    sketch = QuantileSketch()
    for part in np.array_split(x, 13):
        sketch.add(part)
    est = sketch.quantile(QS)
    exact = np.quantile(x, QS)
    assert np.all(np.abs(est - exact) <= _bound(x, QS))
    assert sketch.n == x.size


def test_sketch_merges_exactly_whatever_the_split_and_order():
    x = SAMPLES["signed"]
    one = QuantileSketch()
    one.add(x)
    parts = []
    for piece in np.array_split(x, 7)[::-1]:
        s = QuantileSketch()
        s.add(piece)
        parts.append(s)
    merged = QuantileSketch()
    for s in parts:
        merged.merge(s)
    np.testing.assert_array_equal(merged.quantile(QS), one.quantile(QS))


def test_column_sketch_counts_each_row_as_adding_it_alone():
    m = 4_000
    rows = [
        RNG.lognormal(3.0, 1.0, m),
        np.where(RNG.random(m) < 0.3, 0.0, RNG.exponential(5.0, m)),  # point mass at 0
        np.full(m, 3.7),  # one bucket
        RNG.uniform(1e-14, 1e-11, m),  # partly below the zero bucket
        np.exp(RNG.uniform(-300, 300, m)),  # too wide for one dense count
        RNG.normal(0.0, 1.0, m),  # signed
        np.full(m, -0.0),
        np.zeros(m),
        -RNG.gamma(2.0, 3.0, m),  # negative only
        np.where(RNG.random(m) < 0.3, 0.0, RNG.normal(-1.0, 2.0, m)),  # signed, exact zeros
        np.where(RNG.random(m) < 0.01, -0.0, RNG.normal(0.0, 1.0, m)),  # signed with -0.0
        RNG.normal(0.0, 1.0, m) * 1e-12,  # signed, partly in the zero bucket
        RNG.uniform(-1e-11, -1e-14, m),  # negative, partly in the zero bucket
        np.exp(RNG.uniform(-300, 300, m)) * RNG.choice([-1.0, 1.0], m),  # signed, too wide
        np.where(RNG.random(m) < 0.5, -7.5, 2.25),  # one bucket a side
    ]
    with_nan = RNG.lognormal(0.0, 1.0, m)
    with_nan[7] = np.nan
    rows.append(with_nan)
    table = np.array(rows)
    signed = [5, 9, 10, 11, 12, 13, 14, 15]
    for picked in (table, table[[0, 2]], table[[5, 1, 3]], table[signed], table[:, :0]):
        with np.errstate(invalid="ignore"):
            got = column_sketch(picked)
        assert len(got) == picked.shape[0]
        for sketch, row in zip(got, picked, strict=True):
            alone = QuantileSketch()
            alone.add(row)
            assert sketch.n == alone.n
            for side, want in ((sketch.pos, alone.pos), (sketch.neg, alone.neg)):
                assert side.lo == want.lo
                np.testing.assert_array_equal(side.counts, want.counts)


def test_column_sketch_counts_finite_signed_rows_together(monkeypatch):
    # Outputs such as cash balances and returns take both signs: their rows are counted in the
    # one bincount with the others, not value by value through QuantileSketch.add.
    table = np.array([RNG.normal(0.0, 1.0, 3_000), -RNG.gamma(2.0, 3.0, 3_000)])
    want = [QuantileSketch() for _ in table]
    for sketch, row in zip(want, table, strict=True):
        sketch.add(row)

    def refuse(self, values):
        raise AssertionError("a finite signed row went through QuantileSketch.add")

    monkeypatch.setattr(QuantileSketch, "add", refuse)
    got = column_sketch(table)
    for sketch, alone in zip(got, want, strict=True):
        np.testing.assert_array_equal(sketch.quantile(QS), alone.quantile(QS))


def test_column_sketch_rows_stay_apart_when_one_is_merged_into():
    # The rows' sides are slices of one count: adding another sketch into one row in place
    # (its range covers the other's) must leave every other row's counts as they were.
    m = 5_000
    table = np.array(
        [
            RNG.lognormal(3.0, 1.0, m),
            RNG.lognormal(3.0, 1.0, m),
            RNG.normal(0.0, 1.0, m),
            RNG.normal(0.5, 2.0, m),
        ]
    )
    for r in range(table.shape[0]):
        got = column_sketch(table)
        want = [QuantileSketch() for _ in table]
        for sketch, row in zip(want, table, strict=True):
            sketch.add(row)
        extra = QuantileSketch()
        extra.add(table[r, : m // 2])  # within row r's range on each side: added in place
        got[r].merge(extra)
        want[r].merge(extra)
        for sketch, alone in zip(got, want, strict=True):
            assert sketch.n == alone.n
            for side, expect in ((sketch.pos, alone.pos), (sketch.neg, alone.neg)):
                assert side.lo == expect.lo
                np.testing.assert_array_equal(side.counts, expect.counts)


def test_run_quantiles_of_outputs_not_kept_match_the_kept_ones_within_the_bound():
    spec = ModelSpec(
        variables=(
            Variable("a", from_params("lognormal", {"median": 100, "sigma": 0.4})),
            Variable("b", from_params("normal", {"mean": 0, "sd": 1})),
        ),
        years=(2025, 2026),
    )

    def model(x):
        return {"v": np.stack([x["a"], x["a"] * x["b"]], axis=1), "w": x["b"]}

    kept = run(spec, model, 100_000, seed=4)
    streamed = run(spec, model, 100_000, seed=4, keep=False, chunk_size=30_000)
    assert not streamed.outputs and set(streamed.sketches) == {"v", "w"}
    for name in ("v", "w"):
        exact = kept.quantile(name, QS)
        est = streamed.quantile(name, QS)
        x = kept.outputs[name]
        cols = [x] if x.ndim == 1 else [x[:, j] for j in range(x.shape[1])]
        bound = np.stack([_bound(c, QS) for c in cols], axis=-1).reshape(exact.shape)
        assert np.all(np.abs(est - exact) <= bound)
        # The standard errors use the same formula, fed by the sketch.
        np.testing.assert_allclose(
            streamed.quantile_se(name, 0.5), kept.quantile_se(name, 0.5), rtol=1e-2
        )
    # Bit-identical across chunking and backends.
    other = run(
        spec, model, 100_000, seed=4, keep=False, backend="parallel", workers=2, chunk_size=7_777
    )
    np.testing.assert_array_equal(other.quantile("v", QS), streamed.quantile("v", QS))
    table = streamed.summary()
    assert {"p5", "p50", "p95", "p50_se", "se_method"} <= set(table.columns)


def test_quantile_se_is_one_formula_for_engine_and_results():
    x = np.random.default_rng(3).exponential(1.0, 200_000)
    spec = ModelSpec(variables=(Variable("e", from_params("uniform", {"min": 0, "max": 1})),))
    res = run(spec, lambda i: {"y": -np.log1p(-i["e"])}, 200_000, seed=9)
    y = res.outputs["y"]
    for q in (0.05, 0.5, 0.95):
        assert float(res.quantile_se("y", q)) == float(quantile_se(y, [q])[0])
        # Closed form for the exponential: sqrt(q (1 - q) / n) / f(x_q), f(x_q) = 1 - q.
        exact = math.sqrt(q * (1 - q) / y.size) / (1 - q)
        assert float(quantile_se(x, [q])[0]) == pytest.approx(exact, rel=0.15)


def test_batch_means_intervals_use_student_t():
    spec = ModelSpec(variables=(Variable("a", from_params("normal", {"mean": 1, "sd": 2})),))
    res = run(spec, None, 8 * BLOCK_SIZE, seed=1, method="lhs", keep=False)
    s = res.summaries["a"]
    assert s.se_method is SeMethod.BATCH_MEANS and s.df == 7
    lo, hi = s.interval(0.95)
    t = stats.t.ppf(0.975, 7)
    assert float(hi - lo) == pytest.approx(2 * t * float(s.se), rel=1e-12)
    iid = run(spec, None, 1000, seed=1, keep=False).summaries["a"]
    assert iid.df is None
    lo, hi = iid.interval(0.9)
    assert float(hi - lo) == pytest.approx(2 * stats.norm.ppf(0.95) * float(iid.se), rel=1e-12)
    assert critical_value(0.95, 3) == pytest.approx(stats.t.ppf(0.975, 3), rel=1e-12)


def test_summary_says_when_lhs_falls_back_to_independent_paths():
    spec = ModelSpec(variables=(Variable("a", from_params("normal", {"mean": 1, "sd": 2})),))
    few = run(spec, None, 2 * BLOCK_SIZE, seed=1, method="lhs").summary()
    assert set(few["se_method"]) == {"iid"}
    many = run(spec, None, 8 * BLOCK_SIZE, seed=1, method="lhs", keep=False).summary()
    assert set(many["se_method"]) == {"batch-means"}


def test_parallel_default_threads_follow_the_free_cores(monkeypatch):
    from model.engine.execution import backends

    monkeypatch.setattr(backends, "default_workers", lambda: 4)
    monkeypatch.setattr(backends.os, "getloadavg", lambda: (1.0, 1.0, 1.0))
    assert backends.free_cores() == 4  # only this process runs
    monkeypatch.setattr(backends.os, "getloadavg", lambda: (3.2, 3.0, 3.0))
    assert backends.free_cores() == 2
    monkeypatch.setattr(backends.os, "getloadavg", lambda: (9.0, 9.0, 9.0))
    assert backends.free_cores() == 1


def test_results_summary_notes_how_lhs_standard_errors_were_estimated():
    from model.results.summary import se_method_note

    assert se_method_note(100_000, "mc") is None
    few = se_method_note(3 * BLOCK_SIZE, "lhs")
    assert "conservative independent-paths formula" in few and "3 complete blocks" in few
    many = se_method_note(8 * BLOCK_SIZE, "sobol")
    assert "batch means over 8 independent blocks" in many and "7 degrees" in many


def test_probability_intervals_use_t_for_batch_means():
    from model.results.values import Probability

    iid = Probability("x", 0.4, 0.01, 100_000)
    lo, hi = iid.interval(0.95)
    assert hi - lo == pytest.approx(2 * stats.norm.ppf(0.975) * 0.01, rel=1e-12)
    batch = Probability("x", 0.4, 0.01, 8 * BLOCK_SIZE, df=7)
    lo, hi = batch.interval(0.95)
    assert hi - lo == pytest.approx(2 * stats.t.ppf(0.975, 7) * 0.01, rel=1e-12)
