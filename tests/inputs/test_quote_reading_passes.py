"""The passes over the numbers a quote's reader found live beside the number they mark, in
``readings``: the 1 of "per one" and German thousands dots."""

from __future__ import annotations

from model.inputs.sources.normalization import normalize
from model.inputs.sources.quotes import numbers_in
from model.inputs.sources.readings import QuoteNumber, per_one, thousands_dots


def test_per_one_marks_the_east_asian_one() -> None:
    text, _ = normalize("1株当たり配当金")
    one = QuoteNumber("1", 1.0, False, False, None, start=0, end=1)
    assert [q.one for q in per_one(text, [one])] == [True]


def test_thousands_dots_adds_the_german_reading() -> None:
    dotted = QuoteNumber("12.500", 12.5, False, False, None, start=0, end=6)
    assert [q.value for q in thousands_dots("12.500 mitarbeiter", [dotted])] == [12.5, 12500.0]
    assert [q.value for q in numbers_in("Die Gruppe beschäftigt 12.500 Mitarbeiter")] == [
        12.5,
        12500.0,
    ]
