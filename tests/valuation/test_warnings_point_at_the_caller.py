"""A warning of the toolkit points at the caller's line, not at the library line that found
it (which would show the package's source instead of the user's code)."""

from __future__ import annotations

import textwrap
import warnings
from pathlib import Path

import model
from model.errors import ThesisModelWarning

# Dividends bear interest on the net debt the leg also adds: the debt counts twice.
THESIS = textwrap.dedent(
    """\
    format: 1
    thesis:
      name: Levered utility
      company: Levered utility
      as_of: 2025-06-30
      currency: EUR
      horizon: {first: 2025, last: 2028}
      price: {value: 20, unit: EUR/share, source: {estimate: "An illustrative share price"}}
    assumptions:
      ebit_2025: {unit: EUR m, value: 2000, source: {estimate: "Operating profit this year"}}
      debt_2025: {unit: EUR m, value: -15000, source: {estimate: "Net debt as negative cash"}}
      rate: {unit: "%", value: 0.04, source: {estimate: "Cost of the bond book"}}
      payout: {unit: "%", value: 0.7, source: {estimate: "Payout policy of the board"}}
      ke: {unit: "%", value: 0.08, source: {estimate: "Cost of equity for a utility"}}
      g: {unit: "%", value: 0.02, source: {estimate: "Long-run nominal growth"}}
      shares_2025: {unit: shares m, value: 500, source: {estimate: "Shares at the year end"}}
    model:
      kind: lines
      currency: EUR m
      blocks:
        cash: {type: net_cash, start: debt_2025, inflow: ebit, dividends: dividends, rate: rate}
        count: {type: share_count, shares: shares_2025}
      lines:
        ebit: {value: ebit_2025, role: ebit}
        earnings: {value: "ebit + interest", role: earnings}
        dividends: {value: "payout * earnings", role: dividends}
      valuation:
        legs:
          ddm: {weight: 1, discount_rate: ke, terminal_growth: g, net_cash: net_cash}
    """
)


def test_the_cash_counted_twice_warning_names_the_callers_file(tmp_path: Path) -> None:
    path = tmp_path / "levered.yaml"
    path.write_text(THESIS, encoding="utf-8")
    thesis = model.load_thesis(path)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model.simulate(thesis, n_paths=1000, seed=1)
    said = [w for w in caught if "counts twice" in str(w.message)]
    assert said, [str(w.message) for w in caught]
    assert all(issubclass(w.category, ThesisModelWarning) for w in said)
    assert {w.filename for w in caught if issubclass(w.category, UserWarning)} == {__file__}
