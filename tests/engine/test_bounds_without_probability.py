"""Bounds that hold none of a distribution's probability say where the distribution lies, and
the fraction meant when it reads as whole percentages (``ci90: [82, 87]`` with ``bounds: [0,
1]``): the message used to say only that the bounds hold no probability."""

from __future__ import annotations

import pytest

from model.engine import from_params
from model.errors import ParameterError


def test_whole_percentages_inside_fraction_bounds_are_named():
    with pytest.raises(ParameterError) as caught:
        from_params("normal", {"mean": 84.5, "sd": 1.5}, bounds=(0.0, 1.0))
    said = str(caught.value)
    assert "the bounds [0, 1] hold no probability of a distribution centred at 84.5" in said
    assert "written as a whole percentage? 0.845 would lie inside" in said


def test_other_empty_bounds_say_where_the_distribution_is_without_a_guess():
    with pytest.raises(ParameterError) as caught:
        from_params("normal", {"mean": 50.0, "sd": 1.0}, bounds=(0.8, 0.9))
    said = str(caught.value)
    assert "hold no probability of a distribution centred at 50" in said
    assert "whole percentage" not in said
