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
    assert err.startswith("error: --bounds: expected two finite numbers") and "\n" not in err


def test_a_wide_range_still_finds_the_root_it_brackets():
    # The root was refined to a tolerance scaled by the bracket's far end: searching an exit
    # multiple over 0 .. 1e100 answered 0x (its value there is half the price), exit 0.
    thesis = model.load_thesis(TEMPLATE)
    near = model.implied(thesis, solve_for="ev_sales_exit", bounds=(0.0, 100.0))
    wide = model.implied(thesis, solve_for="ev_sales_exit", bounds=(0.0, 1e100))
    assert wide.value == pytest.approx(near.value, rel=1e-9)
    assert wide.value > 0.1


def test_points_without_a_value_ask_to_narrow_the_range_and_read_short():
    with pytest.raises(ThesisModelError) as info:
        model.implied(model.load_thesis(TEMPLATE), solve_for="ev_sales_exit", bounds=(0, 1e308))
    text = str(info.value)
    assert "has no value at" in text and "narrow the range" in text, text
    assert "1e+308" in text and "000,000" not in text, text


def test_a_misspelt_fixed_assumption_is_suggested():
    # sales_2025 is fixed but solvable with bounds; its near miss was answered with a list of
    # the uncertain assumptions only, which leaves it out.
    with pytest.raises(ThesisModelError, match="did you mean sales_2025") as info:
        model.implied(model.load_thesis(TEMPLATE), solve_for="sales_2052")
    assert "known:" not in str(info.value)
