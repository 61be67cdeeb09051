"""``--json`` says what the returns' values are and the dates they run over.

The ``returns`` records hold ``value_p50`` and ``years_ahead``: today's value of holding to the
year (discounted at the cost of equity) for a thesis with a cost of equity, the undiscounted
year-end value per share for one valued on multiples alone, with the years counted from the
price's date, or from the first model year. Nothing in the document said which, nor gave the
valuation date, the price's date, the fiscal year end or the date each year ends, so a script
compared today's value with a year-end value, or a year-end with a calendar year end.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
SAAS = ROOT / "assumptions" / "examples" / "saas-subscription.yaml"


def _multiples_only(tmp_path: Path) -> Path:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- readme-example: example.yaml -->\n```yaml\n(.*?)```", text, re.S)
    assert found is not None
    dcf = "      dcf: {weight: w_dcf, discount_rate: wacc, terminal_growth: long_growth}\n"
    body = found.group(1).replace(dcf, "").replace("w_pe, multiple", "1, multiple")
    path = tmp_path / "multiples.yaml"
    path.write_text(body, encoding="utf-8")
    return path


@pytest.mark.parametrize("command", ["run", "compare"])
def test_a_cost_of_equity_gives_todays_value_over_real_dates(capsys, command) -> None:
    argv = [command, str(SAAS), "--paths", "1000", "--seed", "1", "--json"]
    assert main(argv) == 0
    doc = json.loads(capsys.readouterr().out)
    settings = doc["settings"]
    assert settings["as_of"] == "2025-09-30" and settings["price_date"] == "2025-09-30"
    assert settings["fiscal_year_end"] == "01-31"
    assert doc["returns_basis"] == "value_today"
    # A run's rows are per year; a comparison's per scenario, at the exit year.
    last = [r for r in doc["returns"] if r.get("year", doc["exit_year"]) == doc["exit_year"]]
    assert last and all(r["year_end"] == "2031-01-31" for r in last), last


def test_multiples_alone_give_year_end_values(tmp_path: Path, capsys) -> None:
    argv = ["run", str(_multiples_only(tmp_path)), "--paths", "1000", "--seed", "1", "--json"]
    assert main(argv) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["returns_basis"] == "year_end"
    assert doc["settings"]["as_of"] == "2025-06-30" and doc["settings"]["price_date"] is None
    assert doc["settings"]["fiscal_year_end"] == "12-31"
    assert {r["year_end"] for r in doc["returns"]} >= {"2030-12-31"}
