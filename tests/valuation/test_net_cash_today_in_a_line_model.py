"""A leg's ``net_cash_today`` changes nothing in a line model (its legs state year-end values;
today's value is the model's, from the value per share held to a year end): it is warned at
its line rather than taken silently, and today's value is the same with it or without it."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from test_dividends_leave_cash import THESIS

import model
from model.errors import ThesisModelWarning

LEG = "parts: {type: sotp, weight: 1, parts: {earnings: multiple}}"
DCF = (
    "parts: {type: dcf, weight: 1, cash_flow: earnings, discount_rate: ke, "
    "terminal_growth: 0.01OPENING}"
)
TEXT = THESIS.replace("CASH", "cash[t-1] + earnings - dividends").replace(LEG, DCF)


def _central(tmp_path: Path, opening: str) -> tuple[Path, float, list[str]]:
    path = tmp_path / "holding.yaml"
    path.write_text(TEXT.replace("OPENING", opening), encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = model.central(model.load_thesis(path))
    found = [str(w.message) for w in caught if issubclass(w.category, ThesisModelWarning)]
    return (
        path,
        float(out["value_today"]),
        [m for m in found if "net_cash_today" in m.split(".yaml:", 1)[-1]],
    )


def test_net_cash_today_is_warned_and_changes_nothing(tmp_path: Path) -> None:
    path, plain, quiet = _central(tmp_path, "")
    assert not quiet
    _, given, messages = _central(tmp_path, ", net_cash_today: -debt_2025")
    assert given == pytest.approx(plain, rel=1e-12)
    line = 1 + TEXT.splitlines().index(next(s for s in TEXT.splitlines() if "type: dcf" in s))
    assert len(messages) == 1, messages
    assert messages[0].startswith(
        f"{path}:{line}: model.valuation.legs.parts.net_cash_today: changes nothing in a line model"
    ), messages[0]


def test_a_negative_net_cash_today_flags_no_path_of_a_flows_to_equity_leg(tmp_path: Path) -> None:
    # The leg itself flags a balance below zero on flows to equity; in a line model the key
    # enters no number, so it must flag nothing either, or the run would call every path invalid.
    # (the year-end balance is a net debt here: the leg is given none, so no path is flagged)
    fcfe = TEXT.replace("type: dcf, weight: 1, cash_flow:", "type: dcf_fcfe, weight: 1, fcfe:")
    fcfe = fcfe.replace("OPENING", ", net_cash: 0OPENING")
    runs = []
    for opening in ("", ", net_cash_today: -debt_2025"):
        path = tmp_path / f"fcfe{len(runs)}.yaml"
        path.write_text(fcfe.replace("OPENING", opening), encoding="utf-8")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ThesisModelWarning)
            runs.append(model.simulate(model.load_thesis(path), n_paths=64, seed=1))
    plain, given = runs
    assert given.invalid["invalid_parts"] == plain.invalid["invalid_parts"] == 0
    assert given.final("value_today").tolist() == plain.final("value_today").tolist()


def test_a_dividend_discount_leg_is_not_told_net_cash_today_counts_twice(tmp_path: Path) -> None:
    # It enters no number, so the one warning at the key says so, not that cash counts twice.
    ddm = TEXT.replace(
        "type: dcf, weight: 1, cash_flow: earnings", "type: ddm, weight: 1, dividends: dividends"
    )
    path = tmp_path / "ddm.yaml"
    path.write_text(ddm.replace("OPENING", ", net_cash_today: -debt_2025"), encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model.central(model.load_thesis(path))
    said = [str(w.message) for w in caught if ".net_cash_today:" in str(w.message)]
    assert len(said) == 1 and "changes nothing in a line model" in said[0], said
