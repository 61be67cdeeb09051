"""A comparison's returns table takes several years as a run's does."""

from __future__ import annotations

from pathlib import Path

import pytest

import model
from model.errors import SettingsError

BANK = Path(__file__).resolve().parents[2] / "assumptions" / "examples" / "regional-bank.yaml"


@pytest.fixture(scope="module")
def comparison():
    return model.compare(BANK, ["base", "bear"], n_paths=300, seed=1)


def test_several_years_give_a_row_per_scenario_and_year(comparison):
    # A list of years raised "TypeError: unhashable type: 'list'".
    table = comparison.returns_table([2028, 2030])
    assert table.index.names == ["scenario", "year"]
    assert list(table.index) == [("base", 2028), ("base", 2030), ("bear", 2028), ("bear", 2030)]
    one = comparison.returns_table(2030)
    assert table.xs(2030, level="year")["p_upside"].equals(one["p_upside"])


def test_one_year_keeps_one_row_per_scenario(comparison):
    assert comparison.returns_table(2028).index.names == ["scenario"]
    assert comparison.returns_table().index.names == ["scenario"]


def test_text_is_refused_in_the_callers_terms(comparison):
    with pytest.raises(SettingsError, match="years must be a year"):
        comparison.returns_table("2030")
