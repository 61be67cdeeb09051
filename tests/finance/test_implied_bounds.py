"""Bounds given to ``implied`` are checked as given: reversed, equal or not finite is said so.

``--bounds 5 1`` used to be answered "has no range to search ...; a fixed assumption needs
explicit bounds", though the bounds were explicit, and ``nan`` passed into the message.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

import model
from model.cli.main import main
from model.errors import ThesisModelError

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "assumptions" / "templates" / "growth-company.yaml"


@pytest.mark.parametrize("bounds", [(5.0, 1.0), (1.0, 1.0), (math.nan, 1.0), (0.0, math.inf)])
def test_bad_bounds_are_named_as_such(bounds):
    with pytest.raises(ThesisModelError, match="bounds: expected two finite numbers") as info:
        model.implied(model.load_thesis(TEMPLATE), solve_for="sales_2025", bounds=bounds)
    assert "needs explicit bounds" not in str(info.value)


def test_bounds_outside_a_distributions_range_say_so():
    with pytest.raises(ThesisModelError, match="lie outside the values 'growth_early' can take"):
        model.implied(model.load_thesis(TEMPLATE), solve_for="growth_early", bounds=(-5, -1))


def test_the_command_line_exits_2_with_one_line(capsys):
    code = main(["implied", str(TEMPLATE), "--solve-for", "sales_2025", "--bounds", "5", "1"])
    assert code == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: bounds: expected two finite numbers") and "\n" not in err
