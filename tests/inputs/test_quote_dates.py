"""The day of a date in a quote ("at September 30", "zum 30. September") is no figure."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from model.cli.main import main
from model.inputs.sources.quotes import numbers_in

README = Path(__file__).resolve().parents[2] / "README.md"
CASH = """  net_cash_2025:
    unit: EUR m
    value: 120
    source: {estimate: "Net cash at the year end"}"""
CASH_AT = "  net_cash_2025:\n"


def _thesis(tmp_path: Path, quote: str, value: str = "-120", number: str = "") -> Path:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- readme-example: example.yaml -->\n```yaml\n(.*?)```", text, re.S)
    assert found is not None and CASH in found.group(1)
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "results.txt").write_text(f"Results. {quote}.\n", encoding="utf-8")
    hint = f', number: "{number}"' if number else ""
    sourced = CASH.replace("value: 120", f"value: {value}").replace(
        '{estimate: "Net cash at the year end"}', f'{{doc: results.txt, quote: "{quote}"{hint}}}'
    )
    path = tmp_path / "example.yaml"
    path.write_text(found.group(1).replace(CASH, sourced), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("quote", "dates"),
    [
        ("At September 30, net debt was EUR 120 million", ["30"]),
        ("Net debt at Sept. 30 was EUR 120 million", ["30"]),
        ("Net debt was EUR 120 million on 30 September", ["30"]),
        ("Die Nettoverschuldung lag zum 30. September bei 120 Mio. Euro", ["30"]),
        ("the 30th of September", ["30"]),
        ("la dette nette au 1er août", ["1"]),
        ("deuda neta al 30 de septiembre", ["30"]),
        ("Am 30.09.2025 lag die Nettoverschuldung bei 120 Mio. Euro", ["30.09"]),
        ("As of 9/30/2025, net debt was $120 million", ["9", "30"]),
        ("As of 2025-09-30, net debt was EUR 120 million", ["09", "30"]),
    ],
)
def test_days_and_months_of_dates_are_marked(quote: str, dates: list[str]) -> None:
    found = numbers_in(quote)
    assert [n.text for n in found if n.date] == dates
    assert all(not n.date for n in found if n.scaled)  # the amount itself stays a figure


@pytest.mark.parametrize(
    "quote",
    [
        "Revenue rose 30 percent to EUR 120 million",  # no month next to it
        "The ratio was 12.5. Sales of 30 units",  # a sentence's full stop is no date
        "It sold 12 of its 30 plants in 2025",
        "Spending of EUR 3.4 billion from 2025-2027",  # a range of years
    ],
)
def test_figures_that_are_no_dates_stay_figures(quote: str) -> None:
    assert not any(n.date for n in numbers_in(quote))


@pytest.mark.parametrize(
    "quote",
    [
        "At September 30, Example Optics' net debt was EUR 120 million",
        "Net debt stood at EUR 120 million on 30 September, chief financial officer Anna Berg said",
        "Zum 30. September betrug die Nettoverschuldung der Example Optics 120 Mio. Euro",
        "As of 9/30/2025, Example Optics had net debt of EUR 120 million",
    ],
)
def test_a_dated_figure_validates(tmp_path: Path, capsys, quote: str) -> None:
    # The day was taken for a second figure about another subject, and the quote refused as
    # holding "numbers about different subjects" unless number: named the amount.
    assert main(["validate", "-q", str(_thesis(tmp_path, quote))]) == 0, capsys.readouterr().err


def test_the_day_supports_no_value(tmp_path: Path, capsys) -> None:
    # A thesis number equal to the day is not stated by the date: refused, saying so.
    path = _thesis(tmp_path, "Net debt at September 30 was EUR 120 million", value="-30")
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert "assumptions.net_cash_2025.source.quote: the number -30 EUR m is not in the quote" in err
    assert "30 (part of a date)" in err and "30 in the quote is part of a date" in err


DATED_DEBT = [
    "Die Nettoverschuldung lag zum 30. September bei 120 Mio. Euro",
    "Net debt at September 30, 2025 was EUR 120 million",
    "Net debt as of 9/30/2025 was EUR 120 million",
]


@pytest.mark.parametrize("quote", DATED_DEBT)
def test_net_debt_reaches_its_amount_across_a_date(tmp_path: Path, capsys, quote: str) -> None:
    # The date's digits hid the words "net debt" from the amount: the quote was read as a
    # positive amount and a net cash of -120 refused.
    assert main(["validate", "-q", str(_thesis(tmp_path, quote))]) == 0, capsys.readouterr().err


@pytest.mark.parametrize("quote", DATED_DEBT[:2])
def test_dated_net_debt_as_positive_net_cash_is_refused(tmp_path: Path, capsys, quote: str) -> None:
    path = _thesis(tmp_path, quote, value="120")
    assert main(["validate", str(path)]) == 2
    assert "as net debt, a net cash position of -120" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("quote", "value"),
    [
        ("Store count reached 31. March sales were flat", "31"),
        ("Headcount was 12. May revenue was EUR 5 million", "12"),
    ],
)
def test_a_day_number_ending_a_sentence_before_a_month_is_a_figure(
    tmp_path: Path, capsys, quote: str, value: str
) -> None:
    # The sentence's full stop was read as a German day's ("zum 30. September"), and the
    # figure refused as "part of a date".
    path = _thesis(tmp_path, "Net debt was EUR 120 million")
    counted = f"  counted:\n    unit: count\n    value: {value}\n"
    counted += f'    source: {{doc: quoted.txt, quote: "{quote}", number: "{value}"}}\n'
    (tmp_path / "seeds" / "quoted.txt").write_text(f"{quote}.\n", encoding="utf-8")
    path.write_text(path.read_text(encoding="utf-8").replace(CASH_AT, counted + CASH_AT, 1))
    assert main(["validate", "-q", str(path)]) == 0, capsys.readouterr().err
    assert not any(n.date for n in numbers_in(quote))


@pytest.mark.parametrize(
    "quote",
    [
        "Die Nettoverschuldung lag am 30. September bei 120 Mio. Euro",
        "Stand 30. September 2025: 120 Mio. Euro",
        "Nettoschulden per 31. März: 120 Mio. Euro",
        "Nettogæld den 30. september: 120 mio. euro",
    ],
)
def test_a_german_or_nordic_day_with_a_full_stop_stays_a_date(quote: str) -> None:
    assert [n.text for n in numbers_in(quote) if n.date] == [quote.split(".")[0].split()[-1]]
