"""A model with a margin line but no revenue-growth line still watches next year's revenue:
the starter growth thesis is judged on its sales, and a margin alone would crowd them out."""

from __future__ import annotations

from pathlib import Path

import model
from model.learning.watchlist import default_observables

ROOT = Path(__file__).resolve().parents[2]


def test_the_revenue_line_stands_in_for_a_missing_growth_line():
    th = model.load_thesis(ROOT / "assumptions" / "examples" / "saas-subscription.yaml")
    r = model.simulate(th, n_paths=2_000, seed=1, progress=False)
    names = [q for q, _ in default_observables(r, r.years[1])]
    assert names[0] == f"revenue[{r.years[1]}]", names
    assert f"margin[{r.years[1]}]" in names


def test_a_growth_line_is_watched_instead_of_the_revenue():
    th = model.load_thesis(ROOT / "assumptions" / "alibaba.yaml")
    r = model.simulate(th, n_paths=1_000, seed=1, progress=False)
    names = [q for q, _ in default_observables(r)]
    assert not any(n.startswith("revenue[") for n in names), names
