"""Without a cost of equity, P(upside) says that it leaves out the dividends the returns count.

A payer valued at a P/E alone printed "P(upside): 24.0% (value > price)" over "Annual return
...: median 1.3%": the median path gains, yet fewer than one path in four shows upside. Both
are right: P(upside) compares the year-end value alone with the price, while the returns,
P(loss) and the expected shortfall count the dividends received on the way. Every place that
shows P(upside) beside those returns (the run's summary, the scenario table's legend, the
report page's column, the notebook view) now says so; the numbers are unchanged.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import model
from model.cli.main import main

THESIS = """\
format: 1
thesis:
  name: "A payer on a P/E"
  company: Payer Co
  as_of: 2025-06-30
  currency: HKD
  horizon: {first: 2025, last: 2028}
  price:
    value: 300.0
    unit: HKD/share
    date: 2025-06-15
    source: {estimate: "An illustrative share price"}
assumptions:
  e0: {unit: USD bn, value: 10, source: {estimate: "Earnings this year, illustrative"}}
  growth: {unit: "%", value: 0.10, source: {estimate: "Earnings growth, illustrative"}}
  cash0: {unit: USD bn, value: 20, source: {estimate: "Net cash this year, illustrative"}}
  shares0: {unit: shares bn, value: 2, source: {estimate: "Shares outstanding, illustrative"}}
  fx: {unit: HKD/USD, value: 7.8, source: {estimate: "The currency peg, illustrative"}}
  pe:
    unit: x
    dist: lognormal
    median: 1.5
    sigma: 0.8
    source: {estimate: "Where the shares have traded, illustrative"}
  payout: {unit: "%", value: 0.4, source: {estimate: "Payout policy, illustrative"}}
  ke: {unit: "%", value: 0.09, source: {estimate: "Cost of equity, illustrative"}}
model:
  kind: lines
  currency: USD bn
  fx_to_price: fx
  blocks:
    count: {type: share_count, shares: shares0}
    cashb: {type: net_cash, start: cash0, inflow: earnings, dividends: div}
  lines:
    earnings: {value: "earnings[t-1] * (1 + growth)", start: e0, role: earnings}
    div: {value: payout * earnings, role: dividends}
  valuation:
COST
    legs:
      pe: {weight: 1, multiple: pe}
"""
SAID = "dividends not counted"


def _path(tmp_path: Path, *, cost: bool) -> Path:
    path = tmp_path / "payer.yaml"
    path.write_text(THESIS.replace("COST", "    cost_of_equity: ke" if cost else ""), "utf-8")
    return path


@pytest.mark.parametrize("cost", [False, True])
def test_run_says_what_p_upside_leaves_out(tmp_path: Path, capsys, cost: bool) -> None:
    args = ["--paths", "2000", "--seed", "1", "--no-progress"]
    assert main(["run", str(_path(tmp_path, cost=cost)), *args]) == 0
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if x.startswith("P(upside):"))
    assert (SAID in line) is not cost, line
    if not cost:  # the contradiction it explains: a median gain, most paths below the price
        median = next(x for x in out.splitlines() if x.startswith("Annual return"))
        assert "median -" not in median and float(line.split()[1].rstrip("%")) < 50.0, out


@pytest.mark.parametrize("cost", [False, True])
def test_report_says_it_in_the_legend_and_the_page(tmp_path: Path, cost: bool) -> None:
    folder = tmp_path / "out"
    args = ["--paths", "500", "--seed", "1", "--no-progress", "--no-charts", "-q"]
    assert main(["report", str(_path(tmp_path, cost=cost)), "--out", str(folder), *args]) == 0
    summary = (folder / "summary.txt").read_text(encoding="utf-8")
    legend = next(x for x in summary.splitlines() if x.strip().startswith("P(up):"))
    assert (SAID in legend) is not cost, legend
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert ("P(value &gt; price, dividends not counted)" in page) is not cost


@pytest.mark.parametrize("cost", [False, True])
def test_the_notebook_view_says_it(tmp_path: Path, cost: bool) -> None:
    result = model.simulate(model.load_thesis(_path(tmp_path, cost=cost)), n_paths=500, seed=1)
    assert (SAID in result._repr_html_()) is not cost
    assert (SAID in result.returns()._repr_html_()) is not cost


@pytest.mark.parametrize("cost", [False, True])
def test_report_files_say_it_where_they_give_p_upside(tmp_path: Path, cost: bool) -> None:
    """The value charts' captions and alt texts, the folder's index (the column p_upside of its
    tables) and the workbook's notes sheet; the charts and the column names are unchanged."""
    openpyxl = pytest.importorskip("openpyxl")
    folder = tmp_path / "out"
    args = ["--paths", "300", "--seed", "1", "--no-progress", "-q", "--xlsx"]
    assert main(["report", str(_path(tmp_path, cost=cost)), "--out", str(folder), *args]) == 0
    page = (folder / "index.html").read_text(encoding="utf-8")
    said = "the dividends received on the way are not counted"
    chart = "base/charts/value_today_histogram.png" if cost else "base/charts/value_histogram.png"
    figure = page[page.index(f'<figure id="{chart}">') :]
    figure = figure[: figure.index("</figure>")]
    assert (figure.count(said) == 2) is not cost, figure[:60] + figure[-400:]  # alt and caption
    fan = page[page.index('<figure id="base/charts/fan_earnings.png">') :]
    assert said not in fan[: fan.index("</figure>")]
    index = (folder / "README.txt").read_text(encoding="utf-8")
    assert ("(column p_upside of the tables)" in index) is not cost, index[:800]
    assert "p_upside" in (folder / "scenarios.csv").read_text(encoding="utf-8").splitlines()[0]
    book = openpyxl.load_workbook(folder / "report.xlsx", read_only=True)
    notes = [r[0] for r in book["notes"].iter_rows(values_only=True)] if "notes" in book else []
    assert any(said in str(n) for n in notes) is not cost, notes
