"""A quote cited to the wrong one of several articles is refused at its quote, and the message
names the article that holds it, so the slip is mended by citing that one; a quote in no
article names none."""

from __future__ import annotations

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
