"""Streamed quantiles never lie outside the values seen: the sketch keeps the exact smallest and
largest value (merged exactly, in any order), an output that is the same on every path gets
exactly its value, and the lowest bucket stands for 0, so a point mass at 0 has quantiles of
exactly 0. The figures are identical whatever the chunking, the backend or the merge order."""

from __future__ import annotations

import itertools
import re
import warnings
from pathlib import Path

import numpy as np
import pytest

import model
from model.engine import ModelSpec, Variable, from_params, run
from model.engine.summaries.sketch import MANTISSA_BITS, ZERO_BELOW, QuantileSketch

QS = np.array([0.0, 0.001, 0.01, 0.05, 0.1, 0.25, 0.4, 0.5, 0.6, 0.75, 0.9, 0.95, 0.99, 1.0])
N = 12_000
BANK = Path(__file__).resolve().parents[2] / "assumptions" / "examples" / "regional-bank.yaml"


def _sketch(x: np.ndarray, parts: int = 1) -> QuantileSketch:
    sketch = QuantileSketch()
    for piece in np.array_split(x, parts):
        sketch.add(piece)
    return sketch


def _bound(x: np.ndarray, q: np.ndarray) -> np.ndarray:
    """The sketch's stated error bound at each q (as tests/engine/test_sketch.py states it)."""
    xs = np.sort(x)
    h = (x.size - 1) * q
    ends = np.maximum(np.abs(xs[np.floor(h).astype(int)]), np.abs(xs[np.ceil(h).astype(int)]))
    return 2.0 ** -(MANTISSA_BITS + 1) * ends + ZERO_BELOW


RNG = np.random.default_rng(21)
MASS = np.where(RNG.random(N) < 0.3, 0.0, RNG.lognormal(1.0, 0.8, N))


@pytest.mark.parametrize("value", [0.0, 3.5, 3.7, -2.2, 1e-14, 7.5e9])
def test_a_constant_gives_exactly_its_value(value):
    for parts in (1, 7):
        got = _sketch(np.full(N, value), parts).quantile(QS)
        np.testing.assert_array_equal(got, np.full(QS.shape, value))


def test_a_point_mass_at_zero_has_quantiles_of_exactly_zero():
    exact = np.quantile(MASS, QS)
    got = _sketch(MASS, 5).quantile(QS)
    inside = exact == 0.0  # the ranks that fall within the mass (30% of the paths)
    assert inside.sum() >= 5
    np.testing.assert_array_equal(got[inside], 0.0)
    assert np.all(np.abs(got - exact) <= _bound(MASS, QS))
    # Signed values around the mass too.
    signed = np.where(RNG.random(N) < 0.4, 0.0, RNG.normal(0.0, 2.0, N))
    exact = np.quantile(signed, QS)
    got = _sketch(signed, 3).quantile(QS)
    np.testing.assert_array_equal(got[exact == 0.0], 0.0)
    assert np.all(np.abs(got - exact) <= _bound(signed, QS))


@pytest.mark.parametrize(
    "x",
    [
        RNG.lognormal(5.0, 0.5, N),
        RNG.normal(0.01, 0.3, N),
        -RNG.gamma(2.0, 3.0, N),
        np.where(RNG.random(N) < 0.5, 1.0, 1.0 + 1e-9),  # two values in one bucket
        RNG.uniform(1e-14, 1e-11, N),  # partly in the lowest bucket
    ],
)
def test_no_quantile_lies_outside_the_values_seen(x):
    sketch = _sketch(x, 4)
    got = sketch.quantile(QS)
    assert np.all(got >= x.min()) and np.all(got <= x.max())
    assert np.all(np.abs(got - np.quantile(x, QS)) <= _bound(x, QS))
    assert (sketch.low, sketch.high) == (x.min(), x.max())


def test_the_extremes_merge_alike_in_any_order():
    # -0.0 and 0.0 among the values: the smallest is 0 (not -0.0) whichever came first.
    x = np.concatenate([np.full(50, -0.0), np.zeros(50), MASS[:400]])
    pieces = [_sketch(part) for part in np.array_split(x, 4)]
    seen = set()
    for order in itertools.permutations(pieces):
        merged = QuantileSketch()
        for part in order:
            merged.merge(part)
        got = merged.quantile(QS)
        assert not np.signbit(got).any()
        seen.add((merged.low, merged.high, got.tobytes()))
    assert len(seen) == 1
    low, high, _ = seen.pop()
    assert (low, high) == (0.0, x.max()) and not np.signbit(low)


def _model(x):
    a, b = x["a"], x["b"]
    zero = np.zeros_like(a)
    return {
        "zero": np.stack([zero, zero], axis=1),
        "c": np.full_like(a, 3.5),
        "mass": np.where(b < -0.5, 0.0, a),  # 0 on about 31% of the paths
    }


SPEC = ModelSpec(
    variables=(
        Variable("a", from_params("lognormal", {"median": 100, "sigma": 0.4})),
        Variable("b", from_params("normal", {"mean": 0, "sd": 1})),
    ),
    years=(2025, 2026),
)


def test_streamed_figures_are_exact_and_alike_whatever_the_chunking_and_backend():
    kept = run(SPEC, _model, N, seed=4)
    runs = [run(SPEC, _model, N, seed=4, keep=False)]
    runs += [run(SPEC, _model, N, seed=4, keep=False, chunk_size=c) for c in (1_000, 2_500, 7_777)]
    runs.append(
        run(SPEC, _model, N, seed=4, keep=False, backend="parallel", workers=2, chunk_size=3_001)
    )
    first = runs[0]
    assert not first.outputs and set(first.sketches) == {"zero", "c", "mass"}
    np.testing.assert_array_equal(first.quantile("zero", QS), np.zeros((QS.size, 2)))
    np.testing.assert_array_equal(first.quantile("c", QS), np.full(QS.size, 3.5))
    exact = kept.quantile("mass", QS)
    got = first.quantile("mass", QS)
    np.testing.assert_array_equal(got[exact == 0.0], 0.0)
    assert (exact == 0.0).sum() >= 5
    x = kept.outputs["mass"]
    assert np.all((got >= x.min()) & (got <= x.max()))
    assert np.all(np.abs(got - exact) <= _bound(x, QS))
    for other in runs[1:]:
        for name in ("zero", "c", "mass"):
            np.testing.assert_array_equal(other.quantile(name, QS), first.quantile(name, QS))


def test_a_thesis_run_with_keep_gives_constants_exactly_and_counts_every_output():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        thesis = model.load_thesis(BANK)
        kept = model.simulate(thesis, n_paths=2_000, seed=1)
        lean = model.simulate(thesis, n_paths=2_000, seed=1, keep=["value_today"])
    columns = ["mean", "p5", "p50", "p95"]
    for name in ("buyback_spend", "shares"):  # 0 and 73 on every path
        want = kept.summary(name, kept.exit_year)[columns].iloc[0]
        got = lean.summary(name, lean.exit_year)[columns].iloc[0]
        assert want.to_dict() == got.to_dict()
        assert set(got) == {float(kept.final(name)[0])}
    page = lean._repr_html_()
    assert "0.00000000000" not in page
    count = int(re.search(r"All (\d+) outputs in ", page).group(1))
    assert count == len(kept.outputs) == len(lean.summary().xs(lean.exit_year, level="year"))
    assert len(lean.outputs) < count  # the heading counts the streamed outputs too
