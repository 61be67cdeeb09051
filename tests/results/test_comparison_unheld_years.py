"""A comparison reads a dated output as missing in the years nothing is held to.

``SimulationResult.summary`` gives today's value and the dated returns ``n`` 0 in a year that
ends on or before the valuation date; the comparison's summary showed a value compounded back
to that past date and a 0 % return, and a paired difference of 0 % between the scenarios.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest

import model
from model.errors import EmptySampleError

_SPEC = importlib.util.spec_from_file_location(
    "returns_unheld_years", Path(__file__).parent / "test_returns_unheld_years.py"
)
assert _SPEC is not None and _SPEC.loader is not None
_MODULE = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(_MODULE)

SCENARIO = """\
scenarios:
  bull:
    label: "Bull case"
    rationale: {estimate: "Multiples expand on better growth"}
    overrides:
      pe: {unit: x, value: 14, source: {estimate: "A higher exit multiple in the bull case"}}
"""


@pytest.fixture(scope="module")
def comparison(tmp_path_factory: pytest.TempPathFactory) -> model.ComparisonResult:
    path = Path(tmp_path_factory.mktemp("late")) / "late.yaml"
    path.write_text(_MODULE.THESIS + SCENARIO, encoding="utf-8")
    return model.compare(model.load_thesis(path), ["base", "bull"], n_paths=50, seed=1)


@pytest.mark.parametrize("output", ["value_today_by_year", "return_dated"])
def test_comparison_summary_of_a_past_year_is_missing(
    comparison: model.ComparisonResult, output: str
) -> None:
    table = comparison.summary(output, 2027)  # FY2027 ended before 31 March 2028
    assert (table["n"] == 0).all()
    assert table["mean"].isna().all() and table["p50"].isna().all()
    assert np.isnan(comparison["base"].final(output, 2027)).all()


def test_difference_in_a_past_year_says_why(comparison: model.ComparisonResult) -> None:
    with pytest.raises(EmptySampleError, match="nothing is held to 2027"):
        comparison.difference("bull", "base", "return_dated", 2027)


def test_difference_in_the_year_held_is_by_hand(comparison: model.ComparisonResult) -> None:
    # FY2028: the bull case adds 4 turns of 133.1 earnings a share of 1/20, discounted 91 days.
    diff = comparison.difference("bull", "base", "value_today_by_year", 2028)
    expected = 4 * 100 * 1.1**3 / 20 / 1.1 ** (91 / 365)
    assert diff.mean == pytest.approx(expected, rel=1e-12)
