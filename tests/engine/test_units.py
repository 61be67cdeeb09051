"""Per-unit statistics (:mod:`model.engine.summaries.units`): each unit's sums are its own.

A unit's count, sum and sum of squared deviations must be the same bits whether it is reduced
with its neighbours (a whole chunk of units) or alone (a fragment stitched by the reducer), so
that summaries do not depend on how a run was cut into chunks.
"""

from __future__ import annotations

import numpy as np
import pytest

from model.engine.summaries.units import UNIT, unit_len, unit_stats


def _adversarial(width: int, m: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    x = rng.lognormal(0.0, 3.0, (width, m)) * rng.choice([-1.0, 1.0], (width, m))
    x[:, ::7] = 0.0
    x[:, 3::11] = -0.0
    x[:, 5::13] = 1e300  # squares overflow: the sums must still match bit for bit
    x[0, : m // 2] = 2.5  # ties (a constant stretch)
    return np.ascontiguousarray(x)


@pytest.mark.parametrize("last", [UNIT, 1, 7, 129, UNIT - 1])
def test_a_unit_reduced_with_others_equals_it_alone(last: int) -> None:
    lengths = [UNIT] * 3 + [last]
    x = _adversarial(3, sum(lengths), seed=last)
    together = unit_stats(x, 5, lengths)
    pos = 0
    for j, n in enumerate(lengths):
        alone = unit_stats(np.ascontiguousarray(x[:, pos : pos + n]), 5 + j, [n])
        assert together.count[j] == alone.count[0] == n
        np.testing.assert_array_equal(
            together.total[:, j].view(np.int64), alone.total[:, 0].view(np.int64)
        )
        np.testing.assert_array_equal(
            together.m2[:, j].view(np.int64), alone.m2[:, 0].view(np.int64)
        )
        pos += n
    assert together.first == 5


def test_unit_len_ends_at_the_run() -> None:
    assert [unit_len(u, 2 * UNIT + 3) for u in range(3)] == [UNIT, UNIT, 3]
