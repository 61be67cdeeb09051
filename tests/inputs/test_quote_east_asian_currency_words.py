"""Currency words after an East Asian amount ("三千億ウォン", "三千亿卢布", "300亿美金") name
their currency: the amount supports that currency only, not the yen or yuan nor any other."""

from __future__ import annotations

import pytest

from model.inputs.sources.quotes import number_problem
from model.inputs.units import parse_unit


def _supports(quote: str, value: float, unit: str) -> bool:
    return number_problem([value], parse_unit(unit), quote) is None


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("三千億ウォン", 300.0, "KRW bn"),
        ("3000億ウォン", 300.0, "KRW bn"),
        ("三千億ポンド", 300.0, "GBP bn"),
        ("三千億バーツ", 300.0, "THB bn"),
        ("三千億ルピー", 300.0, "INR bn"),
        ("三千亿卢布", 300.0, "RUB bn"),
        ("三千亿台币", 300.0, "TWD bn"),
        ("三千亿澳元", 300.0, "AUD bn"),
        ("三千亿加元", 300.0, "CAD bn"),
        ("三千亿美金", 300.0, "USD bn"),
        ("300亿美金", 30.0, "USD bn"),
        ("三千亿韩圆", 300.0, "KRW bn"),
        ("三千亿越南盾", 300.0, "VND bn"),
    ],
)
def test_a_currency_word_after_an_amount_names_its_currency(
    quote: str, value: float, unit: str
) -> None:
    assert _supports(quote, value, unit)
    for other in ("JPY bn", "RMB bn", "EUR bn"):
        assert not _supports(quote, value, other)
