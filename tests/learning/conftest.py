"""Small synthetic thesis files for the learning tests: two vintages of one company."""

from __future__ import annotations

from pathlib import Path

import pytest

_THESIS = """\
format: 1
thesis:
  name: "Example vintage {as_of}"
  company: Example Co
  as_of: {as_of}
  currency: EUR
  horizon: {{first: {first}, last: {last}}}
  price:
    value: {price}
    unit: EUR/share
    date: {as_of}
    source: {{estimate: "The price on the valuation date"}}
{extra_top}
assumptions:
  sales_start:
    unit: EUR bn
    value: {sales}
    source: {{estimate: "Sales in the first year of the horizon"}}
  growth:
    unit: "%"
    dist: normal
    mean: {growth}
    sd: 0.03
    source: {{estimate: "Yearly growth of sales over the horizon"}}
  margin:
    unit: "%"
    dist: normal
    mean: {margin}
    sd: 0.02
    source: {{estimate: "Net margin on sales over the horizon"}}
  pe_exit:
    unit: x
    dist: lognormal
    ci90: [{pe_lo}, {pe_hi}]
    source: {{estimate: "Price to earnings multiple at the exit year"}}
  shares_now:
    unit: shares bn
    value: 1
    source: {{estimate: "Shares outstanding, no dilution assumed"}}
  cost_of_equity:
    unit: "%"
    value: {coe}
    source: {{estimate: "Cost of equity used for discounting"}}
{extra_assumptions}
model:
  kind: lines
  currency: EUR bn
  blocks:
    count:
      type: share_count
      shares: shares_now
  lines:
    sales:
      value: sales[t-1] * (1 + growth)
      start: sales_start
      role: revenue
    earnings:
      value: sales * margin
      role: earnings
    cash_to_equity:
      value: earnings * 0.8
      role: fcfe
  valuation:
    legs:
      pe: {{weight: 0.5, multiple: pe_exit}}
      dcf_fcfe: {{weight: 0.5, discount_rate: cost_of_equity, terminal_growth: 0.02}}
{extra_bottom}"""

OLD = dict(
    as_of="2022-06-30", first=2022, last=2026, price=100, sales=10, growth=0.10, margin=0.20,
    pe_lo=10, pe_hi=20, coe=0.10, extra_top="", extra_bottom="",
    extra_assumptions=(
        "  legacy_note:\n    unit: \"%\"\n    value: 0.5\n"
        "    source: {estimate: \"Kept in the old vintage only\"}\n"
    ),
)  # fmt: skip
NEW = dict(
    as_of="2025-06-30", first=2025, last=2030, price=120, sales=13, growth=0.07, margin=0.24,
    pe_lo=12, pe_hi=26, coe=0.09, extra_top="", extra_bottom="", extra_assumptions="",
)  # fmt: skip


def write_thesis(path: Path, **fields: object) -> Path:
    """Write one synthetic vintage (``fields`` override :data:`NEW`)."""
    path.write_text(_THESIS.format(**{**NEW, **fields}), encoding="utf-8")
    return path


@pytest.fixture()
def vintage_pair(tmp_path: Path) -> tuple[Path, Path]:
    """(old, new): a 2022 and a 2025 vintage of one small thesis, in one folder."""
    old = write_thesis(tmp_path / "example-2022.yaml", **OLD)
    new = write_thesis(tmp_path / "example.yaml", **NEW)
    return old, new


@pytest.fixture()
def write_vintage():
    """The writer of synthetic vintages: ``write_vintage(path, **fields)``."""
    return write_thesis
