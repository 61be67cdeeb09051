"""Japanese and Chinese numbers: 万, 億/亿, 兆 and 千, full-width digits, 円, 元 and ¥."""

from __future__ import annotations

import pytest

from model.inputs.sources.quotes import matches, number_problem, numbers_in
from model.inputs.units import parse_unit


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("売上高は１兆2,000億円となった", 1.2, "JPY tn"),
        ("営業利益は1,234億円", 123.4, "JPY bn"),
        ("純利益は3,500万円", 35.0, "JPY m"),
        ("配当は1万5000円", 15.0, "JPY k"),
        ("净利润为3.5亿元", 350.0, "RMB m"),
        ("净利润为3.5亿元", 350.0, "CNY m"),
        ("营收达1.2万亿元", 1.2, "RMB tn"),
        ("营收为人民币3.5亿元", 0.35, "RMB bn"),
        ("融资3.5亿美元", 350.0, "USD m"),
        ("投资100亿日元", 10.0, "JPY bn"),
        ("营收新台幣1,200億元", 120.0, "TWD bn"),
        ("股价为￥350万円", 3.5, "JPY m"),
    ],
)
def test_east_asian_amounts(quote: str, value: float, unit: str) -> None:
    (found,) = numbers_in(quote)
    assert found.scaled and matches(found, value, parse_unit(unit))
    assert number_problem([value], parse_unit(unit), quote) is None


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("年間販売台数は12万台", 120.0, "units k"),
        ("门店数量达到3千家", 3000.0, "stores"),
        ("利用者は1億2000万人", 120.0, "users m"),
    ],
)
def test_east_asian_counts(quote: str, value: float, unit: str) -> None:
    (found,) = numbers_in(quote)
    assert found.currency is None and matches(found, value, parse_unit(unit))


def test_an_additive_amount_is_one_number_not_its_groups() -> None:
    # Read as "1" and "2,000億円", the quote supported 1 JPY tn and 200 JPY bn, neither meant.
    quote = "売上高は１兆2,000億円となった"
    assert [q.value for q in numbers_in(quote)] == [pytest.approx(1.2e12)]
    assert number_problem([200.0], parse_unit("JPY bn"), quote) is not None
    assert number_problem([1.0], parse_unit("JPY tn"), quote) is not None


def test_the_yen_of_chinese_and_the_dollar_are_not_the_yuan() -> None:
    # 元 ends 日元 (the yen) and 美元 (the US dollar): read alone, both were yuan.
    assert number_problem([350.0], parse_unit("RMB m"), "融资3.5亿美元") is not None
    assert number_problem([10.0], parse_unit("RMB bn"), "投资100亿日元") is not None


@pytest.mark.parametrize(("unit", "ok"), [("RMB m", True), ("JPY m", True), ("USD m", False)])
def test_the_yen_sign_alone_is_settled_by_the_thesis_currency(unit: str, ok: bool) -> None:
    quote = "收入为¥3.5亿"
    assert (number_problem([350.0], parse_unit(unit), quote) is None) is ok


def test_the_yen_sign_in_another_currency_names_both_it_may_mean() -> None:
    problem = number_problem([350.0], parse_unit("USD m"), "收入为¥3.5亿")
    assert problem is not None and "is in RMB or JPY, the unit is USD m" in problem


def test_the_yen_sign_with_en_or_yuan_is_one_currency() -> None:
    assert number_problem([3.5], parse_unit("RMB m"), "股价为￥350万円") is not None
    assert number_problem([350.0], parse_unit("JPY m"), "收入为¥3.5亿元") is not None


@pytest.mark.parametrize(
    ("quote", "values"),
    [
        # A year then a count: 年 parts them, so no "202412万".
        ("2024年12万台を販売", [2024.0, 120000.0]),
        ("同比增长12.5%", [0.125]),
        ("前年比１２．５％増", [0.125]),
        ("純利益は1,234億円（前年比 3.4%増）", [1.234e11, 0.034]),
        # Two amounts run together are two numbers, not 3万 plus 5万.
        ("预计3万5万", [3e4, 5e4]),
    ],
)
def test_east_asian_numbers_that_are_not_one(quote: str, values: list[float]) -> None:
    assert [q.value for q in numbers_in(quote)] == pytest.approx(values)


def test_a_year_in_japanese_is_a_year_and_a_percentage_a_fraction() -> None:
    found = numbers_in("2024年の売上高は前年比12.5%増")
    assert [q.year for q in found] == [True, False]
    problem = number_problem([12.5], parse_unit("%"), "2024年の売上高は前年比12.5%増")
    assert problem is not None and "write 0.125" in problem


def test_a_telephone_number_in_chinese_is_not_scaled() -> None:
    found = numbers_in("联系电话 010 1234 5678")
    assert not any(q.scaled for q in found)
    assert number_problem([1.2345678], parse_unit("count m"), "联系电话 010 1234 5678")
