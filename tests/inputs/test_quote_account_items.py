"""A quote of two items of the accounts gives each its own number: "Sales rose to EUR 820
million and profit to EUR 115 million" states sales of 820, never of 115."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from model.cli.main import main
from model.inputs.sources.accounts import account_items
from model.inputs.sources.quotes import numbers_in
from model.inputs.sources.quotesense import senses

README = Path(__file__).resolve().parents[2] / "README.md"
SALES = """  sales_2025:
    unit: EUR m
    value: 820
    source: {estimate: "This year's sales, from guidance (illustrative)"}"""
QUOTES = [
    "Sales rose to EUR 820 million and profit to EUR 115 million",
    "Revenue rose 5% to EUR 820 million, net income 8% to EUR 115 million",
    "EUR 820 million in sales and EUR 115 million in profit",
    "Le chiffre d'affaires a atteint 820 millions d'euros et le bénéfice net 115 millions d'euros",
    "Las ventas subieron a 820 millones de euros y el beneficio a 115 millones de euros",
]


def _validate(tmp_path: Path, quote: str, key: str, value: float, capsys) -> tuple[int, str]:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- readme-example: example.yaml -->\n```yaml\n(.*?)```", text, re.S)
    assert found is not None and SALES in found.group(1)
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "report.txt").write_text(f"Report. {quote}.\n", encoding="utf-8")
    sourced = SALES.replace("value: 820", f"value: {value}").replace(
        '{estimate: "This year\'s sales, from guidance (illustrative)"}',
        f'{{doc: report.txt, quote: "{quote}"}}',
    )
    thesis = found.group(1).replace(SALES, sourced).replace("sales_2025", key)
    path = tmp_path / "example.yaml"
    path.write_text(thesis, encoding="utf-8")
    return main(["validate", "-q", str(path)]), capsys.readouterr().err


@pytest.mark.parametrize("quote", QUOTES)
def test_the_other_items_number_is_refused(tmp_path: Path, capsys, quote: str) -> None:
    # Either number supported either item: sales of 115 validated.
    code, err = _validate(tmp_path, quote, "sales_2025", 115, capsys)
    assert code == 2 and "this item is about sales" in err and "number:" in err


@pytest.mark.parametrize("quote", QUOTES)
def test_each_item_keeps_its_own_number(tmp_path: Path, capsys, quote: str) -> None:
    code, err = _validate(tmp_path, quote, "sales_2025", 820, capsys)
    assert code == 0, err


def test_profit_is_refused_the_sales_figure(tmp_path: Path, capsys) -> None:
    code, err = _validate(tmp_path, QUOTES[0], "profit_2025", 820, capsys)
    assert code == 2 and "this item is about profit" in err


def test_an_item_the_quote_does_not_name_asks_which_number(tmp_path: Path, capsys) -> None:
    code, err = _validate(tmp_path, QUOTES[0], "topline_2025", 820, capsys)
    assert code == 2 and "different items of the accounts" in err and 'number: "' in err


@pytest.mark.parametrize(
    ("quote", "items"),
    [
        ("Profit rose to EUR 115 million on sales of EUR 820 million", ["profit", "sales"]),
        ("Operating profit was $2bn and earnings per share $1.10", ["operating profit",
                                                                    "earnings per share"]),
        ("Sales were $5bn. It rose 3%.", ["sales", None]),
    ],
)  # fmt: skip
def test_each_number_is_paired_with_its_noun(quote: str, items: list[str | None]) -> None:
    assert account_items(quote, senses(quote, numbers_in(quote))) == items


@pytest.mark.parametrize(("key", "value"), [("sales_2025", 820), ("profit_2025", 820)])
def test_items_listed_before_their_numbers_ask_which(
    tmp_path: Path, capsys, key: str, value: float
) -> None:
    # The nearest noun paired "profit" with 820: a profit of 820 validated.
    quote = "Sales and profit rose to EUR 820 million and EUR 115 million respectively"
    code, err = _validate(tmp_path, quote, key, value, capsys)
    assert code == 2 and "different items of the accounts" in err and 'number: "' in err


@pytest.mark.parametrize(
    ("quote", "items"),
    [
        ("Gross profit rose to EUR 300 million and profit to EUR 115 million",
         ["gross profit", "profit"]),
        ("Cloud revenue grew 34% and the unit's profit margin widened to 9%", ["sales", "margin"]),
        ("Revenue grew 34%, while adjusted EBITA rose 35%", ["sales", "ebita"]),
    ],
)  # fmt: skip
def test_items_that_hold_another_items_noun(quote: str, items: list[str | None]) -> None:
    # "Gross profit" was read as profit and "profit margin" as profit; an unknown EBITA
    # inherited the sales before it, so 35% supported sales growth.
    assert account_items(quote, senses(quote, numbers_in(quote))) == items
