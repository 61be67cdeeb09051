"""A quantity the thesis holds fixed keeps its value and a zero spread after conditioning.

The weighted mean of a constant column came out a rounding error off the constant (the
weights sum to one only up to rounding), so ``thesis update`` showed a fixed sales figure of
EUR 13,000 m with a prior and posterior sd of 3.6e-12 and a standard error to match.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import model


def test_a_fixed_quantity_has_its_value_and_no_spread(write_vintage, tmp_path: Path) -> None:
    thesis = model.load_thesis(write_vintage(tmp_path / "t.yaml"))
    run = model.simulate(thesis, n_paths=3_000, seed=4, keep_inputs=True, progress=False)
    out = model.condition(
        run,
        {
            "growth_seen": {"quantity": "growth", "value": 0.09, "sd": 0.01},
            "sales_now": {"quantity": "sales[2025]", "unit": "EUR m", "value": 13_000, "sd": 50},
        },
    )
    row = out.evidence_table().loc["sales_now"]
    assert (row["prior_sd"], row["posterior_sd"]) == (0.0, 0.0)
    assert (row["prior_p50"], row["posterior_p50"]) == (13_000.0, 13_000.0)
    table = out.compare(["sales"], year=2025)
    assert table.loc["sales", "posterior_mean"] == 13.0
    assert table.loc["sales", "posterior_mean_se"] == 0.0
    # A probability stays within [0, 1] however the weights round.
    p = out.prob("sales[2025] > 1").p
    assert p == 1.0 and np.isfinite(p)


@pytest.mark.parametrize("value", [3.7, 0.1, 1234.5678])
def test_weighted_summary_of_a_constant_is_exact(value: float) -> None:
    # Uneven weights whose sum is one only up to rounding: the summary keeps the constant.
    from model.results.summary import weighted_describe

    w = np.random.default_rng(4).random(20_000) ** 4
    w /= w.sum()
    out = weighted_describe(np.full(20_000, value), w)
    assert out["mean"] == value and out["mean_se"] == 0.0
    assert out["sd"] == 0.0 and out["sd_se"] == 0.0
