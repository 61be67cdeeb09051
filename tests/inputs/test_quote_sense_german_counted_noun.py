"""German capitalises every noun: the noun right after a count ("12.500 Mitarbeiter") is what
it counts, and no subject of the number after it ("in 31 Ländern")."""

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


def _thesis(tmp_path: Path, quote: str, key: str, value: float) -> Path:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- readme-example: example.yaml -->\n```yaml\n(.*?)```", text, re.S)
    assert found is not None and SALES in found.group(1)
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "profile.txt").write_text(f"Profil. {quote}\n", encoding="utf-8")
    counted = (
        f"\n  {key}:\n    unit: count\n    value: {value}\n"
        f'    source: {{doc: profile.txt, quote: "{quote}"}}'
    )
    path = tmp_path / "example.yaml"
    path.write_text(found.group(1).replace(SALES, SALES + counted), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("quote", "key", "value"),
    [
        ("Die Gruppe beschäftigt 12.500 Mitarbeiter in 31 Ländern.", "employees", 12500),
        ("Die Gruppe beschäftigt 12.500 Mitarbeiter in 31 Ländern.", "countries", 31),
        ("Der Konzern hat 12.500 Mitarbeiter und 31 Standorte.", "employees", 12500),
        ("Der Konzern betreibt 12 Werke in 31 Ländern und hat 4.200 Mitarbeiter.", "staff", 4200),
    ],
)
def test_a_count_after_another_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], quote: str, key: str, value: float
) -> None:
    # 'Mitarbeiter' was the subject of 31: numbers about different subjects, refused.
    assert main(["validate", "-q", str(_thesis(tmp_path, quote, key, value))]) == 0, (
        capsys.readouterr().err
    )


def test_the_counted_noun_is_no_subject_but_a_name_is() -> None:
    quote = "Die Gruppe beschäftigt 12.500 Mitarbeiter in 31 Ländern."
    assert {s.subject for s in senses(quote, numbers_in(quote))} == {"Die Gruppe"}
    # A name after a comma is a subject of its own; so is any noun in English text.
    quote = "Siemens beschäftigt 12.500 Mitarbeiter, Bosch dagegen 31.000."
    assert [s.subject for s in senses(quote, numbers_in(quote))][-1] == "Bosch"
    quote = "AWS had 30 Regions and 35 Zones"
    assert [s.subject for s in senses(quote, numbers_in(quote))] == ["AWS", "Regions"]
