"""German scale words ("Mio.", "Mrd.") and the German digit separators written before them."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

import model
from model.errors import ThesisError
from model.inputs.sources.quotes import matches, number_problem, numbers_in
from model.inputs.units import parse_unit


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("Umsatz von 3,4 Mrd. Euro", 3.4, "EUR bn"),
        ("Umsatz von 3,4 Mrd Euro", 3400.0, "EUR m"),
        ("ein Gewinn von EUR 250 Mio.", 250.0, "EUR m"),
        ("ein Gewinn von 250 Mio. €", 250.0, "EUR m"),
        ("Umsatz von 3,4 Milliarden Euro", 3.4, "EUR bn"),
        ("Umsatz von 12,75 Millionen Euro", 12.75, "EUR m"),
        ("Umsatz 1.250,5 Mio. €", 1250.5, "EUR m"),
        ("Auftragseingang von 12.345.678 Tsd. Euro", 12345.678, "EUR m"),
        # The euro settles a lone thousands dot: the Swiss press, with its decimal point,
        # writes francs.
        ("Umsatz von 1.250 Mio. Euro", 1250.0, "EUR m"),
        ("Umsatz von EUR 1.250 Mio.", 1.25, "EUR bn"),
        ("ein Umsatz von 4,2 Mrd. Franken", 4.2, "CHF bn"),
        ("ein Umsatz von CHF 4.2 Mrd.", 4.2, "CHF bn"),
    ],
)
def test_german_scale_words_and_separators(quote: str, value: float, unit: str) -> None:
    (found,) = numbers_in(quote)
    assert found.scaled and not found.ambiguous
    assert matches(found, value, parse_unit(unit))
    assert number_problem([value], parse_unit(unit), quote) is None


def test_a_german_decimal_comma_is_not_two_numbers() -> None:
    # Read in English, "3,4 Mrd." was a bare 3 and a bare 4: a 4 in the thesis would match.
    quote = "Umsatz von 3,4 Mrd. Euro"
    assert not any(matches(q, 4.0, parse_unit("EUR bn")) for q in numbers_in(quote))


@pytest.mark.parametrize(
    ("quote", "readings"),
    [
        ("ein Umsatz von 1,250 Mio.", ("1.25 with a German decimal comma", "1,250 with")),
        ("Umsatz von EUR 1,250 Mio.", ("1.25 with a German decimal comma", "1,250 with")),
        ("ein Umsatz von 1.250 Mio.", ("1,250 with a German thousands dot", "1.25 with")),
        ("ein Umsatz von CHF 1.250 Mio.", ("1,250 with a German thousands dot", "1.25 with")),
    ],
)
def test_an_ambiguous_numeral_is_refused_with_both_readings(
    quote: str, readings: tuple[str, str]
) -> None:
    (found,) = numbers_in(quote)
    assert found.ambiguous
    for value, unit in [(1250.0, "EUR m"), (1.25, "EUR m"), (1250.0, "CHF m"), (1.25, "CHF m")]:
        assert not matches(found, value, parse_unit(unit))
    problem = number_problem([1250.0], parse_unit("EUR m"), quote)
    assert problem is not None
    assert all(r in problem for r in readings) and "does not guess" in problem


def test_a_thesis_citing_an_ambiguous_numeral_fails_at_the_quote(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "bericht.txt").write_text(
        "Der Konzern erzielte einen Umsatz von 1.250 Mio. im Jahr 2024.\n", encoding="utf-8"
    )
    body = textwrap.dedent(
        """\
        format: 1
        thesis:
          name: Maschinenbau
          company: Beispiel AG
          as_of: 2025-03-01
          currency: EUR
          horizon: {first: 2024, last: 2026}
          price: {value: 20, unit: EUR/share, source: {estimate: "An illustrative price"}}
        assumptions:
          revenue_2024:
            unit: EUR m
            value: 1250
            source: {doc: bericht.txt, quote: "einen Umsatz von 1.250 Mio. im Jahr 2024"}
        """
    )
    path = tmp_path / "thesis.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ThesisError) as err:
        model.load_thesis(path)
    text = str(err.value)
    assert "thesis.yaml:13" in text and "revenue_2024.source.quote" in text
    assert "German thousands dot" in text
