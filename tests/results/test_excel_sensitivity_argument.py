"""``to_excel(sensitivity=...)`` takes a list of sensitivity results, checked before writing."""

from __future__ import annotations

from pathlib import Path

import pytest

import model
from model.errors import ExportError

pytest.importorskip("openpyxl")

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "assumptions" / "templates" / "growth-company.yaml"


@pytest.fixture(scope="module")
def thesis():
    return model.load_thesis(TEMPLATE)


@pytest.fixture(scope="module")
def result(thesis):
    return model.simulate(thesis, n_paths=64, seed=1)


@pytest.mark.parametrize("given", ["tornado", ["tornado"], [3], {"a": 1}, 5])
def test_anything_but_results_is_refused_and_nothing_is_written(result, tmp_path, given):
    target = tmp_path / "book.xlsx"
    with pytest.raises(ExportError, match="sensitivity must"):
        result.to_excel(target, sensitivity=given)
    assert not target.exists()


def test_a_single_result_not_in_a_list_says_so(thesis, result, tmp_path):
    tornado = model.sensitivity(thesis, method="tornado")
    with pytest.raises(ExportError, match="must be a list of results"):
        result.to_excel(tmp_path / "book.xlsx", sensitivity=tornado)
    assert result.to_excel(tmp_path / "ok.xlsx", sensitivity=[tornado, None]).is_file()
