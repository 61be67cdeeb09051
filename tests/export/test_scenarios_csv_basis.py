"""``scenarios.csv`` says what its value columns hold, in what unit, against what price.

The table put ``year`` 2030 beside ``value_p50``, read as that year's value per share, while
it held today's value of holding to 2030, discounted at the cost of equity; neither the unit
nor the price the returns and P(upside) are measured against was in the file. The workbook's
scenario sheet already said its basis.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from model.cli.main import main

README = Path(__file__).resolve().parents[2] / "README.md"


def _table(tmp_path: Path, *, multiples_only: bool) -> pd.DataFrame:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- readme-example: example.yaml -->\n```yaml\n(.*?)```", text, re.S)
    assert found is not None
    body = found.group(1).replace(
        "as_of: 2025-06-30", 'as_of: 2025-06-30\n  fiscal_year_end: "06-30"'
    )
    if multiples_only:  # no discount rate: the values are year-end values
        body = body.replace(
            "      dcf: {weight: w_dcf, discount_rate: wacc, terminal_growth: long_growth}\n", ""
        ).replace("w_pe, multiple", "1, multiple")
    path = tmp_path / "example.yaml"
    path.write_text(body, encoding="utf-8")
    out = tmp_path / "out"
    args = ["--paths", "200", "--seed", "1", "--no-progress", "--no-charts", "-q"]
    assert main(["report", str(path), "--out", str(out), *args]) == 0
    return pd.read_csv(out / "scenarios.csv")


def test_today_s_value_is_named_with_its_dates_unit_and_price(tmp_path):
    row = _table(tmp_path, multiples_only=False).iloc[0]
    assert row["value_basis"] == (
        "value today (2025-06-30) of holding to 2030-06-30, at the cost of equity"
    )
    assert row["unit"] == "EUR/share" and row["price"] == 38.0


def test_a_year_end_value_says_it_is_not_discounted(tmp_path):
    row = _table(tmp_path, multiples_only=True).iloc[0]
    assert row["value_basis"] == "value per share at the end of FY2030 (2030-06-30), undiscounted"
