"""A bare number's thousands dot is read in running text of every language that groups
thousands so, not German alone: Dutch, Italian, Spanish, Portuguese, Danish, Norwegian and
Indonesian ("La empresa tiene 12.500 empleados" supports 12,500), beside its decimal point."""

from __future__ import annotations

import pytest

from model.inputs.sources.quotes import number_problem
from model.inputs.units import parse_unit

COUNT = parse_unit("count")


@pytest.mark.parametrize(
    "quote",
    [
        "De groep heeft 12.500 medewerkers.",
        "Il gruppo ha 12.500 dipendenti in 31 paesi.",
        "La empresa tiene 12.500 empleados.",
        "O grupo tem 12.500 funcionários.",
        "Koncernen har 12.500 medarbejdere.",
        "Perseroan memiliki 12.500 karyawan.",
        "Tenaga kerja mencapai 12.500 orang.",
    ],
)
def test_the_thousands_dot_is_read(quote: str) -> None:
    # Only German text read the dot so: 12,500 was refused.
    assert number_problem([12_500], COUNT, quote) is None


@pytest.mark.parametrize(
    "quote",
    [
        "Dan said the ratio was 12.500 in the end.",
        "Il a 12.500 de marge.",  # one word of the list is no running text
    ],
)
def test_english_or_too_few_words_keep_the_decimal_point(quote: str) -> None:
    assert number_problem([12_500], COUNT, quote) is not None
    assert number_problem([12.5], COUNT, quote) is None
