"""An item's number ("Plant No. 3", "Werk Nr. 3", "#3", "n° 3") states no amount."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from model.cli.main import main
from model.inputs.sources.quotes import number_problem, numbers_in
from model.inputs.units import parse_unit

README = Path(__file__).resolve().parents[2] / "README.md"
SALES = """  sales_2025:
    unit: EUR m
    value: 820
    source: {estimate: "This year's sales, from guidance (illustrative)"}"""


@pytest.mark.parametrize(
    "quote",
    [
        "Plant No. 3 had sales of EUR 820 million",
        "Plant no. 3 had sales of EUR 820 million",
        "Plant NO 3 had sales of EUR 820 million",
        "Plant #3 had sales of EUR 820 million",
        "Plant # 3 had sales of EUR 820 million",
        "Usine n° 3 : ventes de 820 millions d'euros",
        "Usine Nº 3 : ventes de 820 millions d'euros",
        "Werk Nr. 3 hatte einen Umsatz von 820 Mio. Euro",
    ],
)
def test_an_item_number_supports_no_amount(quote: str) -> None:
    # The 3 was a bare number read in the unit's scale: sales of 3 EUR m validated.
    problem = number_problem([3], parse_unit("EUR m"), quote)
    assert problem is not None and "item's number" in problem
    assert number_problem([820], parse_unit("EUR m"), quote) is None


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [("第3四半期の売上高は3000億円", 300, "JPY bn"), ("第3季度营收为1200亿元", 120, "CNY bn")],
)
def test_an_east_asian_ordinal_supports_no_amount(quote: str, value: float, unit: str) -> None:
    # "第3四半期" is the third quarter: it supported sales of 3 JPY bn.
    problem = number_problem([3], parse_unit(unit), quote)
    assert problem is not None and "item's number" in problem
    assert number_problem([value], parse_unit(unit), quote) is None


def test_the_word_no_is_no_number_sign() -> None:
    (n,) = numbers_in("It had no 3 plants left")
    assert not n.label and number_problem([3], None, "It had no 3 plants left") is None


def _validate(tmp_path: Path, value: int, source: str, capsys) -> tuple[int, str]:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- readme-example: example.yaml -->\n```yaml\n(.*?)```", text, re.S)
    assert found is not None and SALES in found.group(1)
    (tmp_path / "seeds").mkdir()
    quote = "Plant No. 3 had sales of EUR 820 million"
    (tmp_path / "seeds" / "report.txt").write_text(f"Report. {quote}.\n", encoding="utf-8")
    sourced = SALES.replace("value: 820", f"value: {value}").replace(
        '{estimate: "This year\'s sales, from guidance (illustrative)"}',
        f'{{doc: report.txt, quote: "{quote}"{source}}}',
    )
    path = tmp_path / "example.yaml"
    path.write_text(found.group(1).replace(SALES, sourced), encoding="utf-8")
    return main(["validate", "-q", str(path)]), capsys.readouterr().err


def test_number_may_choose_an_item_number(tmp_path: Path, capsys) -> None:
    # A rank ("Ranked #3") is a value: number: chooses it, where it was refused before.
    code, err = _validate(tmp_path, 3, ', number: "3"', capsys)
    assert code == 0, err


def test_a_chosen_item_number_must_still_match(tmp_path: Path, capsys) -> None:
    code, err = _validate(tmp_path, 4, ', number: "3"', capsys)
    assert code == 2 and "sales_2025.source.number" in err


def test_without_number_the_refusal_says_number_may_choose_it() -> None:
    problem = number_problem([3], parse_unit("count"), "Ranked #3 globally, the firm grew 12%.")
    assert problem is not None and "item's number" in problem and 'number: "3"' in problem


def test_the_amount_still_validates(tmp_path: Path, capsys) -> None:
    code, err = _validate(tmp_path, 820, "", capsys)
    assert code == 0, err
