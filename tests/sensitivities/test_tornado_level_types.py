"""A tornado level that is not a number is refused with the tornado's own message.

``low="0.1"`` (a string, as read from a form or a configuration file) ended in Python's
"'<=' not supported between instances of 'float' and 'str'".
"""

from __future__ import annotations

import pytest

import model
from model.errors import SettingsError


@pytest.mark.parametrize(("low", "high"), [("0.1", 0.9), (0.1, "0.9"), (None, 0.9), (True, 0.9)])
def test_a_level_that_is_not_a_number_is_refused(linear_thesis, low, high):
    with pytest.raises(SettingsError, match=r"need 0 <= low < high <= 1 for the tornado, got low="):
        model.sensitivity(linear_thesis, output="sales", low=low, high=high)


def test_numpy_levels_still_work(linear_thesis):
    import numpy as np

    found = model.sensitivity(
        linear_thesis, output="sales", low=np.float64(0.1), high=np.float32(0.9)
    )
    assert {b.input for b in found.bars} == {"a", "b"}
