"""Korean numbers: 만, 억, 조 with 원 ("1조 2,000억 원"), and Korean words of decline."""

from __future__ import annotations

import pytest

from model.inputs.sources.quotes import matches, number_problem, numbers_in
from model.inputs.sources.quotesense import senses
from model.inputs.units import parse_unit


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("매출은 1조 2,000억 원을 기록했다", 1.2, "KRW tn"),
        ("매출은 1조2000억원을 기록했다", 1.2, "KRW tn"),
        ("영업이익은 3,500억원", 350.0, "KRW bn"),
        ("주가는 7만 2,000원에 마감했다", 72.0, "KRW k"),
        ("100억 달러를 투자한다", 10.0, "USD bn"),
    ],
)
def test_korean_amounts(quote: str, value: float, unit: str) -> None:
    (found,) = numbers_in(quote)
    assert found.scaled and matches(found, value, parse_unit(unit))
    assert number_problem([value], parse_unit(unit), quote) is None


def test_the_groups_of_an_amount_are_not_numbers_of_their_own() -> None:
    quote = "매출은 1조 2,000억 원을 기록했다"
    assert number_problem([200.0], parse_unit("KRW bn"), quote) is not None
    assert number_problem([1.0], parse_unit("KRW tn"), quote) is not None


@pytest.mark.parametrize(
    ("quote", "values"),
    [
        # A year after an amount is not its last group; without a currency, nothing says so.
        ("영업이익은 3조 2024년 대비", [3e12, 2024.0]),
        ("2024년 12만 대를 판매했다", [2024.0, 120000.0]),
        ("영업이익률은 12.5%", [0.125]),
    ],
)
def test_korean_numbers_that_are_not_one(quote: str, values: list[float]) -> None:
    assert [q.value for q in numbers_in(quote)] == pytest.approx(values)


@pytest.mark.parametrize(
    ("quote", "negative"),
    [
        ("전년 대비 12% 감소", True),
        ("영업손실은 120억 원", True),
        ("영업이익이 12%로 하락", False),  # fell to: a level
        ("매출이 12% 증가", False),
    ],
)
def test_korean_words_of_decline(quote: str, negative: bool) -> None:
    (sense,) = senses(quote, numbers_in(quote))
    assert sense.negative is negative


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("제3조에 따라 공시한다", 3000.0, "KRW bn"),  # Article 3
        ("3 조사에 따르면", 3000.0, "KRW bn"),  # 3, then a survey
        ("3 조사에 따르면", 3e12, "count"),
        ("5 만나는 날", 5e4, "count"),
    ],
)
def test_a_korean_scale_is_not_read_after_je_or_a_space(
    quote: str, value: float, unit: str
) -> None:
    assert not any(q.scaled for q in numbers_in(quote))
    assert number_problem([value], parse_unit(unit), quote) is not None


def test_a_spaced_korean_scale_before_the_won_is_an_amount() -> None:
    assert number_problem([3.0], parse_unit("KRW tn"), "매출은 3 조 원") is None
