"""The loss measures say what they measure: on today's basis (a thesis with a cost of equity)
they compare today's value with the price, which is not a total return; on the year-end basis
they are the total return."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from model.cli.main import main

README = Path(__file__).resolve().parents[2] / "README.md"
DATA = Path(__file__).parents[1] / "valuation" / "data" / "multi_legs.yaml"
LEGS = {
    "today": "dcf: {weight: 1.0, discount_rate: wacc, terminal_growth: long_growth}",
    "year_end": "pe: {weight: 1.0, multiple: pe_exit}",
}


def _run(tmp_path: Path, capsys: pytest.CaptureFixture[str], basis: str) -> str:
    path = tmp_path / "thesis.yaml"
    path.write_text(DATA.read_text().replace("LEGS", LEGS[basis]))
    assert main(["run", str(path), "--paths", "2000", "--seed", "1"]) == 0
    return capsys.readouterr().out


def test_on_todays_basis_the_shortfall_is_not_called_a_total_return(tmp_path, capsys):
    out = _run(tmp_path, capsys, "today")
    assert "Value today (" in out, out
    assert "P(value < 70% of price):  " in out, out
    assert "value today vs the price" in out, out
    shortfall = next(line for line in out.splitlines() if line.startswith("Expected shortfall"))
    assert "total return" not in shortfall, out


def test_on_the_year_end_basis_the_shortfall_is_a_total_return(tmp_path, capsys):
    out = _run(tmp_path, capsys, "year_end")
    assert "Value today (" not in out, out
    assert "P(loss worse than 30%):   " in out, out
    assert "% total return" in out, out


def test_the_notebook_view_names_the_basis_too(tmp_path):
    import model
    from model.results.display.views import _returns_rows

    path = tmp_path / "thesis.yaml"
    path.write_text(DATA.read_text().replace("LEGS", LEGS["today"]))
    result = model.simulate(model.load_thesis(path), n_paths=2000, seed=1)
    labels = [label for label, _ in _returns_rows(result)]
    assert "P(value today < 70% of price)" in labels
    assert "expected shortfall (worst 5%, value today vs price)" in labels


def test_the_shortfall_of_a_tail_that_gains_carries_a_plus(tmp_path, capsys):
    # Priced far below every path, the worst 5% still gain: the line read "Expected shortfall
    # (5%):  120.5%", which says a loss.
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- readme-example: example.yaml -->\n```yaml\n(.*?)```", text, re.S)
    assert found is not None and "    value: 38.0\n" in found.group(1)
    path = tmp_path / "cheap.yaml"
    path.write_text(found.group(1).replace("    value: 38.0\n", "    value: 12.0\n"))
    assert main(["run", str(path), "--paths", "2000", "--seed", "1"]) == 0
    out = capsys.readouterr().out
    (line,) = [ln for ln in out.splitlines() if ln.startswith("Expected shortfall (5%):")]
    assert re.match(r"Expected shortfall \(5%\):  \+\d+\.\d% value today vs the price$", line)
