"""A watch list's one-line repr says what its numbers are: each spread with the value's unit."""

from __future__ import annotations

from pathlib import Path

import model

THESIS = Path(__file__).resolve().parents[2] / "assumptions" / "templates" / "growth-company.yaml"


def test_each_spread_is_named_with_its_unit():
    result = model.simulate(model.load_thesis(THESIS), n_paths=1000, seed=1, progress=False)
    watch = model.watch(result)
    text = repr(watch)
    top = text.split("top: ", 1)[1]
    assert watch.unit and top.count(f" {watch.unit})") == min(3, len(watch.items))
    assert top.count("(spread ") == min(3, len(watch.items))
