"""Korean accounts write △ before a loss or a fall ("영업이익 △1,200억원"), and ▲ for a rise."""

from __future__ import annotations

import pytest

from tests.inputs.quote_signs import assert_states_with_its_sign
from tests.inputs.quote_signs import states as _states


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("영업이익 △1,200억원", -120.0, "KRW bn"),
        ("영업이익 △1,200억 원", -120.0, "KRW bn"),
        ("당기순이익 △5.2%", -0.052, "%"),
        ("전년 대비 △3.5%, 영업이익 1,200억원", -0.035, "%"),
        ("(단위: 억원, △는 감소) 영업이익 △120", -120.0, "count"),
        ("△ 표시는 손실. 영업이익 △120억원", -12.0, "KRW bn"),
    ],
)
def test_a_white_triangle_is_a_minus_in_korean(quote: str, value: float, unit: str) -> None:
    assert_states_with_its_sign(quote, value, unit)


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("영업이익 ▲1,200억원", 120.0, "KRW bn"),
        ("삼성전자 주가 ▲1.2%", 0.012, "%"),
        ("코스피 △1.2% 상승", 0.012, "%"),  # a word of rise after it
        # Without hangul the rules of Japanese, Chinese and English quotes hold.
        ("上证指数收盘△1.2%", 0.012, "%"),
        ("Operating profit △120 million yen", 120.0, "JPY m"),
    ],
)
def test_a_black_triangle_in_korean_and_other_quotes_stay_rises(
    quote: str, value: float, unit: str
) -> None:
    assert_states_with_its_sign(quote, value, unit)


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("투자 계획은 △3조원 시설투자 △연구개발 1조원", 3.0, "KRW tn"),
        ("주요 내용은 △반도체 3조원 △배터리 2조원", 3.0, "KRW tn"),
        ("△2024년 매출 3조원", 2024.0, "years"),
    ],
)
def test_a_white_triangle_listing_items_is_a_bullet(quote: str, value: float, unit: str) -> None:
    assert_states_with_its_sign(quote, value, unit)


def test_japanese_triangles_stay_minus_signs() -> None:
    assert _states("営業利益▲120億円", -12.0, "JPY bn")
    assert _states("営業損益△1,200百万円", -1200.0, "JPY m")
