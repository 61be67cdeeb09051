"""Characters a page does not show (a soft hyphen, a zero-width space, a byte-order mark) are
no part of a quote: an analyst copies the article as displayed, and the quote is found."""

from __future__ import annotations

import pytest

from model.inputs import load_thesis
from model.inputs.sources.normalization import normalize
from model.inputs.sources.quotes import matches, numbers_in
from model.inputs.units import parse_unit
from tests.inputs.conftest import ThesisCopy, fail_load


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("cloud infra\u00adstructure spending", "cloud infrastructure spending"),
        ("grew 14\u00ad% in the year", "grew 14% in the year"),
        ("cloud\u200b market", "cloud market"),
        ("\ufeffAlibaba holds", "Alibaba holds"),
        ("Alibaba \u2060 holds", "Alibaba holds"),
    ],
)
def test_invisible_characters_are_dropped(written: str, shown: str) -> None:
    text, where = normalize(written)
    assert text == normalize(shown)[0]
    # Each character still points at the article's own character it came from.
    assert len(where) == len(text)
    assert all(written[i].casefold() == c for c, i in zip(text, where, strict=True) if c != " ")


def test_a_number_split_by_a_soft_hyphen_is_read_whole() -> None:
    (number,) = numbers_in("spending grew 27.\u00ad4% in 2021 alone")[:1]
    assert matches(number, 0.274, parse_unit("%"))


def test_a_quote_of_an_article_with_soft_hyphens_is_found(thesis_copy: ThesisCopy) -> None:
    article = thesis_copy.root / "seeds" / "article.txt"
    article.write_text(
        article.read_text(encoding="utf-8")
        + "\nThe com\u00adpany bought back shares worth $241 mil\u00adlion in Q3 2025 alone.\n",
        encoding="utf-8",
    )
    thesis_copy.edit(
        'quote: "after repurchasing $241 million in Q3 2025"',
        'quote: "The company bought back shares worth $241 million in Q3 2025"',
    )
    assert load_thesis(thesis_copy.path).central_values()["buyback_q3"] == pytest.approx(0.241)


def test_the_closest_passage_shows_no_invisible_characters(thesis_copy: ThesisCopy) -> None:
    # Some terminals draw a soft hyphen as a hyphen: a passage copied from the message as shown
    # would then hold "mil-lion", and a zero-width space alone would leave a double space.
    article = thesis_copy.root / "seeds" / "article.txt"
    article.write_text(
        article.read_text(encoding="utf-8")
        + "\nThe com\u00adpany bought back shares worth $241 mil\u00adlion\u200b in Q3 2025"
        " \u200b alone.\n",
        encoding="utf-8",
    )
    thesis_copy.edit(
        'quote: "after repurchasing $241 million in Q3 2025"',
        'quote: "The company bought back stock worth $241 million in Q3 2025"',
    )
    err = fail_load(thesis_copy)
    message = str(err)
    assert "bought back shares worth $241 million in Q3 2025 alone." in message
    assert not any(ch in message for ch in "\u00ad\u200b\u2060\ufeff")
