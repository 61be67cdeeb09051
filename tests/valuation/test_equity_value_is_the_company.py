"""``equity_value`` and a leg's ``value_<leg>`` are the company's equity at each year end (the
operating value plus net cash plus stakes); only the value per share reads the value of the
shares then outstanding to holders who keep them, which buybacks below the value per share
raise above the company's equity."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pytest

import model
from model.errors import ThesisModelWarning
from tests.valuation.test_dcf_shares_each_year import THESIS


def _central(tmp_path: Path, buy: float) -> dict[str, np.ndarray]:
    text = THESIS.replace("DIL", "0.0").replace("BUY", repr(buy)).replace("PAY", "0.0")
    path = tmp_path / "buyer.yaml"
    path.write_text(text, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ThesisModelWarning)
        out = model.central(model.load_thesis(path))
    return {k: np.asarray(v, dtype=float).reshape(-1) for k, v in out.items()}


def test_buybacks_below_value_leave_the_equity_value_the_companys(tmp_path: Path) -> None:
    # 50 a year spent from year 1 on shares at the thesis price of 10, below their value.
    out = _central(tmp_path, 50.0)
    t = np.arange(5)
    # By hand: the later flows of 100 and the Gordon value of 100 growing 2% at 10%, discounted
    # to each year end; the balance of 50 rolled at 10% with 100 in and 50 out from year 1.
    ev = np.array([sum(100.0 / 1.1 ** (k - j) for k in range(j + 1, 5)) for j in t])
    ev += 100.0 * 1.02 / 0.08 / 1.1 ** (4 - t)
    cash = np.empty(5)
    cash[0] = 50.0
    for j in range(1, 5):
        cash[j] = cash[j - 1] * 1.1 + 100.0 - 50.0
    equity = ev + cash
    assert out["equity_value"] == pytest.approx(equity, rel=1e-10)
    assert out["value_dcf"] == pytest.approx(equity, rel=1e-10)
    # Per share: the last year's value over the 80 shares left, discounted at the rate, which
    # held by the 100 shares of year 0 is more than the company is worth then.
    shares = 100.0 - 5.0 * t
    per_share = equity[-1] / 80.0 / 1.1 ** (4 - t)
    assert out["shares"] == pytest.approx(shares, rel=1e-12)
    assert out["value_per_share"] == pytest.approx(per_share, rel=1e-10)
    assert out["value_per_share_dcf"] == pytest.approx(per_share, rel=1e-10)
    assert per_share[0] * shares[0] > 1.05 * equity[0]
