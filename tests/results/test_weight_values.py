"""Scenario weights are numbers: text such as '0.5' and True are refused, not read as 0.5 and 1."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import model
from model.errors import WeightsError
from model.results.values import check_weights

KNOWN = ("base", "bear", "bull")
THESIS = Path(__file__).resolve().parents[2] / "assumptions" / "templates" / "growth-company.yaml"


@pytest.mark.parametrize("weight", ["0.5", True, np.True_, b"1", {"value": "1"}])
def test_a_weight_that_is_not_a_number_is_refused(weight):
    with pytest.raises(WeightsError, match="is not a number"):
        check_weights({"base": weight, "bear": 0.0}, KNOWN)


def test_numbers_of_any_kind_are_weights():
    got = check_weights({"base": np.float64(0.25), "bear": 1 / 4, "bull": 0.5}, KNOWN)
    assert got == {"base": 0.25, "bear": 0.25, "bull": 0.5}


def test_blend_refuses_text():
    thesis = model.load_thesis(THESIS)
    with pytest.raises(WeightsError, match=r"'0\.5' is not a number"):
        model.blend(thesis, weights={"base": "0.5", "bear": 0.5}, n_paths=64, seed=1)
