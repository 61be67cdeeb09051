"""The workbook writes yen (and other currencies without cents) and figures of 1,000 or more
without decimals: ``#,##0``, not ``#,##0.00``."""

from __future__ import annotations

import pytest

openpyxl = pytest.importorskip("openpyxl")

import model  # noqa: E402
from model.cli.authoring import starter_text  # noqa: E402
from model.results.formats import excel as xl  # noqa: E402


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    # A J-REIT: a unit price of JPY 265,000 (the event starter is a thesis in JPY).
    text = starter_text("event")
    old = "    value: 2900\n    unit: JPY/share"
    assert old in text
    folder = tmp_path_factory.mktemp("reit")
    path = folder / "reit.yaml"
    path.write_text(text.replace(old, "    value: 265000\n    unit: JPY/share"), "utf-8")
    result = model.simulate(path, n_paths=200, seed=4, progress=False)
    out = folder / "reit.xlsx"
    result.to_excel(out, max_paths=50)
    return result, openpyxl.load_workbook(out)


def _cells(ws, name):
    head = [c.value for c in ws[1]]
    return [row[head.index(name)] for row in ws.iter_rows(min_row=2)]


def test_yen_per_share_has_no_decimals(book):
    result, wb = book
    ws = wb["summary"]
    units, means = _cells(ws, "unit"), _cells(ws, "mean")
    per_share = [m for u, m in zip(units, means, strict=True) if u.value == "JPY/share"]
    assert per_share
    assert {c.number_format for c in per_share} == {xl.INTEGER}
    scenarios = wb["scenarios"]
    (price,) = _cells(scenarios, "price")
    assert price.value == pytest.approx(result.price)
    for name in ("price", "value_p50", "value_mean"):
        (cell,) = _cells(scenarios, name)
        assert cell.number_format == xl.INTEGER, name
    paths = wb["paths"]
    assert paths.cell(2, 3).value == "JPY/share"  # the unit row names value_per_share's unit
    head = [c.value for c in paths[1]]
    assert head[2] == f"value_per_share[{result.exit_year}]"
    assert {row[2].number_format for row in paths.iter_rows(min_row=3)} == {xl.INTEGER}


def test_amounts_keep_decimals_below_1000_and_lose_them_above(book):
    _, wb = book
    ws = wb["summary"]
    units, means = _cells(ws, "unit"), _cells(ws, "mean")
    money = [m for u, m in zip(units, means, strict=True) if u.value == "JPY bn"]
    small = [c for c in money if c.value is not None and abs(c.value) < 1000]
    large = [c for c in money if c.value is not None and abs(c.value) >= 1000]
    assert small and {c.number_format for c in small} == {xl.MONEY}
    assert {c.number_format for c in large} <= {xl.INTEGER}


def test_formats_by_unit():
    assert xl.number_format("mean", "JPY/share") == xl.INTEGER
    assert xl.number_format("mean", "KRW") == xl.INTEGER
    # scaled amounts and FX rates keep their decimals: JPY 1.25 bn is not JPY 1 bn
    assert xl.number_format("mean", "JPY bn") == xl.MONEY
    assert xl.number_format("mean", "JPY/USD") == xl.MONEY
    assert xl.number_format("mean", "USD/share") == xl.MONEY
    assert xl.cell_format("mean", "HKD/share", 265_000.0) == xl.INTEGER
    assert xl.cell_format("mean", "HKD/share", 265.5) == xl.MONEY
    assert xl.cell_format("mean", "%", 12.0) == xl.PERCENT
