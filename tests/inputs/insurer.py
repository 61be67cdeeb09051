"""A small insurer thesis (the model in GBP m, its inputs in GBP bn, a price in pounds) for the
tests of scorecard claims: :func:`validate_claim` validates it with one claim of one's own."""

from __future__ import annotations

from pathlib import Path

from model.cli.main import main

INSURER = """\
format: 1
thesis:
  name: "An insurer on book value and dividends"
  company: Example Mutual Assurance plc
  as_of: 2025-01-02
  currency: GBP
  horizon: {first: 2025, last: 2030}
  price:
    value: 2.40
    unit: GBP/share
    source: {estimate: "An illustrative share price, a round figure for tests"}
assumptions:
  book_2025:
    {unit: GBP bn, value: 4.2, source: {estimate: "Shareholders' equity, a round figure for tests"}}
  shares_2025:
    {unit: shares bn, value: 5.8, source: {estimate: "Shares in issue, a round figure for tests"}}
  earnings_2025:
    {unit: GBP m, value: 680, source: {estimate: "Earnings this year, a round figure for tests"}}
  roe:
    {unit: "%", value: 0.16, source: {estimate: "Return on equity, a round figure for tests"}}
  payout:
    {unit: "%", value: 0.70, source: {estimate: "Earnings paid out, a round figure for tests"}}
  sub_debt:
    {unit: GBP bn, value: 1.6, source: {estimate: "Subordinated debt, a round figure for tests"}}
  net_debt_2025:
    {unit: GBP m, value: 300, source: {estimate: "Net debt, a round figure for tests"}}
  ke:
    {unit: "%", value: 0.09, source: {estimate: "Cost of equity, a round figure for tests"}}
  g_long:
    {unit: "%", value: 0.02, source: {estimate: "Dividend growth, a round figure for tests"}}
model:
  kind: lines
  currency: GBP m
  blocks:
    count: {type: share_count, shares: shares_2025}
  lines:
    earnings: {value: "book[t-1] * roe", start: earnings_2025, role: earnings}
    dividends: {value: earnings * payout, role: dividends}
    book: {value: "book[t-1] + earnings - dividends", start: book_2025}
    leverage: {value: sub_debt / (sub_debt + book)}
    debt_cover: {value: net_debt_2025 / earnings}
  valuation:
    cost_of_equity: ke
    legs:
      ddm: {weight: 1, discount_rate: ke, terminal_growth: g_long}
scorecard:
  the_claim:
    statement: "STATEMENT"
    label: "The claim under test"
"""


def validate_claim(folder: Path, statement: str, capsys) -> tuple[list[str], int, int]:
    """Validate the insurer with ``statement`` as its claim, in ``folder`` (the working
    directory, so messages name ``insurer.yaml``): (its warnings, the statement's line, the
    exit code)."""
    path = folder / "insurer.yaml"
    text = INSURER.replace("STATEMENT", statement)
    path.write_text(text, encoding="utf-8")
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "statement:" in t)
    capsys.readouterr()
    code = main(["validate", "insurer.yaml", "-q"])
    err = capsys.readouterr().err
    return [w for w in err.splitlines() if w.startswith(("warning", "error"))], line, code
