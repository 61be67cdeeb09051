"""The year of an attribution lies in the horizon; today's value (one per path) takes none."""

from __future__ import annotations

import pytest

from model.cli.main import main
from model.errors import HorizonError, SettingsError
from model.learning.vintages import attribute

TWO_SCENARIOS = """
scenarios:
  bear:
    label: "Bear: slower growth"
    rationale: {estimate: "Demand for the product slows earlier than hoped"}
    overrides:
      growth:
        unit: "%"
        value: 0.02
        source: {estimate: "Growth of two percent a year in the bear case"}
"""


@pytest.fixture()
def thesis(tmp_path, write_vintage):
    return write_vintage(tmp_path / "example.yaml", extra_bottom=TWO_SCENARIOS)


@pytest.mark.parametrize("year", [1999, 2031])
def test_a_year_outside_the_horizon_is_refused_before_any_run(thesis, year):
    with pytest.raises(HorizonError, match=f"year {year} is outside the thesis horizon"):
        attribute(thesis, "bear", output="value_today", year=year, n_paths=64, seed=1)


def test_a_year_outside_the_older_vintage_is_refused(vintage_pair):
    old, new = vintage_pair  # 2022..2026 against 2025..2030
    with pytest.raises(
        HorizonError, match=r"year 2029 is outside the horizon of example-2022 \(2022\.\.2026\)"
    ):
        attribute(new, old, output="value_today", year=2029, n_paths=64, seed=1)


def test_the_command_line_refuses_it_as_bad_input(thesis, capsys):
    code = main(["attribute", str(thesis), "--from", "bear", "--year", "1999", "--paths", "64"])
    assert code == 2
    err = capsys.readouterr().err
    assert "year 1999 is outside the thesis horizon (2025..2030)" in err


def test_a_year_for_todays_value_is_refused_even_inside_the_horizon(thesis):
    # Today's value has one value per path: a year would head the waterfall falsely.
    with pytest.raises(SettingsError, match="'value_today' has one value per path"):
        attribute(thesis, "bear", output="value_today", year=2027, n_paths=64, seed=1)


def test_todays_value_without_a_year_still_attributes(thesis):
    att = attribute(thesis, "bear", output="value_today", n_paths=64, seed=1)
    assert att.year == 2030


def test_a_per_year_output_keeps_its_year(thesis):
    att = attribute(thesis, "bear", output="value_per_share", year=2027, n_paths=64, seed=1)
    assert att.year == 2027


def test_a_whole_float_year_heads_the_table_as_a_year(thesis):
    att = attribute(thesis, "bear", output="value_per_share", year=2027.0, n_paths=64, seed=1)
    assert att.year == 2027 and isinstance(att.year, int)
    assert "value_per_share[2027]" in repr(att)


def test_a_whole_float_year_between_files_heads_the_table_as_a_year(vintage_pair):
    old, new = vintage_pair  # 2022..2026 against 2025..2030
    att = attribute(new, old, output="value_per_share", year=2026.0, n_paths=64, seed=1)
    assert (att.year, att.from_year, att.to_year) == (2026, 2026, 2026)
    assert isinstance(att.year, int)


def test_todays_value_is_headed_without_a_year_and_a_yearly_output_with_its_year(thesis):
    today = attribute(thesis, "bear", output="value_today", n_paths=64, seed=1)
    assert today.heading == "value_today" and "value_today[" not in repr(today)
    yearly = attribute(thesis, "bear", output="value_per_share", n_paths=64, seed=1)
    assert yearly.heading == f"value_per_share[{yearly.year}]"
    assert f"<Attribution value_per_share[{yearly.year}]" in repr(yearly)


def test_between_vintage_files_todays_value_has_no_year(vintage_pair):
    old, new = vintage_pair
    att = attribute(new, old, output="value_today", n_paths=64, seed=1)
    assert att.heading == "value_today" and not att.per_year
