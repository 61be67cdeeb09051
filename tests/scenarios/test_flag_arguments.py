"""Flags of the Python API are True or False: ``"no"`` is true to Python and used to keep
inputs, show a progress bar or replace an earlier export and workbook."""

from __future__ import annotations

from pathlib import Path

import pytest

import model
from model.errors import ExportError, SettingsError

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "assumptions" / "templates" / "growth-company.yaml"


@pytest.fixture(scope="module")
def thesis():
    return model.load_thesis(TEMPLATE)


@pytest.fixture(scope="module")
def result(thesis):
    return model.simulate(thesis, n_paths=64, seed=1)


@pytest.mark.parametrize("value", ["no", None, 0])
def test_keep_inputs(thesis, value):
    with pytest.raises(SettingsError, match="keep_inputs must be True or False"):
        model.simulate(thesis, n_paths=64, seed=1, keep_inputs=value)


@pytest.mark.parametrize("value", ["no", 0])
def test_progress(thesis, value):
    with pytest.raises(SettingsError, match="progress must be True, False or None"):
        model.simulate(thesis, n_paths=64, seed=1, progress=value)


def test_an_export_is_replaced_only_with_overwrite_true(result, tmp_path):
    folder = tmp_path / "run"
    result.export(folder)
    before = (folder / "manifest.json").read_bytes()
    with pytest.raises(ExportError, match="overwrite must be True or False, got 'no'"):
        result.export(folder, overwrite="no")
    assert (folder / "manifest.json").read_bytes() == before
    assert result.export(folder, overwrite=True) == folder


def test_a_workbook_is_replaced_only_with_overwrite_true(result, tmp_path):
    pytest.importorskip("openpyxl")
    book = tmp_path / "run.xlsx"
    result.to_excel(book)
    with pytest.raises(ExportError, match="overwrite must be True or False, got 'no'"):
        result.to_excel(book, overwrite="no")
    assert result.to_excel(book, overwrite=True) == book
