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


def test_sensitivity_numbers_take_the_format_of_their_own_unit(tmp_path):
    # A tornado's output values are in the output's unit (TWD/share), not in the unit of the
    # input on the row (a growth rate in %): 1,442 TWD must not read 144,218.2%. A rank
    # correlation is a correlation whatever the input's unit.
    import openpyxl

    import model
    from model.results.formats import excel as xl

    thesis = model.load_thesis(ROOT / "assumptions" / "templates" / "growth-company.yaml")
    result = model.simulate(thesis, n_paths=500, seed=1, progress=False)
    found = [model.sensitivity(thesis), model.sensitivity(thesis, method="rank", result=result)]
    ws = openpyxl.load_workbook(result.to_excel(tmp_path / "s.xlsx", sensitivity=found))[
        "sensitivity"
    ]
    head = [c.value for c in ws[1]]
    rows = [dict(zip(head, r, strict=True)) for r in ws.iter_rows(min_row=2)]
    percent_inputs = [r for r in rows if r["unit"].value == "%"]
    assert {r["method"].value for r in percent_inputs} == {"tornado", "rank"}
    for r in percent_inputs:
        if r["method"].value == "tornado":
            assert r["low_value"].number_format == xl.PERCENT
            for name in ("output_at_low", "output_at_high", "swing", "central_value"):
                # an amount's format: two decimals, none from 1,000 up
                want = xl.INTEGER if abs(r[name].value) >= 1000 else xl.MONEY
                assert r[name].number_format == want, name
            assert r["output_unit"].value == "TWD/share"
        else:
            assert r["rho"].number_format == xl.RATIO
            assert r["contribution"].number_format == xl.PERCENT
