"""A paired difference's one-line repr writes a fraction's difference as percentages, as its
notebook view does, not the fraction followed by a % sign."""

from __future__ import annotations

from pathlib import Path

import pytest

import model

SAAS = Path(__file__).resolve().parents[2] / "assumptions" / "examples" / "saas-subscription.yaml"


@pytest.fixture(scope="module")
def comparison():
    return model.compare(SAAS, ["base", "bear"], n_paths=1_000, seed=1)


def test_a_return_difference_reads_in_percent(comparison):
    diff = comparison.difference("bear", "base", "return_dated")
    assert -0.2 < diff.mean < -0.01  # several points a year lower
    text = repr(diff)
    # "mean -0.0570 ± 0.00083 %" read as a twentieth of a point.
    assert f"mean {diff.mean * 100:.2f}%" in text
    assert f"sd {diff.sd * 100:.4g}%" in text
    assert f"se {diff.se_unpaired * 100:.2g}% if unpaired" in text


def test_a_money_difference_reads_as_before(comparison):
    diff = comparison.difference("bear", "base", "revenue")
    assert repr(diff).startswith("Difference(bear - base: revenue in FY2031, mean -")
    assert " USD m, sd " in repr(diff)
