"""The workbook's scenarios sheet says which value its value columns are."""

from __future__ import annotations

from pathlib import Path

import pytest

import model

openpyxl = pytest.importorskip("openpyxl")

EXAMPLES = Path(__file__).resolve().parents[2] / "assumptions" / "examples"


def _row(path: Path) -> dict[str, object]:
    wb = openpyxl.load_workbook(path, read_only=True)
    head, first = list(wb["scenarios"].iter_rows(min_row=1, max_row=2, values_only=True))
    return dict(zip(head, first, strict=True))


def test_todays_value_is_named_as_such(tmp_path):
    # Value per share at 2030 has a median near 47; today's value of holding to 2030, which
    # the columns hold, near 36: "value_p50" beside "year 2030" read as the former.
    result = model.simulate(EXAMPLES / "regional-bank.yaml", n_paths=500, seed=1)
    row = _row(result.to_excel(tmp_path / "bank.xlsx", max_paths=0))
    assert row["value_basis"] == (
        "value today (2025-11-28) of holding to 2030-12-31, at the cost of equity"
    )
    assert row["value_p50"] == pytest.approx(result.returns_table().loc[2030, "value_p50"])


def _year_end(tmp_path: Path) -> model.Thesis:
    """The conglomerate without its cost of equity: the run states year-end values only."""
    japan = EXAMPLES / "japan-conglomerate.yaml"
    text = japan.read_text(encoding="utf-8")
    line = "    cost_of_equity: ke\n"
    assert line in text
    path = tmp_path / "year-end.yaml"
    path.write_text(text.replace(line, ""), encoding="utf-8")
    return model.load_thesis(path, allow_read=[japan.parent])


def test_a_year_end_value_is_named_as_such(tmp_path):
    # A run that states no today's value measures the year-end value per share.
    result = model.simulate(_year_end(tmp_path), n_paths=500, seed=1)
    row = _row(result.to_excel(tmp_path / "year-end.xlsx", max_paths=0))
    assert row["value_basis"] == "value per share at the end of FY2030 (2030-03-31), undiscounted"
    assert row["value_p50"] == pytest.approx(result.quantiles("value_per_share", 0.5).iloc[-1, 0])


@pytest.mark.parametrize("today", [True, False])
def test_a_march_year_is_named_by_its_end_as_in_scenarios_csv(tmp_path, today):
    # "holding to 2030" left a reader of a March year end guessing which twelve months: the
    # sheet says the day, in the words of scenarios.csv.
    thesis = EXAMPLES / "japan-conglomerate.yaml" if today else _year_end(tmp_path)
    result = model.simulate(thesis, n_paths=300, seed=1)
    row = _row(result.to_excel(tmp_path / "japan.xlsx", max_paths=0))
    assert row["value_basis"] == (
        "value today (2025-06-30) of holding to 2030-03-31, at the cost of equity"
        if today
        else "value per share at the end of FY2030 (2030-03-31), undiscounted"
    )
