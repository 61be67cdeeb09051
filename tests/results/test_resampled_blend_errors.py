"""A blend resampled after evidence is no longer a stratified sample.

Resampling draws each path in proportion to its weight, so how many paths each scenario keeps
is random; the stratified errors of a blend (each scenario a fixed share of the paths) would
understate the resampled result's errors.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np

import model
from model.results.condition import Observation, condition

ROOT = Path(__file__).resolve().parents[2]


def test_resampled_blend_uses_the_unstratified_error() -> None:
    thesis = model.load_thesis(ROOT / "assumptions" / "alibaba.yaml")
    mixed = model.blend(thesis, n_paths=2_000, seed=1)
    assert mixed.path_scenarios is not None
    evidence = Observation.normal("revenue_growth_cloud[2025]", 0.34, 0.05)
    resampled = condition(mixed, evidence).resample()
    assert resampled.path_scenarios is None
    value = resampled.final("value_per_share")
    ok = np.isfinite(value)
    plain = float(np.std(value[ok], ddof=1)) / math.sqrt(int(ok.sum()))
    row = resampled.summary("value_per_share").iloc[-1]
    assert math.isclose(float(row["mean_se"]), plain, rel_tol=1e-9)
