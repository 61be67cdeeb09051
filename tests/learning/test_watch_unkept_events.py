"""A watch list of a run that kept no inputs says it leaves the thesis' events out."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import model
from model.errors import ThesisModelWarning

BANK = Path(__file__).resolve().parents[2] / "assumptions" / "examples" / "regional-bank.yaml"


def test_events_left_out_are_named():
    lean = model.simulate(BANK, n_paths=2_000, seed=1, keep_inputs=False)
    # The recession event was dropped from the list without a word: a shorter list read as
    # "the recession does not matter".
    with pytest.warns(ThesisModelWarning, match="us_recession.*keep_inputs=True"):
        found = model.watch(lean)
    assert not any(i.quantity.startswith("event:") for i in found.items)


def test_a_run_with_its_inputs_watches_them_without_a_word():
    full = model.simulate(BANK, n_paths=2_000, seed=1)
    with warnings.catch_warnings():
        warnings.simplefilter("error", ThesisModelWarning)
        found = model.watch(full)
    assert any(i.quantity == "event:us_recession@2026" for i in found.items)
