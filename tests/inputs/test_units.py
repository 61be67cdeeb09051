"""Unit parsing, algebra, conversions and mismatch messages."""

from __future__ import annotations

import pytest

from model.inputs.units import (
    Flavor,
    Unit,
    UnitError,
    check_same_dimension,
    convert,
    format_number,
    format_quantity,
    parse_unit,
)


@pytest.mark.parametrize(
    ("text", "power", "dims"),
    [
        ("USD bn", 9, (("USD", 1),)),
        ("RMB bn", 9, (("RMB", 1),)),
        ("CNY bn", 9, (("RMB", 1),)),
        ("HKD", 0, (("HKD", 1),)),
        ("USD tn", 12, (("USD", 1),)),
        ("USD m", 6, (("USD", 1),)),
        ("usd  k", 3, (("USD", 1),)),
        ("%", 0, ()),
        ("share", 0, ()),
        ("x", 0, ()),
        ("1", 0, ()),
        ("count", 0, ()),
        ("years", 0, ()),
        ("shares bn", 9, (("share", 1),)),
        ("HKD/share", 0, (("HKD", 1), ("share", -1))),
        ("HKD/RMB", 0, (("HKD", 1), ("RMB", -1))),
        ("RMB/USD", 0, (("RMB", 1), ("USD", -1))),
        ("USD bn/year", 9, (("USD", 1),)),
    ],
)
def test_parse(text: str, power: int, dims: tuple) -> None:
    unit = parse_unit(text)
    assert unit.power == power
    assert unit.dims == dims


def test_units_are_frozen_hashable_and_print_as_written() -> None:
    a, b = parse_unit("USD bn"), parse_unit("USD  bn")
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1
    with pytest.raises(AttributeError):
        a.power = 3  # type: ignore[misc]
    assert str(parse_unit("HKD/share")) == "HKD/share"
    assert str(parse_unit("%")) == "%"
    assert parse_unit("CNY bn").canonical() == "RMB bn"
    assert repr(parse_unit("shares bn")) == "Unit('shares bn')"
    assert parse_unit("share").flavor is Flavor.SHARE and parse_unit("share").bounded_fraction
    assert not parse_unit("%").bounded_fraction
    # pure numbers are interchangeable whatever their flavour
    assert parse_unit("%") == parse_unit("x") == parse_unit("1")


def test_algebra() -> None:
    usd_bn, rmb_per_usd = parse_unit("USD bn"), parse_unit("RMB/USD")
    assert (usd_bn * rmb_per_usd).canonical() == "RMB bn"
    per_share = parse_unit("USD bn") / parse_unit("shares bn")
    assert per_share.canonical() == "USD/share" and per_share.power == 0
    ratio = parse_unit("USD bn") / parse_unit("USD m")
    assert ratio.dimensionless and ratio.power == 3
    assert (parse_unit("HKD/RMB") * parse_unit("RMB/USD")).canonical() == "HKD/USD"
    assert (usd_bn**2).dims == (("USD", 2),) and (usd_bn**2).power == 18
    assert parse_unit("%") ** 0.5 == Unit()
    with pytest.raises(UnitError, match="non-integer power"):
        _ = usd_bn**0.5


@pytest.mark.parametrize(
    ("value", "frm", "to", "expected"),
    [
        (2.32, "HKD tn", "HKD bn", 2320.0),
        (241, "USD m", "USD bn", 0.241),
        (85, "USD bn", "USD m", 85000.0),
        (180, "count", "1", 180.0),
    ],
)
def test_convert(value: float, frm: str, to: str, expected: float) -> None:
    assert convert(value, frm, to) == pytest.approx(expected, rel=1e-12)


def test_currency_mismatch_message_suggests_fx() -> None:
    with pytest.raises(UnitError) as info:
        check_same_dimension(parse_unit("USD bn"), parse_unit("RMB bn"), "add")
    assert str(info.value) == (
        "cannot add USD bn to RMB bn: convert through an FX assumption: RMB into USD is "
        "multiplying by a USD/RMB rate or dividing by a RMB/USD one; USD into RMB is "
        "multiplying by a RMB/USD rate or dividing by a USD/RMB one"
    )
    with pytest.raises(UnitError, match="cannot convert USD bn to RMB bn"):
        convert(1.0, "USD bn", "RMB bn")
    with pytest.raises(UnitError, match="one is an amount of money, the other a pure number"):
        check_same_dimension(parse_unit("USD bn"), parse_unit("%"), "compare")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("XYZ bn", "'XYZ' is not a unit word"),
        ("eur m", "currency codes are upper case: 'EUR'"),
        ("USD bnn", "did you mean 'bn'"),
        ("USD bn m", "two scale words"),
        ("HKD/share/year", "at most one '/'"),
        ("", "a unit is required"),
        ("GBX/share", "GBX is pence (GBP/100): write amounts in GBP, e.g. 980 GBX as 9.80 GBP"),
        ("GBp/share", "GBp is pence (GBP/100)"),
        ("ZAc/share", "ZAc is cents (ZAR/100)"),
    ],
)
def test_bad_units(text: str, words: str) -> None:
    with pytest.raises(UnitError, match=None) as info:
        parse_unit(text)
    assert words in str(info.value)


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (0.6, "%", "60%"),
        (0.0149, "%", "1.49%"),
        (-0.0149, "%", "-1.49%"),
        (0.358, "share", "35.8%"),
        (7.77545, "HKD/USD", "7.775 HKD/USD"),
        (17.9152, "shares bn", "17.92 shares bn"),
        (23.5, "x", "23.5x"),
        (2027.0, "1", "2027"),
        (180000.0, "count", "180,000 count"),
        (2320.0, "HKD bn", "2320 HKD bn"),
        (3.0, "years", "3 years"),
        (0.241, None, "0.241"),
    ],
)
def test_format_quantity_writes_fractions_as_percentages(
    value: float, unit: str | None, text: str
) -> None:
    assert format_quantity(value, unit) == text
    assert " %" not in format_quantity(value, unit)


def test_format_number_edge_cases() -> None:
    assert format_number(float("nan")) == "n/a"
    assert format_number(float("inf")) == "infinity"
    assert format_number(0.0) == "0"
    assert format_number(12345.6) == "12,346"
    assert format_number(1e-6) == "1e-06"


def test_flavor_is_a_str_enum() -> None:
    assert str(Flavor.PERCENT) == "%" and Flavor("share") is Flavor.SHARE


@pytest.mark.parametrize("code", ["EUR", "JPY", "TWD", "GBP", "CHF", "INR", "BRL", "KRW"])
def test_any_iso_4217_currency(code: str) -> None:
    unit = parse_unit(f"{code} bn")
    assert unit.currency == code and unit.power == 9
    assert parse_unit(f"{code} tn").factor_to(unit) == 1000.0
    rate = parse_unit(f"{code}/USD")
    assert (parse_unit("USD m") * rate).factor_to(parse_unit(f"{code} m")) == 1.0


def test_cny_and_rmb_are_one_currency_and_currencies_do_not_mix() -> None:
    from model.inputs.expressions.expr import compile_expression

    assert parse_unit("CNY bn") == parse_unit("RMB bn")
    units = {"a": parse_unit("EUR m"), "b": parse_unit("JPY bn"), "fx": parse_unit("JPY/EUR")}
    with pytest.raises(UnitError, match="cannot add"):
        compile_expression("a + b").unit(units)
    # with the rate the sum is in yen
    assert compile_expression("a * fx + b").unit(units).currency == "JPY"
