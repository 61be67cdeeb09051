"""The warnings about cash counted nowhere, twice, or not at all speak of what the run computes.

A thesis without a cost of equity states year-end values and returns from the price date, and
no today's value (a warning at ``model.valuation`` says so). The warnings at a leg's balance
must then not say what today's value does: they name the year-end values and the returns,
which is what such a run shows; with a cost of equity they keep naming today's value.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from test_dividends_leave_cash import THESIS as DIVIDENDS
from test_flows_kept import FLAT
from test_flows_kept import THESIS as FLOWS

import model
from model.errors import ThesisModelWarning

#: Each thesis with the line that states its cost of equity, and the words of its warning.
CASES = {
    "flows kept nowhere": (FLOWS.replace("NET_CASH", FLAT), "never keeps"),
    "dividends kept": (DIVIDENDS.replace("CASH", "cash[t-1] + earnings"), "counts twice"),
    # A DCF whose rate is an expression offers no cost of equity: only the valuation's does.
    "net_cash_today": (
        DIVIDENDS.replace("CASH", "cash[t-1] + earnings - dividends").replace(
            "{type: sotp, weight: 1, parts: {earnings: multiple}}",
            '{type: dcf, weight: 1, cash_flow: earnings, discount_rate: "ke + 0.0", '
            "terminal_growth: 0.01, net_cash_today: 0}",
        ),
        "net_cash_today",
    ),
}


def _said(tmp_path: Path, text: str, words: str) -> list[str]:
    path = tmp_path / "thesis.yaml"
    path.write_text(text, encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model.central(model.load_thesis(path))
    found = [str(w.message) for w in caught if issubclass(w.category, ThesisModelWarning)]
    return [m for m in found if words in m and "legs." in m]


@pytest.mark.parametrize("case", sorted(CASES))
def test_without_a_cost_of_equity_no_warning_speaks_of_todays_value(
    tmp_path: Path, case: str
) -> None:
    text, words = CASES[case]
    without = "\n".join(s for s in text.splitlines() if "cost_of_equity:" not in s) + "\n"
    said = _said(tmp_path, without, words)
    assert len(said) == 1, said
    assert "today's value falls" not in said[0] and "today's value credits" not in said[0]
    assert "today's value discounts" not in said[0], said[0]
    assert "return" in said[0], said[0]


@pytest.mark.parametrize("case", sorted(CASES))
def test_with_a_cost_of_equity_the_warning_names_todays_value(tmp_path: Path, case: str) -> None:
    text, words = CASES[case]
    said = _said(tmp_path, text, words)
    assert len(said) == 1, said
    assert "today's value" in said[0], said[0]
