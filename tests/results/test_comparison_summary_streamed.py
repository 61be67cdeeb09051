"""A comparison's summary of an output a ``keep=`` run streamed: from each run's summary."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import model
from model.errors import SettingsError

SAAS = Path(__file__).resolve().parents[2] / "assumptions" / "examples" / "saas-subscription.yaml"
VALUE = "value_per_share"


def test_a_comparison_summarises_a_streamed_output_from_its_runs_summaries():
    thesis = model.load_thesis(SAAS)
    full = model.compare(thesis, ["base", "bull"], n_paths=400, seed=5)
    lean = model.compare(thesis, ["base", "bull"], n_paths=400, seed=5, keep=["revenue"])
    table = lean.summary(VALUE)  # value per share was streamed: its summary is still there
    expected = full.summary(VALUE)
    assert list(table.index) == ["base", "bull"]
    assert list(table.columns) == list(expected.columns)
    assert (table["year"] == 2031).all()
    np.testing.assert_allclose(table["mean"], expected["mean"], rtol=1e-9)
    np.testing.assert_allclose(table["p50"], expected["p50"], rtol=1e-3)
    earlier = lean.summary(VALUE, 2028)
    np.testing.assert_allclose(earlier["mean"], full.summary(VALUE, 2028)["mean"], rtol=1e-9)
    # The kept output is summarised from its paths as before.
    np.testing.assert_array_equal(
        lean.summary("revenue").to_numpy(), full.summary("revenue").to_numpy()
    )


def test_a_streamed_output_with_one_value_a_path_takes_only_the_exit_year():
    thesis = model.load_thesis(SAAS)
    lean = model.compare(thesis, ["base", "bull"], n_paths=400, seed=5, keep=["revenue"])
    assert (lean.summary("value_today")["year"] == 2031).all()
    with pytest.raises(SettingsError, match="one value a path"):
        lean.summary("value_today", 2028)
