"""Cash and distributions: net cash roll-forward, dividends, buybacks, share count, holder flows.

Equations (every array ``(n, n_years)``; ``w_t`` the share of year ``t`` after the valuation date,
1 by default; balances at year ends, ``nc_{-1}`` the opening balance on the valuation date)::

    dividends_t  = max(payout_t * earnings_t, 0)
    interest_t   = i_t * nc_{t-1} * w_t                      on the opening balance, if asked
    nc_t         = nc_{t-1} + (fcf_t - dividends_t - buybacks_t) * w_t + interest_t
    residual_t   = (fcf_t w_t + interest_t) - (dividends_t + buybacks_t) w_t - (nc_t - nc_{t-1})

Cash is counted once: free cash flow not paid out accumulates in net cash, and interest on
that cash is earned here only, so the free cash flow and earnings passed in must exclude
interest income (the valuation legs add net cash at its balance, which is the same convention).
:func:`cash_residual` returns the identity's residual so a test can assert conservation on
every path.

Shares (``S_{-1}`` today's count; ``d_t`` share-based dilution, new shares as a fraction)::

    pre_t    = S_{t-1} (1 + d_t)                              issued first, then bought back
    S_t      = pre_t - spend_t / price_t                      at a price path
    S_t      = pre_t * E_t / (E_t + spend_t)                  at the path's own value

``E_t`` is the equity value at year end ``t`` after the year's distributions: buying back at
the value per share before the purchase, ``(E_t + spend_t) / pre_t``, leaves the value per
share unchanged (a value-neutral buyback), which avoids any circularity.

Holder flows: :func:`holder_flows` follows one share held today by a holder who tenders pro
rata into every buyback, so her stake is only diluted by new shares; she receives her stake of
dividends and buybacks each year and holds her stake of the equity. Valuing that (cash plus
stake) counts a buyback once, as cash; the value per share of a holder who never tenders
(``E_t / S_t``) already carries the buybacks and must be paired with dividends alone.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from model.errors import ParameterError

__all__ = [
    "CashRoll",
    "ShareRoll",
    "cash_residual",
    "holder_flows",
    "payout_dividends",
    "roll_net_cash",
    "roll_shares",
]

# Relative floor of the share count: buybacks larger than the company would drive the count
# to zero or below; the floor keeps per-share values finite on such (flagged) paths.
_MIN_SHARE_FRACTION = 1e-6


def _grid(x: ArrayLike | None, shape: tuple[int, int], name: str) -> np.ndarray:
    if x is None:
        return np.zeros(shape)
    arr = np.asarray(x, dtype=float)
    if arr.ndim == 1 and arr.shape[0] == shape[0] and shape[0] != shape[1]:
        arr = arr[:, None]
    try:
        return np.broadcast_to(arr, shape)
    except ValueError:
        raise ParameterError(
            f"has shape {arr.shape}; expected a scalar, ({shape[0]},) or {shape}", field=name
        ) from None


def payout_dividends(earnings: ArrayLike, payout: ArrayLike) -> np.ndarray:
    """Dividends as a payout ratio of earnings, never negative (no dividend out of a loss).

    Parameters
    ----------
    earnings : array_like, shape (n, n_years)
    payout : array_like, shape (), (n,) or (n, n_years)
        Payout ratio (fraction, >= 0).
    """
    e = np.asarray(earnings, dtype=float)
    p = _grid(payout, e.shape, "payout")
    if np.any(p < 0.0):
        raise ParameterError("payout ratio must be >= 0", field="payout")
    return np.maximum(p * e, 0.0)


@dataclass(frozen=True)
class CashRoll:
    """Net cash rolled forward year by year (model currency; ``(n, n_years)`` unless noted).

    Attributes
    ----------
    opening : ndarray, shape (n,)
        Net cash on the valuation date.
    net_cash : ndarray
        Balance at each year end.
    fcf, dividends, buybacks : ndarray
        Flows of each year after weighting by the share of the year after the valuation date.
    interest : ndarray
        Interest earned (paid, if negative) on the opening balance of each year.
    """

    opening: np.ndarray
    net_cash: np.ndarray
    fcf: np.ndarray
    dividends: np.ndarray
    buybacks: np.ndarray
    interest: np.ndarray

    @property
    def change(self) -> np.ndarray:
        """Change of net cash in each year, ``nc_t - nc_{t-1}``."""
        before = np.concatenate([self.opening[:, None], self.net_cash[:, :-1]], axis=1)
        return self.net_cash - before


def roll_net_cash(
    opening: ArrayLike,
    fcf: ArrayLike,
    dividends: ArrayLike | None = None,
    buybacks: ArrayLike | None = None,
    interest_rate: ArrayLike | None = None,
    year_weights: ArrayLike | None = None,
) -> CashRoll:
    """Roll net cash forward: free cash flow in, dividends and buybacks out, interest once.

    Parameters
    ----------
    opening : array_like, shape () or (n,)
        Net cash (cash less debt) on the valuation date, model currency.
    fcf : array_like, shape (n, n_years)
        Free cash flow of each year (to equity, before interest income on net cash).
    dividends, buybacks : array_like, shape (n, n_years), optional
        Cash paid out in each year.
    interest_rate : array_like, shape (), (n,) or (n, n_years), optional
        Rate earned on the opening balance of each year (paid on a negative balance); None
        earns nothing here (then earnings must not carry it either, or it is simply ignored).
    year_weights : array_like, shape (n_years,), optional
        Share of each year after the valuation date (``ValuationDates.stub``); 1 by default.

    Returns
    -------
    CashRoll
    """
    f = np.atleast_2d(np.asarray(fcf, dtype=float))
    shape = f.shape
    n, n_years = shape
    w = np.ones(n_years) if year_weights is None else np.asarray(year_weights, dtype=float)
    if w.shape != (n_years,) or np.any((w < 0.0) | (w > 1.0)):
        raise ParameterError(
            f"year weights must be {n_years} fractions in [0, 1]", field="year_weights"
        )
    f = f * w
    div = _grid(dividends, shape, "dividends") * w
    bb = _grid(buybacks, shape, "buybacks") * w
    rate = _grid(interest_rate, shape, "interest_rate")
    start = np.broadcast_to(np.asarray(opening, dtype=float), (n,)).astype(float)
    nc = np.empty(shape)
    interest = np.empty(shape)
    prev = start
    for t in range(n_years):
        interest[:, t] = rate[:, t] * prev * w[t]
        prev = prev + f[:, t] - div[:, t] - bb[:, t] + interest[:, t]
        nc[:, t] = prev
    return CashRoll(start, nc, f, div, bb, interest)


def cash_residual(roll: CashRoll) -> np.ndarray:
    """Residual of cash in = cash out + change in net cash, shape ``(n, n_years)`` (zero)."""
    cash_in = roll.fcf + roll.interest
    cash_out = roll.dividends + roll.buybacks
    return cash_in - cash_out - roll.change


@dataclass(frozen=True)
class ShareRoll:
    """Shares outstanding after dilution and buybacks (``(n, n_years)`` unless noted).

    Attributes
    ----------
    shares : ndarray
        Count at each year end (floored at a millionth of today's count).
    issued, retired : ndarray
        Shares issued (dilution) and bought back in each year.
    price : ndarray
        Price paid per share in each year's buyback (model currency per share unit).
    invalid : ndarray of bool, shape (n,)
        Paths where buybacks would have retired every share, or were bought at a
        non-positive value.
    """

    shares: np.ndarray
    issued: np.ndarray
    retired: np.ndarray
    price: np.ndarray
    invalid: np.ndarray


def roll_shares(
    shares_today: ArrayLike,
    spend: ArrayLike,
    *,
    price: ArrayLike | None = None,
    equity: ArrayLike | None = None,
    dilution: ArrayLike | None = None,
) -> ShareRoll:
    """Share count: new shares for share-based pay, then buybacks at a price or at value.

    Parameters
    ----------
    shares_today : array_like, shape () or (n,)
        Shares outstanding on the valuation date.
    spend : array_like, shape (n, n_years)
        Buyback spending of each year, in the money unit of ``price`` x shares (convert
        currency and scale before calling).
    price : array_like, shape (), (n,) or (n, n_years), optional
        Price path the buybacks execute at (per share, > 0).
    equity : array_like, shape (n, n_years), optional
        Equity value at each year end after its distributions: buy back at the path's own
        value per share instead (exactly one of ``price`` and ``equity``).
    dilution : array_like, shape (), (n,) or (n, n_years), optional
        New shares issued each year as a fraction of the opening count (share-based pay).

    Returns
    -------
    ShareRoll
    """
    s = np.atleast_2d(np.asarray(spend, dtype=float))
    shape = s.shape
    n, n_years = shape
    if (price is None) == (equity is None):
        raise ParameterError("give exactly one of a buyback price path and the equity value")
    d = _grid(dilution, shape, "dilution")
    if np.any(d <= -1.0):
        raise ParameterError("dilution must be > -100 %", field="dilution")
    start = np.broadcast_to(np.asarray(shares_today, dtype=float), (n,)).astype(float)
    if np.any(start <= 0.0):
        raise ParameterError("shares outstanding must be > 0", field="shares")
    floor = _MIN_SHARE_FRACTION * start
    p = None if price is None else _grid(price, shape, "price")
    e = None if equity is None else _grid(equity, shape, "equity")
    if p is not None and np.any(p <= 0.0):
        raise ParameterError("buyback price must be > 0", field="price")
    out = np.empty(shape)
    issued = np.empty(shape)
    retired = np.empty(shape)
    paid = np.empty(shape)
    invalid = np.zeros(n, dtype=bool)
    prev = start
    for t in range(n_years):
        pre = prev * (1.0 + d[:, t])
        issued[:, t] = pre - prev
        if p is not None:
            paid[:, t] = p[:, t]
        else:
            before = e[:, t] + s[:, t]  # type: ignore[index]
            invalid |= (before <= 0.0) & (s[:, t] != 0.0)
            paid[:, t] = np.where(before > 0.0, before / pre, np.inf)
        bought = np.where(s[:, t] != 0.0, s[:, t] / paid[:, t], 0.0)
        left = pre - bought
        invalid |= left <= floor
        prev = np.maximum(left, floor)
        retired[:, t] = pre - prev
        out[:, t] = prev
    return ShareRoll(out, issued, retired, paid, invalid)


def holder_flows(
    dividends: ArrayLike,
    buybacks: ArrayLike,
    equity: ArrayLike,
    shares_today: ArrayLike,
    dilution: ArrayLike | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Cash and holding of one share held today by a holder who tenders pro rata.

    Parameters
    ----------
    dividends, buybacks : array_like, shape (n, n_years)
        Total cash paid out in each year (model currency).
    equity : array_like, shape (n, n_years)
        Equity value at each year end after that year's distributions.
    shares_today : array_like, shape () or (n,)
    dilution : array_like, optional
        New shares each year as a fraction of the opening count.

    Returns
    -------
    cash : ndarray, shape (n, n_years)
        Cash received per share held today in each year (dividends plus buyback proceeds).
    stake_value : ndarray, shape (n, n_years)
        Value of the holding at each year end, per share held today.
    """
    e = np.atleast_2d(np.asarray(equity, dtype=float))
    shape = e.shape
    d = _grid(dilution, shape, "dilution")
    start = np.broadcast_to(np.asarray(shares_today, dtype=float), (shape[0],))
    stake = (1.0 / start)[:, None] / np.cumprod(1.0 + d, axis=1)
    paid = _grid(dividends, shape, "dividends") + _grid(buybacks, shape, "buybacks")
    return stake * paid, stake * e
