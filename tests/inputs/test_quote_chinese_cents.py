"""仙, the cent in Chinese: of the Hong Kong dollar ("每股派28仙" is 0.28 HKD a share; "3毫2仙"
0.32), and of the ringgit and the Singapore dollar in their Chinese press ("5仙"); never of
the yuan, nor an immortal ("3仙人")."""

from __future__ import annotations

import pytest

from model.inputs.sources.quotes import number_problem
from model.inputs.units import parse_unit


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("汇丰每股派28仙。", 0.28, "HKD/share"),
        ("汇丰每股派息3毫2仙。", 0.32, "HKD/share"),
        ("公司每股派息5仙。", 0.05, "MYR/share"),
        ("公司每股派息5仙。", 0.05, "SGD/share"),
        ("八仙过海，3仙人。", 3, "count"),
    ],
)
def test_the_cents_are_read(quote: str, value: float, unit: str) -> None:
    # 28仙 was a bare 28: a dividend of 28 HKD.
    assert number_problem([value], parse_unit(unit), quote) is None


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("汇丰每股派28仙。", 28, "HKD/share"),
        ("汇丰每股派28仙。", 0.28, "RMB/share"),
        ("汇丰每股派息3毫2仙。", 0.3, "HKD/share"),
        ("八仙过海，3仙人。", 0.03, "HKD/share"),
    ],
)
def test_a_wrong_reading_is_refused(quote: str, value: float, unit: str) -> None:
    assert number_problem([value], parse_unit(unit), quote) is not None
