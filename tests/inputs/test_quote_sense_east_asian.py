"""Chinese and Japanese words of decline, and Japanese accounts' ▲ and △, make a number negative."""

from __future__ import annotations

import pytest

from model.inputs.sources.quotes import numbers_in
from model.inputs.sources.quotesense import senses
from tests.inputs.quote_signs import assert_states_with_its_sign
from tests.inputs.quote_signs import states as _states


def _signs(quote: str) -> list[tuple[bool, str | None]]:
    return [(s.negative, s.why) for s in senses(quote, numbers_in(quote))]


@pytest.mark.parametrize(
    ("quote", "why"),
    [
        ("净利润同比下降12%", "下降"),
        ("营收同比减少3.5亿元", "减少"),
        ("公司亏损约3.5亿元", "亏损"),
        ("营收降幅12%", "降幅"),
        ("売上高は前年比12.5%減", "減"),
        ("売上高は前年同期比12.5%の減少", "減少"),
        ("純損失は120億円", "損失"),
        ("営業損益は▲120億円", "▲"),
        ("営業損益は△120億円", "△"),
        # Japanese accounts written in kanji alone: 円 marks them Japanese.
        ("営業利益▲120億円", "▲"),
        ("営業損益△1,200百万円", "△"),
        ("売上高▲5%、営業利益▲12%", "▲"),
    ],
)
def test_a_word_of_decline_makes_the_number_negative(quote: str, why: str) -> None:
    assert _signs(quote)[-1] == (True, why)


@pytest.mark.parametrize(
    "quote",
    [
        "净利润同比增长12%",
        "净利润下降至12亿元",  # fell to: a level
        "売上高は前年比3.4%増の1,234億円",
        "増減率は12%",  # the rate of change, either way
        "营收达3.5亿元",
    ],
)
def test_other_numbers_stay_positive(quote: str) -> None:
    assert not any(negative for negative, _ in _signs(quote))


@pytest.mark.parametrize(
    ("quote", "value", "unit", "change"),
    [
        ("純利益は前年比20%減の1,200億円だった", 120.0, "JPY bn", -0.20),
        ("売上高は12%減の3,000億円となった", 300.0, "JPY bn", -0.12),
        ("営業利益は前年同期比5%減の500億円", 50.0, "JPY bn", -0.05),
        ("売上高は前年同期比12.5%の減少の3,000億円", 300.0, "JPY bn", -0.125),
    ],
)
def test_a_decline_after_a_percentage_is_not_the_next_amounts(
    quote: str, value: float, unit: str, change: float
) -> None:
    # The amount after "20%減の" is the level reached: the fall is the percentage's.
    assert_states_with_its_sign(quote, value, unit)
    assert _states(quote, change, "%")


@pytest.mark.parametrize(
    "quote",
    [
        "코스피 지수는 전일 대비 ▲1.2% 상승 마감했다",
        "上证指数收盘▲1.2%，成交额放大",
        "上证指数收盘△1.2%",
        "売上高は前年比▲1.2%上昇した",  # a word of rise after it, even in Japanese
    ],
)
def test_a_triangle_is_a_rise_outside_japanese_accounts(quote: str) -> None:
    assert _states(quote, 0.012, "%")
    assert not _states(quote, -0.012, "%")


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("営業利益▲120億円", -12.0, "JPY bn"),
        ("営業損益△1,200百万円", -1200.0, "JPY m"),
        ("売上高▲5%、営業利益▲12%", -0.05, "%"),
        ("売上高▲5%、営業利益▲12%", -0.12, "%"),
    ],
)
def test_a_triangle_is_a_minus_in_japanese_without_kana(
    quote: str, value: float, unit: str
) -> None:
    assert_states_with_its_sign(quote, value, unit)


@pytest.mark.parametrize(
    "quote",
    [
        "营收▲1.2%",  # 营 is written 営 in Japanese
        "营收达到▲1.2亿元",
        "這檔股票收盤▲1.2%",
        "삼성전자 주가 ▲1.2%",
    ],
)
def test_a_triangle_in_a_kanji_only_chinese_or_korean_quote_is_a_rise(quote: str) -> None:
    q = next(s for s in senses(quote, numbers_in(quote)))
    assert not q.negative


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("S&P 500 ▲1.2%", 0.012, "%"),
        ("Nikkei ▲1.5%", 0.015, "%"),
        ("Revenue ▲12% YoY", 0.12, "%"),
        ("AAPL ▲ 2.3%", 0.023, "%"),
        ("恒指▲200点", 200.0, "count"),
        ("恒生指数▲200点", 200.0, "count"),
        ("道指▲1.2%", 0.012, "%"),
        ("纳指▲1.5%", 0.015, "%"),
        ("深成指▲1.2%", 0.012, "%"),
        ("加權指數▲120點", 120.0, "count"),
        ("台積電 ▲1.2%", 0.012, "%"),
        ("騰訊▲2.3%", 0.023, "%"),
        # English with "yen" but no Japanese script: as before the triangle was read at all.
        ("Operating profit △120 million yen", 120.0, "JPY m"),
    ],
)
def test_a_triangle_outside_japanese_is_a_rise(quote: str, value: float, unit: str) -> None:
    assert_states_with_its_sign(quote, value, unit)


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        # 元 in 元年 is Japanese too; 営 marks the quote Japanese.
        ("令和元年度 営業損益 ▲120百万", -120.0, "m"),
        ("営業利益▲120億円", -12.0, "JPY bn"),
        ("営業損益△1,200百万円", -1200.0, "JPY m"),
        ("売上高▲5%、営業利益▲12%", -0.12, "%"),
    ],
)
def test_a_triangle_in_japanese_is_a_minus(quote: str, value: float, unit: str) -> None:
    assert_states_with_its_sign(quote, value, unit)
