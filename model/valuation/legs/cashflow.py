"""Discounting legs: DCF of free cash flow to the firm or to equity, and dividend discount.

Equations (``(n, n_years)``; ``DF`` from :func:`~model.valuation.finance.discount.discount_factors`
at the leg's rate on real year fractions ``tau``; ``T`` the last year; ``w`` the share of each
year after the valuation date)::

    flow*_T   = flow_T - max(dep_T - capex_T, 0) - sbc_T      capex not below depreciation
    TV        = profit_T (1 + g) (1 - g / ROIC) / (r_T - g)   with a return on new capital
              = flow*_T (1 + g) / (r_T - g)                   otherwise
    op_t      = (sum_{k > t} flow_k DF_k + TV DF_T) / DF_t    value at year end t
    today     = sum_k w_k flow_k DF_k + TV DF_T               value on the valuation date
    equity_t  = bridge(op_t);  equity_today = bridge(today, net_cash_today)

* **FCFF at WACC** values the firm (``profit`` = NOPAT = EBIT x (1 - tax), ``ROIC``); the
  bridge adds net cash (cash less debt) and stakes.
* **FCFE at the cost of equity** values the flows to shareholders (``profit`` = earnings,
  ``ROE``). The flows must exclude interest income on the cash the bridge adds; they bear the
  service of debt, so pass *gross* cash as ``net_cash`` so debt is not subtracted twice: paths
  on which the balance added is below zero (a net debt) are flagged.
* **Dividend discount** values the dividends paid (or dividends plus buybacks, if that line is
  given) at the cost of equity. That is already the value to the holders: the balance sheet
  pays the dividends, so by default no net cash is added (adding it, or subtracting a net debt,
  would count the balance twice). ``net_cash`` is added only when given, for cash the dividends
  will never pay out; a thesis that gives it is warned.

``equity_t`` is the company's equity at year end ``t``. Given the share count ``s`` (a line
model gives it), each leg also states the value at ``t`` of the shares then outstanding to
holders who keep them (``held``, which the value per share reads): new shares issued to others
later take their part of what comes after, buybacks leave the holders more of it, so bought
below the value per share they make it exceed ``equity_t``. With ``D`` the dividends and ``B``
the buybacks paid each year (for the dividend discount, its own flow and none), ``O`` the money
the balance the leg reads takes in from outside (its ``other``: an issue's proceeds, a disposal;
an acquisition as negative) and ``R(x)_t = sum_{k > t} x_k DF_k / DF_t``::

    held_t  = equity_t + s_t R(D / s)_t - R(D)_t - R(B)_t + R(O)_t
              + equity_T (s_t / s_T - 1) DF_T / DF_t

A year-``t`` share receives the later dividends per share and its part of the last year's
value; the rest, ``equity_t - R(D + B - O)_t - equity_T DF_T / DF_t``, is what the balance and
the stakes earn short of the rate and the flows kept nowhere, and it stays with the shares of
year ``t``. Money from outside is no such rest: it is in ``equity_T`` already, so an issue at
the value per share leaves every year's value per share as it was. When the balance receives
the flows and pays ``D`` and ``B`` at the leg's rate, holding a share a year earns the rate, as
today's value reads it; with a constant count and no buybacks nor money from outside the value
is ``equity_t``; the last year's is always ``equity_T``. On a path whose count reaches its
floor (a millionth of the first year's, flagged) the later count means nothing, and each year
keeps ``equity_t`` for its own count.

Stock-based pay (``sbc``, the ``stock_pay`` argument) that the flows add back as a non-cash
expense is paid for by new shares; the share count stops growing at the last model year, so a
terminal value on the flow with the add-back would capitalise pay that nobody pays for. Given,
the last year's pay is counted as the cash cost it is in the terminal flow; the flows of the
years before keep the add-back, and the shares issued for it take their part of what of them
reaches the last year's value (above: the flows the balance keeps).
With a return on new capital the terminal flow is built from profit, which already bears the
pay as an expense, so it is not taken again.

Capex below depreciation in the terminal year would shrink the asset base forever while the
flows grow; unless ``allow_disinvestment`` is 1 the terminal flow is normalised to capex equal
to depreciation. With a return on new capital, reinvestment is ``g / ROIC`` of profit, floored
at 0 under the same switch. Paths whose terminal value is negative are flagged.

``net_cash_today`` is the balance on the valuation date (before the rest of year 0's flows,
which are inside ``today``); without it the value today is stated only when net cash is flat
over the years (no roll-forward), else it is None.

Without ``times`` the year ends are taken one year apart, the first one year from the
valuation date; a thesis passes ``ValuationDates.t_value`` (ACT/365F from ``as_of``).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from model.errors import ParameterError
from model.valuation.finance.discount import discount_factors, gordon_value, rolled_values
from model.valuation.legs.base import LegKind, LegValue
from model.valuation.legs.bridge import discount_outside, equity_bridge
from model.valuation.shapes import SHARE_FLOOR, any_by_path

__all__ = ["dcf_fcfe_leg", "dcf_fcff_leg", "ddm_leg"]


def _terminal_flow(
    flows: np.ndarray,
    growth: np.ndarray,
    profit: np.ndarray | None,
    returns: np.ndarray | None,
    capex: np.ndarray | None,
    depreciation: np.ndarray | None,
    allow: np.ndarray,
    stock_pay: np.ndarray | None = None,
) -> np.ndarray:
    """The first flow after the horizon, with reinvestment consistent with growth and stock
    pay counted as a cost (see the module notes)."""
    g = growth[:, -1]
    free = allow[:, -1] > 0.5
    if returns is not None:
        if profit is None:
            raise ParameterError(
                "a return on new capital needs the profit line it applies to", field="profit"
            )
        q = returns[:, -1]
        if np.any(q <= 0.0):
            raise ParameterError("return on new capital must be > 0", field="roic")
        share = g / q
        share = np.where(free, share, np.maximum(share, 0.0))
        return profit[:, -1] * (1.0 + g) * (1.0 - share)
    last = flows[:, -1]
    if capex is not None and depreciation is not None:
        gap = np.maximum(depreciation[:, -1] - capex[:, -1], 0.0)
        last = np.where(free, last, last - gap)
    if stock_pay is not None:
        last = last - stock_pay[:, -1]
    return last * (1.0 + g)


def _held(
    equity: np.ndarray,
    df: np.ndarray,
    shares: np.ndarray,
    paid: np.ndarray | None,
    bought: np.ndarray | None,
    outside: np.ndarray | None = None,
) -> np.ndarray:
    """The equity value of the shares outstanding at each year end (see the module notes):
    ``E_t + s_t R(D/s)_t - R(D)_t - R(B)_t + R(O)_t + E_T (s_t / s_T - 1) DF_T / DF_t``, with
    ``R(x)_t = sum_{k > t} x_k DF_k / DF_t``; the last year's is ``E_T``."""
    s = np.broadcast_to(np.asarray(shares, dtype=float), equity.shape)
    none = np.zeros(equity.shape[0])

    def later(x: np.ndarray | None) -> np.ndarray:
        return np.zeros_like(equity) if x is None else rolled_values(x, df, none)

    d = np.broadcast_to(df, equity.shape)
    exit_share = (s / s[:, -1:] - 1.0) * d[:, -1:] / d
    paid_by_year = None if paid is None else paid / s
    held = (
        equity
        + s * later(paid_by_year)
        - later(paid)
        - later(bought)
        + later(outside)
        + equity[:, -1:] * exit_share
    )
    # A count at its floor is no count: the later shares' part means nothing on such a path,
    # which keeps each year's equity value for that year's own count.
    floored = any_by_path(s <= SHARE_FLOOR * s[:, :1] * (1.0 + 1e-9))
    return np.where(floored[:, None], equity, held)


def _discounted(
    kind: LegKind,
    flows: np.ndarray,
    rate: np.ndarray,
    growth: np.ndarray,
    times: np.ndarray | None,
    year_weights: np.ndarray | None,
    terminal_next: np.ndarray,
    net_cash: np.ndarray,
    net_cash_today: np.ndarray | None,
    investments: np.ndarray,
    discount: np.ndarray,
    names: tuple[str, str],
    shares: np.ndarray | None = None,
    payouts: tuple[np.ndarray | None, np.ndarray | None, np.ndarray | None] = (None, None, None),
) -> LegValue:
    n_years = flows.shape[1]
    tau = np.arange(1.0, n_years + 1.0) if times is None else times
    w = np.ones(n_years) if year_weights is None else year_weights
    if np.any((w < 0.0) | (w > 1.0)):
        raise ParameterError("year weights must lie in [0, 1]", field="year_weights")
    df = discount_factors(rate, tau, name=names[0])
    tv = gordon_value(terminal_next, growth[:, -1], rate[:, -1], names=names)
    operating = rolled_values(flows, df, tv)
    today_op = np.sum(flows * w * df, axis=1) + tv * df[:, -1]
    equity = equity_bridge(operating, net_cash, investments, discount)
    # The company's equity stays the bridge's; the holders' value of each year's shares is
    # apart, as buybacks or issues away from the value per share move value between holders.
    held = None if shares is None else _held(equity, df, shares, *payouts)
    # On the valuation date the bridge needs the opening balance: given, or the year-end
    # balance when net cash is held flat (no roll-forward); else no value today is stated.
    opening = net_cash_today
    if opening is None and np.all(net_cash == net_cash[:, :1]):
        opening = net_cash[:, :1]
    today = None
    if opening is not None:
        today = equity_bridge(today_op, opening[:, 0], investments[:, 0], discount[:, 0])
    invalid = (tv < 0.0) | discount_outside(discount)
    return LegValue(kind, equity, operating, today, invalid, {"terminal": tv, "df": df}, held)


def dcf_fcff_leg(
    fcff: np.ndarray,
    wacc: np.ndarray,
    terminal_growth: np.ndarray,
    times: np.ndarray | None,
    year_weights: np.ndarray | None,
    ebit: np.ndarray | None,
    tax_rate: np.ndarray | None,
    roic: np.ndarray | None,
    capex: np.ndarray | None,
    depreciation: np.ndarray | None,
    allow_disinvestment: np.ndarray,
    net_cash: np.ndarray,
    net_cash_today: np.ndarray | None,
    investments: np.ndarray,
    discount: np.ndarray,
    stock_pay: np.ndarray | None = None,
    shares: np.ndarray | None = None,
    paid: np.ndarray | None = None,
    bought: np.ndarray | None = None,
    outside: np.ndarray | None = None,
) -> LegValue:
    """Free cash flow to the firm at the WACC -> enterprise value, then the bridge; with
    ``shares`` (and the ``paid`` dividends and ``bought`` buybacks), also the value of each
    year's shares to their holders, ``held`` (see the module notes)."""
    nopat = None
    if ebit is not None:
        if roic is not None and tax_rate is None:
            raise ParameterError(
                "the terminal value on EBIT needs the tax rate (NOPAT = EBIT x (1 - tax))",
                field="tax_rate",
            )
        nopat = ebit * (1.0 - (0.0 if tax_rate is None else tax_rate))
    nxt = _terminal_flow(
        fcff, terminal_growth, nopat, roic, capex, depreciation, allow_disinvestment, stock_pay
    )
    return _discounted(
        LegKind.DCF_FCFF, fcff, wacc, terminal_growth, times, year_weights, nxt,
        net_cash, net_cash_today, investments, discount, ("wacc", "terminal_growth"),
        shares, (paid, bought, outside),
    )  # fmt: skip


def dcf_fcfe_leg(
    fcfe: np.ndarray,
    cost_of_equity: np.ndarray,
    terminal_growth: np.ndarray,
    times: np.ndarray | None,
    year_weights: np.ndarray | None,
    earnings: np.ndarray | None,
    roe: np.ndarray | None,
    capex: np.ndarray | None,
    depreciation: np.ndarray | None,
    allow_disinvestment: np.ndarray,
    net_cash: np.ndarray,
    net_cash_today: np.ndarray | None,
    investments: np.ndarray,
    discount: np.ndarray,
    stock_pay: np.ndarray | None = None,
    shares: np.ndarray | None = None,
    paid: np.ndarray | None = None,
    bought: np.ndarray | None = None,
    outside: np.ndarray | None = None,
) -> LegValue:
    """Free cash flow to equity at the cost of equity -> equity value of the flows, then cash;
    ``shares``, ``paid`` and ``bought`` as for :func:`dcf_fcff_leg`."""
    nxt = _terminal_flow(
        fcfe, terminal_growth, earnings, roe, capex, depreciation, allow_disinvestment, stock_pay
    )
    value = _discounted(
        LegKind.DCF_FCFE, fcfe, cost_of_equity, terminal_growth, times, year_weights, nxt,
        net_cash, net_cash_today, investments, discount, ("cost_of_equity", "terminal_growth"),
        shares, (paid, bought, outside),
    )  # fmt: skip
    # Flows to equity are after the service of debt, so the debt is inside them already: a
    # balance below zero subtracts it a second time, and those paths are flagged.
    debt = any_by_path(net_cash < 0.0)
    if net_cash_today is not None:
        debt |= any_by_path(net_cash_today < 0.0)
    return replace(value, invalid=value.invalid | debt)


def ddm_leg(
    dividends: np.ndarray,
    cost_of_equity: np.ndarray,
    terminal_growth: np.ndarray,
    times: np.ndarray | None,
    year_weights: np.ndarray | None,
    net_cash: np.ndarray,
    net_cash_today: np.ndarray | None,
    investments: np.ndarray,
    shares: np.ndarray | None = None,
    outside: np.ndarray | None = None,
) -> LegValue:
    """Dividends (or all distributions) at the cost of equity: the equity value itself.

    ``net_cash`` (default 0, as the registry passes it) is added only when the caller gives it:
    cash the dividends never pay out. ``shares`` (``(n, n_years)``), when given, shares each
    year's dividends among that year's shares (see the module notes): the ``held`` value at
    year end ``t`` is then that of the shares outstanding at ``t``.
    """
    nxt = dividends[:, -1] * (1.0 + terminal_growth[:, -1])
    zero = np.zeros_like(dividends)
    return _discounted(
        LegKind.DDM, dividends, cost_of_equity, terminal_growth, times, year_weights, nxt,
        net_cash, net_cash_today, investments, zero, ("cost_of_equity", "terminal_growth"),
        shares, (dividends, None, outside),
    )  # fmt: skip
