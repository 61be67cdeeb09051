"""The scenario table says what its P(up) is.

A regional bank's base case printed "P(up) 0.1%" next to "r/yr p50 3.3%": a chance of gain of
one in a thousand beside a positive median return, unless the reader knows that P(up) compares
today's value, discounted at the cost of equity, with the price. The r/yr column had its
legend line; P(up) had none.
"""

from __future__ import annotations

import re
from pathlib import Path

from model.cli.main import main

README = Path(__file__).resolve().parents[2] / "README.md"


def _thesis(tmp_path: Path, *, multiples_only: bool) -> Path:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- readme-example: example.yaml -->\n```yaml\n(.*?)```", text, re.S)
    assert found is not None
    body = found.group(1)
    if multiples_only:  # no discount rate: the values are year-end values
        body = body.replace(
            "      dcf: {weight: w_dcf, discount_rate: wacc, terminal_growth: long_growth}\n", ""
        ).replace("w_pe, multiple", "1, multiple")
    path = tmp_path / "thesis.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def _legend(out: str) -> str:
    lines = [x for x in out.splitlines() if x.strip().startswith("P(up):")]
    assert len(lines) == 1, out
    return lines[0]


def test_the_report_summary_defines_p_up_on_today_s_value(tmp_path):
    path = _thesis(tmp_path, multiples_only=False)
    args = ["--paths", "200", "--seed", "1", "--no-progress", "--no-charts", "-q"]
    assert main(["report", str(path), "--out", str(tmp_path / "out"), *args]) == 0
    summary = (tmp_path / "out" / "summary.txt").read_text(encoding="utf-8")
    legend = _legend(summary)
    assert "value today is above the price" in legend, legend
    assert "not the chance of a positive return" in legend, legend


def test_compare_without_a_cost_of_equity_defines_it_on_the_year_end_value(tmp_path, capsys):
    path = _thesis(tmp_path, multiples_only=True)
    args = ["--paths", "500", "--seed", "1", "--no-progress"]
    assert main(["compare", str(path), *args]) == 0
    legend = _legend(capsys.readouterr().out)
    assert "value per share at the end of 2030 is above the price" in legend, legend
