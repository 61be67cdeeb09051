"""A result's legs checked against each other: implied exit P/E per leg, flagged."""

from __future__ import annotations

from pathlib import Path

import pytest

import model
from model.valuation.legs.consistency import leg_consistency

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def result():
    return model.simulate(ROOT / "assumptions" / "alibaba.yaml", n_paths=500, seed=3)


def test_alibaba_legs_are_compared_and_flagged(result):
    check = leg_consistency(result)
    assert check is not None and set(check.multiples.index) == {"pe", "dcf", "sotp"}
    pe = check.multiples["pe"]
    assert check.spread["pe"] == pytest.approx(pe.max() / pe.min() - 1)
    assert check.flagged == (check.spread["pe"] > 0.25)
    assert not leg_consistency(result, tolerance=10.0).flagged
