"""The FX hint appears only where a rate would convert one amount into the other."""

from __future__ import annotations

import pytest

from model.inputs.units import UnitError, check_same_dimension, parse_unit


def test_no_fx_hint_for_a_product_of_two_currencies():
    product = parse_unit("USD m") * parse_unit("USD/AUD")
    with pytest.raises(UnitError) as info:
        check_same_dimension(product, parse_unit("AUD m"), "subtract")
    assert "AUD/AUD" not in str(info.value)
    assert "the units measure different things" in str(info.value)


def test_fx_hint_between_two_amounts_of_money():
    with pytest.raises(UnitError, match="multiply by a AUD/USD rate"):
        check_same_dimension(parse_unit("USD m"), parse_unit("AUD m"), "subtract")
