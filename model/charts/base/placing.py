"""Where labels go: positions near the wanted ones, kept a gap apart."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["spread"]


def spread(values: Sequence[float], gap: float) -> np.ndarray:
    """Positions near ``values`` that are at least ``gap`` apart (order kept).

    Used to nudge end-of-line labels apart vertically. Labels too close together are pushed
    apart as a block centred on where they want to be, so no label moves further than needed.
    """
    y = np.asarray(values, dtype=float)
    order = np.argsort(y, kind="stable")
    want = y[order]
    # Group neighbours into clusters whose members need spreading; centre each cluster on
    # its members' mean and merge clusters until none overlap.
    clusters = [[float(v)] for v in want]
    merged = True
    while merged:
        merged = False
        for i in range(len(clusters) - 1):
            top_a = _cluster_pos(clusters[i], gap)[-1]
            bottom_b = _cluster_pos(clusters[i + 1], gap)[0]
            if bottom_b - top_a < gap - 1e-12:
                clusters[i : i + 2] = [clusters[i] + clusters[i + 1]]
                merged = True
                break
    placed = np.concatenate([_cluster_pos(c, gap) for c in clusters]) if clusters else want
    out = np.empty_like(y)
    out[order] = placed
    return out


def _cluster_pos(members: list[float], gap: float) -> np.ndarray:
    centre = float(np.mean(members))
    k = len(members)
    return centre + gap * (np.arange(k) - (k - 1) / 2)
