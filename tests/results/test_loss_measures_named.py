"""On today's basis the loss measures compare today's value with the price (a shortfall after
the cost of equity), not the total return: every table names them as ``thesis run`` does."""

from __future__ import annotations

from pathlib import Path

import pytest

import model

EXAMPLES = Path(__file__).resolve().parents[2] / "assumptions" / "examples"


@pytest.fixture(scope="module")
def bank():
    return model.simulate(EXAMPLES / "regional-bank.yaml", n_paths=400, seed=1)


def test_the_returns_table_names_today_s_value_against_the_price(bank) -> None:
    html = bank.returns()._repr_html_()
    assert "P(value today &lt; 70% of price)" in html or "P(value today < 70% of price)" in html
    assert "P(loss" not in html


def test_a_year_end_run_keeps_the_loss_wording(tmp_path) -> None:
    # The conglomerate without its cost of equity states year-end values only.
    japan = EXAMPLES / "japan-conglomerate.yaml"
    line = "    cost_of_equity: ke\n"
    path = tmp_path / "year-end.yaml"
    path.write_text(japan.read_text(encoding="utf-8").replace(line, ""), encoding="utf-8")
    thesis = model.load_thesis(path, allow_read=[japan.parent])
    year_end = model.simulate(thesis, n_paths=400, seed=1)
    assert "value_today" not in year_end.outputs
    assert "P(loss &gt; 30%)" in year_end.returns()._repr_html_()


def test_the_methods_say_what_they_measure(bank) -> None:
    view = bank.returns()
    assert "today" in view.p_loss.__doc__ and "today" in view.expected_shortfall.__doc__
    assert "value_today_by_year" in view.p_loss().statement
