"""Per-unit statistics of an output: the exact sums a run's summaries are reduced from.

A run's paths fall into statistics *units* of :data:`UNIT` consecutive paths (unit boundaries
are multiples of ``UNIT`` and the end of the run). Each unit's count, sum and sum of squared
deviations are computed from that unit's values alone, as one contiguous row, so they are the
same bits whatever chunks the run was cut into (see :mod:`model.engine.execution.chunks`); a
chunk that covers a unit only in part sends its values raw, as a :class:`Fragment`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

__all__ = ["UNIT", "Fragment", "UnitStats", "unit_len", "unit_stats"]

FloatArray = NDArray[np.float64]

#: Paths per statistics unit (divides the block size, so blocks are whole units).
UNIT = 1024


@dataclass
class UnitStats:
    """Per-unit statistics of one output for consecutive units ``first .. first+k-1``.

    Arrays have shape ``(width, k)``: ``width`` is 1 for ``(n,)`` outputs, ``n_years``
    otherwise.
    """

    first: int
    count: NDArray[np.int64]
    total: FloatArray
    m2: FloatArray


def unit_stats(year_major: FloatArray, first: int, lengths: list[int]) -> UnitStats:
    """Exact per-unit sums of a contiguous ``(width, sum(lengths))`` array.

    Every unit is reduced as a contiguous row of its own length, so a unit's result does not
    depend on which other units were computed with it.
    """
    # Squares of an output near the float limit overflow to inf; the summary reports such an
    # output as too large to summarise, so numpy's own warning would only repeat it.
    with np.errstate(over="ignore", invalid="ignore"):
        width = year_major.shape[0]
        k = len(lengths)
        total = np.empty((width, k))
        m2 = np.empty((width, k))
        full = sum(1 for n in lengths if n == UNIT)
        if full:
            body = year_major[:, : full * UNIT].reshape(width, full, UNIT)
            total[:, :full] = body.sum(axis=2)
            dev = body - (total[:, :full] / UNIT)[:, :, None]
            np.multiply(dev, dev, out=dev)  # in place: one temporary of the chunk's size, not two
            m2[:, :full] = dev.sum(axis=2)
        pos = full * UNIT
        for j in range(full, k):
            seg = year_major[:, pos : pos + lengths[j]].reshape(width, 1, lengths[j])
            total[:, j] = seg.sum(axis=2)[:, 0]
            dev = seg - (total[:, j] / lengths[j])[:, None, None]
            m2[:, j] = (dev * dev).sum(axis=2)[:, 0]
            pos += lengths[j]
    return UnitStats(first, np.asarray(lengths, dtype=np.int64), total, m2)


def unit_len(unit: int, n_paths: int) -> int:
    """Paths in statistics unit ``unit`` of a run of ``n_paths``."""
    return min(UNIT, n_paths - unit * UNIT)


@dataclass
class Fragment:
    """Values of part of one unit: global paths ``start ..``; shape ``(width, m)``."""

    unit: int
    start: int
    values: FloatArray
