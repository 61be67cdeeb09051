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
    assert "sales[2025]" not in [q for q, _ in default_observables(run, 2025)]  # a year named


def test_a_year_named_leaves_out_the_same(tmp_path, write_vintage):
    # Named, the default's own year listed its fixed figure and an event that cannot have
    # happened by then (events start in year 1), both left out of the default list.
    path = write_vintage(
        tmp_path / "thesis.yaml", as_of="2025-06-30", first=2025, last=2030,
        extra_assumptions='  war_prob:\n    unit: "%"\n    value: 0.4\n'
        '    source: {estimate: "Chance of a price war"}\n',
        extra_bottom='events:\n  price_war:\n    annual_prob: war_prob\n'
        "    effects:\n      - {target: margin, op: add, by: -0.1}\n"
        '    source: {estimate: "Rivals cut their prices"}\n',
    )  # fmt: skip
    run = model.simulate(model.load_thesis(path), n_paths=2000, seed=7, keep_inputs=True)
    named = default_observables(run, 2025)
    assert named, named
    assert not any(q == "sales[2025]" or q.startswith("event:") for q, _ in named), named
    assert sorted(named) == sorted(
        (it.quantity, it.label) for it in model.watch(run, observe_year=2025).items
    )
    assert "event:price_war@2026" in [q for q, _ in default_observables(run, 2026)]
