"""A blend's path ``i`` is path ``i`` of the scenario it was drawn from, every output and
input, bit for bit (the first scenario's paths are left in place, the others written over)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from model.scenarios import blend, compare

THESIS = Path(__file__).resolve().parents[2] / "assumptions" / "alibaba.yaml"


def test_every_path_is_its_scenario_s_path() -> None:
    trio = compare(THESIS, ["base", "bull", "bear"], n_paths=300, seed=4)
    mixed = blend(trio, {"bull": 0.2, "base": 0.5, "bear": 0.3})
    labels = np.asarray(mixed.path_scenarios)
    assert set(labels) == {"base", "bull", "bear"}
    for kind in ("outputs", "inputs"):
        for name, arr in getattr(mixed, kind).items():
            for scen in ("base", "bull", "bear"):
                piece = np.asarray(getattr(trio[scen], kind)[name])
                if piece.ndim < np.ndim(arr):  # a static value, the same in every year
                    piece = np.repeat(piece[:, None], np.shape(arr)[1], axis=1)
                at = labels == scen
                assert np.asarray(arr)[at].tobytes() == piece[at].tobytes(), (kind, name, scen)
