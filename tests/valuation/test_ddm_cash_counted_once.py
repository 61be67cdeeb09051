"""A dividend discount is the holders' value already: it adds no net cash unless told to.

The dividends are paid out of the balance sheet, so discounting them values that cash; adding
the net cash too (or subtracting a net debt) would count it twice. The leg adds none by
default, and a thesis that names a balance for it is warned at that line.
"""

from __future__ import annotations

import textwrap
import warnings
from pathlib import Path

import numpy as np
import pytest

import model
from model.errors import ThesisModelWarning

THESIS = textwrap.dedent(
    """\
    format: 1
    thesis:
      name: Steady payer
      company: Steady payer
      as_of: 2024-12-31
      currency: EUR
      horizon: {first: 2025, last: 2027}
      price: {value: 10, unit: EUR/share, source: {estimate: "An illustrative share price"}}
    assumptions:
      earn0: {unit: EUR m, value: 10, source: {estimate: "Earnings each year, flat"}}
      cash0: {unit: EUR m, value: 50, source: {estimate: "Net cash at the first year end"}}
      ke: {unit: "%", value: 0.08, source: {estimate: "Cost of equity for a steady payer"}}
      g: {unit: "%", value: 0.0, source: {estimate: "A mature payer that does not grow"}}
      shares0: {unit: shares m, value: 10, source: {estimate: "Shares at the year end"}}
    model:
      kind: lines
      currency: EUR m
      blocks:
        cash: {type: net_cash, start: cash0, inflow: earnings, dividends: dividends}
        count: {type: share_count, shares: shares0}
      lines:
        earnings: {value: earn0, role: earnings}
        dividends: {value: earnings, role: dividends}
      valuation:
        legs:
          ddm: {weight: 1, discount_rate: ke, terminal_growth: gLEG}
    """
)


def _run(tmp_path: Path, leg: str) -> tuple[dict[str, np.ndarray], list[str]]:
    path = tmp_path / "payer.yaml"
    path.write_text(THESIS.replace("LEG", leg), encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = model.simulate(model.load_thesis(path), n_paths=64, seed=1, progress=False)
    out = {k: result.array(k) for k in ("value_ddm", "value_per_share", "value_today")}
    messages = [str(w.message) for w in caught if issubclass(w.category, ThesisModelWarning)]
    return out, [m for m in messages if "dividend discount" in m]


def test_the_dividend_discount_is_gordon_without_the_cash_by_default(tmp_path: Path) -> None:
    out, messages = _run(tmp_path, "")
    gordon = 10.0 / 0.08  # all earnings paid out, flat: D / ke at every year end
    np.testing.assert_allclose(out["value_ddm"], gordon, rtol=1e-12)
    np.testing.assert_allclose(out["value_per_share"], gordon / 10.0, rtol=1e-12)
    # Held from 31 Dec 2024 to the last year end, with the dividends: D / ke per share today.
    np.testing.assert_allclose(out["value_today"], gordon / 10.0, rtol=1e-12)
    assert messages == []


def test_a_net_cash_given_to_the_dividend_discount_is_added_and_warned(tmp_path: Path) -> None:
    out, messages = _run(tmp_path, ", net_cash: net_cash")
    np.testing.assert_allclose(out["value_ddm"], 10.0 / 0.08 + 50.0, rtol=1e-12)
    assert len(messages) == 1
    assert "payer.yaml:" in messages[0]
    assert "legs.ddm.net_cash" in messages[0]
    assert "twice" in messages[0]


@pytest.mark.parametrize("leg", [", net_cash: 0", ", net_cash: 0.0"])
def test_a_written_zero_is_not_warned(tmp_path: Path, leg: str) -> None:
    out, messages = _run(tmp_path, leg)
    np.testing.assert_allclose(out["value_ddm"], 10.0 / 0.08, rtol=1e-12)
    assert messages == []
