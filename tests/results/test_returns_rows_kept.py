"""A returns row is computed once per result and year: asked for again (a report describes
each of its files with the exit year's row) it is the same row, to the last bit."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import model
from model.results.analysis import ReturnsView

THESIS = Path(__file__).resolve().parents[2] / "assumptions" / "templates" / "growth-company.yaml"


@pytest.fixture(scope="module")
def result():
    return model.simulate(model.load_thesis(THESIS), n_paths=500, seed=3, progress=False)


def test_a_row_asked_for_again_is_not_computed_again(result, monkeypatch) -> None:
    year = result.exit_year
    first = ReturnsView(result).table([year])
    calls = []
    plain = ReturnsView._row

    def counted(self, *args):
        calls.append(args)
        return plain(self, *args)

    monkeypatch.setattr(ReturnsView, "_row", counted)
    again = ReturnsView(result).table(np.int64(year))
    assert calls == []
    pd.testing.assert_frame_equal(again, first, check_exact=True)


def test_kept_rows_are_the_rows_of_a_fresh_result(result) -> None:
    fresh = model.simulate(model.load_thesis(THESIS), n_paths=500, seed=3, progress=False)
    years = list(result.years[1:])
    whole = ReturnsView(fresh).table()
    for year in reversed(years):  # each row on its own first, then the whole table from them
        row = ReturnsView(result).table([year])
        pd.testing.assert_frame_equal(row, whole.loc[[year]], check_exact=True)
    pd.testing.assert_frame_equal(ReturnsView(result).table(), whole, check_exact=True)
    pd.testing.assert_frame_equal(
        ReturnsView(result).table(years[:1]), ReturnsView(fresh).table(years[:1]), check_exact=True
    )


def test_a_kept_row_is_a_copy(result) -> None:
    view = ReturnsView(result)
    row = view._kept_row(result.exit_year, 2)
    row["n"] = -1
    assert view._kept_row(result.exit_year, 2)["n"] != -1


def test_a_table_of_years_asked_for_again_is_a_copy_of_the_first(result, monkeypatch) -> None:
    years = [result.exit_year, result.years[1]]
    first = ReturnsView(result).table(years)
    first.iloc[0, 0] = -1.0  # the caller's copy: the kept table is not touched
    monkeypatch.setattr(pd, "DataFrame", None)  # a kept table is not built again
    again = ReturnsView(result).table([np.int64(y) for y in years])
    monkeypatch.undo()
    fresh = model.simulate(model.load_thesis(THESIS), n_paths=500, seed=3, progress=False)
    pd.testing.assert_frame_equal(again, ReturnsView(fresh).table(years), check_exact=True)
