"""``returns_table`` takes one year as readily as a list, and names text given as years."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import model
from model.errors import SettingsError

THESIS = Path(__file__).resolve().parents[2] / "assumptions" / "templates" / "growth-company.yaml"


@pytest.fixture(scope="module")
def result():
    return model.simulate(model.load_thesis(THESIS), n_paths=2000, seed=1)


def test_one_year_is_the_table_of_that_year(result) -> None:
    year = result.exit_year
    expected = result.returns_table([year])
    pd.testing.assert_frame_equal(result.returns_table(year), expected)
    pd.testing.assert_frame_equal(result.returns_table(np.int64(year)), expected)
    assert list(expected.index) == [year]


@pytest.mark.parametrize("bad", ["2030", b"2030", 2030.5, True])
def test_years_of_the_wrong_kind_are_named(result, bad) -> None:
    with pytest.raises(SettingsError, match="years must be a year such as 2030 or a list"):
        result.returns_table(bad)


def test_a_year_asked_for_twice_is_one_row():
    from pathlib import Path

    import model

    thesis = (
        Path(__file__).resolve().parents[2] / "assumptions" / "templates" / "growth-company.yaml"
    )
    result = model.simulate(model.load_thesis(thesis), n_paths=500, seed=1, progress=False)
    last, before = result.years[-1], result.years[-2]
    table = result.returns_table([last, before, last])
    assert list(table.index) == [last, before]
