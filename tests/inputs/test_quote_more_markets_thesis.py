"""A thesis quoting Japanese, Swedish and French articles: numbers checked, file and line named."""

from __future__ import annotations

import pytest

from model.inputs import load_thesis

from .conftest import ThesisCopy, assert_at, fail_load, line_of

ARTICLE = (
    "売上高は１兆2,000億円となった。純利益は前年比12.5%減。\n"
    "Nettoomsättningen uppgick till 12,5 mdkr och rörelseresultatet till 3\u00a0400 Mkr.\n"
    "Le chiffre d'affaires atteint 3\u202f400 millions d'euros, en hausse de 1 250 unités.\n"
)

ITEM = """  probe:
    unit: "{unit}"
    label: "A probe"
    value: {value}
    source:
      doc: markets.txt
      quote: "{quote}"
"""


@pytest.fixture
def copy(thesis_copy: ThesisCopy) -> ThesisCopy:
    (thesis_copy.root / "seeds" / "markets.txt").write_text(ARTICLE, encoding="utf-8")
    return thesis_copy


def _with(copy: ThesisCopy, value: float, unit: str, quote: str) -> str:
    item = ITEM.format(unit=unit, value=value, quote=quote)
    return copy.edit("\nassumptions:\n", "\nassumptions:\n" + item)


@pytest.mark.parametrize(
    ("value", "unit", "quote"),
    [
        (1.2, "JPY tn", "売上高は１兆2,000億円となった"),
        (-0.125, "%", "純利益は前年比12.5%減"),
        (12.5, "SEK bn", "Nettoomsättningen uppgick till 12,5 mdkr"),
        (3400.0, "SEK m", "rörelseresultatet till 3\u00a0400 Mkr"),
        (3.4, "EUR bn", "Le chiffre d'affaires atteint 3\u202f400 millions d'euros"),
    ],
)
def test_quotes_of_more_markets_support_their_numbers(
    copy: ThesisCopy, value: float, unit: str, quote: str
) -> None:
    _with(copy, value, unit, quote)
    assert load_thesis(copy.path).assumptions["probe"].value == value


@pytest.mark.parametrize(
    ("value", "unit", "quote", "words"),
    [
        # The groups of an amount are no numbers of their own.
        (200.0, "JPY bn", "売上高は１兆2,000億円となった", ("1兆2,000億円",)),
        (400.0, "SEK m", "rörelseresultatet till 3\u00a0400 Mkr", ("3 400 Mkr",)),
        # A fall is not a rise.
        (0.125, "%", "純利益は前年比12.5%減", ("減", "write -0.125")),
        # Plain spaces with no convention read two ways, and the refusal names both.
        (1250.0, "count", "en hausse de 1 250 unités", ("1 and 250 as separate numbers",)),
    ],
)
def test_misreadings_are_refused_at_the_quote(
    copy: ThesisCopy, value: float, unit: str, quote: str, words: tuple[str, ...]
) -> None:
    text = _with(copy, value, unit, quote)
    err = fail_load(copy)
    assert_at(
        err, "minimal.yaml", line_of(text, quote[:12]), "assumptions.probe.source.quote", *words
    )


def test_a_chinese_or_japanese_quote_counts_its_words_without_spaces(copy: ThesisCopy) -> None:
    # Counted by spaces, every Japanese sentence was one word, too few for a quote.
    _with(copy, -0.125, "%", "純利益は前年比12.5%減")
    assert load_thesis(copy.path).assumptions["probe"].value == -0.125


def test_a_chinese_or_japanese_quote_of_a_word_is_still_too_short(copy: ThesisCopy) -> None:
    text = _with(copy, -0.125, "%", "12.5%減")
    err = fail_load(copy)
    assert_at(
        err,
        "minimal.yaml",
        line_of(text, "12.5%減"),
        "assumptions.probe.source.quote",
        "quote at least a few words",
    )


def test_a_japanese_quote_not_in_the_article_shows_the_closest_passage(copy: ThesisCopy) -> None:
    text = _with(copy, 1.2, "JPY tn", "売上高は１兆2,000億円に達した")
    err = fail_load(copy)
    assert_at(
        err, "minimal.yaml", line_of(text, "売上高は"), "assumptions.probe.source.quote", "売上高"
    )
