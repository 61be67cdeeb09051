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
