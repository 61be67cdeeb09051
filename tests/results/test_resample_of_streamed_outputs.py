"""Resampling a conditioned ``keep=`` run: an output the run streamed has no paths to resample,
so the resampled result refuses it as streamed instead of reporting the prior's summary of it
under the evidence's name (a silent wrong number)."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import model
from model.errors import SettingsError

SAAS = Path(__file__).resolve().parents[2] / "assumptions" / "examples" / "saas-subscription.yaml"


@pytest.fixture(scope="module")
def resampled():
    thesis = model.load_thesis(SAAS)
    lean = model.simulate(thesis, n_paths=2000, seed=1, keep=["revenue"])
    high = float(lean.summary("revenue").loc[("revenue", 2027), "p90"])
    evidence = {"rev": {"quantity": "revenue[2027]", "value": high, "sd": 20}}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # few effective paths: not what this test is about
        return lean.condition(evidence).resample()


def test_a_streamed_output_is_refused_not_the_priors(resampled):
    assert not resampled.streamed
    assert "ebit" in resampled.not_kept
    for ask in (resampled.summary, resampled.array):
        with pytest.raises(SettingsError, match=r"'ebit' was streamed.*keep=\[\.\.\., 'ebit'\]"):
            ask("ebit")


def test_the_kept_output_is_resampled(resampled):
    assert list(resampled.outputs) == ["revenue"]
    assert list(resampled.summary().index.get_level_values("output").unique()) == ["revenue"]
