"""Text longer than an Excel cell holds is cut in the workbook with a note saying so.

An Excel cell holds 32,767 characters, and openpyxl cuts longer text there without a word, so
a long rationale lost its end in the ``ledger`` sheet while reading as complete. The workbook
now ends such a cell with a note giving the text's full length; the CSV ledger keeps it whole.
"""

from __future__ import annotations

from pathlib import Path

import pytest

openpyxl = pytest.importorskip("openpyxl")

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "assumptions" / "templates" / "growth-company.yaml"
SHORT = "This year's sales of the one product line (illustrative)"
LONG = "Sales build up from the order book, line by line. " * 800  # 40,800 characters


def test_a_long_rationale_is_cut_with_a_note(tmp_path):
    import model

    text = TEMPLATE.read_text(encoding="utf-8")
    assert SHORT in text
    path = tmp_path / "thesis.yaml"
    path.write_text(text.replace(SHORT, LONG.strip()), encoding="utf-8")
    result = model.simulate(model.load_thesis(path), n_paths=200, seed=1)
    book = result.to_excel(tmp_path / "out.xlsx")
    ws = openpyxl.load_workbook(book)["ledger"]
    cells = [c for row in ws.iter_rows(values_only=True) for c in row if isinstance(c, str)]
    long = [c for c in cells if c.startswith("Sales build up")]
    assert len(long) == 1
    cell = long[0]
    assert len(cell) == 32_767
    assert cell.endswith(f"the text has {len(LONG.strip()):,}]"), cell[-120:]
    assert LONG.strip().startswith(cell[: cell.index(" [... cut")])
    result.export(tmp_path / "out", overwrite=True)
    ledger = (tmp_path / "out" / "ledger.csv").read_text(encoding="utf-8")
    assert LONG.strip() in ledger


def _units(text: str) -> int:
    """The length Excel gives ``text``: UTF-16 code units."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


@pytest.mark.parametrize(
    ("text", "whole"),
    [
        ("\U0001f600" * 20_000, False),  # 20,000 characters, 40,000 units
        ("a" * 32_766 + "\U0001f600", False),  # 32,767 characters, one unit too many
        ("a" * 32_765 + "\U0001f600", True),  # exactly 32,767 units
        ("a" * 32_767, True),
        ("\u00e9" * 40_000, False),  # in the Basic Multilingual Plane: one unit each
    ],
)
def test_excel_counts_characters_outside_the_bmp_as_two(text, whole):
    from model.results.formats.cells import CELL_CHARS, cell_text

    cell = cell_text(text)
    if whole:
        assert cell == text
        return
    assert _units(cell) <= CELL_CHARS
    head = cell[: cell.index(" [... cut")]
    # The cut keeps whole characters (no lone half of a pair) and drops only what must go.
    assert text.startswith(head)
    assert _units(cell) >= CELL_CHARS - 1
    assert cell.endswith(f"the text has {_units(text):,}]")
