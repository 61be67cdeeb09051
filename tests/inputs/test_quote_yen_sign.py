"""The sign ¥ is written for the yen and for the yuan: a quote with it supports either."""

from __future__ import annotations

import pytest

from model.inputs.sources.quotes import matches, number_problem, numbers_in
from model.inputs.units import parse_unit

QUOTE = "The trading segment earned operating profit of ¥118 billion"


@pytest.mark.parametrize(
    ("unit", "ok"),
    [("JPY bn", True), ("RMB bn", True), ("CNY bn", True), ("USD bn", False), ("EUR bn", False)],
)
def test_the_yen_sign_supports_yen_and_yuan_only(unit: str, ok: bool) -> None:
    u = parse_unit(unit)
    assert any(matches(q, 118, u) for q in numbers_in(QUOTE)) is ok


def test_a_yen_amount_quoted_with_the_sign_needs_no_rewording() -> None:
    assert number_problem([118.0], parse_unit("JPY bn"), QUOTE) is None
    # Another currency is still refused, naming what the quote has.
    problem = number_problem([118.0], parse_unit("USD bn"), QUOTE)
    assert problem is not None and "¥118 billion" in problem


def test_a_yen_per_share_price_quoted_with_the_sign() -> None:
    u = parse_unit("JPY/share")
    assert any(matches(q, 2800, u) for q in numbers_in("the shares closed at ¥2,800"))
