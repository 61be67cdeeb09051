"""A workbook refuses, before anything is written, a sensitivity result of another thesis or of
a scenario it does not hold, with the check and words of a sensitivity given a run of another
(:func:`model.sensitivities.rank.check_run_of`): its sheet would rank another thesis' inputs,
in another currency and years, under this thesis' name."""

from __future__ import annotations

import dataclasses
import warnings
from pathlib import Path

import openpyxl
import pytest

import model
from model.errors import SettingsError

pytest.importorskip("openpyxl")

ROOT = Path(__file__).resolve().parents[2]
GROWTH = ROOT / "assumptions" / "templates" / "growth-company.yaml"
COPPER = ROOT / "assumptions" / "examples" / "copper-miner.yaml"


@pytest.fixture(scope="module")
def growth():
    return model.load_thesis(GROWTH)


@pytest.fixture(scope="module")
def base(growth):
    return model.simulate(growth, n_paths=300, seed=1)


@pytest.fixture(scope="module")
def copper_tornado():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return model.sensitivity(model.load_thesis(COPPER), method="tornado")


def _sensitivity_rows(path: Path) -> list[tuple]:
    sheet = openpyxl.load_workbook(path)["sensitivity"]
    return [tuple(c.value for c in row) for row in sheet.iter_rows(min_row=2)]


def test_another_theses_tornado_is_refused_and_nothing_is_written(base, copper_tornado, tmp_path):
    target = tmp_path / "book.xlsx"
    with pytest.raises(SettingsError, match="simulated from the thesis") as info:
        base.to_excel(target, sensitivity=[copper_tornado])
    text = str(info.value)
    assert GROWTH.name in text and COPPER.name in text
    assert text.startswith("sensitivity entry 1 (tornado of value_per_share): ")
    assert "\n" not in text
    assert not target.exists()
    # An earlier workbook of the run is left as it was.
    base.to_excel(target)
    before = target.read_bytes()
    with pytest.raises(SettingsError, match=COPPER.name):
        base.to_excel(target, overwrite=True, sensitivity=[None, copper_tornado])
    assert target.read_bytes() == before


def test_the_words_are_those_of_a_sensitivity_given_a_run_of_another(
    base, copper_tornado, tmp_path
):
    # The same check (check_run_of) as model.sensitivity(..., result=run) makes.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        copper = model.load_thesis(COPPER)
    with pytest.raises(SettingsError) as direct:
        model.sensitivity(copper, method="rank", result=base)
    with pytest.raises(SettingsError) as book:
        base.to_excel(tmp_path / "never.xlsx", sensitivity=[copper_tornado])
    fact = str(direct.value).split(";")[0]
    assert fact in str(book.value)


def test_a_scenario_the_workbook_does_not_hold_is_refused(growth, base, tmp_path):
    bull = model.sensitivity(growth, "bull", method="tornado")
    with pytest.raises(SettingsError, match=r"scenario='bull', but the result given was run for"):
        base.to_excel(tmp_path / "book.xlsx", sensitivity=[bull])
    assert not (tmp_path / "book.xlsx").exists()
    comparison = model.compare(growth, ["base", "bear"], n_paths=300, seed=1)
    with pytest.raises(SettingsError, match=r"scenario='bull', but the workbook holds"):
        comparison.to_excel(tmp_path / "book.xlsx", sensitivity=[bull])
    assert not (tmp_path / "book.xlsx").exists()


def test_the_workbooks_own_thesis_and_scenarios_are_written(growth, base, tmp_path):
    tornado = model.sensitivity(growth, method="tornado")
    ranks = model.sensitivity(growth, method="rank", result=base)
    assert tornado.origin.scenario == ranks.origin.scenario == "base"
    path = base.to_excel(tmp_path / "own.xlsx", sensitivity=[tornado, ranks])
    methods = {row[0] for row in _sensitivity_rows(path)}
    assert methods == {"tornado", "rank"}
    # The same thesis loaded again, or named by its file, is the same thesis.
    again = model.sensitivity(GROWTH, method="tornado")
    assert base.to_excel(tmp_path / "again.xlsx", sensitivity=[again]).is_file()
    # A comparison takes any scenario it holds; a blend those it mixes.
    comparison = model.compare(growth, ["base", "bull", "bear"], n_paths=300, seed=1)
    bull = model.sensitivity(growth, "bull", method="tornado")
    assert comparison.to_excel(tmp_path / "c.xlsx", sensitivity=[tornado, bull]).is_file()
    blended = model.blend(growth, seed=1, n_paths=300)
    assert blended.to_excel(tmp_path / "b.xlsx", sensitivity=[bull]).is_file()
    # A result built by hand, with no origin, is written as before.
    plain = dataclasses.replace(ranks, origin=None)
    assert base.to_excel(tmp_path / "plain.xlsx", sensitivity=[plain]).is_file()
