"""An output given as something other than its name is refused as such, not with a TypeError."""

from __future__ import annotations

from pathlib import Path

import pytest

import model
from model.errors import UnknownOutputError

BANK = Path(__file__).resolve().parents[2] / "assumptions" / "examples" / "regional-bank.yaml"


@pytest.fixture(scope="module")
def comparison():
    return model.compare(BANK, ["base", "bear"], n_paths=200, seed=1)


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.summary(["book", "eps"]),  # a run's summary takes a list; this takes one
        lambda c: c.difference("base", "bear", ["book"]),
        lambda c: c["base"].final(["book"]),
        lambda c: c["base"].array({"book": 1}),
    ],
)
def test_a_list_is_not_an_output_name(comparison, call):
    # "TypeError: unhashable type: 'list'" from deep inside the lookup.
    with pytest.raises(UnknownOutputError, match="an output name must be a string, got"):
        call(comparison)
