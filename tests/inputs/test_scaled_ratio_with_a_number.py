"""A ratio of amounts in different scales (``TWD bn / TWD m``, a pure number in thousands)
beside a bare number is the plain ratio: a scorecard claim ``operating_profit[2029] / sales_m >
0.3`` (a 50% margin, sales given in millions) compared a thousandth of the ratio with 0.3 and
was scored at 0% instead of about 99%."""

from __future__ import annotations

import numpy as np
import pytest

from model.inputs.expressions.expr import compile_expression
from model.inputs.units import parse_unit

UNITS = {"profit": parse_unit("TWD bn"), "sales_m": parse_unit("TWD m"), "m": parse_unit("%")}
VALUES = {"profit": np.array([9.0]), "sales_m": np.array([18_000.0]), "m": np.array([0.45])}


def _value(text: str) -> float:
    compiled = compile_expression(text)
    names = {n: VALUES[n] for n in compiled.names}
    return float(compiled.evaluate(names, years=(), units=UNITS)[0])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("profit / sales_m > 0.4", True),
        ("profit / sales_m > 0.6", False),
        ("0.4 < profit / sales_m", True),
        ("profit / sales_m * 100 > 40", True),
        ("profit / sales_m + 1", 1.5),
        ("max(profit / sales_m, 0.1)", 0.5),
        ("0.1 if profit > 100 else profit / sales_m", 0.5),
        # Unchanged: a bare number beside an amount is in the amount's unit, and two ratios
        # are compared at their common scale.
        ("profit > 8", True),
        ("profit / sales_m > m", True),
    ],
)
def test_a_scaled_ratio_meets_a_bare_number_as_the_plain_ratio(text: str, expected) -> None:
    assert _value(text) == pytest.approx(float(expected))
