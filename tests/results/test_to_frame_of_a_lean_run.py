"""``to_frame()`` of a ``keep=`` run: every kept output by default, the streamed ones have no
paths to list."""

from __future__ import annotations

from pathlib import Path

import pytest

import model
from model.errors import SettingsError

SAAS = Path(__file__).resolve().parents[2] / "assumptions" / "examples" / "saas-subscription.yaml"


@pytest.fixture(scope="module")
def thesis():
    return model.load_thesis(SAAS)


def test_to_frame_lists_the_kept_outputs_by_default(thesis):
    lean = model.simulate(thesis, n_paths=50, seed=2, keep=["revenue", "value_per_share"])
    frame = lean.to_frame()
    assert sorted(frame["output"].unique()) == ["revenue", "value_per_share"]
    assert len(frame) == 2 * 50 * 6
    # Naming a streamed output still says it has no paths and how to keep it.
    with pytest.raises(SettingsError, match="streamed"):
        lean.to_frame("ebit")


def test_a_lean_comparison_to_frame_lists_the_kept_outputs(thesis):
    comp = model.compare(thesis, ["base", "bear"], n_paths=50, seed=2, keep=["revenue"])
    frame = comp.to_frame()
    assert set(frame["output"]) == {"revenue"}
    assert set(frame["scenario"]) == {"base", "bear"}
