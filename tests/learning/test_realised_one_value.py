"""A realised: file takes a quantity with one value per path (a static assumption, an exit
multiple) as backtest() does; only a per-year quantity needs its year. The file used to refuse
any quantity without a year, suggesting 'exit_ev_sales[2024]', which the run then refused."""

from __future__ import annotations

from pathlib import Path

import pytest

import model
from model.errors import StatementError

TEMPLATE = Path(__file__).resolve().parents[2] / "assumptions" / "templates" / "growth-company.yaml"
ENTRY = """format: 1
realised:
  multiple:
    quantity: {quantity}
    unit: x
    value: 3
    source: {{estimate: "The multiple the shares traded on at the end of the horizon"}}
"""


@pytest.fixture(scope="module")
def run():
    return model.simulate(model.load_thesis(TEMPLATE), n_paths=256, seed=11)


def _file(tmp_path: Path, quantity: str) -> Path:
    path = tmp_path / "realised.yaml"
    path.write_text(ENTRY.format(quantity=quantity), encoding="utf-8")
    return path


def test_a_one_value_quantity_in_a_file_backtests_as_in_the_api(run, tmp_path):
    from_file = model.backtest(run, _file(tmp_path, "exit_ev_sales")).table
    from_api = model.backtest(run, {"exit_ev_sales": 3.0}).table
    assert (
        from_file.loc["exit_ev_sales", "percentile"] == from_api.loc["exit_ev_sales", "percentile"]
    )


def test_a_per_year_quantity_without_its_year_is_still_refused_at_its_entry(run, tmp_path):
    with pytest.raises(StatementError) as info:
        model.backtest(run, _file(tmp_path, "sales"))
    message = str(info.value)
    assert "realised.yaml:4: realised.multiple:" in message
    assert "'sales' must give one value per path (add a [year])" in message
