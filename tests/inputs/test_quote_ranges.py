"""A range written with one scale ("10-12 billion", "10–12 mld zł"): both ends are scaled."""

from __future__ import annotations

import pytest

from model.inputs.sources.quotes import matches, number_problem, numbers_in
from model.inputs.sources.quotesense import senses
from model.inputs.units import parse_unit


@pytest.mark.parametrize(
    ("quote", "low", "high", "unit"),
    [
        ("przychody wyniosą 10–12 mld zł", 10.0, 12.0, "PLN bn"),
        ("przychody wyniosą od 10 do 12 mld zł", 10.0, 12.0, "PLN bn"),
        ("sales of $10-12 billion next year", 10.0, 12.0, "USD bn"),
        ("sales of 10 to 12 bn euros next year", 10.0, 12.0, "EUR bn"),
        ("营收预计10-12亿元", 1.0, 1.2, "RMB bn"),
        ("a margin of 10-12%", 0.10, 0.12, "%"),
    ],
)
def test_both_ends_of_a_range_are_read_in_its_scale(
    quote: str, low: float, high: float, unit: str
) -> None:
    u = parse_unit(unit)
    for value in (low, high):
        assert number_problem([value], u, quote) is None


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        # Read bare, the low end supported 10 of any scale and currency.
        ("przychody wyniosą 10–12 mld zł", 10.0, "PLN m"),
        ("przychody wyniosą 10–12 mld zł", 10.0, "EUR bn"),
        ("sales of $10-12 billion next year", 10.0, "USD m"),
        ("a margin of 10-12%", 10.0, "x"),
        # The high end takes the low end's currency: "$10-12 billion" is not in euros.
        ("sales of $10-12 billion next year", 12.0, "EUR bn"),
        # Joined to a scaled high end but no range, the low end takes no scale or currency.
        ("sales of 5-60 billion dollars", 5.0, "EUR tn"),
        ("sales of 5-60 billion dollars", 5.0, "USD m"),
        ("revenue will grow from 1 to 85 billion dollars", 1.0, "USD m"),
        ("guidance of EUR 10 \u2013 12 billion", 10.0, "EUR m"),
        ("guidance of EUR 10 - 12 billion", 10.0, "EUR m"),
        ("sales of $10\u201412 billion", 10.0, "USD bn"),
    ],
)
def test_the_ends_of_a_range_support_nothing_else(quote: str, value: float, unit: str) -> None:
    assert number_problem([value], parse_unit(unit), quote) is not None


@pytest.mark.parametrize(
    ("quote", "low"),
    [
        ("sales of 5-60 billion dollars", "5 on its own, or 5 billion dollars"),
        ("sales of $10\u201412 billion", "$10 on its own, or 10 billion"),
    ],
)
def test_a_low_end_joined_without_a_range_names_both_readings(quote: str, low: str) -> None:
    problem = number_problem([10.0], parse_unit("USD m"), quote)
    assert problem is not None and f"{low} as the low end of a range" in problem


@pytest.mark.parametrize(
    ("quote", "value"),
    [
        ("revenue growth of 1-20%", 0.01),
        ("a margin of 2-25%", 0.02),
        ("growth of 5 to 60% over the period", 0.05),
        ("growth of 5 to 60% over the period", 0.60),
    ],
)
def test_a_percentage_range_has_no_span_limit(quote: str, value: float) -> None:
    assert number_problem([value], parse_unit("%"), quote) is None


def test_the_range_dash_is_no_minus_sign() -> None:
    quote = "przychody wyniosą 10–12 mld zł"
    found = numbers_in(quote)
    assert [q.value for q in found] == pytest.approx([10e9, 12e9])
    assert all(q.currency == "PLN" for q in found)
    assert not any(s.negative for s in senses(quote, found))


@pytest.mark.parametrize(
    ("quote", "values"),
    [
        # Years and amounts in different currencies are no ranges.
        ("over 2023-2025 sales reached $5bn", [2023.0, 2025.0, 5e9]),
        ("prices of €10-$12bn", [10.0, 12e9]),
    ],
)
def test_what_is_not_a_range(quote: str, values: list[float]) -> None:
    assert [q.value for q in numbers_in(quote)] == pytest.approx(values)


def test_the_low_end_beside_a_clause_dash_stays_bare() -> None:
    for quote in (
        "Alibaba Cloud ranks No. 1 \u2014 35.8% of the AI cloud market",
        "Earnings per share came in at $2 - 15% above consensus",
    ):
        low = numbers_in(quote)[0]
        assert not (low.scaled or low.percent) and low.value in (1.0, 2.0)
        assert low.currency == ("USD" if "$" in quote else None)


def test_a_range_low_end_is_scaled_for_matching() -> None:
    (low, _) = numbers_in("sales of $10-12 billion next year")
    assert low.scaled and matches(low, 10_000.0, parse_unit("USD m"))


def _states(quote: str, value: float, unit: str) -> bool:
    """Whether the quote states ``value`` in ``unit``, with its sign."""
    u = parse_unit(unit)
    return number_problem([value], u, quote) is None and any(
        matches(s.number, value, u) and s.negative == (value < 0)
        for s in senses(quote, numbers_in(quote))
    )


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        # An em dash or a spaced dash sets off a clause: the 1 before it is no percentage.
        ("Alibaba Cloud ranks No. 1 \u2014 35.8% of the AI cloud market", 0.01, "%"),
        ("Alibaba Cloud ranks No. 1\u201435.8% of the AI cloud market", 0.01, "%"),
        ("Tier 1 - 35.8% of the market", 0.01, "%"),
        ("Tier 1 \u2013 35.8% of the market", 0.01, "%"),
        # A bare "1-85" spans too far for a range: the 1 is not a billion dollars.
        ("revenue will grow from 1-85 billion dollars", 1000.0, "USD m"),
        # A high end below the low one is no range either.
        ("units 12-10 billion", 12000.0, "count m"),
        # An amount and a percentage are not the ends of one range.
        ("Earnings per share came in at $2-15% above consensus", 0.02, "%"),
    ],
)
def test_what_only_looks_like_a_range_scales_nothing(quote: str, value: float, unit: str) -> None:
    assert not _states(quote, value, unit)


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("Alibaba Cloud ranks No. 1 \u2014 35.8% of the AI cloud market", 0.358, "%"),
        ("Tier 1 - 35.8% of the market", 0.358, "%"),
        ("revenue will grow from 1 to 85 billion dollars", 85.0, "USD bn"),
        ("Earnings per share came in at $2 - 15% above consensus", 2.0, "USD/share"),
        ("Earnings per share came in at $2 - 15% above consensus", 0.15, "%"),
        ("Earnings per share came in at $2 \u2014 15% above consensus", 2.0, "USD/share"),
        ("sales of between 10 and 12 billion dollars", 10.0, "USD bn"),
        ("a margin of 10\u201312%", 0.10, "%"),
    ],
)
def test_the_numbers_beside_a_clause_dash_keep_their_own_reading(
    quote: str, value: float, unit: str
) -> None:
    assert _states(quote, value, unit)


@pytest.mark.parametrize(
    ("quote", "unit"),
    [
        ("Guidance of EUR 10 – 12 billion.", "EUR bn"),
        ("Revenue of €10 – 12bn expected.", "EUR bn"),
        ("Revenue of €10 - 12bn expected.", "EUR bn"),
        ("Revenue 10 - 12 billion USD", "USD bn"),
        ("Der Umsatz betrug 10 – 12 Mrd. Euro.", "EUR bn"),
        ("Le chiffre d'affaires est de 10 – 12 milliards d'euros.", "EUR bn"),
        ("Le groupe vise 10 – 12 milliards d'euros.", "EUR bn"),
    ],
)
def test_a_spaced_dash_before_an_amount_joins_a_range(quote: str, unit: str) -> None:
    assert number_problem([10.0], parse_unit(unit), quote) is None
    # The low end takes the high end's scale: it is not 10 million.
    assert number_problem([10.0], parse_unit(unit.replace("bn", "m")), quote) is not None


@pytest.mark.parametrize(
    ("quote", "unit"),
    [
        ("Page 3 - 20% of revenue comes from Asia.", "count"),
        ("Among the top 3 – 40% of customers.", None),
    ],
)
def test_a_bare_number_before_a_spaced_dash_and_a_percentage_stands_on_its_own(
    quote: str, unit: str | None
) -> None:
    assert number_problem([3.0], parse_unit(unit) if unit else None, quote) is None


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("Guidance was cut from 12 to 10 billion euros.", 12.0, "EUR bn"),
        ("Revenue fell from 15 to 12 billion dollars.", 15.0, "USD bn"),
        ("cut the workforce from 12 to 10 thousand", 12000.0, "count"),
        ("Sales rose from 1 to 85 billion", 1.0, "bn"),
        ("from 2 to 25 billion", 2.0, "bn"),
        ("revenue will grow from 1 to 85 billion dollars", 1.0, "USD bn"),
    ],
)
def test_from_one_amount_to_another_shares_the_scale_whatever_the_change(
    quote: str, value: float, unit: str
) -> None:
    assert number_problem([value], parse_unit(unit), quote) is None
    # The first amount takes the second's scale: it is not a million, or a bare count.
    assert number_problem([value], parse_unit("m"), quote) is not None


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("March 3 – $5 billion deal", 3e9, "USD"),
        ("On May 3 - 5 million vehicles were recalled", 3e6, "USD"),
        ("Page 3 - $5 billion", 3e9, "USD"),
        ("Fig. 2 - $3 billion", 2e9, "USD"),
        ("No. 3 - 5 million", 3e6, "USD"),
        ("Nr. 3 - 5 Mrd. Euro", 3e9, "EUR"),
        ("Phase 3 - 5 million patients", 3e6, "USD"),
        ("the top 3 - 5 billion each", 3e9, "USD"),
        ("rose from No. 3 to $5 billion", 3e9, "USD"),
    ],
)
def test_a_labels_number_is_no_low_end(quote: str, value: float, unit: str) -> None:
    # A page, item, rank or day before the number: it takes no scale from the amount after it.
    assert number_problem([value], parse_unit(unit), quote) is not None


def test_a_range_after_other_words_still_scales_its_low_end() -> None:
    assert number_problem([10.0], parse_unit("EUR bn"), "Guidance of EUR 10 – 12 billion.") is None
    assert number_problem([10e9], parse_unit("EUR"), "Guidance of EUR 10 – 12 billion.") is None
