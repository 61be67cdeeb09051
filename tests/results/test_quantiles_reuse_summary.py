"""A result's quantile table takes the levels its summary found instead of selecting them
again: the same numbers to the last bit, the sign of a zero included."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import model
from model.engine.summaries import stats as engine_stats
from model.engine.summaries.stats import quantiles_reusing
from model.results.export import EXPORT_QS
from model.results.summary import QUANTILES, quantile_frame

THESIS = Path(__file__).resolve().parents[2] / "assumptions" / "templates" / "growth-company.yaml"
LEVELS = [q for _, q in QUANTILES]


def _matrices() -> list[np.ndarray]:
    rng = np.random.default_rng(2025)
    zeros = rng.choice([-0.0, 0.0, 1.0, -1.0], size=(4_001, 3))
    floored = np.maximum(rng.normal(size=(3_000, 4)), 0.0)
    floored[floored == 0.0] = -0.0
    return [
        rng.lognormal(size=(20_000, 6)),
        np.round(rng.normal(size=(5_001, 2)), 1),
        zeros,
        np.abs(zeros),
        floored,
        np.concatenate([np.zeros((40, 2)), rng.normal(size=(60, 2))]),
        rng.normal(size=(1, 3)),
        rng.normal(size=(2, 3)),
        np.full((7, 2), -0.0),
    ]


@pytest.mark.parametrize("levels", [list(EXPORT_QS), LEVELS, [0.0, 0.05, 1.0], [0.5]])
def test_reused_levels_give_the_plain_quantiles_bit_for_bit(levels) -> None:
    for x in _matrices():
        before = np.quantile(x, np.concatenate([LEVELS, [0.03, 0.07, 0.97]]), axis=0)
        known = {q: before[i] for i, q in enumerate(LEVELS)}
        got = quantiles_reusing(x, levels, known)
        assert got.tobytes() == np.quantile(x, levels, axis=0).tobytes(), x.shape
        assert quantiles_reusing(x, levels, None).tobytes() == got.tobytes()


def test_only_the_missing_levels_are_selected(monkeypatch) -> None:
    x = np.random.default_rng(1).lognormal(size=(1_000, 3))
    known = dict(zip(LEVELS, np.quantile(x, LEVELS, axis=0), strict=True))
    asked: list[list[float]] = []
    plain = np.quantile

    def counted(a, q, *args, **kwargs):
        asked.append(list(np.atleast_1d(q)))
        return plain(a, q, *args, **kwargs)

    monkeypatch.setattr(engine_stats.np, "quantile", counted)
    quantiles_reusing(x, list(EXPORT_QS), known)
    assert asked == [[q for q in EXPORT_QS if q not in LEVELS]]


@pytest.fixture(scope="module")
def result():
    return model.simulate(model.load_thesis(THESIS), n_paths=3_000, seed=5, progress=False)


def test_a_result_s_quantiles_after_its_summary_are_those_before(result) -> None:
    fresh = model.simulate(model.load_thesis(THESIS), n_paths=3_000, seed=5, progress=False)
    before = {name: fresh.quantiles(name, EXPORT_QS) for name in fresh.names}
    result.summary()
    for name in result.names:
        after = result.quantiles(name, EXPORT_QS)
        pd.testing.assert_frame_equal(after, before[name], check_exact=True)
        assert after.to_numpy().tobytes() == before[name].to_numpy().tobytes()
        matrix = np.asarray(result.array(name), dtype=float).reshape(result.n_paths, -1)
        if np.isfinite(matrix).all():
            plain = quantile_frame(matrix, EXPORT_QS, range(matrix.shape[1]), name)
            assert (
                plain.to_numpy().tobytes()
                == np.asarray(np.quantile(matrix, list(EXPORT_QS), axis=0)).T.tobytes()
            )


def test_years_nothing_is_held_to_stay_missing_after_the_summary(tmp_path) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "returns_unheld_years", Path(__file__).parent / "test_returns_unheld_years.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    path = tmp_path / "late.yaml"
    path.write_text(module.THESIS, encoding="utf-8")
    runs = [model.simulate(model.load_thesis(path), n_paths=300, seed=2) for _ in range(2)]
    names = [n for n in runs[0].names if runs[0]._unheld_years(n, len(runs[0].years)) is not None]
    assert names, "the thesis should date an output with a year nothing is held to"
    runs[1].summary()
    for name in runs[0].names:
        before, after = runs[0].quantiles(name, EXPORT_QS), runs[1].quantiles(name, EXPORT_QS)
        pd.testing.assert_frame_equal(after, before, check_exact=True)
        assert after.to_numpy().tobytes() == before.to_numpy().tobytes()


def test_float32_levels_are_weighed_as_numpy_weighs_them() -> None:
    # numpy interpolates in the levels' own precision: float32 levels give other numbers than
    # the same levels widened to float64, and the table must give numpy's.
    x = np.random.default_rng(0).normal(size=(1001, 2))
    levels = [np.float32(0.05), np.float32(0.9)]
    got = quantile_frame(x, levels, [2025, 2026], "v").to_numpy()
    want = np.quantile(x, levels, axis=0).T
    assert got.tobytes() == want.tobytes()
    as_float64 = np.quantile(x, [float(q) for q in levels], axis=0).T
    assert got.tobytes() != as_float64.tobytes()
