"""A chart of the dated return to a year end under a year away does not say "% a year"."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import model
from model.charts.text import value_label, value_words

_SPEC = importlib.util.spec_from_file_location(
    "short_holding", Path(__file__).parents[1] / "export" / "test_short_holding_not_annual.py"
)
assert _SPEC is not None and _SPEC.loader is not None
_MODULE = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(_MODULE)


def test_return_under_a_year_is_labelled_unannualised(tmp_path: Path) -> None:
    path = tmp_path / "short.yaml"
    path.write_text(_MODULE.THESIS, encoding="utf-8")
    result = model.simulate(model.load_thesis(path), n_paths=1_000, seed=1)
    # 31 March to 30 June 2027: 91 days, reported as the period's return.
    words = value_words(result, "return_dated", 2027)
    assert "Annualised" not in words, words
    assert "under a year, not annualised" in words, words
    assert "a year" not in value_label(result, "return_dated", 2027).replace("under a year", "")


def test_return_over_years_stays_annualised() -> None:
    root = Path(__file__).resolve().parents[2]
    thesis = model.load_thesis(root / "assumptions" / "examples" / "copper-miner.yaml")
    result = model.simulate(thesis, n_paths=1_000, seed=1)
    assert value_words(result, "return_dated", result.exit_year).startswith("Annualised return")
    assert value_label(result, "return_dated", result.exit_year).endswith("(% a year)")


def test_price_return_of_a_thesis_run_is_labelled_over_its_dates(tmp_path: Path) -> None:
    # A thesis run's return_annual runs from the price date, as the dated return: its label
    # gives those dates, not the model's first year, and under a year is not annualised.
    path = tmp_path / "short.yaml"
    path.write_text(_MODULE.THESIS, encoding="utf-8")
    result = model.simulate(model.load_thesis(path), n_paths=1_000, seed=1)
    words = value_words(result, "return_annual", 2027)
    assert words.startswith("Price return, ") and "under a year, not annualised" in words, words
    assert value_label(result, "return_annual", 2027).endswith("(%)")
    root = Path(__file__).resolve().parents[2]
    thesis = model.load_thesis(root / "assumptions" / "examples" / "copper-miner.yaml")
    long = model.simulate(thesis, n_paths=1_000, seed=1)
    span = value_words(long, "return_dated", long.exit_year).removeprefix("Annualised return, ")
    assert value_words(long, "return_annual", long.exit_year) == f"Annualised price return, {span}"
    assert value_label(long, "return_annual", long.exit_year).endswith("(% a year)")


def test_return_of_a_run_without_todays_value_is_over_the_real_dates_too(
    tmp_path: Path,
) -> None:
    # Without a cost of equity the run states no value today, but its thesis dates the price
    # and the year ends: return_annual counts the real time from the price date, and says so.
    from model.cli.authoring import starter_text

    line = "    cost_of_equity: cost_of_equity   # today's value"
    text = starter_text("growth")
    assert line in text
    path = tmp_path / "no_today.yaml"
    path.write_text(
        "\n".join(x for x in text.splitlines() if not x.startswith(line)) + "\n", encoding="utf-8"
    )
    result = model.simulate(model.load_thesis(path), n_paths=200, seed=1)
    assert "value_today" not in result.units
    year = result.exit_year
    words = value_words(result, "return_annual", year)
    assert words.startswith("Annualised price return, ")
    assert f"{int(result.years[0])}-{year}" not in words
