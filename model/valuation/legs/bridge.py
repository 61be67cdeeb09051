"""The one bridge from operating value to equity value, and the multiples a value implies.

Every leg values the *operating* business first (an enterprise value, or for the P/E leg the
operating earnings capitalised) and then adds the non-operating assets here, once, the same
way::

    equity_t = operating_t * (1 - discount_t) + net_cash_t + investments_t

``net_cash`` is cash less debt at year end ``t`` (the roll-forward of
:mod:`model.valuation.finance.cash`) and ``investments`` the value of stakes valued apart (an
associate such as Ant Group). A discount (conglomerate, regulatory) applies to the operating
value only: cash is cash. For this to count cash once, the metrics a leg capitalises must
exclude the income of what the bridge adds: earnings for a P/E leg exclude interest income on
net cash and the stakes' share of profit, and free cash flows exclude that interest too.

Implied multiples use the same bridge backwards, so they are comparable across legs::

    EV_t            = equity_t - net_cash_t - investments_t
    implied P/E     = EV_t / earnings_t        (operating P/E: earnings ex interest and stakes)
    implied EV/EBITDA, EV/sales, EV/EBIT = EV_t / metric_t

A multiple is NaN where its metric is not positive (a multiple of a loss means nothing).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from numpy.typing import ArrayLike

from model.valuation.shapes import any_by_path

__all__ = [
    "IMPLIED_METRICS",
    "discount_outside",
    "enterprise_value",
    "equity_bridge",
    "implied_multiples",
]

#: Implied multiple name -> the role of the metric it divides by.
IMPLIED_METRICS: Mapping[str, str] = {
    "pe": "earnings",
    "ev_ebitda": "ebitda",
    "ev_sales": "revenue",
    "ev_ebit": "ebit",
}


def equity_bridge(
    operating: ArrayLike,
    net_cash: ArrayLike = 0.0,
    investments: ArrayLike = 0.0,
    discount: ArrayLike = 0.0,
) -> np.ndarray:
    """Equity value from operating value: ``operating * (1 - discount) + net_cash + investments``.

    Parameters
    ----------
    operating : array_like, shape (n, n_years)
        Enterprise value (or capitalised operating earnings), model currency.
    net_cash, investments : array_like, broadcastable to (n, n_years)
        Cash less debt, and stakes valued apart, model currency.
    discount : array_like, broadcastable to (n, n_years)
        Discount on the operating value, fraction; clipped into [0, 1] (flag the paths with
        :func:`discount_outside`).

    Returns
    -------
    ndarray, shape (n, n_years)
    """
    # A discount outside [0, 1] (an event pushing it past 100 %) is clipped; the legs flag
    # such paths (see discount_outside).
    disc = np.clip(np.asarray(discount, dtype=float), 0.0, 1.0)
    op = np.asarray(operating, dtype=float)
    return (
        op * (1.0 - disc) + np.asarray(net_cash, dtype=float) + np.asarray(investments, dtype=float)
    )


def discount_outside(discount: ArrayLike) -> np.ndarray:
    """Paths, shape ``(n,)``, whose discount left [0, 1] in some year (clipped by the bridge)."""
    d = np.atleast_2d(np.asarray(discount, dtype=float))
    return any_by_path((d < 0.0) | (d > 1.0))


def enterprise_value(
    equity: ArrayLike, net_cash: ArrayLike = 0.0, investments: ArrayLike = 0.0
) -> np.ndarray:
    """The bridge backwards: ``equity - net_cash - investments``."""
    return (
        np.asarray(equity, dtype=float)
        - np.asarray(net_cash, dtype=float)
        - np.asarray(investments, dtype=float)
    )


def implied_multiples(
    equity: ArrayLike,
    metrics: Mapping[str, ArrayLike | None],
    net_cash: ArrayLike = 0.0,
    investments: ArrayLike = 0.0,
    earnings_bear_interest: bool = False,
) -> dict[str, np.ndarray]:
    """Multiples a leg's equity value implies at each year end.

    Parameters
    ----------
    equity : array_like, shape (n, n_years)
    metrics : mapping of role -> array_like or None
        ``earnings``, ``ebitda``, ``revenue``, ``ebit`` (any subset; None or absent skipped).
    net_cash, investments : array_like
        As added by the bridge.
    earnings_bear_interest : bool
        The earnings are after the interest on ``net_cash`` (they carry the balance already):
        the P/E is then the equity (less the investments) over them, not the enterprise
        value, which would count a net debt twice. The EV multiples keep the bridge.

    Returns
    -------
    dict of multiple name -> ndarray, shape (n, n_years)
        ``pe``, ``ev_ebitda``, ``ev_sales``, ``ev_ebit`` for the metrics given; NaN where the
        metric is not positive.
    """
    ev = enterprise_value(equity, net_cash, investments)
    levered = enterprise_value(equity, 0.0, investments) if earnings_bear_interest else ev
    out: dict[str, np.ndarray] = {}
    for name, role in IMPLIED_METRICS.items():
        metric = metrics.get(role)
        if metric is None:
            continue
        top = levered if name == "pe" else ev
        m = np.broadcast_to(np.asarray(metric, dtype=float), ev.shape)
        out[name] = np.divide(top, m, out=np.full(ev.shape, np.nan), where=m > 0.0)
    return out
