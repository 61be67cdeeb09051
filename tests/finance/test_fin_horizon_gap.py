"""A first model year that begins after the valuation date is warned about at its line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from model.cli.main import main
from model.valuation.finance.dates import ValuationDates

DATA = Path(__file__).parents[1] / "valuation" / "data" / "multi_legs.yaml"
LEGS = "pe: {weight: 1.0, multiple: pe_exit}"


@pytest.mark.parametrize(
    ("as_of", "years", "end", "gap"),
    [
        (dt.date(2025, 9, 30), (2026, 2027), "06-30", False),  # FY2026 began 1 July 2025
        (dt.date(2025, 9, 30), (2027, 2028), "06-30", True),  # FY2027 begins a year later
        (dt.date(2025, 11, 27), (2025, 2026), "12-31", False),
        (dt.date(2025, 11, 27), (2026, 2027), "12-31", True),  # 34 days left out
        (dt.date(2025, 12, 20), (2026, 2027), "12-31", False),  # 11 days: as a fresh price
    ],
)
def test_gap_between_valuation_date_and_first_year(as_of, years, end, gap):
    codes = [w.code for w in ValuationDates.of(as_of, years, None, end).warnings()]
    assert ("horizon_gap" in codes) is gap


def test_validate_warns_at_the_horizon_line(tmp_path, capsys):
    text = DATA.read_text().replace("LEGS", LEGS)
    text = text.replace("horizon: {first: 2025, last: 2029}", "horizon: {first: 2027, last: 2029}")
    path = tmp_path / "thesis.yaml"
    path.write_text(text)
    line = next(i for i, s in enumerate(text.splitlines(), 1) if "horizon:" in s)
    assert main(["validate", str(path)]) == 0
    err = capsys.readouterr().err
    assert f"{path}:{line}: thesis.horizon.first: the first model year (2027) begins" in err, err


@pytest.mark.parametrize(
    ("as_of", "years", "end", "past"),
    [
        (dt.date(2025, 6, 30), (2020, 2030), "12-31", True),  # a typo: 2020 for 2025
        (dt.date(2025, 6, 30), (2023, 2030), "12-31", True),
        (dt.date(2025, 6, 30), (2024, 2030), "12-31", False),  # the last completed year
        (dt.date(2025, 6, 30), (2025, 2030), "12-31", False),
        (dt.date(2025, 9, 30), (2025, 2027), "06-30", False),  # FY2025 ended 30 June 2025
    ],
)
def test_first_year_long_before_the_valuation_date(as_of, years, end, past):
    # Such a horizon ran without a word: year 0's values stood for a year long gone and the
    # model compounded from it to the exit.
    codes = [w.code for w in ValuationDates.of(as_of, years, None, end).warnings()]
    assert ("horizon_past" in codes) is past


def test_validate_warns_of_a_past_first_year_at_the_horizon_line(tmp_path, capsys):
    text = DATA.read_text().replace("LEGS", LEGS)
    text = text.replace("horizon: {first: 2025, last: 2029}", "horizon: {first: 2015, last: 2029}")
    path = tmp_path / "thesis.yaml"
    path.write_text(text)
    line = next(i for i, s in enumerate(text.splitlines(), 1) if "horizon:" in s)
    main(["validate", str(path)])
    err = capsys.readouterr().err
    assert f"{path}:{line}: thesis.horizon.first: the first model year (2015) ended" in err, err
