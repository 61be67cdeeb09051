"""A day named alone is a date or a count of days by the word after it: "31日の取締役会で" is
the 31st, "30일 이내" thirty days."""

from __future__ import annotations

import pytest

from model.inputs.sources.quotes import number_problem, numbers_in
from model.inputs.units import parse_unit


def _day(quote: str, figure: str) -> bool:
    (n,) = [n for n in numbers_in(quote) if n.text == figure]
    return n.date


@pytest.mark.parametrize(
    "quote",
    [
        "31日の取締役会で配当を決めた",
        "同社は31日の取締役会で増配を決議した",
        "31日の東京株式市場で日経平均は3%上昇した",
        "31日午後、売上高は1200億円と伝えた",
        "8日の記者会見で社長が語った",
    ],
)
def test_a_japanese_day_of_an_event_is_a_date(quote: str) -> None:
    # The day of a board meeting, a session or a time of day: it was read as 31 days.
    figure = next(n.text for n in numbers_in(quote))
    assert _day(quote, figure)


@pytest.mark.parametrize(
    ("quote", "figure"),
    [
        ("30일 이내에 대금을 지급한다", "30"),
        ("출시 30일 이상 걸린다", "30"),
        ("출시 30일 만에 완판됐다", "30"),
        ("계약 30일 후 재개한다", "30"),
        ("30일 전에 공시한다", "30"),
        ("5일 연속 상승했다", "5"),
        ("公司30日内完成交付", "30"),
        ("公司股价连续5日上涨", "5"),
        ("주가는 연속 5일 상승했다", "5"),
        ("30日の猶予がある", "30"),
        ("在庫日数は28日の水準", "28"),
        ("過去30日の取引高は1兆円", "30"),
        ("直近30日の市場平均は3%", "30"),
        ("最大30日の取引停止", "30"),
    ],
)
def test_a_count_of_days_stays_a_figure(quote: str, figure: str) -> None:
    # "30일 이내" (within 30 days) was read as the 30th of a month and supported no count.
    assert not _day(quote, figure)


def test_the_count_supports_a_count_and_the_date_none() -> None:
    assert number_problem([30], parse_unit("count"), "30일 이내에 대금을 지급한다") is None
    problem = number_problem([31], parse_unit("count"), "31日の取締役会で配当を決めた")
    assert problem is not None and "part of a date" in problem


@pytest.mark.parametrize(
    "quote",
    [
        "지난 31일 매출은 1조원",
        "31일 오후 발표했다",
        "31일 전국 매출은 1조원",
        "지난 31일 전 세계 매출은 1조원",
    ],
)
def test_a_korean_day_stays_a_date(quote: str) -> None:
    assert _day(quote, "31")


@pytest.mark.parametrize(
    "quote",
    [
        "支払サイトが30日の取引先が多い。",
        "売掛金の回収は、30日の取引条件で行う。",
        "在庫は、30日の市場平均を下回る。",
    ],
)
def test_an_event_word_heading_a_compound_names_no_event(quote: str) -> None:
    # "取引" matched inside "取引先" (customers) and "取引条件" (terms): the count was refused.
    assert number_problem([30], parse_unit("count"), quote) is None


def test_a_chinese_day_before_an_internal_meeting_is_a_date() -> None:
    # "内" (within) matched inside "内部" (internal): the 30th was read as a count of 30.
    quote = "公司于30日内部会议上宣布回购"
    assert _day(quote, "30")
    assert number_problem([30], parse_unit("count"), quote) is not None
    assert _day("公司30日内完成交付", "30") is False
