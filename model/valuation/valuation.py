"""Valuation: earnings multiple, discounted cash flow, sum of the parts, and per-share value.

Equations (``(n, n_years)`` unless noted; ``T`` = last model year)::

    pe_t        = pe_now_t + rerating_t * fraction_t * (pe_peer_t - pe_now_t)
    exit_pe     = pe_T                                                     (n,)
    value_pe_t  = earnings_t * pe_t
    DF_t        = prod_{k=1..t} 1 / (1 + wacc_k)                           (DF_0 = 1)
    TV          = fcf_T * (1 + g_T) / (wacc_T - g_T)                       (n,), needs g_T < wacc_T
    value_dcf_t = (sum_{k=t+1..T} fcf_k * DF_k + TV * DF_T) / DF_t + net_cash_t
    value_sotp_t= (cloud_multiple_t * cloud_revenue_t + rest_multiple_t * rest_earnings_t
                   + net_cash_t) * (1 - regulatory_discount_t)
    equity_t    = w_pe * value_pe_t + w_dcf * value_dcf_t + w_sotp * value_sotp_t
    spend_t     = B_t * (min(t, Y_t) - min(t - 1, Y_t)) / Y_t              (t >= 1; 0 in year 0)
    shares_t    = N_0,t - sum_{k=1..t} spend_k / (price / fx_k)
    vps_t       = max(equity_t * fx_t / shares_t, 0)                       (price currency)

The DCF value is as of the end of year 0 (today): year 0's own cash flow is not discounted,
and ``value_dcf_t`` rolls that value forward as the value at the end of year ``t`` of the cash
flows still to come, so a year-t figure of every method is a point-in-time value of the equity.
No method accumulates the cash generated between year 0 and year t: buybacks are assumed to be
funded from it, and net cash stays at its input level. Buybacks execute at the thesis
(reference) share price (the authorisation runs one to two years, so price drift matters little,
and using the price avoids a circular dependence on the value being computed).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from model.errors import ParameterError
from model.valuation.finance.discount import check_growth
from model.valuation.shapes import any_by_path, running_sum, year_index

# Relative floor of the share count: buybacks larger than the whole company would drive the
# count to zero or below; the floor keeps per-share values finite on such (flagged) paths.
_MIN_SHARE_FRACTION = 1e-6
# Tolerance of the check that the method weights sum to 1.
_WEIGHT_TOL = 1e-9


class ValuationMethod(StrEnum):
    """The three valuation methods blended into the headline value."""

    PE = "pe"
    DCF = "dcf"
    SOTP = "sotp"


@dataclass(frozen=True)
class DCFValue:
    """Result of :func:`dcf_value`.

    Attributes
    ----------
    value : ndarray, shape (n,)
        Equity value at the end of year 0, model currency.
    path : ndarray, shape (n, n_years)
        Equity value at the end of each year (``path[:, 0] == value``).
    terminal : ndarray, shape (n,)
        Gordon terminal value at the last year (before discounting).
    """

    value: np.ndarray
    path: np.ndarray
    terminal: np.ndarray


def pe_multiple(
    now: np.ndarray, peer: np.ndarray, rerating: np.ndarray, fraction: np.ndarray
) -> np.ndarray:
    """Earnings multiple in each year: today's, moved toward the peer's if a re-rating happens.

    Parameters
    ----------
    now, peer : ndarray, shape (n, n_years)
        Today's multiple and the peer multiple (x); an event scaling them applies per year.
    rerating : ndarray, shape (n, n_years)
        1 if the re-rating happens on the path, else 0 (a Bernoulli draw).
    fraction : ndarray, shape (n, n_years)
        Share of the gap to the peer that a re-rating closes.

    Returns
    -------
    ndarray, shape (n, n_years)
        ``now + rerating * fraction * (peer - now)``; its last column is the exit multiple.
    """
    return now + rerating * fraction * (peer - now)


def discount_factors(wacc: np.ndarray) -> np.ndarray:
    """Discount factors ``DF_t = prod_{k=1..t} 1 / (1 + wacc_k)``, with ``DF_0 = 1``.

    Parameters
    ----------
    wacc : ndarray, shape (n, n_years)
        Discount rate of each year (fraction); year 0's rate is not used, since year 0's cash
        flow is today's.

    Returns
    -------
    ndarray, shape (n, n_years)
    """
    step = 1.0 / (1.0 + wacc[:, 1:])
    return np.concatenate([np.ones((wacc.shape[0], 1)), np.cumprod(step, axis=1)], axis=1)


def dcf_value(
    fcf: np.ndarray,
    wacc: np.ndarray,
    terminal_growth: np.ndarray,
    net_cash: np.ndarray,
    *,
    names: tuple[str, str] = ("wacc", "terminal_growth"),
) -> DCFValue:
    """Discounted free cash flow with a Gordon terminal value, plus net cash.

    Parameters
    ----------
    fcf : ndarray, shape (n, n_years)
        Free cash flow per year, model currency.
    wacc : ndarray, shape (n, n_years)
        Discount rate of each year (fraction); the last year's rate prices the terminal value.
    terminal_growth : ndarray, shape (n, n_years)
        Perpetual growth after the last year; the last year's value is used.
    net_cash : ndarray, shape (n, n_years)
        Net cash added to the operating value, model currency.
    names : tuple of str
        Assumption names of the discount rate and the terminal growth, for error messages.

    Returns
    -------
    DCFValue

    Raises
    ------
    ParameterError
        If on some path the terminal growth is not below the discount rate (the Gordon value
        would be infinite or negative), or a discount rate is ``<= -100 %``.
    """
    r_name = names[0]
    if np.any(wacc <= -1.0):
        raise ParameterError(f"{r_name} must be > -100 %", field=r_name)
    r_end, g_end = wacc[:, -1], terminal_growth[:, -1]
    check_growth(g_end, r_end, names)
    terminal = fcf[:, -1] * (1.0 + g_end) / (r_end - g_end)
    df = discount_factors(wacc)
    pv = fcf * df
    pv[:, 0] = 0.0  # year 0's flow is today's, not a future one
    # after_t = sum_{k > t} pv_k: reverse cumulative sum shifted by one year.
    after = np.zeros_like(pv)
    after[:, :-1] = np.cumsum(pv[:, :0:-1], axis=1)[:, ::-1]
    path = (after + (terminal * df[:, -1])[:, None]) / df + net_cash
    return DCFValue(path[:, 0].copy(), path, terminal)


def sotp_value(
    cloud_revenue: np.ndarray,
    cloud_multiple: np.ndarray,
    rest_earnings: np.ndarray,
    rest_multiple: np.ndarray,
    net_cash: np.ndarray,
    discount: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Sum of the parts: cloud at a sales multiple, the rest at an earnings multiple, net cash.

    Parameters
    ----------
    cloud_revenue : ndarray, shape (n, n_years)
        Revenue of all segments, model currency.
    cloud_multiple : ndarray, shape (n, n_years)
        Enterprise value / sales (x).
    rest_earnings : ndarray, shape (n, n_years)
        Rest-of-group earnings after tax, model currency.
    rest_multiple : ndarray, shape (n, n_years)
        Price / earnings for the rest (x).
    net_cash : ndarray, shape (n, n_years)
        Model currency.
    discount : ndarray, shape (n, n_years)
        Regulatory (conglomerate) discount, fraction; an event can raise it from its year on.

    Returns
    -------
    value : ndarray, shape (n, n_years)
        Equity value, model currency.
    invalid : ndarray of bool, shape (n,)
        Paths with a discount outside [0, 1] (clipped into it).
    """
    invalid = any_by_path((discount < 0.0) | (discount > 1.0))
    gross = cloud_multiple * cloud_revenue + rest_multiple * rest_earnings + net_cash
    return gross * (1.0 - np.clip(discount, 0.0, 1.0)), invalid


def buyback_spend(budget: np.ndarray, years: np.ndarray) -> np.ndarray:
    """Spending of a buyback authorisation, evenly over ``years`` years after year 0.

    Parameters
    ----------
    budget : ndarray, shape (n, n_years)
        Remaining authorisation, model currency.
    years : ndarray, shape (n, n_years)
        Years over which it is spent, counted from the end of year 0 (fractional allowed;
        ``<= 0`` spends it all in year 1).

    Returns
    -------
    ndarray, shape (n, n_years)
        Zero in year 0, whose share count is today's.
    """
    t = year_index(budget.shape[1])
    safe = np.where(years > 0.0, years, 1.0)
    part = np.clip(t, 0.0, safe) - np.clip(t - 1.0, 0.0, safe)
    part[:, 0] = 0.0
    return budget * part / safe


def share_count(
    shares: np.ndarray,
    spend: np.ndarray,
    price: float,
    fx_to_price: np.ndarray,
    per_share_scale: float = 1.0,
) -> tuple[np.ndarray, np.ndarray]:
    """Shares outstanding after buybacks at the thesis (reference) price.

    Parameters
    ----------
    shares : ndarray, shape (n, n_years)
        Shares outstanding before buybacks (a per-year path applies e.g. dilution events).
    spend : ndarray, shape (n, n_years)
        Buyback spending per year, model currency.
    price : float
        Thesis (reference) share price, price currency per share.
    fx_to_price : ndarray, shape (n, n_years)
        Price currency per unit of model currency.
    per_share_scale : float
        Scale of the model currency over the scale of the share count (1 for USD bn and
        shares bn).

    Returns
    -------
    shares : ndarray, shape (n, n_years)
        Floored at a millionth of the starting count.
    invalid : ndarray of bool, shape (n,)
        Paths where buybacks would have retired every share.
    """
    if not price > 0.0:
        raise ParameterError(f"share price must be > 0 (got {price})", field="price")
    check_first_count(shares)
    bought = running_sum(spend * fx_to_price * per_share_scale / price)
    left = shares - bought
    floor = _MIN_SHARE_FRACTION * shares[:, :1]
    invalid = any_by_path(left <= floor)
    return np.maximum(left, floor), invalid


def check_first_count(shares: np.ndarray) -> None:
    """Refuse a first-year share count at or below zero (or undefined) on any path: its floor,
    a millionth of it, would be at or below zero too, and the value per share divides by it.

    Parameters
    ----------
    shares : ndarray, shape (n, n_years)

    Raises
    ------
    ParameterError
        For field ``shares``.
    """
    first = np.asarray(shares, dtype=float).reshape(len(shares), -1)[:, 0]
    bad = ~(first > 0.0)
    if not bad.any():
        return
    low = float(np.min(np.nan_to_num(first[bad], nan=-np.inf)))
    what = "undefined" if low == -np.inf else f"{low:.4g}"
    on = f" on {int(bad.sum()):,} of {len(first):,} paths" if len(first) > 1 else ""
    raise ParameterError(
        f"the share count is {what} in the first year{on}; shares outstanding must be above "
        "zero on every path, as value per share divides by them",
        field="shares",
        expected="a count above zero on every path",
    )


def blend(
    values: Mapping[ValuationMethod, np.ndarray],
    weights: Mapping[ValuationMethod, np.ndarray],
    *,
    names: Mapping[ValuationMethod, str] | None = None,
) -> np.ndarray:
    """Weighted combination of the methods' values.

    Parameters
    ----------
    values : Mapping[ValuationMethod, ndarray]
        Method -> equity value, ``(n, n_years)``.
    weights : Mapping[ValuationMethod, ndarray]
        Method -> weight, ``(n, n_years)``; non-negative and summing to 1 everywhere.
    names : Mapping[ValuationMethod, str], optional
        Assumption names of the weights, for error messages.

    Returns
    -------
    ndarray, shape (n, n_years)

    Raises
    ------
    ParameterError
        If a weight is negative or the weights do not sum to 1.
    """
    label = {m: (names or {}).get(m, f"w_{m.value}") for m in weights}
    for method, w in weights.items():
        if np.any(w < 0.0):
            raise ParameterError("valuation weight must be >= 0", field=label[method])
    total = sum(weights.values())
    if np.any(np.abs(total - 1.0) > _WEIGHT_TOL):
        worst = float(np.max(np.abs(total - 1.0)))
        raise ParameterError(
            f"valuation weights {', '.join(label.values())} must sum to 1 "
            f"(off by up to {worst:.3g})",
            field="weights",
        )
    return sum(weights[m] * values[m] for m in weights)


def check_fx(
    fx_to_price: np.ndarray,
    years: tuple[int, ...],
    written: str,
    paths_are: str = "paths",
) -> None:
    """Refuse an exchange rate into the price currency at or below zero (or undefined) in some
    year on some path, before any value, dividend or buyback is converted by it.

    Parameters
    ----------
    fx_to_price : ndarray, shape (n, n_years)
        Price currency per unit of model currency, as the model's ``fx_to_price`` reads it.
    years : tuple of int
        The model years.
    written : str
        The rate as the thesis writes it, for the message.
    paths_are : str
        What the paths are, as the message counts them ("drawn paths, though not on the
        central path" for ``validate``'s sample).

    Raises
    ------
    ParameterError
        Located at ``model.fx_to_price``.
    """
    rate = np.asarray(fx_to_price, dtype=float).reshape(len(fx_to_price), -1)
    bad = ~(rate > 0.0) | ~np.isfinite(rate)
    if not bad.any():
        return
    col = int(np.argmax(bad.any(axis=0)))
    # The worst of the first bad year: the lowest, else (only infinite rates) the first.
    column = rate[bad[:, col], col]
    finite = column[np.isfinite(column)]
    shown = f"{float(finite.min()):.4g}" if finite.size else "undefined"
    year = f" in {years[col]}" if rate.shape[1] == len(years) else ""
    paths = int(bad.any(axis=1).sum())
    on = f", on {paths:,} of {len(rate):,} {paths_are}" if len(rate) > 1 else ""
    # A zero rate would state every value, dividend and buyback as nothing, silently; a
    # negative one turns them into liabilities.
    raise ParameterError(
        f"the exchange rate {written!r} is {shown}{year}{on}; the rate converts the model's "
        "values, dividends and buybacks into the price currency, so it must be above zero "
        "on every path",
        field="model.fx_to_price",
        expected="a rate above zero in every year: price currency per model currency "
        "(e.g. 1.25 for USD/GBP), with bounds on a drawn rate that could reach zero",
        at=("model", "fx_to_price"),
    )


def per_share(
    equity: np.ndarray, shares: np.ndarray, fx_to_price: np.ndarray, per_share_scale: float = 1.0
) -> tuple[np.ndarray, np.ndarray]:
    """Value per share in the price currency, floored at zero (limited liability).

    Parameters
    ----------
    equity : ndarray, shape (n, n_years)
        Equity value, model currency.
    shares : ndarray, shape (n, n_years)
        Shares outstanding (positive).
    fx_to_price : ndarray, shape (n, n_years)
        Price currency per unit of model currency.
    per_share_scale : float
        Scale of the model currency over the scale of the share count.

    Returns
    -------
    value : ndarray, shape (n, n_years)
    invalid : ndarray of bool, shape (n,)
        Paths where the equity value was negative in some year (floored at 0).
    """
    raw = equity * fx_to_price * per_share_scale / shares
    return np.maximum(raw, 0.0), any_by_path(raw < 0.0)
