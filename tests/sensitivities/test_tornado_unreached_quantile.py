"""A tornado quantile an input cannot reach is refused as a setting, not blamed on the thesis.

``sales = a + 2 b`` with ``a ~ N(10, 1)``: its 0% quantile is minus infinity, so ``low=0`` ran
the model at an infinite input and the valuation's check blamed the thesis' own line for it.
"""

from __future__ import annotations

import pytest
from scipy.stats import norm

import model
from model.errors import SettingsError, ThesisError


@pytest.mark.parametrize(("low", "high", "said"), [(0.0, 0.9, "0%"), (0.1, 1.0, "100%")])
def test_a_level_an_unbounded_input_never_reaches_is_refused(linear_thesis, low, high, said):
    with pytest.raises(SettingsError, match=f"tornado's {said} quantile of 'a' is") as caught:
        model.sensitivity(linear_thesis, output="sales", inputs=["a"], low=low, high=high)
    assert not isinstance(caught.value, ThesisError)  # not the thesis' fault


def test_levels_inside_0_and_1_still_swing_by_the_closed_form(linear_thesis):
    found = model.sensitivity(linear_thesis, output="sales", low=0.025, high=0.975)
    swings = {bar.input: bar.swing for bar in found.bars}
    z = norm.ppf(0.975)
    assert swings["a"] == pytest.approx(2 * z * 1.0)
    assert swings["b"] == pytest.approx(2 * 2 * z * 2.0)
