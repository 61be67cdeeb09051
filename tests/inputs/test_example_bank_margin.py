"""The regional bank example's margin: the rationale states the distribution beside it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import model

BANK = Path(__file__).resolve().parents[2] / "assumptions" / "examples" / "regional-bank.yaml"


def test_the_rationale_of_the_margin_states_its_mean_and_spread():
    nim = model.load_thesis(BANK).assumptions["nim"]
    text = nim.source.rationale
    stated = [float(p) / 100 for p in re.findall(r"(\d+(?:\.\d+)?)%", text)]
    assert stated == [pytest.approx(nim.dist.central())], text
    assert "twenty basis points" in text and nim.params["sd"] == pytest.approx(0.002)


def test_the_bull_and_bear_margins_sit_either_side_of_the_base():
    thesis = model.load_thesis(BANK)
    base = thesis.assumptions["nim"].dist.central()
    bull = thesis.with_scenario("bull").assumptions["nim"].dist.central()
    bear = thesis.with_scenario("bear").assumptions["nim"].dist.central()
    assert bear < base < bull
