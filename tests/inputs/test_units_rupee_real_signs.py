"""The rupee's, the real's and other dollars' signs in a unit are answered with their codes."""

from __future__ import annotations

import pytest

from model.errors import ThesisModelError
from model.inputs.units import parse_unit


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("₹ crore", "'INR' for '₹'"),
        ("₹crore", "'INR crore' for '₹crore'"),
        ("Rs crore", "'INR' for 'Rs'"),
        ("Rs./share", "'INR' for 'Rs.'"),
        ("R$ bn", "'BRL' for 'R$'"),
        ("R$bn", "'BRL bn' for 'R$bn'"),
        ("A$ m", "'AUD' for 'A$'"),
        ("NT$/share", "'TWD' for 'NT$'"),
    ],
)
def test_signs_name_the_code(written: str, meant: str) -> None:
    # They were answered only "is not a unit word", or "did you mean 'crore'?", which drops the
    # currency.
    with pytest.raises(ThesisModelError) as info:
        parse_unit(written)
    assert f"currencies are written as ISO codes: {meant}" in str(info.value)


def test_a_lakh_crore_names_its_scale() -> None:
    with pytest.raises(ThesisModelError, match="a lakh crore is a trillion: 'INR tn'"):
        parse_unit("INR lakh crore")
