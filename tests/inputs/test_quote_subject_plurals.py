"""A quote's subject in the plural is the item's in the singular, and the other way round:
"The ADSs closed at $44.00" is about the item labelled "ADS close"."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.cli.main import main
from model.inputs.sources.centres import named, subject_words

THESIS = """format: 1
thesis:
  name: "Depositary shares"
  company: "Example Holdings"
  as_of: 2025-12-01
  currency: USD
  horizon: {{first: 2025, last: 2027}}
  price: {{value: 44.0, unit: USD/share, source: {{estimate: "An illustrative share price"}}}}
assumptions:
  sales:
    unit: USD m
    value: 100
    source: {{estimate: "Sales this year, an illustrative figure"}}
  {key}:
    label: "{label}"
    unit: USD
    value: 44.0
    source: {{doc: a.txt, quote: "{quote}"}}
model:
  kind: lines
  currency: USD m
  lines:
    d: "sales"
"""


def _validate(tmp_path: Path, capsys, key: str, label: str, quote: str) -> tuple[int, str]:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text(f"Markets. {quote}.\n", encoding="utf-8")
    path = tmp_path / "t.yaml"
    path.write_text(THESIS.format(key=key, label=label, quote=quote), encoding="utf-8")
    code = main(["validate", "-q", str(path)])
    return code, capsys.readouterr().err


@pytest.mark.parametrize(
    ("key", "label", "quote"),
    [
        ("ads_close", "ADS close", "The ADSs closed at $44.00 on 11 November 2025"),
        ("ads_price", "ADS price", "The ADSs closed at $44.00 on 11 November 2025"),
        ("price", "Price per ADS", "The ADSs closed at $44.00 on 11 November 2025"),
        ("price", "Price per ADSs", "The ADS closed at $44.00 on 11 November 2025"),
        ("adr_close", "ADR close", "The ADRs closed at $44.00 on 11 November 2025"),
        ("adr_close", "ADR close", "Its ADRs closed at $44.00 while Tencent shares closed at $50"),
    ],
)
def test_a_plural_subject_is_the_items(tmp_path: Path, capsys, key, label, quote) -> None:
    # "ADSs" and "ADS" were different subjects: the price was refused as being about ADS,
    # "whom the quote does not mention", or as one of two subjects.
    code, err = _validate(tmp_path, capsys, key, label, quote)
    assert code == 0, err


def test_another_subject_is_still_refused_and_the_message_suits_a_thing(
    tmp_path: Path, capsys
) -> None:
    quote = "The ADSs closed at $44.00 on 11 November 2025"
    code, err = _validate(tmp_path, capsys, "close", "Alibaba's close", quote)
    assert code == 2
    assert "this item is about Alibaba, not named in the quote" in err and "whom" not in err


def test_subject_words_hold_singular_and_plural() -> None:
    words = subject_words("ads_close Price per ADS share")
    assert named("ADSs", words) and named("Shares", words) and named("ADS", words)
    assert not named("ADRs", words)
    assert named("ADR", subject_words("Close of the ADRs"))
