"""The warnings about the thesis' dates speak of today's value only when the run states one.

A price quoted months before the valuation date, or a first model year that begins after it,
is warned about by every command that reads the thesis. Without a cost of equity the run
states no today's value (a warning at ``model.valuation`` says so), so these warnings must
speak of the returns, which run from the price date, not of a today's value there is none of.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from model.cli.main import main

THESIS = """\
format: 1
thesis:
  name: "Dated checks"
  company: Dated Co
  as_of: 2025-01-01
  currency: USD
  horizon: {first: 2026, last: 2028}
  price:
    value: 100.0
    unit: USD/share
    date: 2024-06-01
    source: {estimate: "An illustrative share price"}
assumptions:
  e0: {unit: USD m, value: 100, source: {estimate: "Earnings this year, illustrative"}}
  cash0: {unit: USD m, value: 200, source: {estimate: "Net cash this year, illustrative"}}
  shares0: {unit: shares m, value: 10, source: {estimate: "Shares outstanding, illustrative"}}
  pe: {unit: x, value: 10, source: {estimate: "An exit multiple, illustrative"}}
  ke: {unit: "%", value: 0.1, source: {estimate: "Cost of equity, illustrative"}}
model:
  kind: lines
  currency: USD m
  blocks:
    count: {type: share_count, shares: shares0}
  lines:
    earnings: {value: e0, role: earnings}
    net_cash: {value: "net_cash[t-1] + earnings", start: cash0, role: net_cash}
  valuation:
    cost_of_equity: ke
    legs:
      pe: {weight: 1, multiple: pe}
"""


@pytest.mark.parametrize("cost", [True, False])
def test_the_date_warnings_name_what_the_run_states(tmp_path: Path, capsys, cost: bool) -> None:
    text = THESIS if cost else THESIS.replace("    cost_of_equity: ke\n", "")
    path = tmp_path / "dated.yaml"
    path.write_text(text, encoding="utf-8")
    assert main(["validate", str(path), "-q"]) == 0
    err = capsys.readouterr().err.splitlines()
    stale = [x for x in err if "thesis.price.date:" in x]
    gap = [x for x in err if "thesis.horizon.first:" in x and "begins after" in x]
    assert len(stale) == 1 and len(gap) == 1, err
    for line in (*stale, *gap):
        assert ("today's value" in line) is cost, line
        assert cost or "returns" in line, line
    assert (any("no cost of equity" in x for x in err)) is not cost, err


def test_without_a_cost_of_equity_the_date_warnings_say_what_is_true_and_what_to_do() -> None:
    from model.valuation.finance.dates import ValuationDates, price_date_warning

    stale = price_date_warning("2025-11-27", "2025-02-17", today=False)
    assert stale is not None
    # One sentence that ends in what to do, not an aside followed by a dangling 'or'.
    assert stale.message.endswith(
        "(the model has no cost of equity, so it states no value as of that date); to measure "
        "them from the valuation date, quote a price of 2025-11-27"
    ), stale.message
    (gap,) = ValuationDates.of("2025-01-01", [2026, 2027]).warnings(today=False)
    # The returns do span the uncovered time; what is missing is the company's cash in it.
    assert "the returns run over that time with nothing earned or paid in it" in gap.message
    assert "leave that time out" not in gap.message, gap.message
