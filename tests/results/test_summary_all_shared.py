"""A comparison's summary takes the statistics of an output repeated bit for bit from the run
that first held it, and the table is the one computed run by run.

On common random numbers an output no override reaches has the same paths in several
scenarios; its statistics are computed once. The numbers must not move: the shared table is
compared bit for bit with the one each run computes alone, and :func:`first_equal` must tell
apart what only looks equal (``-0.0`` and ``0.0``, NaN payloads, dtypes, shapes).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import model
from model.engine.summaries import reuse
from model.engine.summaries.reuse import first_equal
from model.results import comparison as comparison_module

ROOT = Path(__file__).resolve().parents[2]


def test_first_equal_finds_the_first_repeat() -> None:
    a = np.arange(12.0).reshape(6, 2)
    arrays = [a, a.copy(), a + 1.0, a.copy(), a[:, :1], np.ascontiguousarray(a[:, :1])]
    assert first_equal(arrays) == [None, 0, None, 0, None, 4]


def test_first_equal_tells_apart_what_only_compares_equal() -> None:
    zero = np.zeros((5, 3))
    negative = zero.copy()
    negative[2, 1] = -0.0  # the middle row: the fingerprint's own row
    quiet = np.full(4, np.nan)
    payload = quiet.copy()
    payload.view(np.uint64)[1] |= np.uint64(1)  # another NaN: not the same bits
    assert first_equal([zero, negative]) == [None, None]
    assert first_equal([quiet, payload, quiet.copy()]) == [None, None, 0]
    assert first_equal([np.zeros(4), np.zeros(4, dtype=np.float32)]) == [None, None]
    assert first_equal([np.zeros((4, 1)), np.zeros(4), np.zeros((1, 4))]) == [None] * 3


def test_first_equal_compares_past_the_fingerprint() -> None:
    # Same shape and the same first, middle and last rows: only a full comparison tells.
    a = np.arange(10.0)
    b = a.copy()
    b[3] = 99.0
    assert first_equal([a, b, a.copy(), b.copy()]) == [None, None, 0, 1]


def test_first_equal_of_empty_and_one_path_arrays() -> None:
    arrays = [np.empty((0, 3)), np.empty((0, 3)), np.ones((1, 3)), np.ones((1, 3)), np.array(2.0)]
    assert first_equal(arrays) == [None, 0, None, 2, None]


@pytest.fixture(scope="module")
def thesis() -> model.Thesis:
    return model.load_thesis(ROOT / "assumptions" / "alibaba.yaml")


def _alone(comparison: model.ComparisonResult) -> pd.DataFrame:
    return pd.concat({n: r.summary() for n, r in comparison.results.items()}, names=["scenario"])


def _same(shared: pd.DataFrame, alone: pd.DataFrame) -> None:
    assert shared.index.equals(alone.index) and shared.dtypes.equals(alone.dtypes)
    pd.testing.assert_frame_equal(shared, alone, check_exact=True)
    for column in shared.columns:
        left, right = shared[column].to_numpy(), alone[column].to_numpy()
        if left.dtype.kind == "f":
            assert left.tobytes() == right.tobytes(), column


@pytest.mark.parametrize(("paths", "method"), [(400, "mc"), (3, "mc"), (700, "lhs")])
def test_shared_summary_is_the_summary_run_by_run(
    thesis: model.Thesis, paths: int, method: str
) -> None:
    names = ["base", "bull", "bear", "crackdown_redux"]
    shared = model.compare(thesis, names, n_paths=paths, seed=9, method=method)
    alone = model.compare(thesis, names, n_paths=paths, seed=9, method=method)
    _same(shared.summary_all(), _alone(alone))


def test_repeated_outputs_are_summarised_once(
    thesis: model.Thesis, monkeypatch: pytest.MonkeyPatch
) -> None:
    comparison = model.compare(thesis, ["base", "bull", "bear"], n_paths=300, seed=4)
    kept = [(i, r._columns(n)[0]) for i, r in enumerate(comparison.results.values())
            for n in r.names if n not in r.streamed]  # fmt: skip
    repeats = first_equal([column for _, column in kept])
    # Repeats within one run (two outputs alike) are computed there; across runs, borrowed.
    borrowed = sum(
        j is not None and kept[j][0] < i for (i, _), j in zip(kept, repeats, strict=True)
    )
    assert borrowed  # this thesis has outputs no override reaches
    calls = []
    describe = comparison_module.stats.describe_arrays

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return describe(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(comparison_module.stats, "describe_arrays", counted)
    comparison.summary_all()
    assert len(calls) == len(kept) - borrowed


def test_no_repeat_found_computes_every_run(
    thesis: model.Thesis, monkeypatch: pytest.MonkeyPatch
) -> None:
    comparison = model.compare(thesis, ["base", "bear"], n_paths=200, seed=6)
    expected = _alone(model.compare(thesis, ["base", "bear"], n_paths=200, seed=6))
    monkeypatch.setattr(reuse, "first_equal", lambda arrays: [None] * len(arrays))
    monkeypatch.setattr(comparison_module, "first_equal", reuse.first_equal)
    _same(comparison.summary_all(), expected)
