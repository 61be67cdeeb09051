"""Korean news lists items with triangles before amounts too ("△10조원 규모 설비투자 △5,000억원
자사주 매입"): where an item runs on from its amount into words, the marks are bullets, not
minus signs; accounts ("영업이익 △1,200억원, 순이익 △800억원") keep them as minus signs."""

from __future__ import annotations

import pytest

from tests.inputs.quote_signs import assert_states_with_its_sign


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("주요 내용은 △10조원 규모 설비투자 △5,000억원 자사주 매입이다", 10.0, "KRW tn"),
        ("주요 내용은 △10조원 규모 설비투자 △5,000억원 자사주 매입이다", 500.0, "KRW bn"),
        ("▽10조원 투자 ▽1만명 채용", 10.0, "KRW tn"),
        ("▼10조원 투자 ▼1만명 채용", 10.0, "KRW tn"),
        ("계획: ▼ 10조원 투자", 10.0, "KRW tn"),
        ("△10조원 규모 설비투자", 10.0, "KRW tn"),
        ("주요 내용은 △10조원 규모 설비투자", 10.0, "KRW tn"),
    ],
)
def test_triangles_before_amounts_that_run_on_into_words_are_bullets(
    quote: str, value: float, unit: str
) -> None:
    assert_states_with_its_sign(quote, value, unit)


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("영업이익 △1,200억원, 순이익 △800억원", -120.0, "KRW bn"),
        ("영업이익 △1,200억원 순이익 △800억원", -120.0, "KRW bn"),
        ("日経平均 ▼120円 TOPIX ▼10円 ダウ ▼300ドル", -120.0, "JPY"),
        ("영업이익 △1,200억원", -120.0, "KRW bn"),
        ("영업이익 △1,200억원 기록", -120.0, "KRW bn"),
        ("영업이익은 △1,200억원으로 집계됐다", -120.0, "KRW bn"),
        ("코스피 ▼1.2% 코스닥 ▼0.8% 나스닥 ▼2%", -0.012, "%"),
        ("코스피 ▼12.34 코스닥 ▼5.6 나스닥 ▼20", -12.34, "count"),
        ("営業利益▲120億円、純利益▲80億円", -12.0, "JPY bn"),
    ],
)
def test_triangles_in_accounts_and_tables_stay_minus_signs(
    quote: str, value: float, unit: str
) -> None:
    assert_states_with_its_sign(quote, value, unit)
