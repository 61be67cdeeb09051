"""A small thesis for the sensitivity tests whose outputs are closed-form in its inputs."""

from __future__ import annotations

from pathlib import Path

import pytest

import model

THESIS = """\
format: 1
thesis:
  name: "Linear example"
  company: Example Co
  as_of: 2025-06-30
  currency: EUR
  horizon: {first: 2025, last: 2027}
  price:
    value: 100
    unit: EUR/share
    date: 2025-06-30
    source: {estimate: "The price on the valuation date"}
assumptions:
  a:
    unit: EUR bn
    dist: normal
    mean: 10
    sd: 1
    source: {estimate: "Sales of the first product line"}
  b:
    unit: EUR bn
    dist: normal
    mean: 5
    sd: 2
    source: {estimate: "Sales of the second product line"}
  shares_now:
    unit: shares bn
    value: 1
    source: {estimate: "Shares outstanding, no dilution assumed"}
model:
  kind: lines
  currency: EUR bn
  blocks:
    count:
      type: share_count
      shares: shares_now
  lines:
    sales:
      value: a + 2 * b
      role: revenue
    earnings:
      value: sales * 0.1
      role: earnings
  valuation:
    legs:
      pe: {weight: 1, multiple: 10}
"""


@pytest.fixture()
def linear_thesis(tmp_path: Path) -> model.Thesis:
    """``sales = a + 2 b`` with ``a ~ N(10, 1)``, ``b ~ N(5, 2)``; value 10 x 10% of sales."""
    path = tmp_path / "linear.yaml"
    path.write_text(THESIS, encoding="utf-8")
    with pytest.warns(model.errors.ThesisModelWarning):  # no cost of equity: year-end values
        return model.load_thesis(path)


@pytest.fixture()
def linear_text() -> str:
    """The text of :func:`linear_thesis`, for tests that add to it."""
    return THESIS
