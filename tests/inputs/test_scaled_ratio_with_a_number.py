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


DECLARED = {
    "customers": parse_unit("count m"),
    "stores": parse_unit("k"),
    "users": parse_unit("1 m"),
    "share": parse_unit("share"),
    "earnings": parse_unit("TWD bn"),
    "shares": parse_unit("shares m"),
    "price": parse_unit("TWD/share"),
}
DECLARED_VALUES = {
    "customers": np.array([50.0]),
    "stores": np.array([2.0]),
    "users": np.array([3.0]),
    "share": np.array([0.5]),
    "earnings": np.array([50.0]),
    "shares": np.array([25_000.0]),
    "price": np.array([40.0]),
}


def _declared(text: str) -> float:
    compiled = compile_expression(text)
    names = {n: DECLARED_VALUES[n] for n in compiled.names}
    return float(compiled.evaluate(names, years=(), units=DECLARED)[0])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A declared scale is the unit a bare number beside it is in: five million customers.
        ("customers + 5", 55.0),
        ("customers * 1.1 + 5", 60.0),
        ("customers > 51", False),
        ("customers * share + 5", 30.0),
        ("-customers < -49", True),
        ("max(customers, 60)", 60.0),
        ("stores + 1", 3.0),
        ("users + 1", 4.0),
        ("(customers + 5) / 5", 11.0),
        # A price over earnings per share (TWD bn over shares m) is the plain P/E of 20.
        ("price / (earnings / shares) > 15", True),
        ("price / (earnings / shares) < 25", True),
        ("max(price / (earnings / shares), 30)", 30.0),
    ],
)
def test_a_declared_scale_keeps_its_unit_beside_a_bare_number(text: str, expected) -> None:
    assert _declared(text) == pytest.approx(float(expected))
