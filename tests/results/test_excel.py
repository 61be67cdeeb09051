"""The Excel workbook, read back with openpyxl: sheets, units, number formats, frozen headers."""

from __future__ import annotations

import hashlib

import numpy as np
import pytest

openpyxl = pytest.importorskip("openpyxl")

from model.errors import ThesisModelError  # noqa: E402
from model.results.comparison import ComparisonResult  # noqa: E402
from model.results.formats import excel as xl  # noqa: E402

THESIS = "assumptions/alibaba.yaml"
N = 600


@pytest.fixture(scope="module")
def trio() -> ComparisonResult:
    from model.scenarios import compare

    return compare(THESIS, ["base", "bull", "bear"], n_paths=N, seed=7)


@pytest.fixture(scope="module")
def tornado(trio):
    from model.sensitivities import sensitivity

    return sensitivity(trio.thesis, method="tornado")


@pytest.fixture(scope="module")
def book(trio, tornado, tmp_path_factory):
    path = tmp_path_factory.mktemp("xlsx") / "alibaba.xlsx"
    trio.to_excel(path, sensitivity=[tornado], max_paths=300)
    return path, openpyxl.load_workbook(path)


def rows(ws, header_rows=1):
    values = list(ws.iter_rows(values_only=True))
    head = values[0]
    return head, [dict(zip(head, r, strict=True)) for r in values[header_rows:]]


def column(ws, name):
    head = [c.value for c in ws[1]]
    return head.index(name) + 1


def test_every_sheet_has_a_frozen_header_widths_and_a_filter(book):
    _, wb = book
    assert wb.sheetnames == list(xl.SHEETS)
    for ws in wb:
        assert ws.freeze_panes == ("A3" if ws.title == "paths" else "A2"), ws.title
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A")
        assert all(ws.column_dimensions[c].width >= 8 for c in ("A", "B")), ws.title
        assert ws["A1"].font.b
    assert wb.properties.creator == xl.CREATOR


def test_summary_has_units_dimensions_and_formats_by_unit(book, trio):
    _, wb = book
    ws = wb["summary"]
    head, table = rows(ws)
    assert list(head[:7]) == ["scenario", "output", "year", "unit", "n", "mean", "mean_se"]
    assert "p50_se" in head and not any(str(h).startswith(("se_", "q0")) for h in head)
    assert len(table) == sum(len(r.summary()) for r in trio.results.values())
    base = trio["base"].summary()
    by_key = {(r["scenario"], r["output"], r["year"]): (i + 2, r) for i, r in enumerate(table)}
    row_no, row = by_key[("bull", "value_per_share", 2030)]
    assert row["unit"] == "HKD/share"
    assert row["p50"] == pytest.approx(trio["bull"].summary().loc[("value_per_share", 2030), "p50"])
    mean = column(ws, "mean")
    se = column(ws, "mean_se")
    assert ws.cell(row_no, mean).number_format == xl.MONEY
    # a share reads as a percentage, its error with one more decimal
    share = next(k for k in base.index if base.loc[k, "unit"] == "share")
    row_no, row = by_key[("base", *share)]
    assert row["unit"] == "share"
    assert ws.cell(row_no, mean).number_format == xl.PERCENT
    assert ws.cell(row_no, se).number_format == xl.PERCENT_FINE
    assert ws.cell(row_no, column(ws, "n")).number_format == xl.INTEGER
    assert ws.cell(row_no, column(ws, "year")).number_format == "0"


def test_scenarios_scorecard_ledger_and_sensitivity(book, trio, tornado):
    _, wb = book
    head, table = rows(wb["scenarios"])
    assert [r["scenario"] for r in table] == ["base", "bull", "bear"]
    returns = trio.returns_table()
    for r in table:
        assert r["p_upside"] == pytest.approx(returns.loc[r["scenario"], "p_upside"])
        assert r["p_upside_se"] == pytest.approx(returns.loc[r["scenario"], "p_upside_se"])
    # A comparison's weights are the thesis' own (the blend's), not left empty.
    from model.results.values import thesis_weights

    weights = thesis_weights(trio.thesis)
    assert [r["weight"] for r in table] == [pytest.approx(weights[r["scenario"]]) for r in table]
    ws = wb["scenarios"]
    assert ws.cell(2, column(ws, "p_upside")).number_format == xl.PERCENT
    assert ws.cell(2, column(ws, "value_p50")).number_format == xl.MONEY
    assert ws.cell(2, column(ws, "n_paths")).number_format == xl.INTEGER

    head, card = rows(wb["scorecard"])
    assert {"scenario", "claim", "probability", "probability_se", "statement"} <= set(head)
    assert len(card) == 3 * len(trio["base"].scorecard())
    assert wb["scorecard"].cell(2, column(wb["scorecard"], "probability")).number_format == (
        xl.PERCENT
    )

    head, ledger = rows(wb["ledger"])
    assert {"applies_to", "name", "unit", "document", "quote", "rationale"} <= set(head)
    price = next(r for r in ledger if r["name"] == "price" and r["applies_to"] == "base")
    assert price["quote"] == "Alibaba's stock reached a peak of 129.5 HKD"
    assert {r["applies_to"] for r in ledger} >= {"base", "bull", "bear"}

    head, sens = rows(wb["sensitivity"])
    assert [r["rank"] for r in sens] == list(range(1, len(tornado.bars) + 1))
    assert {r["method"] for r in sens} == {"tornado"}
    assert sens[0]["input"] == tornado.bars[0].input
    assert sens[0]["swing"] == pytest.approx(tornado.bars[0].swing)


def test_paths_sample_is_capped_paired_and_labelled_with_units(book, trio):
    _, wb = book
    ws = wb["paths"]
    values = list(ws.iter_rows(values_only=True))
    head, units, body = values[0], values[1], values[2:]
    assert len(body) == 300  # max_paths rows in all: 100 per scenario
    assert head[:3] == ("scenario", "path", "value_per_share[2030]")
    assert units[2] == "HKD/share"
    bull = [r for r in body if r[0] == "bull"]
    assert [r[1] for r in bull] == list(range(100))
    np.testing.assert_allclose([r[2] for r in bull], trio["bull"].final("value_per_share")[:100])
    # today's value has one value per path: no year in its heading; per-year outputs keep it
    one_value = [k for k in trio["bull"].outputs if trio["bull"].outputs[k].ndim == 1]
    assert one_value
    for name in one_value:
        assert name in head and f"{name}[2030]" not in head
    assert all("[" in h for h in head[2:] if h not in one_value)


def test_same_results_give_the_same_bytes_and_overwrite_is_guarded(trio, tmp_path):
    one, two = tmp_path / "one.xlsx", tmp_path / "two.xlsx"
    trio["base"].to_excel(one, max_paths=50)
    trio["base"].to_excel(two, max_paths=50)
    digest = [hashlib.sha256(p.read_bytes()).hexdigest() for p in (one, two)]
    assert digest[0] == digest[1]
    with pytest.raises(ThesisModelError, match="already exists; pass overwrite=True"):
        trio["base"].to_excel(one)
    trio["base"].to_excel(one, overwrite=True, max_paths=0)  # our own file: replaced
    assert "paths" not in openpyxl.load_workbook(one).sheetnames
    foreign = tmp_path / "mine.xlsx"
    foreign.write_bytes(b"a spreadsheet the analyst made")
    with pytest.raises(ThesisModelError, match="not written by thesis-model"):
        trio["base"].to_excel(foreign, overwrite=True)
    assert foreign.read_bytes() == b"a spreadsheet the analyst made"
    with pytest.raises(ThesisModelError, match=r"\.xlsx"):
        trio["base"].to_excel(tmp_path / "book.csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.xlsx", "one.xlsx", "two.xlsx"]


def test_number_formats_follow_names_and_units():
    assert xl.number_format("mean", "share") == xl.PERCENT
    assert xl.number_format("p95_se", "%") == xl.PERCENT_FINE
    assert xl.number_format("mean", "USD bn") == xl.MONEY
    assert xl.number_format("S1_conf") == xl.PERCENT_FINE
    assert xl.number_format("rho_low") == xl.RATIO
    assert xl.number_format("n") == xl.INTEGER


def test_years_ahead_keeps_its_fraction_of_a_year():
    # 5.87 years from the price's date to the end of 2030 must not read as 6 in the workbook.
    assert xl.number_format("years_ahead") == "0.00"
    assert xl.number_format("year") == xl.PLAIN_INTEGER
