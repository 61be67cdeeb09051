"""``to_excel(max_paths=...)`` of the wrong kind is the project's ExportError, named plainly,
not a TypeError from deep in the workbook code; a numpy integer is a whole number."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import model
from model.errors import ExportError

pytest.importorskip("openpyxl")

ROOT = Path(__file__).resolve().parents[2]
THESIS = ROOT / "assumptions" / "templates" / "growth-company.yaml"


@pytest.fixture(scope="module")
def result():
    return model.simulate(model.load_thesis(THESIS), n_paths=200, seed=1)


@pytest.mark.parametrize("bad", ["5", 1.5, None, True, -1])
def test_max_paths_of_the_wrong_kind_is_refused(result, tmp_path, bad):
    with pytest.raises(ExportError, match=r"max_paths must be a whole number, 0 or more \(got "):
        result.to_excel(tmp_path / "r.xlsx", max_paths=bad)
    assert not (tmp_path / "r.xlsx").exists()


def test_a_numpy_integer_is_a_whole_number(result, tmp_path):
    assert result.to_excel(tmp_path / "r.xlsx", max_paths=np.int64(10)).is_file()
