"""``watch(observe_year=...)``: a model year, checked before any statement is built from it."""

from __future__ import annotations

from pathlib import Path

import pytest

import model
from model.errors import HorizonError, ThesisModelWarning


@pytest.fixture()
def run(tmp_path: Path, write_vintage):
    path = write_vintage(tmp_path / "example.yaml")
    return model.simulate(model.load_thesis(path), n_paths=256, seed=11, keep_inputs=True)


@pytest.mark.parametrize(
    ("year", "message"),
    [
        (2026.5, "a year must be a whole number such as 2025, got float 2026.5"),
        (True, "a year must be a whole number"),
        (1999, "year 1999 is outside the thesis horizon"),
    ],
)
def test_a_year_that_is_no_model_year_is_refused(run, year, message):
    with pytest.raises(HorizonError, match=message):
        model.watch(run, observe_year=year)


def test_a_model_year_watches(run):
    assert model.watch(run, observe_year=2027).items


def test_a_year_for_todays_value_is_refused(run):
    # Today's value has one value per path: the list was headed value_today[2027].
    with pytest.raises(model.ThesisModelError, match="'value_today' has one value per path"):
        model.watch(run, output="value_today", year=2027)


def test_a_year_for_a_per_year_output_is_kept(run):
    assert model.watch(run, output="value_per_share", year=2027).year == 2027


def test_todays_value_is_headed_without_a_year(run, capsys):
    with pytest.warns(ThesisModelWarning):
        wl = model.watch(run, output="value_today")
    assert wl.heading == "value_today" and "value_today[" not in repr(wl)
    with pytest.warns(ThesisModelWarning):
        per_year = model.watch(run, output="value_per_share")
    assert per_year.heading == f"value_per_share[{run.exit_year}]"


def test_few_paths_are_warned_and_enough_are_not(tmp_path, write_vintage, run):
    with pytest.warns(ThesisModelWarning, match="256 paths put about 51 in each fifth"):
        model.watch(run)
    path = write_vintage(tmp_path / "more.yaml")
    many = model.simulate(model.load_thesis(path), n_paths=600, seed=11, keep_inputs=True)
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error", ThesisModelWarning)
        model.watch(many)


def test_the_command_heads_todays_value_without_a_year(capsys):
    from model.cli.main import main

    assert main(["watch", "assumptions/alibaba.yaml", "--paths", "600", "--seed", "3"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Watch list for value_today (median")
