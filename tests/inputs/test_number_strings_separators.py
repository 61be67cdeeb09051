"""A value written as German, Brazilian or Indian articles write it gets the number to write."""

from __future__ import annotations

import pytest

from model.inputs.scalars import string_hint


@pytest.mark.parametrize(
    ("written", "plain"),
    [
        ("3,4", "write numbers with a decimal point (3.4)"),
        ("1.250,5", "write numbers with a decimal point (1250.5)"),
        ("12.345.678", "write the number without thousands separators (12345678)"),
        ("1,23,456", "write the number without thousands separators (123456)"),
        ("1,250", "write the number without thousands separators (1250; 1.25 if the comma"),
    ],
)
def test_separators_name_the_plain_number(written: str, plain: str) -> None:
    # '3,4' and '1,23,456' were answered only "expected a number".
    assert plain in string_hint(written, "number")


@pytest.mark.parametrize("written", ["₹ 4,500", "Rs 4500", "R$ 3,2"])
def test_a_rupee_or_real_goes_in_the_unit(written: str) -> None:
    assert string_hint(written, "number").endswith("put the currency in 'unit:'")


@pytest.mark.parametrize("written", ["4500 crore", "2 lakh", "3,4 Mrd.", "250 Mio"])
def test_a_crore_or_a_german_scale_goes_in_the_unit(written: str) -> None:
    assert string_hint(written, "number").endswith("put the scale in 'unit:'")
