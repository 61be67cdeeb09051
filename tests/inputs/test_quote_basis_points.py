"""Rates quoted in basis points: "50 basis points" and "25bp" state 0.005 and 0.0025."""

from __future__ import annotations

import pytest

from model.inputs.sources.quotes import matches, number_problem, numbers_in
from model.inputs.units import parse_unit

FRACTION = parse_unit("%")


@pytest.mark.parametrize(
    ("quote", "fraction"),
    [
        ("the central bank could lift its policy rate by 50 basis points", 0.005),
        ("spreads widened by 1 basis point", 0.0001),
        ("a cut of 25bp in March", 0.0025),
        ("margins rose 35 bps on the year", 0.0035),
        ("a 25-basis-point hike in July", 0.0025),
        ("raised its policy rate by 0.25 percentage points", 0.0025),
        ("the margin widened by 1.5 percentage point", 0.015),
    ],
)
def test_basis_points_support_the_fraction(quote: str, fraction: float) -> None:
    # Central banks and bond desks quote rate moves in basis points; such a quote used to be
    # read as a bare 50 that no rate written as a fraction could match.
    (found,) = numbers_in(quote)
    assert found.percent and found.value == pytest.approx(fraction, rel=1e-12)
    assert matches(found, fraction, FRACTION)
    assert number_problem([fraction], FRACTION, quote) is None


def test_basis_points_are_not_whole_percent() -> None:
    # 50 bp is half a point, not 50%: the whole-percentage reading must still be refused.
    assert number_problem([0.5], FRACTION, "a rise of 50 basis points") is not None


def test_a_bare_b_is_still_billions() -> None:
    (found,) = numbers_in("revenue of $4.2b in the year")
    assert found.value == pytest.approx(4.2e9) and not found.percent
