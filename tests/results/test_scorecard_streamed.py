"""A scorecard whose claims read outputs a run streamed (``keep=``) is refused naming every one
of them, not the first a claim meets; kept, they score exactly as in a run that keeps all."""

from __future__ import annotations

import warnings

import pytest

import model
from model.errors import SettingsError


@pytest.fixture
def example(tmp_path, readme_example):
    path = tmp_path / "example.yaml"
    path.write_text(readme_example, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return model.load_thesis(path)


def test_every_streamed_output_the_claims_read_is_named(example):
    run = model.simulate(example, n_paths=400, seed=3, keep=["value_per_share"])
    with pytest.raises(SettingsError) as caught:
        run.scorecard()
    said = str(caught.value)
    assert "the scorecard's claims read 'ebit', 'sales', which this run streamed" in said, said
    assert "keep=[..., 'ebit', 'sales']" in said, said


def test_kept_they_score_as_a_run_that_keeps_everything(example):
    kept = model.simulate(example, n_paths=400, seed=3, keep=["value_per_share", "ebit", "sales"])
    every = model.simulate(example, n_paths=400, seed=3)
    a, b = kept.scorecard(), every.scorecard()
    assert a["probability"].tolist() == b["probability"].tolist()
    assert a["probability_se"].tolist() == b["probability_se"].tolist()
