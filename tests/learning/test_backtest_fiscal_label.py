"""A backtest names a fiscal year as every other table does: "Sales, FY2026" for a March
year end, "Sales, 2026" for a calendar year."""

from __future__ import annotations

from pathlib import Path

import pytest

import model
from model.learning import backtest


def _thesis(body: str, tmp_path: Path, year_end: str | None) -> Path:
    if year_end is not None:
        fiscal = f'as_of: 2025-06-30\n  fiscal_year_end: "{year_end}"'
        body = body.replace("as_of: 2025-06-30", fiscal)
    path = tmp_path / "thesis.yaml"
    path.write_text(body, encoding="utf-8")
    return path


@pytest.mark.parametrize(("year_end", "shown"), [("03-31", "FY2026"), (None, "2026")])
def test_the_realised_value_is_labelled_by_its_fiscal_year(
    readme_example, tmp_path, year_end, shown
) -> None:
    # A March year end read "Sales, 2026" in the backtest while the summary, the watch list
    # and the charts said FY2026: a reader could take it for the calendar year.
    run = model.simulate(
        model.load_thesis(_thesis(readme_example, tmp_path, year_end)), n_paths=2000, seed=1
    )
    table = backtest(run, {"sales[2026]": 900.0}).table
    assert table.loc["sales[2026]", "label"] == f"Sales, {shown}"
