"""A realised ratio is shown in the unit its entry states, and the backtest prints fractions
and percentiles as percentages.

A realised operating margin (``ebit[2026] / sales[2026]``, unit ``%``) was listed in the unit of
the expression's first line, EUR m, beside a value of 0.149; the percentile of every row was
printed as a bare fraction (0.6716 for the 67th percentile).
"""

from __future__ import annotations

import re
from pathlib import Path

import model
from model.cli.main import main
from model.learning import backtest

README = Path(__file__).resolve().parents[2] / "README.md"

REALISED = """format: 1
realised:
  sales_2026:
    quantity: "sales[2026]"
    unit: EUR m
    value: 905
    source: {estimate: "Reported sales in the 2026 annual report"}
  margin_2026:
    quantity: "ebit[2026] / sales[2026]"
    unit: "%"
    value: 0.149
    source: {estimate: "Reported operating margin in the 2026 annual report"}
"""


def _files(tmp_path: Path) -> tuple[Path, Path]:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- readme-example: example.yaml -->\n```yaml\n(.*?)```", text, re.S)
    assert found is not None
    thesis = tmp_path / "example.yaml"
    thesis.write_text(found.group(1), encoding="utf-8")
    realised = tmp_path / "realised.yaml"
    realised.write_text(REALISED, encoding="utf-8")
    return thesis, realised


def test_the_ratio_keeps_its_stated_unit(tmp_path: Path) -> None:
    thesis, realised = _files(tmp_path)
    result = model.simulate(model.load_thesis(thesis), n_paths=2000, seed=1, progress=False)
    table = backtest(result, realised).table
    assert table.loc["ebit[2026] / sales[2026]", "unit"] == "%"
    assert table.loc["sales[2026]", "unit"] == "EUR m"
    # Without a stated unit a ratio of two amounts is a pure number, not the first line's unit.
    bare = backtest(result, {"ebit[2026] / sales[2026]": 0.149, "sales[2026]": 905.0}).table
    assert bare.loc["ebit[2026] / sales[2026]", "unit"] in ("", "1")
    assert bare.loc["sales[2026]", "unit"] == "EUR m"


def test_the_printed_backtest_shows_percentages(tmp_path: Path, capsys) -> None:
    thesis, realised = _files(tmp_path)
    argv = ["backtest", str(thesis), "--realised", str(realised), "--paths", "2000", "--seed", "1"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    margin = next(line for line in out.splitlines() if line.startswith("ebit[2026] / sales"))
    assert "EUR m" not in margin and "14.90%" in margin, margin
    for line in out.splitlines():
        if line.startswith(("ebit[2026]", "sales[2026]")):
            assert re.search(r"\d+(\.\d+)?%$", line.rstrip()), line  # the percentile column
