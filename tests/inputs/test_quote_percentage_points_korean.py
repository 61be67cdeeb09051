"""Korean writes percentage points "%p", "%포인트" or "퍼센트포인트" ("3.5%p"): an amount of
percent, never pence."""

from __future__ import annotations

import pytest

from model.inputs.sources.quotes import number_problem, numbers_in
from model.inputs.units import parse_unit
from tests.inputs.quote_signs import states as _states


@pytest.mark.parametrize(
    ("quote", "value"),
    [
        ("영업이익률은 3.5%p 상승했다", 0.035),
        ("영업이익률이 3.5%p로 확대됐다", 0.035),
        ("marge 3.5%p", 0.035),
        ("영업이익률은 3.5 %p 개선", 0.035),
        ("영업이익률은 3.5%포인트 상승", 0.035),
        ("영업이익률은 3.5퍼센트포인트 상승", 0.035),
        ("영업이익률은 3.5 퍼센트포인트 상승", 0.035),
        ("점유율은 35.8퍼센트", 0.358),
        ("영업이익률은 1.2%p 하락", -0.012),
        ("금리는 0.25%p.", 0.0025),
    ],
)
def test_percentage_points_are_percent(quote: str, value: float) -> None:
    assert _states(quote, value, "%")
    assert not _states(quote, -value, "%")
    assert all(n.currency is None for n in numbers_in(quote))


def test_percentage_points_are_no_pounds() -> None:
    [n] = numbers_in("영업이익률은 3.5%p 상승")
    assert (n.text, n.value, n.percent, n.currency) == ("3.5%p", 0.035, True, None)
    assert number_problem([0.00035], parse_unit("GBP"), "영업이익률은 3.5%p 상승") is not None


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("a dividend of 32.5p", 0.325, "GBP"),
        ("shares closed at 1,050p", 10.5, "GBP"),
        ("a yield of 5% p.a.", 0.05, "%"),
        ("a yield of 5%p.a.", 0.05, "%"),
    ],
)
def test_pence_and_per_annum_keep_their_readings(quote: str, value: float, unit: str) -> None:
    assert _states(quote, value, unit)
