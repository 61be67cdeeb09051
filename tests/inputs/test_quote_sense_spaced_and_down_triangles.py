"""A triangle that is a minus sign stays one with a space before its number ("△ 1,200억원",
"▲ 120億円"), and a down triangle marks a fall: ▼ in every market table ("Nikkei ▼1.2%"),
▽ where accounts write white triangles for a minus (Japanese and Korean quotes)."""

from __future__ import annotations

import pytest

from tests.inputs.quote_signs import assert_states_with_its_sign


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("영업이익 △ 1,200억원", -120.0, "KRW bn"),
        ("영업이익 △\u30001,200억원", -120.0, "KRW bn"),
        ("영업이익 △\u00a01,200억원", -120.0, "KRW bn"),
        ("営業利益 ▲ 120億円", -12.0, "JPY bn"),
        ("営業利益▲\u3000120億円", -12.0, "JPY bn"),
        # Quotes match up to whitespace: a run of spaces is one.
        ("영업이익 △  1,200억원", -120.0, "KRW bn"),
        ("営業損益 △ 1,200百万円", -1200.0, "JPY m"),
        ("経常利益 ▲ 3.5%", -0.035, "%"),
    ],
)
def test_a_minus_triangle_may_be_spaced_from_its_number(
    quote: str, value: float, unit: str
) -> None:
    assert_states_with_its_sign(quote, value, unit)


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        # A triangle that is no minus in the quote's language, or a bullet, signs nothing.
        ("△ 2024년 매출 3조원", 3.0, "KRW tn"),
        ("영업이익 ▲ 1,200억원", 120.0, "KRW bn"),
        ("S&P 500 ▲ 1.2%", 0.012, "%"),
        ("上证指数收盘△ 1.2%", 0.012, "%"),
        ("주요 내용은 △ 반도체 3조원 △ 배터리 2조원", 3.0, "KRW tn"),
        ("코스피 △ 1.2% 상승", 0.012, "%"),
    ],
)
def test_a_spaced_triangle_keeps_the_rules_of_its_quote(
    quote: str, value: float, unit: str
) -> None:
    assert_states_with_its_sign(quote, value, unit)


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("Nikkei ▼1.2%", -0.012, "%"),
        ("Dow Jones 38,500 ▼ 120.5", -120.5, "count"),
        ("恒指收盘▼200点", -200.0, "count"),
        ("코스피 ▼1.2%", -0.012, "%"),
        ("코스피 ▼ 12.34", -12.34, "count"),
        ("営業利益▼120億円", -12.0, "JPY bn"),
        ("営業利益▽120億円", -12.0, "JPY bn"),
        ("영업이익 ▽1,200억원", -120.0, "KRW bn"),
        ("영업이익 ▽ 1,200억원", -120.0, "KRW bn"),
    ],
)
def test_a_down_triangle_is_a_fall(quote: str, value: float, unit: str) -> None:
    assert_states_with_its_sign(quote, value, unit)


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        # ▽ is a minus only where white triangles are accounts' signs.
        ("Nikkei ▽1.2%", 0.012, "%"),
        ("上证指数收盘▽1.2%", 0.012, "%"),
        # Triangles before words list items: bullets, not signs.
        ("수혜주는 ▼삼성전자 3조원 ▼SK하이닉스 2조원", 3.0, "KRW tn"),
        ("대상은 ▽서울 1,200억원 ▽부산 800억원", 120.0, "KRW bn"),
        ("▼ Revenue: 1.2bn", 1.2, "USD bn"),
        # A word of rise after the number makes it a rise.
        ("코스피 ▽1.2% 상승", 0.012, "%"),
    ],
)
def test_down_triangles_that_are_no_signs(quote: str, value: float, unit: str) -> None:
    assert_states_with_its_sign(quote, value, unit)
