"""``implied(cost_of_equity=...)`` discounts today's value at the rate given, also when the
thesis' model already states today's value (it was ignored), and refuses a rate it cannot use:
as ``valuation.cost_of_equity`` in a thesis, a number must be a fraction between 0 and 1 (a 9
is a percentage slipped in)."""

from __future__ import annotations

from pathlib import Path

import pytest

import model
from model.valuation.finance.implied import ImpliedError

TEMPLATE = Path(__file__).resolve().parents[2] / "assumptions" / "templates" / "growth-company.yaml"


@pytest.fixture(scope="module")
def thesis():
    return model.load_thesis(TEMPLATE)


def test_the_rate_given_changes_the_answer(thesis):
    def solve(rate):
        found = model.implied(
            thesis, solve_for="growth_early", equals=1500, bounds=(-0.5, 3), cost_of_equity=rate
        )
        return found.value

    own, low, high = solve(None), solve(0.05), solve(0.2)
    # A higher discount rate lowers today's value: more growth is needed to reach 1,500.
    assert low < own < high


@pytest.mark.parametrize(
    ("rate", "message"),
    [(float("nan"), "between 0 and 1"), (-1.5, "between 0 and 1"), (True, "between 0 and 1"),
     (9, r"between 0 and 1, as a fraction: write 9% as 0.09 \(got 9\)"),
     (-0.1, r"between 0 and 1.*\(got -0.1\)"), (0.0, "between 0 and 1"),
     ("ke_typo", "cost of equity 'ke_typo' is not known")],
)  # fmt: skip
def test_a_rate_it_cannot_use_is_refused(thesis, rate, message):
    with pytest.raises(ImpliedError, match=message):
        model.implied(thesis, solve_for="growth_early", cost_of_equity=rate)


def test_a_target_that_does_not_use_it_is_refused(thesis):
    with pytest.raises(ImpliedError, match="the target value_per_share does not use it"):
        model.implied(
            thesis, solve_for="growth_early", target="value_per_share", cost_of_equity=0.1
        )


def test_an_infinite_goal_is_refused(thesis):
    with pytest.raises(ImpliedError, match="equals must be a finite number"):
        model.implied(thesis, solve_for="growth_early", equals=float("inf"))
