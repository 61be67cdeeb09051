"""The scorecard's headline for a thesis of one claim reads as one claim ("the thesis' claim"),
not "the thesis' 1 claims"."""

from __future__ import annotations

from pathlib import Path

import pytest

import model
from model import charts
from model.charts.style import format_probability, title_of

BANK = Path(__file__).resolve().parents[2] / "assumptions" / "examples" / "regional-bank.yaml"


@pytest.fixture(scope="module")
def comparison():
    comparison = model.compare(model.load_thesis(BANK), n_paths=300, seed=4)
    assert len(comparison["base"].scorecard()) == 1
    return comparison


def test_a_comparison_of_one_claim(comparison):
    head = title_of(charts.scorecard_chart(comparison)).replace("\n", " ")
    assert "1 claims" not in head
    assert head.startswith("Scorecard: probability of the thesis' claim, in 4 scenarios"), head


def test_one_scenario_of_one_claim_says_how_often_it_holds(comparison):
    result = comparison["base"]
    p = result.scorecard()["probability"].iloc[0]
    head = title_of(charts.scorecard_chart(result)).replace("\n", " ")
    assert "1 claims" not in head
    words = (
        f"Scorecard, base scenario: the thesis' claim holds on {format_probability(p)} of the paths"
    )
    assert head == words, head
