"""A number written with its scale or currency is answered with where those go."""

from __future__ import annotations

import pytest

from model.inputs.scalars import string_hint


@pytest.mark.parametrize("written", ["600m", "1.2 billion", "3.4bn"])
def test_a_scale_word_goes_in_the_unit(written: str) -> None:
    # '600m' for 600 million shares was answered only "expected a number".
    assert string_hint(written, "number").endswith("put the scale in 'unit:'")


@pytest.mark.parametrize("written", ["£9.5bn", "€120", "EUR 3bn", "$85 billion"])
def test_a_currency_goes_in_the_unit(written: str) -> None:
    assert string_hint(written, "number").endswith("put the currency in 'unit:'")


def test_other_strings_keep_the_plain_message() -> None:
    assert string_hint("12x", "number") == "expected a number, got the string '12x'"
