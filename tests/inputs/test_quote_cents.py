"""A dividend or earnings per share quoted in cents ("55 cents a share") states 0.55."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from model.cli.main import main
from model.inputs.sources.quotes import number_problem, numbers_in
from model.inputs.units import parse_unit

README = Path(__file__).resolve().parents[2] / "README.md"
PRICE = """    value: 38.0
    unit: EUR/share
    source: {estimate: "An illustrative share price"}"""


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("Nordwind raised its dividend to 55 cents a share", 0.55, "EUR/share"),
        ("a dividend of 55 euro cents per share", 0.55, "EUR/share"),
        ("a quarterly dividend of 24 U.S. cents", 0.24, "USD/share"),
        ("eine Dividende von 55 Cent je Aktie", 0.55, "EUR/share"),
        ("Skyloft will pay a 24-cent quarterly dividend", 0.24, "USD/share"),
        ("adjusted EPS of 87 cents, beating estimates", 0.87, "USD/share"),
        ("generation costs of 5 cents per kWh", 0.05, "EUR/kWh"),
    ],
)
def test_cents_state_the_currency_amount(quote: str, value: float, unit: str) -> None:
    # They were read as the bare number 55: a dividend of 0.55 a share was refused as not in
    # the quote, and 55 EUR a share accepted.
    assert number_problem([value], parse_unit(unit), quote) is None
    assert number_problem([value * 100], parse_unit(unit), quote) is not None


@pytest.mark.parametrize(
    ("quote", "value", "unit", "why"),
    [
        ("raised the dividend to 55 cents a share", 55, "EUR/share", "write 0.55"),
        ("a dividend of 55 euro cents per share", 0.55, "USD/share", "is in EUR"),
        ("raised the dividend to 55 cents a share", 0.55, "%", "is not in the quote"),
        ("a 55-cent dividend", 0.55, "USD m", "is not in the quote"),
    ],
)
def test_cents_support_no_other_amount(quote: str, value: float, unit: str, why: str) -> None:
    problem = number_problem([value], parse_unit(unit), quote)
    assert problem is not None and why in problem


def test_per_cent_stays_a_percentage() -> None:
    (n,) = numbers_in("raised the dividend by 5 per cent")
    assert n.percent and n.value == pytest.approx(0.05) and not n.cents


def test_a_price_quoted_in_cents_validates(tmp_path: Path, capsys) -> None:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- readme-example: example.yaml -->\n```yaml\n(.*?)```", text, re.S)
    assert found is not None and PRICE in found.group(1)
    (tmp_path / "seeds").mkdir()
    quote = "The shares of Example Optics closed at 3,800 cents"
    (tmp_path / "seeds" / "close.txt").write_text(f"Markets. {quote}.\n", encoding="utf-8")
    thesis = found.group(1).replace(
        PRICE, PRICE.split("    source:")[0] + f'    source: {{doc: close.txt, quote: "{quote}"}}'
    )
    path = tmp_path / "example.yaml"
    path.write_text(thesis, encoding="utf-8")
    assert main(["validate", "-q", str(path)]) == 0, capsys.readouterr().err


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("Electricity cost 5 cents a kWh", 50, "EUR/MWh"),
        ("Electricity cost 5 cents per kWh", 0.05, "EUR/kWh"),
        ("The dividend was 55 cents a share", 0.00055, "EUR k/share"),
        ("The dividend was 55 cents a share", 0.55, "USD/share"),
        ("eine Dividende von 55 Cent je Aktie", 0.55, "EUR/share"),
    ],
)
def test_cents_are_read_at_the_units_scale_and_per_its_quantity(
    quote: str, value: float, unit: str
) -> None:
    # 5 cents a kWh was compared with the thesis' number as written whatever the unit's
    # scale: 0.05 EUR/MWh (a thousandth of the price) validated and 50 EUR/MWh was refused.
    assert number_problem([value], parse_unit(unit), quote) is None


@pytest.mark.parametrize(
    ("quote", "value", "unit", "shown"),
    [
        ("Electricity cost 5 cents a kWh", 0.05, "EUR/MWh", "5 cents (= 50 EUR/MWh)"),
        ("The dividend was 55 cents a share", 0.55, "EUR k/share", "(= 0.00055 EUR k/share)"),
        ("The dividend was 55 cents a share", 0.55, "JPY/share", "no hundredth of JPY"),
        ("The dividend was 55 cents a share", 0.55, "GBP/share", "no hundredth of GBP"),
        ("Electricity cost 5 cents a kWh", 0.05, "EUR/t", "not the one EUR/t prices"),
    ],
)
def test_cents_state_no_other_scale_quantity_or_currency(
    quote: str, value: float, unit: str, shown: str
) -> None:
    # A yen has no cents and a pound has pence: "55 cents" is of neither.
    problem = number_problem([value], parse_unit(unit), quote)
    assert problem is not None and shown in problem


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("Electricity cost 5 cents per kilowatt-hour", 0.05, "EUR/MWh"),
        ("Gas cost 50 cents per therm", 0.5, "USD/MMBtu"),
        ("Diesel cost 90 cents a gallon", 0.9, "USD/bbl"),
        ("Strom kostete 30 Cent je Kilowattstunde", 0.3, "EUR/MWh"),
        ("Copper rose 5 cents a pound", 0.05, "USD/t"),
    ],
)
def test_cents_per_a_quantity_not_read_support_no_value(
    quote: str, value: float, unit: str
) -> None:
    # A quantity named in words the unit reader does not know was taken for the unit's own
    # denominator: 5 cents per kilowatt-hour validated 0.05 EUR/MWh, a thousandth of the price.
    # A kilowatt-hour is now read (50 EUR/MWh), a pound is no tonne, a therm or a gallon no
    # unit read at all.
    assert number_problem([value], parse_unit(unit), quote) is not None


@pytest.mark.parametrize(
    ("quote", "value", "unit", "ok"),
    [
        ("Power costs 5 cents.", 0.05, "EUR/MWh", False),
        ("Copper costs 5 cents.", 0.05, "USD/t", False),
        ("The dividend is 55 cents.", 0.55, "USD/share", True),
        ("Eggs cost 20 cents each.", 0.2, "USD", True),
    ],
)
def test_cents_naming_no_quantity_price_only_a_share_or_nothing(
    quote: str, value: float, unit: str, ok: bool
) -> None:
    # "5 cents" with no quantity was taken per the unit's own: 0.05 EUR/MWh validated.
    assert (number_problem([value], parse_unit(unit), quote) is None) is ok


@pytest.mark.parametrize(
    ("value", "unit"),
    [(550, "EUR/k share"), (0.55, "EUR m/m shares"), (0.00055, "EUR k/share"), (0.55, "EUR")],
)
def test_cents_a_share_in_a_unit_of_scaled_shares(value: float, unit: str) -> None:
    # The unit's scale already holds its shares' power, which was applied a second time:
    # 55 cents a share validated 0.55 EUR/k share (it is 550) and 5.5e-07 EUR m/m shares.
    quote = "The dividend was 55 cents a share"
    assert number_problem([value], parse_unit(unit), quote) is None
    assert number_problem([value * 1000], parse_unit(unit), quote) is not None
