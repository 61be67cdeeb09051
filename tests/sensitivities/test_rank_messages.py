"""Rank correlation of a run it cannot rank says why: a comparison of scenarios was told "the
run kept no inputs" (it kept them, but it is several runs), and a run with
``keep_inputs=False`` (which keeps only its scorecard's inputs) was told "no analysed input
varies across the run"."""

from __future__ import annotations

from pathlib import Path

import pytest

import model
from model.errors import SettingsError

ROOT = Path(__file__).resolve().parents[2]
ALIBABA = ROOT / "assumptions" / "alibaba.yaml"
GROWTH = ROOT / "assumptions" / "templates" / "growth-company.yaml"


@pytest.fixture(scope="module")
def growth():
    return model.load_thesis(GROWTH)


def test_a_comparison_is_told_to_pass_one_scenario(growth):
    comparison = model.compare(growth, ["base", "bull"], n_paths=500, seed=1)
    with pytest.raises(SettingsError, match=r"pass one scenario's result") as info:
        model.sensitivity(growth, method="rank", result=comparison)
    text = str(info.value)
    assert "comparison of scenarios (base, bull)" in text
    assert "result=comparison['base']" in text
    assert "kept no inputs" not in text
    # one scenario of it ranks as its own run does
    ranked = model.sensitivity(growth, method="rank", result=comparison["base"])
    alone = model.sensitivity(growth, method="rank", n_paths=500, seed=1)
    assert ranked.n_paths == 500
    assert {e.input: e.rho for e in ranked.entries} == pytest.approx(
        {e.input: e.rho for e in alone.entries}
    )


def test_a_run_without_inputs_is_told_to_keep_them(growth):
    run = model.simulate(growth, n_paths=500, seed=1, keep_inputs=False)
    with pytest.raises(SettingsError, match="kept no inputs; simulate again with keep_inputs"):
        model.sensitivity(growth, method="rank", result=run)


@pytest.mark.filterwarnings("ignore::model.errors.ThesisModelWarning")
def test_a_run_that_kept_only_its_scorecards_inputs_is_told_to_keep_them():
    thesis = model.load_thesis(ALIBABA)
    run = model.simulate(thesis, n_paths=500, seed=1, keep_inputs=False)
    assert run.inputs and set(thesis.assumptions) - set(run.inputs)  # the scorecard's only
    with pytest.raises(SettingsError, match="kept only its scorecard's inputs") as info:
        model.sensitivity(thesis, method="rank", result=run)
    assert "keep_inputs=True" in str(info.value)
    assert "varies" not in str(info.value)
