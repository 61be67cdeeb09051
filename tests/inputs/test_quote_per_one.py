"""The 1 of an East Asian "per one" is no amount: "1株当たり配当金は50銭" states 0.50 JPY a
share, not 1."""

from __future__ import annotations

import pytest

from model.inputs.sources.quotes import number_problem, numbers_in
from model.inputs.units import parse_unit


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("1株当たり配当金は50銭", 0.5, "JPY/share"),
        ("1株につき50銭を配当する", 0.5, "JPY/share"),
        ("1株あたり利益は120円", 120, "JPY/share"),
        ("1주당 500원을 배당한다", 500, "KRW/share"),
        ("1인당 매출은 2억원", 0.2, "KRW bn"),
        ("每1股派息0.5元", 0.5, "CNY/share"),
    ],
)
def test_the_one_of_per_one_supports_nothing(quote: str, value: float, unit: str) -> None:
    # "1株当たり" (per one share) supported a dividend of 1 JPY a share.
    problem = number_problem([1], parse_unit(unit), quote)
    assert problem is not None and "the one of 'per one'" in problem
    assert number_problem([value], parse_unit(unit), quote) is None


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("売上高は1兆円", 1, "JPY tn"),
        ("株価は1株1000円", 1, "count"),
        ("1位の企業", 1, "count"),
        ("매출은 1조원", 1, "KRW tn"),
        ("당기순이익 1조원", 1, "KRW tn"),
    ],
)
def test_a_one_that_is_an_amount_stays(quote: str, value: float, unit: str) -> None:
    assert number_problem([value], parse_unit(unit), quote) is None


def test_per_one_is_marked_and_shown() -> None:
    (one, sen) = numbers_in("1株当たり配当金は50銭")
    assert one.one and not sen.one
    assert "per one" in one.show()
