"""A paired difference is as frozen as the results it comes from: its paths are read-only."""

from __future__ import annotations

import numpy as np
import pytest


@pytest.fixture(scope="module")
def difference():
    from model.scenarios import compare

    return compare("assumptions/alibaba.yaml", ["base", "bear"], n_paths=200, seed=3).difference(
        "base", "bear"
    )


def test_the_paths_of_a_difference_cannot_be_written(difference):
    before = difference.values.copy()
    with pytest.raises(ValueError, match="read-only"):
        difference.values[0] = 1e9
    with pytest.raises(ValueError, match="read-only"):
        np.asarray(difference.values)[:] = 0.0
    np.testing.assert_array_equal(difference.values, before)
    # The statistics still describe the paths they were computed from.
    assert difference.mean == pytest.approx(float(np.mean(before[np.isfinite(before)])))


def test_a_difference_built_by_hand_does_not_freeze_the_callers_array():
    from model.results.compare.cases import Difference

    mine = np.array([1.0, 2.0, 3.0])
    d = Difference("a", "b", "x", 2030, mine, 2.0, 0.6, 1.0, 1.5, 0.9, n=3)
    assert not d.values.flags.writeable
    mine[0] = 5.0  # the caller's own array stays theirs to write
    assert d.values[0] == 5.0


def test_a_copy_or_a_pickled_difference_stays_read_only(difference):
    import copy
    import pickle

    for again in (
        pickle.loads(pickle.dumps(difference)),
        copy.deepcopy(difference),
        copy.copy(difference),
    ):
        assert not again.values.flags.writeable
        np.testing.assert_array_equal(again.values, difference.values)
        assert (again.a, again.b, again.mean, again.se) == (
            difference.a,
            difference.b,
            difference.mean,
            difference.se,
        )
