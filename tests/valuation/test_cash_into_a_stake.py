"""Cash the balance puts into a stake (a net-cash block's ``invested``) moves money between two
of the holders' assets: a leg that counts the stakes takes it as no money leaving the holders,
so it leaves the earlier years' values as they were; a leg that counts no stakes sees it leave."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pytest

import model
from model.errors import ThesisModelWarning
from tests.valuation.test_money_from_outside import THESIS

# 100 out of the balance in 2028 into a stake held at its cost from then on.
STAKE = '    stake: {value: "(1.0 if year >= 2028 else 0.0) * fcf_each_year"}\n'


def _per_share(
    tmp_path: Path, how: str, counted: bool, reads: str = "net_cash", stake: str = "stake"
) -> np.ndarray:
    # Spent as ``invested``, or paid out of the balance to outside as ``other``.
    text = THESIS.replace("ISSUE", "0.0").replace("MONEY", "0.0" if how == "invested" else "-1.0")
    spent = '"(1.0 if year == 2028 else 0.0) * fcf_each_year"'
    if how == "invested":
        text = text.replace("other: outside,", f"other: outside, invested: {spent},")
    text = text.replace("\n  valuation:\n", f"\n{STAKE}  valuation:\n")
    leg = f"terminal_growth: g, net_cash: {reads!r}"
    leg += f", investments: {stake}}}" if counted else "}"
    text = text.replace("terminal_growth: g}", leg)
    path = tmp_path / "stake.yaml"
    path.write_text(text, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ThesisModelWarning)
        out = model.central(model.load_thesis(path))
    return np.asarray(out["value_per_share"], dtype=float).reshape(-1)


def _by_hand(stake_counted: bool, spent_counted: float, share: float = 1.0) -> np.ndarray:
    """Each year's equity (later flows, Gordon value, the ``share`` of the balance read, stake)
    over the constant 100 shares, less ``spent_counted`` times the 100 spent in 2028
    discounted: the money the leg sees leave."""
    t = np.arange(5)
    ev = np.array([sum(100.0 / 1.1 ** (k - j) for k in range(j + 1, 5)) for j in t])
    ev += 100.0 * 1.02 / 0.08 / 1.1 ** (4 - t)
    cash = np.array([50.0 * 1.1**j + 100.0 * sum(1.1**i for i in range(j)) for j in t])
    cash -= np.where(t >= 2, 100.0 * 1.1 ** np.maximum(t - 2, 0), 0.0)
    equity = ev + share * cash + (np.where(t >= 2, 100.0, 0.0) if stake_counted else 0.0)
    gone = spent_counted * np.where(t < 2, 100.0 / 1.1 ** (2 - t), 0.0)
    return (equity - gone) / 100.0


def test_cash_put_into_a_counted_stake_leaves_no_year_lower(tmp_path: Path) -> None:
    v = _per_share(tmp_path, "invested", counted=True)
    assert v == pytest.approx(_by_hand(True, 0.0), rel=1e-10)


def test_cash_put_into_a_stake_no_leg_counts_leaves_the_holders(tmp_path: Path) -> None:
    v = _per_share(tmp_path, "invested", counted=False)
    assert v == pytest.approx(_by_hand(False, 1.0), rel=1e-10)
    # The same as paying it out of the balance to outside.
    assert v == pytest.approx(_per_share(tmp_path, "other", counted=False), rel=1e-12)


def test_a_stake_counted_whole_from_half_the_balance_takes_in_the_other_half(
    tmp_path: Path,
) -> None:
    # The leg reads half the balance: the 100 leaves 50 of what it reads and enters the stake
    # whole, so 50 comes to the leg from outside what it values.
    v = _per_share(tmp_path, "invested", counted=True, reads="0.5 * net_cash")
    assert v == pytest.approx(_by_hand(True, -0.5, share=0.5), rel=1e-10)


@pytest.mark.parametrize("stake", ["0", "0.0 * fcf", "fcf_each_year"])
def test_a_leg_whose_stakes_never_move_takes_the_cash_as_leaving(
    tmp_path: Path, stake: str
) -> None:
    # Zero, or a holding fixed over the years, takes in none of the 100: it leaves the holders
    # as a payment out of the balance would, in every year before it too.
    v = _per_share(tmp_path, "invested", counted=True, stake=stake)
    fixed = 100.0 / 100.0 if stake == "fcf_each_year" else 0.0
    assert v == pytest.approx(_by_hand(False, 1.0) + fixed, rel=1e-10)
    assert v[0] == pytest.approx(11.5518 + fixed, abs=1e-4)
