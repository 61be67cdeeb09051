"""``default_observables(run)`` is exactly what ``watch(run)`` observes by default.

The binary-event template fixes its first year's figures, so ``watch(run)`` watches the year
after it; ``default_observables(run)`` named the first year's figures instead, and handing them
to ``watch`` listed quantities that cannot move the value (spread 0).
"""

from __future__ import annotations

from pathlib import Path

import model
from model.learning.watchlist import default_observables

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "assumptions" / "templates" / "binary-event.yaml"


def _same(run: model.SimulationResult) -> list[str]:
    by_default = model.watch(run)
    entries = default_observables(run)
    assert sorted(entries) == sorted((it.quantity, it.label) for it in by_default.items)
    handed = model.watch(run, entries)
    assert [(it.quantity, it.spread) for it in handed.items] == [
        (it.quantity, it.spread) for it in by_default.items
    ]
    assert all(it.spread > 0 for it in handed.items)
    return [q for q, _ in entries]


def test_the_fallback_year_is_the_one_named():
    run = model.simulate(TEMPLATE, n_paths=2000, seed=4, keep_inputs=True, progress=False)
    names = _same(run)
    assert names and all(n.endswith(("[2026]", "@2026")) for n in names), names


def test_figures_fixed_in_the_year_watched_are_left_out(tmp_path, write_vintage):
    path = write_vintage(tmp_path / "thesis.yaml", as_of="2025-06-30", first=2025, last=2030)
    run = model.simulate(model.load_thesis(path), n_paths=2000, seed=7, keep_inputs=True)
    names = _same(run)
    assert "sales[2025]" not in names  # the thesis states it: one value on every path
    assert "sales[2025]" in [q for q, _ in default_observables(run, 2025)]  # a year named
