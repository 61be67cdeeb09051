"""``implied`` checks its target: a one-value target takes no year, the price is no goal for a
target in another unit (a multiple), and a target the assumption does not move is said so."""

from __future__ import annotations

from pathlib import Path

import pytest

import model
from model.cli.main import main
from model.valuation.finance.implied import ImpliedError

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "assumptions" / "templates" / "growth-company.yaml"


@pytest.fixture(scope="module")
def thesis():
    return model.load_thesis(TEMPLATE)


def test_a_year_for_todays_value_is_refused(thesis):
    with pytest.raises(ImpliedError, match="value_today has one value per path; it takes no year"):
        model.implied(thesis, solve_for="growth_early", target="value_today", year=2027)


def test_a_year_for_a_per_year_target_is_kept(thesis):
    found = model.implied(thesis, solve_for="growth_early", target="value_per_share", year=2026)
    assert found.target == "value_per_share[2026]"


def test_the_price_is_no_goal_for_a_multiple(thesis):
    with pytest.raises(ImpliedError, match="exit_ev_sales is in x, the price in TWD/share"):
        model.implied(thesis, solve_for="growth_early", target="exit_ev_sales")


def test_a_target_the_assumption_does_not_move_is_named(thesis):
    with pytest.raises(ImpliedError) as info:
        model.implied(thesis, solve_for="growth_early", target="exit_ev_sales", equals=1.0)
    message = str(info.value)
    assert "does not depend on 'growth_early'" in message
    assert "widen the range" not in message


def test_the_command_line_refuses_them_as_bad_input(capsys):
    base = ["implied", str(TEMPLATE), "--solve-for", "growth_early"]
    assert main([*base, "--target", "value_today", "--year", "2027"]) == 2
    assert main([*base, "--target", "exit_ev_sales"]) == 2
    err = capsys.readouterr().err
    assert "takes no year" in err and "cannot be set equal" in err and "Traceback" not in err
