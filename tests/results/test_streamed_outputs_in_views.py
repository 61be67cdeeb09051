"""A run with ``keep=``: statements and the notebook view when an output they read was streamed
(summarised, not kept per path)."""

from __future__ import annotations

from pathlib import Path

import pytest

import model
from model.errors import SettingsError

SAAS = Path(__file__).resolve().parents[2] / "assumptions" / "examples" / "saas-subscription.yaml"
VALUE = "value_per_share"


@pytest.fixture(scope="module")
def thesis():
    return model.load_thesis(SAAS)


@pytest.fixture(scope="module")
def lean(thesis):
    return model.simulate(thesis, n_paths=400, seed=5, keep=["revenue"])


def test_a_statement_on_a_streamed_output_says_it_was_streamed(lean):
    # It is an output of the run, summarised: "unknown output" sent the reader to look for a
    # misspelling.
    with pytest.raises(SettingsError, match=r"streamed.*keep=\[\.\.\., 'value_per_share'\]"):
        lean.prob("value_per_share[2031] > 20")
    with pytest.raises(SettingsError, match="claims read 'ebit', which this run streamed"):
        lean.scorecard()


def test_the_notebook_view_of_a_lean_run_says_what_it_cannot_show(lean):
    html = lean._repr_html_()  # the scorecard's claims read 'ebit', which was streamed
    assert "No scorecard" in html
    assert "keep=" in html
    assert "revenue in FY2031" in html  # the histogram of a kept output still shows


def test_the_notebook_view_of_a_lean_comparison_says_what_it_cannot_show(thesis):
    comp = model.compare(thesis, ["base", "bull"], n_paths=400, seed=5, keep=["revenue"])
    html = comp._repr_html_()
    assert "No scorecard" in html
