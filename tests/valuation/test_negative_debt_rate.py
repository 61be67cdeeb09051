"""A negative ``rate:`` on a net debt is warned: the debt would earn interest for the holders.

The ``net_cash`` block's rate is what the opening position earns; a net debt (a balance below
zero) pays it with a positive rate. Written negative, the interest is credited to the holders
and the debt shrinks by itself: almost always a sign slip. Negative rates do exist (on deposits,
rarely on a company's bonds), so it is a warning naming file, line and field, not a refusal.
"""

from __future__ import annotations

import re
import textwrap
import warnings
from pathlib import Path

import pytest

import model
from model.errors import ThesisModelWarning
from model.inputs.assembly.thesis import load_thesis as inner_load

THESIS = textwrap.dedent(
    """\
    format: 1
    thesis:
      name: Holding company
      company: Holding company
      as_of: 2025-06-30
      currency: JPY
      horizon: {first: 2026, last: 2029}
      price: {value: 1200, unit: JPY/share, source: {estimate: "An illustrative share price"}}
    assumptions:
      profit: {unit: JPY bn, value: 200, source: {estimate: "Segment profit each year"}}
      start_2025: {unit: JPY bn, value: START, source: {estimate: "Net cash at the last year end"}}
      debt_rate: {unit: "%", value: RATE, source: {estimate: "Interest on the net position"}}
      multiple: {unit: x, value: 8, source: {estimate: "A multiple of segment profit"}}
      ke: {unit: "%", value: 0.075, source: {estimate: "Cost of equity in yen"}}
      shares_2025: {unit: shares m, value: 1450, source: {estimate: "Shares issued less treasury"}}
    model:
      kind: lines
      currency: JPY bn
      blocks:
        count: {type: share_count, shares: shares_2025}
        cash: {type: net_cash, start: start_2025, inflow: profit, rate: WRITTEN}
      lines:
        earnings: {value: profit, role: earnings}
      valuation:
        cost_of_equity: ke
        legs:
          parts: {type: sotp, weight: 1, parts: {earnings: multiple}}
    """
)


def _rate_warnings(tmp_path: Path, start: str, rate: str, written: str = "debt_rate") -> list:
    path = tmp_path / "holding.yaml"
    text = THESIS.replace("START", start).replace("RATE", rate).replace("WRITTEN", written)
    path.write_text(text, encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        # The model's own warnings (a load adds validate's: a rate of 0 keeps cash idle).
        model.central(inner_load(path))
    return [
        (path, str(w.message))
        for w in caught
        if issubclass(w.category, ThesisModelWarning) and ".rate:" in str(w.message)
    ]


@pytest.mark.parametrize("written", ["debt_rate", "-0.03"])
def test_a_negative_rate_on_a_net_debt_is_warned_at_its_line(tmp_path: Path, written: str) -> None:
    found = _rate_warnings(tmp_path, "-450", "-0.03", written)
    assert len(found) == 1
    path, message = found[0]
    lines = (tmp_path / "holding.yaml").read_text(encoding="utf-8").splitlines()
    at = re.match(rf"{re.escape(str(path))}:(\d+): model\.blocks\.cash\.rate: ", message)
    assert at, message
    assert "cash: {type: net_cash" in lines[int(at.group(1)) - 1]
    assert "-3%" in message and "net debt" in message
    assert "0.03" in message  # the rate probably meant


@pytest.mark.parametrize(
    ("start", "rate"),
    [("-450", "0.03"), ("300", "-0.005"), ("-450", "0")],
    ids=["debt_pays", "negative_deposit_rate", "no_interest"],
)
def test_other_rates_are_not_warned(tmp_path: Path, start: str, rate: str) -> None:
    assert _rate_warnings(tmp_path, start, rate) == []
