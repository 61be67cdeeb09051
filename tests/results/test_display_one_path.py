"""A run of one path shows itself in a notebook: the view says returns need two paths instead of
raising (a notebook would print a traceback under the cell)."""

from __future__ import annotations

from pathlib import Path

import model

THESIS = Path(__file__).resolve().parents[2] / "assumptions" / "templates" / "growth-company.yaml"


def test_one_path_simulation_shows_itself() -> None:
    result = model.simulate(model.load_thesis(THESIS), n_paths=1, seed=1)
    html = result._repr_html_()
    assert "need at least 2 paths" in html and "Scorecard" in html
    assert "1 paths" in repr(result) or "1 path" in repr(result)


def test_one_path_comparison_shows_itself() -> None:
    comparison = model.compare(model.load_thesis(THESIS), ["base", "bear"], n_paths=1, seed=1)
    html = comparison._repr_html_()
    assert "need at least 2 paths" in html and "Scorecard" in html
