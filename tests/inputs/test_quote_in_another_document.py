"""A quote cited to the wrong one of several articles is refused at its quote, and the message
names the article that holds it, so the slip is mended by citing that one; a quote in no
article names none."""

from __future__ import annotations

import pytest

from model.inputs.sources import provenance
from tests.inputs.conftest import ThesisCopy, assert_at, fail_load, line_of

_QUOTE = "fines of $2.8 billion were imposed in 2021"


def test_the_article_that_holds_the_quote_is_named(thesis_copy: ThesisCopy) -> None:
    text = thesis_copy.edit(
        f'rationale: {{doc: other.txt, quote: "{_QUOTE}"}}',
        f'rationale: {{doc: article.txt, quote: "{_QUOTE}"}}',
        name="scenarios.yaml",
    )
    assert_at(
        fail_load(thesis_copy),
        "scenarios.yaml",
        line_of(text, _QUOTE),
        None,
        "quote not found in article.txt",
        "the quote is in other.txt: cite doc: other.txt",
    )


def test_a_quote_in_no_article_names_none(thesis_copy: ThesisCopy) -> None:
    text = thesis_copy.edit(
        f'rationale: {{doc: other.txt, quote: "{_QUOTE}"}}',
        'rationale: {doc: other.txt, quote: "fines of $9.9 billion were imposed in 2021"}',
        name="scenarios.yaml",
    )
    err = fail_load(thesis_copy)
    assert_at(err, "scenarios.yaml", line_of(text, "$9.9 billion"), None, "quote not found")
    assert "the quote is in" not in str(err)


def _cite_the_wrong_article(thesis_copy: ThesisCopy) -> str:
    return thesis_copy.edit(
        f'rationale: {{doc: other.txt, quote: "{_QUOTE}"}}',
        f'rationale: {{doc: article.txt, quote: "{_QUOTE}"}}',
        name="scenarios.yaml",
    )


def test_the_search_reads_no_more_than_its_byte_budget(
    thesis_copy: ThesisCopy, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A larger document first is passed over; the article that holds the quote fits and is named.
    seeds = thesis_copy.root / "seeds"
    size = (seeds / "other.txt").stat().st_size
    (seeds / "big.txt").write_text("filler words " * size, encoding="utf-8")
    monkeypatch.setattr(provenance, "MAX_BYTES_SEARCHED", size, raising=False)
    text = _cite_the_wrong_article(thesis_copy)
    err = fail_load(thesis_copy)
    assert_at(err, "scenarios.yaml", line_of(text, _QUOTE), None, "cite doc: other.txt")
    # A byte less and the article is not read: the quote is only not found.
    monkeypatch.setattr(provenance, "MAX_BYTES_SEARCHED", size - 1, raising=False)
    err = fail_load(thesis_copy)
    assert_at(err, "scenarios.yaml", line_of(text, _QUOTE), None, "quote not found")
    assert "the quote is in" not in str(err)


def test_a_document_only_searched_is_not_kept(thesis_copy: ThesisCopy) -> None:
    seeds = provenance.SeedIndex(thesis_copy.root / "seeds")
    norm_quote, _ = provenance.normalize(_QUOTE)
    assert provenance._quoted_elsewhere(seeds, norm_quote, "article.txt") == "other.txt"
    assert not seeds.kept("other.txt")
