"""A negative ``rate:`` on a net debt is warned when earnings read the block's interest line.

Earnings that bear the interest (``core: ebit + interest``) make the ``net_cash`` block's
interest a line of its own, computed from the block's ``rate:``. The rate is still the block's:
written negative on a net debt it credits the holders with interest on the debt, earnings
included, which is warned at the block's ``rate:`` as when nothing reads the interest; whether
the rate or the start is written inline, an assumption or a derived assumption.
"""

from __future__ import annotations

import re
import textwrap
import warnings
from pathlib import Path

import numpy as np
import pytest

import model
from model.errors import ThesisModelWarning
from model.inputs.assembly.thesis import load_thesis as inner_load

THESIS = textwrap.dedent(
    """\
    format: 1
    thesis:
      name: Regulated utility
      company: Regulated utility
      as_of: 2025-12-31
      currency: USD
      horizon: {first: 2026, last: 2029}
      price: {value: 90, unit: USD/share, source: {estimate: "An illustrative share price"}}
    assumptions:
      ebit0: {unit: USD bn, value: 3, source: {estimate: "Operating profit each year"}}
      net_debt_2026: {unit: USD bn, value: 19.5, source: {estimate: "Net debt at the year end"}}
      net_cash_2026: {unit: USD bn, derived: "0 - net_debt_2026"}
      net_cash_given: {unit: USD bn, value: -19.5, source: {estimate: "The same net debt, signed"}}
      debt_rate: {unit: "%", value: RATE, source: {estimate: "Interest on the net position"}}
      debt_rate_derived: {unit: "%", derived: "0 + debt_rate"}
      multiple: {unit: x, value: 15, source: {estimate: "A multiple of the earnings at exit"}}
      ke: {unit: "%", value: 0.07, source: {estimate: "Cost of equity of a utility"}}
      shares_2026: {unit: shares m, value: 260, source: {estimate: "Shares out at the year end"}}
    model:
      kind: lines
      currency: USD bn
      blocks:
        count: {type: share_count, shares: shares_2026}
        debt: {type: net_cash, start: START, inflow: core, rate: WRITTEN}
      lines:
        core: {value: EARNINGS, role: earnings}
      valuation:
        cost_of_equity: ke
        legs:
          pe: {weight: 1, multiple: multiple, earnings: core, net_cash: 0}
    """
)


def _run(
    tmp_path: Path, rate: str, written: str, start: str, earnings: str = "ebit0 + interest"
) -> tuple[Path, list[str], dict[str, np.ndarray]]:
    """The warnings at a ``.rate:`` of a central run (a load adds validate's), and its lines."""
    text = (
        THESIS.replace("RATE", rate)
        .replace("WRITTEN", written)
        .replace("START", start)
        .replace("EARNINGS", earnings)
    )
    path = tmp_path / "utility.yaml"
    path.write_text(text, encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = model.central(inner_load(path))
    found = [
        str(w.message)
        for w in caught
        if issubclass(w.category, ThesisModelWarning) and ".rate:" in str(w.message)
    ]
    lines = {k: np.asarray(result[k], dtype=float) for k in ("interest", "core")}
    return path, found, lines


FORMS = [
    ("-0.03", "net_cash_given"),
    ("debt_rate", "net_cash_given"),
    ("debt_rate_derived", "net_cash_given"),
    ("-0.03", "net_cash_2026"),
    ("debt_rate", "net_cash_2026"),
    ("debt_rate_derived", "net_cash_2026"),
]


@pytest.mark.parametrize(("written", "start"), FORMS)
def test_a_negative_rate_read_by_earnings_is_warned_at_the_block(
    tmp_path: Path, written: str, start: str
) -> None:
    path, found, lines = _run(tmp_path, "-0.03", written, start)
    # The slip is real: year 0's interest is -3% of -19.5 bn, +0.585 bn credited to earnings.
    assert lines["interest"].reshape(-1)[0] == pytest.approx(0.03 * 19.5)
    assert lines["core"].reshape(-1)[0] == pytest.approx(3 + 0.03 * 19.5)
    assert len(set(found)) == 1, found
    message = found[0]
    text = path.read_text(encoding="utf-8").splitlines()
    at = re.match(rf"{re.escape(str(path))}:(\d+): model\.blocks\.debt\.rate: ", message)
    assert at, message
    assert "debt: {type: net_cash" in text[int(at.group(1)) - 1]
    assert f"the rate {written!r}" in message and "-3%" in message and "net debt" in message
    assert "is written 0.03" in message  # the rate probably meant


@pytest.mark.parametrize(("written", "start"), FORMS)
def test_a_debt_that_costs_is_not_warned(tmp_path: Path, written: str, start: str) -> None:
    _, found, lines = _run(tmp_path, "0.03", written.replace("-0.03", "0.03"), start)
    assert lines["core"].reshape(-1)[0] == pytest.approx(3 - 0.03 * 19.5)
    assert found == []


def test_the_rate_is_warned_once_whether_or_not_earnings_read_the_interest(tmp_path) -> None:
    _, read, _ = _run(tmp_path, "-0.03", "debt_rate", "net_cash_2026")
    _, unread, _ = _run(tmp_path, "-0.03", "debt_rate", "net_cash_2026", earnings="ebit0")
    assert len(set(read)) == len(set(unread)) == 1
    assert read[0] == unread[0]
