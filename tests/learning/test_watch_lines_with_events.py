"""A model whose only roles are revenue and earnings still watches them when it has events."""

from __future__ import annotations

from pathlib import Path

import model
from model.learning.watchlist import default_observables

TEMPLATE = Path(__file__).resolve().parents[2] / "assumptions" / "templates" / "binary-event.yaml"


def test_events_do_not_crowd_out_the_revenue_and_earnings_lines():
    th = model.load_thesis(TEMPLATE)
    r = model.simulate(th, n_paths=2_000, seed=1, progress=False)
    names = [q for q, _ in default_observables(r)]
    # The licence decision is watched, and so are next year's revenue and earnings.
    assert any(n.startswith("event:licence_granted@") for n in names)
    assert any(n.startswith("revenue[") for n in names), names
    assert any(n.startswith("earnings[") for n in names), names
