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
    with pytest.raises(UnitError, match="AUD into USD is multiplying by a USD/AUD rate"):
        check_same_dimension(parse_unit("USD m"), parse_unit("AUD m"), "subtract")


def test_fx_hint_is_right_whichever_operand_is_converted():
    # 'revenue_eur + med_revenue_usd' said "multiply by a USD/EUR rate" while the next words
    # asked for the USD term in EUR: USD into EUR is multiplying by EUR/USD, not USD/EUR.
    with pytest.raises(UnitError) as info:
        check_same_dimension(parse_unit("EUR m"), parse_unit("USD m"), "add")
    text = str(info.value)
    assert "USD into EUR is multiplying by a EUR/USD rate or dividing by a USD/EUR one" in text
    assert "EUR into USD is multiplying by a USD/EUR rate or dividing by a EUR/USD one" in text


def test_fx_hint_of_a_conversion_names_its_one_direction():
    with pytest.raises(UnitError) as info:
        check_same_dimension(parse_unit("EUR m"), parse_unit("USD m"), "convert")
    assert str(info.value) == (
        "cannot convert EUR m to USD m: convert through an FX assumption: EUR into USD is "
        "multiplying by a USD/EUR rate or dividing by a EUR/USD one"
    )
