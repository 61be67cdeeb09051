"""A currency sign written in a unit (as the press writes it) is answered with its code."""

from __future__ import annotations

import pytest

from model.errors import ThesisModelError
from model.inputs.units import parse_unit


@pytest.mark.parametrize(
    ("written", "meant"),
    [("£bn", "'GBP bn' for '£bn'"), ("€m", "'EUR m' for '€m'"), ("£/share", "'GBP' for '£'")],
)
def test_currency_signs_name_the_code(written: str, meant: str) -> None:
    # '£bn' was answered "did you mean 'bn'?", which drops the currency.
    with pytest.raises(ThesisModelError) as info:
        parse_unit(written)
    assert f"currencies are written as ISO codes: {meant}" in str(info.value)
    assert "did you mean 'bn'" not in str(info.value)
