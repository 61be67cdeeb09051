"""The tornado's quantile levels read as given: 2.5% and 0.01%, not rounded to 2% and 0%."""

from __future__ import annotations

import pytest

import model


@pytest.mark.parametrize(("low", "high", "said"), [(0.025, 0.975, "2.5% / 97.5%"),
                                                    (0.0001, 0.9999, "0.01% / 99.99%"),
                                                    (0.1, 0.9, "10% / 90%")])  # fmt: skip
def test_the_levels_are_written_as_given(linear_thesis, low, high, said):
    found = model.sensitivity(linear_thesis, output="sales", low=low, high=high)
    assert f"variables at their {said} quantiles" in repr(found)
    assert f"variables at their {said} quantiles" in found._repr_html_()
