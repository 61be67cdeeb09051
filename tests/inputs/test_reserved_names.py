"""A quantity named by a word of the expression language is refused where it is defined.

In a model line ``t`` is the year index and ``year`` the calendar year, so an assumption called
``t`` or ``year`` was silently replaced by the index there (a tax rate of 0, 1, 2, ... and a
wrong value with exit code 0); ``true``/``false`` read as constants, and a keyword (``and``,
``if``) broke the parse of whatever expression used it, far from the name.
"""

from __future__ import annotations

import pytest

from .conftest import ThesisCopy, assert_at, fail_load, line_of

WORDS = ["t", "year", "true", "false", "and", "if", "lambda", "in"]


@pytest.mark.parametrize("word", WORDS)
def test_an_assumption_named_by_a_reserved_word_is_refused_at_its_line(
    thesis_copy: ThesisCopy, word: str
) -> None:
    text = thesis_copy.edit("  margin:\n    unit:", f"  {word}:\n    unit:")
    err = fail_load(thesis_copy)
    assert_at(
        err,
        "minimal.yaml",
        line_of(text, f"  {word}:\n".rstrip("\n")),
        f"assumptions.{word}",
        f"assumption name '{word}' is a word of the expression language",
        "choose another name",
    )


@pytest.mark.parametrize("word", ["t", "year", "not"])
def test_an_event_named_by_a_reserved_word_is_refused_at_its_line(
    thesis_copy: ThesisCopy, word: str
) -> None:
    text = thesis_copy.edit("events:\n  crackdown:\n", f"events:\n  {word}:\n")
    err = fail_load(thesis_copy)
    assert_at(
        err,
        "minimal.yaml",
        line_of(text, f"  {word}:"),
        f"events.{word}",
        f"event name '{word}' is a word of the expression language",
    )


@pytest.mark.parametrize("name", ["rest", "none", "tax", "years", "t2", "log", "year_end"])
def test_names_that_only_look_alike_stay_allowed(thesis_copy: ThesisCopy, name: str) -> None:
    from model.inputs import load_thesis

    thesis_copy.edit(
        "  crackdown_prob:\n",
        f"  {name}:\n    unit: count\n    value: 3\n"
        '    source: {estimate: "A number that only tests its name"}\n  crackdown_prob:\n',
    )
    assert load_thesis(thesis_copy.path).assumptions[name].central() == 3
