"""Physical quantities and counted things as units: a price per tonne times tonnes is money."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import model
from model.errors import ThesisError
from model.inputs.sources.quotes import matches, numbers_in
from model.inputs.units import UnitError, convert, format_quantity, parse_unit
from model.valuation.lines import LineModel

ROOT = Path(__file__).resolve().parents[2]
COPPER = ROOT / "assumptions" / "examples" / "copper-miner.yaml"


@pytest.mark.parametrize(
    ("text", "dims", "power"),
    [
        ("t", (("t", 1),), 0),
        ("tonnes", (("t", 1),), 0),
        ("kt", (("t", 1),), 3),
        ("Mt", (("t", 1),), 6),
        ("t m", (("t", 1),), 6),
        ("koz", (("oz", 1),), 3),
        ("MMbbl", (("bbl", 1),), 6),
        ("Bcf", (("cf", 1),), 9),
        ("MWh", (("Wh", 1),), 6),
        ("GW", (("W", 1),), 9),
        ("USD/t", (("USD", 1), ("t", -1)), 0),
        ("USD/MWh", (("USD", 1), ("Wh", -1)), -6),
        ("subscribers m", (("subscriber", 1),), 6),
        ("Subscriber", (("subscriber", 1),), 0),
        ("EUR/user", (("EUR", 1), ("user", -1)), 0),
    ],
)
def test_physical_units_parse_to_their_base_and_scale(text: str, dims: tuple, power: int) -> None:
    unit = parse_unit(text)
    assert unit.dims == dims
    assert unit.power == power
    assert not unit.dimensionless


def test_a_price_per_unit_times_a_quantity_is_money_in_any_scale() -> None:
    revenue = parse_unit("kt") * parse_unit("USD/t")
    assert revenue.is_money and revenue.currency == "USD"
    # 110 kt at USD 9,500/t is USD 1,045 m
    assert 110 * 9500 * revenue.factor_to(parse_unit("USD m")) == pytest.approx(1045.0)
    energy = parse_unit("TWh") * parse_unit("EUR/MWh")
    assert 12.0 * 85.0 * energy.factor_to(parse_unit("EUR bn")) == pytest.approx(1.02)
    arpu = parse_unit("subscribers m") * parse_unit("USD/subscriber")
    assert arpu == parse_unit("USD m")
    assert convert(2.1, "Mt", "kt") == pytest.approx(2100.0)


def test_derived_units_read_like_the_written_ones() -> None:
    assert (parse_unit("kt") * parse_unit("1")).canonical() == "kt"
    assert (parse_unit("USD m") / parse_unit("USD/t")).canonical() == "Mt"
    assert (parse_unit("USD m") / parse_unit("subscribers m")).canonical() == "USD/subscriber"
    assert (parse_unit("subscribers k") * parse_unit("1")).canonical() == "subscribers k"
    assert format_quantity(110.0, "kt") == "110 kt"


@pytest.mark.parametrize(
    ("a", "b"),
    [("t", "oz"), ("lb", "t"), ("subscribers", "customers"), ("USD m", "kt"), ("MWh", "MW")],
)
def test_different_quantities_never_mix(a: str, b: str) -> None:
    with pytest.raises(UnitError, match="cannot convert"):
        parse_unit(a).factor_to(parse_unit(b))


def test_symbols_are_case_sensitive_and_rates_per_day_are_refused() -> None:
    with pytest.raises(UnitError, match="did you mean 'Mt'"):
        parse_unit("mt")
    with pytest.raises(UnitError, match="did you mean 'MWh'"):
        parse_unit("MWH")
    with pytest.raises(UnitError, match=r"a rate per d is not a unit.*yearly amount"):
        parse_unit("kbbl/d")
    # A year stays the model's own time unit, as before.
    assert parse_unit("USD bn/year") == parse_unit("USD bn")


def test_quotes_support_prices_per_tonne_and_tonnages() -> None:
    price = numbers_in("copper traded near $9,500 a tonne in the quarter")
    assert any(matches(q, 9500.0, parse_unit("USD/t")) for q in price)
    assert not any(matches(q, 9500.0, parse_unit("EUR/t")) for q in price)
    tonnage = numbers_in("the mine produced 110,000 tonnes of payable copper")
    assert any(matches(q, 110.0, parse_unit("kt")) for q in tonnage)
    assert not any(matches(q, 110.0, parse_unit("t")) for q in tonnage)


def test_a_line_model_converts_quantities_times_prices_into_the_model_currency() -> None:
    units = {"volume": "kt", "price": "USD/t", "cost": "USD/t", "capex": "USD m"}
    lines = {
        "revenue": {"value": "volume * price", "role": "revenue"},
        "costs": "volume * cost",
        "fcf": "revenue - costs - capex",
    }
    section = {"kind": "lines", "currency": "USD m", "lines": lines}
    m = LineModel.from_config(section, price=10.0, years=(2025, 2026), units=units)
    assert m.output_units["revenue"] == "USD m"
    inputs = {
        "volume": np.array([110.0, 95.0]),
        "price": np.array([9500.0, 8000.0]),
        "cost": np.array([6000.0, 6500.0]),
        "capex": np.array([150.0, 150.0]),
    }
    out = m(inputs)
    # By hand, in USD m: kt x USD/t is USD thousands.
    expected = (inputs["volume"] * (inputs["price"] - inputs["cost"])) / 1000.0 - 150.0
    np.testing.assert_allclose(out["fcf"][:, -1], expected, rtol=1e-12)


def test_a_quantity_cannot_be_added_to_money_in_a_line() -> None:
    units = {"volume": "kt", "price": "USD/t"}
    section = {"kind": "lines", "currency": "USD m", "lines": {"bad": "volume + price"}}
    with pytest.raises(ThesisError, match="cannot add"):
        LineModel.from_config(section, price=10.0, years=(2025, 2026), units=units)


def test_the_copper_example_values_in_tonnes_as_it_did_in_plain_counts(tmp_path: Path) -> None:
    # The same mine written without physical units (tonnes as a count, prices as plain money)
    # must value identically: the units only check and convert.
    text = COPPER.read_text(encoding="utf-8")
    plain = text.replace("unit: USD/t", "unit: USD").replace("unit: AUD/t", "unit: AUD")
    plain = plain.replace("unit: kt", "unit: count")
    for low in ("min: 95\n", "mode: 110\n", "max: 120\n"):
        plain = plain.replace(low, low.replace("\n", "000\n"), 1)
    assert plain.count("unit: count") == 1
    copy = tmp_path / "copper-plain.yaml"
    copy.write_text(plain, encoding="utf-8")
    a = model.simulate(model.load_thesis(COPPER), n_paths=2000, seed=3, progress=False)
    b = model.simulate(model.load_thesis(copy), n_paths=2000, seed=3, progress=False)
    assert a.units["volume"] == "kt" and a.units["copper_price_aud"] == "AUD/t"
    for name in ("revenue", "ebitda", "value_per_share"):
        np.testing.assert_allclose(a.outputs[name], b.outputs[name], rtol=1e-9, atol=1e-12)
