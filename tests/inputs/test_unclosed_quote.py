"""A quote left open is told at the line where it opens, not where YAML trips over it later."""

from __future__ import annotations

import pytest

from model.errors import ThesisError
from model.inputs.yamlsafe import parse_yaml

# The start of the README's example, as a newcomer types it.
_HEAD = """format: 1
thesis:
  name: "Example: a machine-vision maker re-rated on margins"
  company: Example Optics SE
  as_of: 2025-06-30
  currency: EUR
  horizon: {first: 2025, last: 2030}
  price:
    value: 38.0
    unit: EUR/share
    source: {estimate: "An illustrative share price"}

assumptions:
  sales_2025:
    unit: EUR m
    value: 820
    source: {estimate: "This year's sales, from guidance (illustrative)"}
  sales_growth:
    unit: "%"
    dist: normal
    ci90: [0.04, 0.14]
    source:
      estimate: "Order intake suggests high single digits"
  margin_2025:
    unit: "%"
    value: 0.14
    source: {estimate: "Operating margin this year"}
"""


def _error(text: str) -> ThesisError:
    parse_yaml(_HEAD, "t.yaml")  # the text as written is valid
    with pytest.raises(ThesisError) as info:
        parse_yaml(text, "t.yaml")
    return info.value


@pytest.mark.parametrize(
    ("opened", "closing"),
    [
        # in a flow mapping: YAML used to stop two lines on, at the '%' after the next quote
        ('(illustrative)"}', 17),
        # in the thesis' name: YAML used to speak of indentation eight lines on
        ('on margins"', 3),
        # in a block mapping
        ('digits"', 23),
    ],
)
def test_an_open_quote_is_named_at_its_line(opened: str, closing: int) -> None:
    text = _HEAD.replace(opened, opened[:-2] + opened[-1] if opened.endswith('"}') else opened[:-1])
    err = _error(text)
    assert err.line == closing
    assert f"the quote opened on line {closing} is not closed on its line" in str(err)
    assert str(err).count("\n") == 0


def test_a_quote_open_to_the_end_is_named_at_its_line() -> None:
    err = _error(_HEAD.replace('this year"}', "this year}"))
    assert err.line == 27
    assert "the file ends inside an unclosed quote opened on line 27" in str(err)


def test_text_quoted_over_lines_on_purpose_is_not_blamed() -> None:
    # A rationale may run over lines; a later, unrelated slip keeps its own line and words.
    text = _HEAD.replace(
        'estimate: "Order intake suggests high single digits"',
        'estimate: "Order intake suggests\n        high single digits"',
    ).replace("    value: 0.14\n", "    value: 0.14\n\tlabel: x\n")
    err = _error(text)
    assert err.line == 28  # the tab, one line further down for the rationale's second line
    assert "indent with spaces" in str(err)


def test_an_open_single_quote_is_not_taken_for_an_apostrophe() -> None:
    # The open quote runs on to the quote that opens 'EUR m' two lines on; that quote has a space
    # before it, so it is no apostrophe inside a word.
    text = _HEAD.replace(
        "  sales_2025:\n    unit: EUR m\n", "  sales_2025:\n    unit: 'EUR m\n"
    ).replace("    value: 820\n", "    value: 820\n    label: 'Sales'\n")
    err = _error(text)
    assert err.line == 15
    assert "the quote opened on line 15 is not closed on its line" in str(err)
    assert "apostrophe" not in str(err)


def test_an_apostrophe_in_text_quoted_over_lines_is_named() -> None:
    text = _HEAD.replace(
        'estimate: "Order intake suggests high single digits"',
        "estimate: 'Order intake suggests\n        the year's high single digits'",
    )
    err = _error(text)
    assert err.line == 24  # the apostrophe's line, not the line the text opens on
    assert "an apostrophe ends the single-quoted text" in str(err)


def test_quoted_text_with_a_word_and_colon_on_a_later_line_is_not_blamed() -> None:
    # The rationale folds over a line that reads like a key ('guidance: ...'), indented under its
    # own key as wrapped text is; the slip on the next key keeps its own line.
    text = _HEAD.replace(
        'estimate: "Order intake suggests high single digits"',
        'estimate: "Order intake suggests, against\n        guidance: high single digits"',
    )
    parse_yaml(text, "t.yaml")  # the rationale alone is valid
    err = _error(text.replace("  margin_2025:\n", "  margin_2025: EBIT: margin\n"))
    assert err.line == 25  # the key with a second ':', one line down for the rationale's fold
    assert "quote opened" not in str(err)
