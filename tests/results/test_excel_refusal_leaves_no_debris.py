"""A workbook that cannot be written (a table it needs refuses) fails with that reason alone:
nothing half-written is left to complain later."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import pytest

import model
from model.errors import SettingsError

pytest.importorskip("openpyxl")

SAAS = Path(__file__).resolve().parents[2] / "assumptions" / "examples" / "saas-subscription.yaml"


def test_a_refused_workbook_leaves_no_open_sheet_behind(tmp_path, monkeypatch):
    lean = model.simulate(model.load_thesis(SAAS), n_paths=200, seed=4, keep=["revenue"])
    unraisable: list[object] = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    with pytest.raises(SettingsError, match="streamed"):  # the scorecard reads 'ebit'
        lean.to_excel(tmp_path / "lean.xlsx")
    gc.collect()
    # The sheets started before the refusal were write-only generators left open: collected,
    # each printed "Exception ignored ... I/O operation on closed file" under the cell.
    assert unraisable == []
    assert not (tmp_path / "lean.xlsx").exists()
