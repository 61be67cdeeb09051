"""A percentage states a fraction, never a multiple: "Return on equity was 16%" is 0.16 in
``%``, and no ``x`` value of 0.16."""

from __future__ import annotations

import pytest

from model.inputs.sources.quotes import number_problem
from model.inputs.units import parse_unit


@pytest.mark.parametrize(
    ("quote", "value"),
    [
        ("Return on equity was 16% in 2024", 0.16),
        ("Shares trade at 0.6x tangible book, with ROE of 8%", 0.08),
        ("Net debt was 2.5 times EBITDA and the payout 25%", 0.25),
        ("La rentabilidad sobre recursos propios fue del 16 %", 0.16),
        ("Die Eigenkapitalrendite lag bei 16 Prozent", 0.16),
        ("自己資本利益率は16%だった", 0.16),
    ],
)
def test_a_percentage_supports_no_multiple(quote: str, value: float) -> None:
    # roe: {unit: x, value: 0.16} validated against "16%", while "%" against "£1.6bn" did not.
    problem = number_problem([value], parse_unit("x"), quote)
    assert problem is not None and "is a percentage, not a multiple" in problem
    assert 'write unit: "%"' in problem
    assert number_problem([value], parse_unit("%"), quote) is None


@pytest.mark.parametrize(
    ("quote", "value"),
    [
        ("Shares trade at 1.4x book value", 1.4),
        ("Shares trade at 1.4 times tangible book", 1.4),
        ("The stock trades at 12x earnings with a 5% yield", 12),
        ("The EV/EBITDA multiple is 8.5x, a 20% discount to peers", 8.5),
    ],
)
def test_a_multiple_is_still_read(quote: str, value: float) -> None:
    assert number_problem([value], parse_unit("x"), quote) is None


@pytest.mark.parametrize(
    ("quote", "value"),
    [
        ("Shares trade at 60% of tangible book value", 0.6),
        ("The stock trades at 150% of book", 1.5),
        ("Net debt was 300% of EBITDA", 3),
        ("La acción cotiza al 60 % del valor contable", 0.6),
        ("The dividend cover is 200%", 2),
        ("The solvency ratio was 180%", 1.8),
    ],
)
def test_a_percentage_of_a_base_may_state_a_multiple(quote: str, value: float) -> None:
    # 60% of book is 0.6 times book, a price-to-book multiple of 0.6x; a cover of 200% is 2x.
    assert number_problem([value], parse_unit("x"), quote) is None
