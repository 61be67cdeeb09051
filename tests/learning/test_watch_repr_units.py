"""A watch list's one-line repr says what its numbers are: each spread with the value's unit."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import model

THESIS = Path(__file__).resolve().parents[2] / "assumptions" / "templates" / "growth-company.yaml"


def test_each_spread_is_named_with_its_unit():
    result = model.simulate(model.load_thesis(THESIS), n_paths=1000, seed=1, progress=False)
    watch = model.watch(result)
    text = repr(watch)
    top = text.split("top: ", 1)[1]
    assert watch.unit and top.count(f" {watch.unit})") == min(3, len(watch.items))
    assert top.count("(spread ") == min(3, len(watch.items))


def test_a_return_reads_as_a_percentage():
    """A fraction is shown as a percentage (2.3%), not as the fraction with a % sign (0.023 %)."""
    result = model.simulate(model.load_thesis(THESIS), n_paths=1000, seed=1, progress=False)
    watch = model.watch(result, output="return_dated", year=result.years[-1])
    assert watch.unit == "%"
    text = repr(watch)
    median = float(re.search(r"median (-?[\d.]+)%:", text).group(1))
    assert median == pytest.approx(100 * watch.median, rel=1e-3)
    spreads = [float(s) for s in re.findall(r"\(spread (-?[\d.]+)%\)", text)]
    assert len(spreads) == min(3, len(watch.items))
    assert spreads[0] == pytest.approx(100 * watch.items[0].spread, rel=1e-3)
