"""The Hong Kong dollar's tenth, 毫: "每股派息5毫" is a dividend of 0.50 HKD a share, "1元2毫"
1.20 HKD; the 元 right before a Hong Kong dollar's tenth is that dollar's ("1元2角港元"), and
毫 as the prefix of a thousandth ("5毫米", five millimetres) is no money."""

from __future__ import annotations

import pytest

from model.inputs.sources.quotes import number_problem
from model.inputs.units import parse_unit


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("公司宣布每股派息5毫。", 0.5, "HKD/share"),
        ("公司宣布每股派息1元2毫。", 1.2, "HKD/share"),
        ("公司宣布每股派息1元2角港元。", 1.2, "HKD/share"),
        ("末期息每股派5毫子。", 0.5, "HKD/share"),
        ("降雨量达到5毫米。", 5, "count"),
        ("每股派息1元2角。", 1.2, "RMB/share"),
    ],
)
def test_the_tenth_is_read(quote: str, value: float, unit: str) -> None:
    # 5毫 was a bare 5, and 1元 an amount of yuan beside a bare 2.
    assert number_problem([value], parse_unit(unit), quote) is None


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("公司宣布每股派息5毫。", 5, "HKD/share"),
        ("公司宣布每股派息5毫。", 0.5, "RMB/share"),
        ("公司宣布每股派息1元2毫。", 1.2, "RMB/share"),
        ("降雨量达到5毫米。", 0.5, "HKD/share"),
        ("人民币1元2毫", 1.2, "HKD/share"),
    ],
)
def test_a_wrong_reading_is_refused(quote: str, value: float, unit: str) -> None:
    assert number_problem([value], parse_unit(unit), quote) is not None
