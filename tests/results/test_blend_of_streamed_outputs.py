"""The blend of a comparison run with ``keep=``: an output its scenarios streamed (summarised,
not kept per path) cannot be mixed path by path, and the blend says so instead of calling it
unknown."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import model
from model.errors import SettingsError, UnknownOutputError

SAAS = Path(__file__).resolve().parents[2] / "assumptions" / "examples" / "saas-subscription.yaml"


@pytest.fixture(scope="module")
def comparison():
    thesis = model.load_thesis(SAAS)
    return model.compare(thesis, n_paths=300, seed=3, keep=["revenue"])


@pytest.fixture(scope="module")
def blend(comparison):
    return comparison.blend()


def test_the_blend_names_the_outputs_it_could_not_mix(comparison, blend):
    streamed = set(comparison["base"].streamed)
    assert "ebit" in streamed
    assert set(blend.not_kept) == streamed
    assert list(blend.outputs) == ["revenue"]


@pytest.mark.parametrize("ask", ["array", "summary", "quantiles", "final"])
def test_a_streamed_output_of_a_blend_is_refused_as_streamed(blend, ask):
    with pytest.raises(SettingsError, match=r"'ebit' was streamed.*keep=\[\.\.\., 'ebit'\]"):
        getattr(blend, ask)("ebit")


def test_a_statement_on_it_says_the_same(blend):
    with pytest.raises(SettingsError, match="'ebit' was streamed"):
        blend.prob("ebit[2031] > 0")


def test_a_misspelt_output_is_still_unknown(blend):
    with pytest.raises(UnknownOutputError):
        blend.array("ebti")


def test_the_kept_output_blends_and_the_summary_lists_it(blend):
    table = blend.summary()
    assert list(table.index.get_level_values("output").unique()) == ["revenue"]
    assert np.isfinite(table["mean"]).all()
