"""An apostrophe inside single-quoted text is named as what closed the text early."""

from __future__ import annotations

import pytest

from model.errors import ThesisError
from model.inputs.yamlsafe import parse_yaml


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # flow style, as the README's example writes a source (YAML spoke of an unclosed '{')
        ("a:\n  source: {estimate: 'This year's sales, from guidance'}\n", 2),
        # block style (YAML spoke of bad indentation)
        ("a:\n  unit: x\n  source:\n    estimate: 'This year's sales'\n  b: 1\n", 4),
        # a list item
        ("a:\n  - 'it's'\n", 2),
    ],
)
def test_the_apostrophe_is_named(text: str, line: int) -> None:
    with pytest.raises(ThesisError) as info:
        parse_yaml(text, "t.yaml")
    err = info.value
    assert err.line == line
    assert "an apostrophe ends the single-quoted text" in str(err)
    assert "write it twice ('')" in str(err)


def test_an_apostrophe_written_twice_or_in_double_quotes_is_text() -> None:
    doc = parse_yaml("a: 'This year''s sales'\nb: \"This year's sales\"\n", "t.yaml")
    assert doc.data == {"a": "This year's sales", "b": "This year's sales"}
