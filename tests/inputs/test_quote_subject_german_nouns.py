"""German capitalises every noun: "Der Umsatz" and "der Gewinn" name no company, so a quote of
one company's revenue and profit sources either figure without number:."""

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


def _validate(tmp_path: Path, quote: str, capsys) -> tuple[int, str]:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- readme-example: example.yaml -->\n```yaml\n(.*?)```", text, re.S)
    assert found is not None and SALES in found.group(1)
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "bericht.txt").write_text(f"Bericht. {quote}.\n", encoding="utf-8")
    sourced = SALES.replace(
        '{estimate: "This year\'s sales, from guidance (illustrative)"}',
        f'{{doc: bericht.txt, quote: "{quote}"}}',
    )
    path = tmp_path / "example.yaml"
    path.write_text(found.group(1).replace(SALES, sourced), encoding="utf-8")
    return main(["validate", "-q", str(path)]), capsys.readouterr().err


@pytest.mark.parametrize(
    "quote",
    [
        "Der Umsatz stieg auf 820 Mio. Euro, der Gewinn auf 115 Mio. Euro",
        "Die Dividende steigt auf 0,55 Euro, der Umsatz auf 820 Mio. Euro",
        "Example Optics steigerte den Umsatz auf 820 Mio. Euro und den Gewinn auf 115 Mio. Euro",
    ],
)
def test_one_companys_accounts_in_german(tmp_path: Path, capsys, quote: str) -> None:
    # "Der Umsatz" and "Gewinn" were taken for two subjects and the quote refused as holding
    # "numbers about different subjects".
    code, err = _validate(tmp_path, quote, capsys)
    assert code == 0, err


def test_two_companies_in_german_still_need_a_choice(tmp_path: Path, capsys) -> None:
    quote = "Der Umsatz von Siemens lag bei 820 Mio. Euro, der von RWE bei 760 Mio. Euro"
    code, err = _validate(tmp_path, quote, capsys)
    assert code == 2 and "numbers about different subjects" in err


@pytest.mark.parametrize(
    ("quote", "subjects"),
    [
        ("Die Siemens AG meldete 3,4 Mrd. Euro", ["Siemens AG"]),
        ("Der Umsatz von RWE lag bei 3,4 Mrd. Euro", ["RWE"]),
    ],
)
def test_companies_stay_subjects(quote: str, subjects: list[str]) -> None:
    assert [s.subject for s in senses(quote, numbers_in(quote))] == subjects
