"""An event whose target a custom model function never reads (or reads only in its first year)
is refused in words that allow both: the toolkit cannot see inside the function; the line
model's own message, which can, still says "only in its first year"."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import model
from model.errors import ThesisError
from model.valuation.checks import check_event_effects
from model.valuation.custom import CustomModel

ALIBABA = Path(__file__).parents[2] / "assumptions" / "alibaba.yaml"


def test_a_custom_function_that_ignores_the_target_is_refused_in_its_own_words():
    thesis = model.load_thesis(ALIBABA)

    def flat(inputs):  # reads none of the thesis' assumptions
        return {"value_per_share": np.full((inputs.n_paths, len(thesis.years)), 100.0)}

    with pytest.raises(ThesisError) as info:
        check_event_effects(thesis, CustomModel.from_thesis(thesis, flat))
    text = str(info.value)
    assert "the model function reads '" in text and "only in its first year" in text
    assert "or not at all" in text
    assert "block's start" not in text
