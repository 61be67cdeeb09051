"""The month and day of a Chinese, Japanese or Korean date state no figure: "2025年3月31日"."""

from __future__ import annotations

import pytest

from model.inputs.sources.quotes import number_problem, numbers_in
from model.inputs.units import parse_unit


@pytest.mark.parametrize(
    ("quote", "day", "value", "unit"),
    [
        ("2025年3月31日現在の売上高は1兆2000億円", 31, 1200, "JPY bn"),
        ("截至2025年3月31日，营业收入为1200亿元", 31, 120, "CNY bn"),
        ("2025년 3월 31일 기준 매출은 1조2000억원", 31, 1200, "KRW bn"),
        ("2025 年 3 月 31 日の売上高は1兆2000億円", 31, 1200, "JPY bn"),
        ("2025年3月の売上高は1兆2000億円", 3, 1200, "JPY bn"),
        ("2025年3月期の売上高は1兆2000億円", 3, 1200, "JPY bn"),
    ],
)
def test_a_date_supports_no_amount(quote: str, day: int, value: float, unit: str) -> None:
    # The day (or month) was a bare number read in the unit's scale: a sales value of 31 JPY bn
    # validated against the date it was reported at.
    problem = number_problem([day], parse_unit(unit), quote)
    assert problem is not None and "is part of a date" in problem
    assert number_problem([value], parse_unit(unit), quote) is None


@pytest.mark.parametrize(
    ("quote", "figure"),
    [
        ("3か月で売上高は120億円", "3"),
        ("3个月内营收为120亿元", "3"),
        ("3개월간 매출은 1조원", "3"),
    ],
)
def test_a_number_of_months_stays_a_figure(quote: str, figure: str) -> None:
    (n,) = [n for n in numbers_in(quote) if n.text == figure]
    assert not n.date


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("同社は31日、売上高が1200億円だったと発表した", 120, "JPY bn"),
        ("公司31日公布营收为1200亿元", 120, "CNY bn"),
        ("회사는 지난 31일 매출이 1조2000억원이라고 밝혔다", 1200, "KRW bn"),
    ],
)
def test_a_day_named_alone_supports_no_amount(quote: str, value: float, unit: str) -> None:
    # The news names the day alone ("on the 31st"): it supported sales of 31.
    problem = number_problem([31], parse_unit(unit), quote)
    assert problem is not None and "is part of a date" in problem
    assert number_problem([value], parse_unit(unit), quote) is None


@pytest.mark.parametrize(
    "quote", ["30日間で売上高は120億円", "30일간 매출은 1조원", "30일 동안 매출은 1조원"]
)
def test_a_number_of_days_stays_a_figure(quote: str) -> None:
    assert not numbers_in(quote)[0].date


@pytest.mark.parametrize(
    ("quote", "figure"),
    [
        ("受注から納品まで平均28日かかる。", "28"),
        ("平均在庫日数は28日、売上高は3000億円。", "28"),
        ("注文は3日以内に出荷する", "3"),
        ("株価は5日連続で上昇した", "5"),
        ("契約の10日後に納品する", "10"),
        ("発売2日目の売上高は", "2"),
        ("1日あたり300億円を売り上げた", "1"),
        ("在庫は28日分ある", "28"),
        ("納期は3日に短縮した", "3"),
        ("在庫日数は28日に発表値から短縮した", "28"),
    ],
)
def test_a_japanese_number_of_days_stays_a_figure(quote: str, figure: str) -> None:
    # Japanese counts days with 日 too: these are durations and counts, no day of a month.
    (n,) = [n for n in numbers_in(quote) if n.text == figure]
    assert not n.date


@pytest.mark.parametrize(
    ("quote", "figure"),
    [
        ("2025年3月31日現在の売上高は1兆2000億円", "31"),
        ("同社は31日、売上高が1200億円だったと発表した", "31"),
        ("31日、同社は売上高が1200億円だったと発表した", "31"),
        ("トヨタが8日、売上高を発表した", "8"),
        ("同社は31日に売上高が1200億円だったと発表した", "31"),
        ("同社は31日付で売上高を開示した", "31"),
        ("同社が31日発表した売上高は1200億円", "31"),
        ("2025年3月期の売上高は1兆2000億円", "3"),
    ],
)
def test_a_japanese_date_stays_a_date(quote: str, figure: str) -> None:
    (n,) = [n for n in numbers_in(quote) if n.text == figure]
    assert n.date


def test_a_japanese_lead_time_supports_its_count() -> None:
    assert number_problem([28], parse_unit("count"), "受注から納品まで平均28日かかる。") is None
