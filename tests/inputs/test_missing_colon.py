"""A key written without its ':' is named at its own line, not at the key below it."""

from __future__ import annotations

import pytest

from model.errors import ThesisError
from model.inputs.yamlsafe import parse_yaml


def _error(text: str) -> ThesisError:
    with pytest.raises(ThesisError) as info:
        parse_yaml(text, "t.yaml")
    return info.value


@pytest.mark.parametrize(
    ("text", "line", "said"),
    [
        # YAML read 'unit EUR m' on into 'value: 820' and spoke of an unexpected ':' at line 3
        ("sales:\n  unit EUR m\n  value: 820\n", 2, "'unit EUR m'"),
        # a bare word before the next key: YAML spoke of a missing ':' at line 4
        ("a:\n  b: 1\n  c\n  d: 2\n", 3, "'c'"),
        # a blank line and a comment between: YAML spoke of bad indentation at line 5
        ("a:\n  b 1\n\n  # the rate\n  d: 2\n", 2, "'b 1'"),
    ],
)
def test_the_line_without_its_colon_is_named(text: str, line: int, said: str) -> None:
    err = _error(text)
    assert err.line == line
    assert f"line {line} ({said}) has no ':' after its key (expected 'key: value')" in str(err)


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("a:\n  b: 1\n   c: 2\n", 3, "unexpected ':'"),  # indented too far: not a lost ':'
        ("a: b: c\n", 1, "unexpected ':'"),
        ("a:\n  - x\n  b: 1\n", 3, "invalid YAML"),  # a list item above keeps YAML's words
        # the line above ends text quoted over two lines: it is no key, and lacks no ':'
        ('a:\n  q: "text\n  more"\n  r: x: y\n', 4, "unexpected ':'"),
        ("a:\n  q: 'text\n  more'\n  r: x: y\n", 4, "unexpected ':'"),
        # the line above ends a list or a mapping written over two lines in brackets
        ("a:\n  ci90: [0.04,\n  0.14]\n  r: x: y\n", 4, "unexpected ':'"),
        ("a:\n  s: {estimate: x,\n  y}\n  r: x: y\n", 4, "unexpected ':'"),
    ],
)
def test_other_slips_keep_their_words(text: str, line: int, words: str) -> None:
    err = _error(text)
    assert err.line == line
    assert words in str(err)
    assert "has no ':' after its key" not in str(err)
