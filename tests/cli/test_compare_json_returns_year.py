"""``compare --json`` keys each returns row by its ``year``, as ``run --json`` and the
export's ``returns.csv`` do. Its rows (one per scenario, at the exit year) left the key out,
so a pipeline joining them with a run's rows or the CSV on (scenario, year) lost them."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from model.cli.main import main

SAAS = str(Path(__file__).resolve().parents[2] / "assumptions/examples/saas-subscription.yaml")


def test_compare_json_returns_rows_have_the_year_of_the_csv(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "cmp"
    args = ["compare", SAAS, "--paths", "300", "--seed", "4", "--no-charts", "--out", str(out)]
    assert main([*args, "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    rows = doc["returns"]
    assert rows and all(r["year"] == doc["exit_year"] for r in rows)
    csv = pd.read_csv(out / "returns.csv")
    # The same keys as the CSV's columns, in its order (the JSON adds only year_end).
    assert [k for k in rows[0] if k != "year_end"] == list(csv.columns)
    at_exit = csv[csv["year"] == doc["exit_year"]].set_index("scenario")
    for row in rows:
        assert row["value_p50"] == at_exit.loc[row["scenario"], "value_p50"]
