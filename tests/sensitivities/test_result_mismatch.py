"""A run given to a sensitivity (``result=``, ``run=``) that was simulated from another thesis,
or for another scenario than the one named beside it, is refused naming both: it was ranked
and labelled as if it were of the thesis and scenario asked for."""

from __future__ import annotations

from pathlib import Path

import pytest

import model
from model.errors import SettingsError
from model.sensitivities.export import export_sensitivity, sensitivity_chart

ROOT = Path(__file__).resolve().parents[2]
GROWTH = ROOT / "assumptions" / "templates" / "growth-company.yaml"
SAAS = ROOT / "assumptions" / "examples" / "saas-subscription.yaml"


@pytest.fixture(scope="module")
def growth():
    return model.load_thesis(GROWTH)


@pytest.fixture(scope="module")
def bull(growth):
    return model.simulate(growth, "bull", n_paths=400, seed=2)


def test_a_run_of_another_thesis_is_refused(growth):
    other = model.simulate(SAAS, n_paths=400, seed=2)
    for thesis in (growth, GROWTH, str(GROWTH)):
        with pytest.raises(SettingsError, match="simulated from the thesis") as info:
            model.sensitivity(thesis, method="rank", result=other)
        assert SAAS.name in str(info.value) and GROWTH.name in str(info.value)
    with pytest.raises(SettingsError, match=SAAS.name):
        model.sensitivity(growth, method="tornado", result=other)


def test_a_scenario_the_run_was_not_run_for_is_refused(growth, bull):
    with pytest.raises(SettingsError, match=r"scenario='base'.*run for the scenario 'bull'"):
        model.sensitivity(growth, "base", method="rank", result=bull)


def test_the_runs_own_scenario_is_analysed_when_none_is_named(growth, bull):
    ranked = model.sensitivity(growth, method="rank", result=bull)
    named = model.sensitivity(growth, "bull", method="rank", result=bull)
    assert ranked.n_paths == named.n_paths == bull.n_paths
    assert [e.rho for e in ranked.entries] == [e.rho for e in named.entries]
    # a tornado given the run is of its scenario too, as if the scenario were named
    assert model.sensitivity(growth, method="tornado", result=bull).central_value == (
        model.sensitivity(growth, "bull", method="tornado").central_value
    )
    # the same thesis loaded again is the same thesis
    model.sensitivity(model.load_thesis(GROWTH), "bull", method="rank", result=bull)


def test_the_runs_file_named_another_way_is_its_own(tmp_path, monkeypatch):
    # A run loaded by a relative path, then a change of working folder: the same file named
    # by its full path (or a copy of it elsewhere) is the run's thesis.
    monkeypatch.chdir(ROOT)
    run = model.simulate(GROWTH.relative_to(ROOT), n_paths=400, seed=2)
    copy = tmp_path / "copy" / GROWTH.name
    copy.parent.mkdir()
    copy.write_bytes(GROWTH.read_bytes())
    monkeypatch.chdir(tmp_path)
    for thesis in (GROWTH, str(GROWTH), copy, model.load_thesis(GROWTH)):
        model.sensitivity(thesis, method="rank", result=run)
    edited = tmp_path / "edited.yaml"
    edited.write_bytes(GROWTH.read_bytes().replace(b"\n", b"\n# a note\n", 1))
    monkeypatch.chdir(ROOT)  # the run's own file is found again: another file's text differs
    with pytest.raises(SettingsError, match="simulated from the thesis"):
        model.sensitivity(edited, method="rank", result=run)


def test_the_chart_and_export_refuse_a_run_of_another_scenario(growth, bull, tmp_path):
    found = model.sensitivity(growth, method="rank", result=bull)
    with pytest.raises(SettingsError, match="run for the scenario 'bull'"):
        sensitivity_chart(found, growth, "base", run=bull)
    with pytest.raises(SettingsError, match="run for the scenario 'bull'"):
        export_sensitivity(found, growth, tmp_path / "out", method="rank", run=bull)
    assert not (tmp_path / "out").exists()
