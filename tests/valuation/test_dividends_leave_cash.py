"""Dividends paid to holders must leave the net cash the valuation adds, or they count twice."""

from __future__ import annotations

import textwrap
import warnings
from pathlib import Path

import pytest

import model
from model.errors import ThesisModelWarning

THESIS = textwrap.dedent(
    """\
    format: 1
    thesis:
      name: Holding company
      company: Holding company
      as_of: 2025-06-30
      currency: JPY
      fiscal_year_end: "03-31"
      horizon: {first: 2026, last: 2029}
      price: {value: 1200, unit: JPY/share, source: {estimate: "An illustrative share price"}}
    assumptions:
      profit: {unit: JPY bn, value: 200, source: {estimate: "Segment profit each year"}}
      debt_2025: {unit: JPY bn, value: 450, source: {estimate: "Net debt at the last year end"}}
      payout: {unit: "%", value: 0.35, source: {estimate: "Payout policy of the board"}}
      multiple: {unit: x, value: 8, source: {estimate: "A multiple of segment profit"}}
      ke: {unit: "%", value: 0.075, source: {estimate: "Cost of equity in yen"}}
      shares_2025: {unit: shares m, value: 1450, source: {estimate: "Shares issued less treasury"}}
    model:
      kind: lines
      currency: JPY bn
      blocks:
        count: {type: share_count, shares: shares_2025}
      lines:
        earnings: {value: profit, role: earnings}
        dividends:
          value: payout * earnings
          role: dividends
        cash:
          value: CASH
          prior: -debt_2025
          role: net_cash
      valuation:
        cost_of_equity: ke
        legs:
          parts: {type: sotp, weight: 1, parts: {earnings: multiple}}
    """
)


def _warnings(tmp_path: Path, cash: str) -> tuple[Path, list[str]]:
    path = tmp_path / "holding.yaml"
    path.write_text(THESIS.replace("CASH", cash), encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model.central(model.load_thesis(path))
    found = [str(w.message) for w in caught if issubclass(w.category, ThesisModelWarning)]
    return path, [m for m in found if "counts twice" in m]


def test_dividends_kept_in_net_cash_are_warned_at_the_legs_balance(tmp_path: Path) -> None:
    path, messages = _warnings(tmp_path, "cash[t-1] + earnings")
    assert len(messages) == 1
    assert messages[0].startswith(f"{path}:")
    assert ".net_cash: 'cash' keeps 'earnings'" in messages[0]
    assert "never pays them out" in messages[0]


@pytest.mark.parametrize("cash", ["cash[t-1] + earnings - dividends", "cash[t-1] + retained"])
def test_dividends_that_leave_net_cash_are_not_warned(tmp_path: Path, cash: str) -> None:
    text = THESIS
    if "retained" in cash:  # read through another line
        text = text.replace("    cash:\n", "    retained: earnings - dividends\n    cash:\n")
    path = tmp_path / "holding.yaml"
    path.write_text(text.replace("CASH", cash), encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model.central(model.load_thesis(path))
    assert not [w for w in caught if "counts twice" in str(w.message)]


def _policy_thesis(tmp_path: Path, cash_lines: str) -> Path:
    """Dividends set per share (a policy of their own, read from no line the balance holds)."""
    text = THESIS.replace(
        '  payout: {unit: "%", value: 0.35, source: {estimate: "Payout policy of the board"}}',
        '  dps: {unit: JPY/share, value: 40, source: {estimate: "A progressive dividend"}}',
    ).replace("value: payout * earnings", "value: dps * shares")
    text = text.replace(
        "    cash:\n      value: CASH\n      prior: -debt_2025\n      role: net_cash\n",
        cash_lines,
    )
    path = tmp_path / "policy.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _twice(path: Path) -> list[str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model.central(model.load_thesis(path))
    return [str(w.message) for w in caught if "counts twice" in str(w.message)]


@pytest.mark.parametrize(
    "cash_lines",
    [
        "    cash:\n      value: cash[t-1] + earnings\n      prior: -debt_2025\n"
        "      role: net_cash\n",
        "    fcf: earnings\n",
    ],
    ids=["own_line", "net_cash_block"],
)
def test_dividends_per_share_kept_in_a_cash_roll_are_warned(
    tmp_path: Path, cash_lines: str
) -> None:
    path = _policy_thesis(tmp_path, cash_lines)
    if "fcf:" in cash_lines:  # the block's balance, without its 'dividends:'
        text = path.read_text(encoding="utf-8").replace(
            "    count: {type: share_count, shares: shares_2025}\n",
            "    count: {type: share_count, shares: shares_2025}\n"
            "    cash: {type: net_cash, start: -debt_2025, inflow: fcf}\n",
        )
        path.write_text(text, encoding="utf-8")
    messages = _twice(path)
    assert len(messages) == 1
    assert messages[0].startswith(f"{path}:")
    assert "never pays out the dividends ('dividends')" in messages[0]


@pytest.mark.parametrize(
    "cash_lines",
    [
        "    cash:\n      value: cash[t-1] + earnings - dividends\n      prior: -debt_2025\n"
        "      role: net_cash\n",
        "    cash: {value: -debt_2025, role: net_cash}\n",
    ],
    ids=["paid", "no_roll"],
)
def test_dividends_per_share_paid_from_cash_or_no_roll_are_not_warned(
    tmp_path: Path, cash_lines: str
) -> None:
    assert _twice(_policy_thesis(tmp_path, cash_lines)) == []


@pytest.mark.parametrize(
    ("cash", "warned"),
    [
        ("cash[t-1] + earnings - dividends", True),
        ("cash[t-1] + earnings - dividends - buyback_spend", False),
    ],
    ids=["buybacks_kept", "buybacks_paid"],
)
def test_buybacks_that_never_leave_net_cash_are_warned(
    tmp_path: Path, cash: str, warned: bool
) -> None:
    # The share count retires shares bought with 30bn a year: a balance that rolls forward and
    # never spends them keeps that cash beside the smaller share count.
    text = THESIS.replace(
        "count: {type: share_count, shares: shares_2025}",
        "count: {type: share_count, shares: shares_2025, buyback_spend: 0.15 * profit}",
    )
    path = tmp_path / "buybacks.yaml"
    path.write_text(text.replace("CASH", cash), encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model.central(model.load_thesis(path))
    found = [str(w.message) for w in caught if "buybacks twice" in str(w.message)]
    if not warned:
        assert not found
        return
    assert len(found) == 1 and found[0].startswith(f"{path}:")
    assert (
        ".legs.parts.net_cash: the share count retires the shares 'buyback_spend' buys" in found[0]
    )
    assert "(the net_cash block's 'buybacks: buyback_spend')" in found[0]


def test_the_warning_names_the_lines_nearest_the_balance(tmp_path: Path) -> None:
    # Earnings bear the interest of a net_cash block that never pays the dividends: the
    # warning names what the balance keeps of the dividends' source ('interest', 'operating'),
    # not every input down the chain ('margin') nor the balance itself, met again through
    # the interest on it.
    text = (
        THESIS.replace(
            "    earnings: {value: profit, role: earnings}\n",
            "    margin: {value: profit / profit, unit: '1'}\n"
            "    operating: {value: profit * margin}\n"
            "    earnings: {value: operating + interest, role: earnings}\n",
        )
        .replace(
            "    cash:\n      value: CASH\n      prior: -debt_2025\n      role: net_cash\n", ""
        )
        .replace(
            "    count: {type: share_count, shares: shares_2025}\n",
            "    count: {type: share_count, shares: shares_2025}\n"
            "    cash: {type: net_cash, start: 0 - debt_2025, inflow: operating, rate: ke}\n",
        )
    )
    path = tmp_path / "roll.yaml"
    path.write_text(text, encoding="utf-8")
    messages = _twice(path)
    assert len(messages) == 1
    assert "'net_cash' keeps 'interest', 'operating', which the dividends" in messages[0]
