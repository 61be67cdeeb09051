"""An abbreviation's full stop ("vs.", "Inc.", "Oct.", "U.S.") ends no sentence, so the number
after it keeps its sentence's subject; month names and their abbreviations are no subject."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from model.cli.main import main
from model.inputs.sources.quotes import numbers_in
from model.inputs.sources.quotesense import senses

README = Path(__file__).resolve().parents[2] / "README.md"
SALES = """  sales_2025:
    unit: EUR m
    value: 820
    source: {estimate: "This year's sales, from guidance (illustrative)"}"""


def _thesis(tmp_path: Path, quote: str) -> Path:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- readme-example: example.yaml -->\n```yaml\n(.*?)```", text, re.S)
    assert found is not None and SALES in found.group(1)
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "results.txt").write_text(f"Results. {quote}\n", encoding="utf-8")
    sourced = SALES.replace(
        '{estimate: "This year\'s sales, from guidance (illustrative)"}',
        f'{{doc: results.txt, quote: "{quote}"}}',
    )
    path = tmp_path / "example.yaml"
    path.write_text(found.group(1).replace(SALES, sourced), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "quote",
    [
        "Sales were EUR 760 million a year earlier vs. EUR 820 million now",
        "Sales were EUR 760 million in Oct. and EUR 820 million in Nov.",
        "Sales in the U.S. were EUR 760 million in 2024 and EUR 820 million in 2025",
    ],
)
def test_the_number_after_an_abbreviation_keeps_its_subject(
    tmp_path: Path, capsys, quote: str
) -> None:
    # The full stop was read as the end of a sentence: the second amount lost its subject and
    # the quote was refused as giving it "for another subject", though it is about sales.
    assert main(["validate", "-q", str(_thesis(tmp_path, quote))]) == 0, capsys.readouterr().err


@pytest.mark.parametrize(
    ("quote", "subjects"),
    [
        ("Skyloft Inc. reported revenue of $1.2 billion", ["Skyloft Inc"]),
        ("Orders were EUR 1.2 billion in Oct. and EUR 1.5 billion in Nov.", ["Orders", "Orders"]),
        ("Die Aktie schloss am 1. Dezember bei 14,20 Euro", ["Die Aktie", "Die Aktie"]),
        # A sentence that really ends still starts afresh.
        ("AWS had 30%. Alibaba Cloud 35.8%", ["AWS", "Alibaba Cloud"]),
        ("Revenue was $5 billion. It rose 3%.", ["Revenue", None]),
    ],
)
def test_subjects_across_abbreviations(quote: str, subjects: list[str | None]) -> None:
    assert [s.subject for s in senses(quote, numbers_in(quote))] == subjects


def _with_item(tmp_path: Path, key: str, unit: str, value: float, quote: str) -> Path:
    """The README's example thesis plus one item sourced to ``quote``."""
    path = _thesis(tmp_path, "Sales were EUR 820 million")
    item = (
        f'\n  {key}:\n    unit: "{unit}"\n    value: {value}\n'
        f'    source: {{doc: results.txt, quote: "{quote}"}}'
    )
    (tmp_path / "seeds" / "results.txt").write_text(
        f"Results. Sales were EUR 820 million. {quote}\n", encoding="utf-8"
    )
    path.write_text(path.read_text(encoding="utf-8").replace(SALES_SOURCED, SALES_SOURCED + item))
    return path


SALES_SOURCED = SALES.replace(
    '{estimate: "This year\'s sales, from guidance (illustrative)"}',
    '{doc: results.txt, quote: "Sales were EUR 820 million"}',
)


@pytest.mark.parametrize(
    ("quote", "value", "ok"),
    [
        # Initials with full stops name the item whose key holds them run together.
        ("U.S. sales rose 12% while U.K. sales rose 3%", 0.12, True),
        ("Sales in the U.S. rose 12%. Sales in the U.K. rose 3%", 0.12, True),
        # The other country's number is still refused for it.
        ("U.S. sales rose 12% while U.K. sales rose 3%", 0.03, False),
    ],
)
def test_initials_with_full_stops_name_the_item(
    tmp_path: Path, capsys, quote: str, value: float, ok: bool
) -> None:
    path = _with_item(tmp_path, "us_sales_growth", "%", value, quote)
    code = main(["validate", "-q", str(path)])
    err = capsys.readouterr().err
    assert code == (0 if ok else 2), err
    if not ok:
        assert "U.K" in err and "us_sales_growth" in err


@pytest.mark.parametrize(("key", "value"), [("gewinn_2025", 820), ("umsatz_2025", 115)])
def test_a_german_quote_of_two_quantities_gives_neither_number_to_the_other(
    tmp_path: Path, capsys, key: str, value: float
) -> None:
    # The nouns of the accounts are subjects: revenue's 820 is no profit, profit's 115 no revenue.
    quote = "Der Umsatz stieg auf 820 Mio. Euro, der Gewinn auf 115 Mio. Euro."
    path = _with_item(tmp_path, key, "EUR m", value, quote)
    assert main(["validate", "-q", str(path)]) == 2
    assert "Umsatz" in capsys.readouterr().err
