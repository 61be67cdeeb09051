"""The yuan's tenth, 角, is read: "每股派息5角" is a dividend of 0.50 CNY a share, not 5."""

from __future__ import annotations

import pytest

from model.inputs.sources.quotes import number_problem
from model.inputs.units import parse_unit


@pytest.mark.parametrize(
    ("quote", "value", "wrong"),
    [
        ("每股派息5角", 0.5, 5),
        ("每股派息5角钱", 0.5, 5),
        ("每股派发现金红利1元2角", 1.2, 1),
        ("每股派发现金红利1元2角", 1.2, 2),
    ],
)
def test_jiao_are_tenths_of_a_yuan(quote: str, value: float, wrong: float) -> None:
    # "5角" was the bare number 5: it supported a dividend of 5 yuan a share.
    unit = parse_unit("CNY/share")
    assert number_problem([value], unit, quote) is None
    assert number_problem([wrong], unit, quote) is not None


def test_sen_still_join_their_yen() -> None:
    assert number_problem([12.5], parse_unit("JPY/share"), "1株当たり12円50銭") is None
    assert number_problem([0.5], parse_unit("JPY/share"), "1株当たり配当金は50銭") is None


def test_a_hong_kong_dollar_tenth_is_read_in_hong_kong_dollars() -> None:
    # "5角港元" was read as 0.50 yuan and the dividend of 0.50 HKD refused as RMB.
    assert number_problem([0.5], parse_unit("HKD/share"), "每股派息5角港元。") is None
    assert number_problem([0.5], parse_unit("CNY/share"), "每股派息5角港元。") is not None
