"""A comparison's summary says which year it is of: ``summary(output, year=2027)`` gave a frame
indexed by scenario with nothing naming 2027."""

from __future__ import annotations

from pathlib import Path

import pytest

import model

THESIS = Path(__file__).resolve().parents[2] / "assumptions" / "templates" / "growth-company.yaml"


@pytest.fixture(scope="module")
def comparison():
    return model.compare(model.load_thesis(THESIS), ["base", "bear"], n_paths=300, seed=1)


def test_the_year_asked_is_in_the_table(comparison):
    year = comparison.first.years[2]
    table = comparison.summary("sales", year=year)
    assert list(table.index) == ["base", "bear"] and table.index.name == "scenario"
    assert list(table.columns[:3]) == ["unit", "year", "n"]
    assert (table["year"] == year).all()
    assert table.loc["base", "p50"] == pytest.approx(
        comparison["base"].summary("sales").loc[("sales", year), "p50"]
    )


def test_no_year_is_the_exit_year_as_in_a_result_summary(comparison):
    exit_year = comparison.first.exit_year
    assert (comparison.summary("sales")["year"] == exit_year).all()
    # an output with one value a path reads as of the exit year, as result.summary() shows it
    today = comparison.summary("value_today")
    assert (today["year"] == exit_year).all()
    assert exit_year in comparison["base"].summary("value_today").index.get_level_values("year")
