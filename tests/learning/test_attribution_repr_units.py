"""An attribution's one-line repr writes a return's medians and change as percentages."""

from __future__ import annotations

from pathlib import Path

import model

SAAS = Path(__file__).resolve().parents[2] / "assumptions" / "examples" / "saas-subscription.yaml"


def test_a_return_attribution_reads_in_percent():
    found = model.attribute(SAAS, "bear", "base", output="return_dated", n_paths=500, seed=1)
    start, end = found.start["median"], found.end["median"]
    text = repr(found)
    # "median 0.02455 -> 0.07998 (+0.05543 %)" read as a twentieth of a point.
    assert f"median {start * 100:.4g}% -> {end * 100:.4g}% (+{(end - start) * 100:.4g}%)" in text


def test_a_value_attribution_keeps_its_unit():
    found = model.attribute(SAAS, "bear", "base", n_paths=500, seed=1)
    assert "USD/share) over 1 group" in repr(found)
