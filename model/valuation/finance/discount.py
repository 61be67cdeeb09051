"""Discounting on real dates: discount factors, present values, terminal values, today's value.

Equations (``tau_j`` = years from the valuation date to year end ``j``, ACT/365F; ``r`` a rate
per path, shape ``(n,)``, or per path and year, ``(n, n_years)``)::

    DF_j          = prod_{k <= j} (1 + r_k)^-(tau_k - tau_{k-1}),   tau_{-1} = 0
                  = (1 + r)^-tau_j                                   for a constant rate
    PV            = sum_j flow_j DF_j
    TV_T          = NOPAT_{T+1} (1 - g / ROIC) / (r - g)             value-driver Gordon value
    TV_T          = flow_{T+1} / (r - g)                             plain Gordon value
    value_today   = sum_j D_j DF_j + V_T DF_T                        per share, cost of equity

Each year's rate applies over the part after the valuation date of the stretch of time that
ends at that year's end (the first rate from the valuation date to the first year end). A year
end before the valuation date gets a factor above 1 (its flow is compounded forward at its own
year's rate), which callers avoid by weighting flows with
:func:`~model.valuation.finance.dates.stub_fractions`; its rate plays no part in the later
years' factors.

The terminal value grows the flow after the last year at ``g`` forever. Growth needs
investment: with a return on new capital ``ROIC`` a business growing at ``g`` reinvests
``g / ROIC`` of its operating profit after tax (NOPAT), so the flow it pays out is
``NOPAT (1 - g / ROIC)``; capital spending equals depreciation plus that net investment, never
less than depreciation while ``g >= 0``. A shrinking business (``g < 0``) could release capital
(capex below depreciation); that is allowed only when asked (``allow_disinvestment``),
otherwise the reinvestment rate is floored at 0. Terminal growth at or above the discount rate
is an error naming both, and so is a growth of -100 % a year or below.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from model.errors import ParameterError
from model.valuation.shapes import running_sum

__all__ = [
    "check_growth",
    "discount_factors",
    "gordon_value",
    "present_value",
    "reinvestment_rate",
    "rolled_values",
    "steady_state_capex",
    "value_driver_terminal",
    "value_today",
]


def _paths(x: ArrayLike, n: int, n_years: int, name: str) -> np.ndarray:
    arr = np.asarray(x, dtype=float)
    if arr.ndim == 0:
        return np.full((n, n_years), float(arr))
    if arr.ndim == 1 and arr.shape[0] == n:
        return np.repeat(arr[:, None], n_years, axis=1)
    if arr.ndim == 2 and arr.shape[0] in (1, n) and arr.shape[1] in (1, n_years):
        return np.broadcast_to(arr, (n, n_years)).astype(float)
    raise ParameterError(
        f"has shape {arr.shape}; expected a scalar, ({n},) or ({n}, {n_years})", field=name
    )


def discount_factors(rate: ArrayLike, times: ArrayLike, *, name: str = "rate") -> np.ndarray:
    """Discount factors from the valuation date to each year end.

    Parameters
    ----------
    rate : array_like, shape (), (n,) or (n, n_years)
        Annual discount rate (fraction, > -1), per path or per path and year; year ``j``'s
        rate discounts the stretch from the previous year end (the valuation date for the
        first) to year end ``j``.
    times : array_like, shape (n_years,)
        Year fractions from the valuation date to each year end, increasing.
    name : str
        Assumption name of the rate, for error messages.

    Returns
    -------
    ndarray, shape (n, n_years)
        ``n`` is 1 for a scalar rate.
    """
    tau = np.asarray(times, dtype=float).reshape(-1)
    if np.any(np.diff(tau) <= 0.0):
        raise ParameterError("year fractions must increase", field="times")
    r = np.asarray(rate, dtype=float)
    n = r.shape[0] if r.ndim >= 1 else 1
    r = _paths(r, n, tau.size, name)
    if np.any(r <= -1.0):
        raise ParameterError(f"discount rate {name!r} must be > -100 %", field=name)
    # Only the time after the valuation date is discounted: a stretch before it (a year that
    # ended before the valuation date) adds nothing, so a later year's factor uses the later
    # years' rates alone; a year end before the valuation date compounds forward at its rate.
    ahead = np.maximum(tau, 0.0)
    dt = np.diff(np.concatenate([[0.0], ahead]))
    log_df = np.negative(running_sum(np.log1p(r) * dt[None, :]))
    past = tau < 0.0
    if past.any():
        log_df = log_df - np.log1p(r) * np.where(past, tau, 0.0)[None, :]
    return np.exp(log_df)


def present_value(flows: ArrayLike, factors: ArrayLike) -> np.ndarray:
    """Present value of a stream: ``sum_j flow_j DF_j``, shape ``(n,)``.

    Parameters
    ----------
    flows : array_like, shape (n, n_years) or (n_years,)
    factors : array_like, shape (n, n_years) or (n_years,)
        From :func:`discount_factors`.
    """
    f = np.atleast_2d(np.asarray(flows, dtype=float))
    d = np.atleast_2d(np.asarray(factors, dtype=float))
    return np.sum(f * d, axis=1)


def rolled_values(flows: ArrayLike, factors: ArrayLike, terminal: ArrayLike) -> np.ndarray:
    """Value at each year end of the flows still to come and the terminal value.

    ``value_j = (sum_{k > j} flow_k DF_k + terminal DF_T) / DF_j``: the same valuation seen from
    each year end, so column ``j`` is a point-in-time value at year end ``j`` (ex that year's
    flow) and the last column is the terminal value.

    Parameters
    ----------
    flows, factors : array_like, shape (n, n_years)
    terminal : array_like, shape (n,)
        Value at the last year end of everything after it.

    Returns
    -------
    ndarray, shape (n, n_years)
    """
    f = np.atleast_2d(np.asarray(flows, dtype=float))
    d = np.broadcast_to(np.atleast_2d(np.asarray(factors, dtype=float)), f.shape)
    pv = f * d
    after = np.zeros_like(pv)
    after[:, :-1] = running_sum(pv[:, :0:-1])[:, ::-1]
    tv = np.asarray(terminal, dtype=float).reshape(-1)
    return (after + (tv * d[:, -1])[:, None]) / d


def check_growth(growth: np.ndarray, rate: np.ndarray, names: tuple[str, str]) -> None:
    """Terminal growth above -100 % and below the discount rate on every path; ``names`` are
    (rate, growth)."""
    r_name, g_name = names
    # At -100 % a year or below nothing is left after the horizon, or less than nothing: the
    # flow after it, ``flow_T (1 + g)``, would change sign (most often -1.5 written for -1.5 %).
    gone = ~(growth > -1.0)
    if np.any(gone):
        i = int(np.argmax(gone))
        on = f" on {int(gone.sum())} of {gone.size} paths" if gone.size > 1 else ""
        raise ParameterError(
            f"terminal growth {g_name!r} is {growth.flat[i]:.4g}{on}, a fall of 100% a year or "
            "more, after which the flows would change sign; growth is a fraction a year "
            "(-0.015 for -1.5%)",
            field=g_name,
            expected=f"{g_name} > -1",
        )
    bad = growth >= rate
    if np.any(bad):
        i = int(np.argmax(bad))
        # Fixed on every path: bounds cannot separate them. One path tells nothing either way.
        if bad.size > 1 and np.ptp(growth) == 0 and np.ptp(rate) == 0:
            raise ParameterError(
                f"terminal growth {g_name!r} ({growth.flat[0]:.4g}) must be below the discount "
                f"rate {r_name!r} ({rate.flat[0]:.4g}); both are fixed, so write a growth "
                f"below {rate.flat[0]:.4g}",
                field=g_name,
            )
        if bad.size == 1:
            raise ParameterError(
                f"terminal growth {g_name!r} ({growth.flat[0]:.4g}) must be below the discount "
                f"rate {r_name!r} ({rate.flat[0]:.4g}) on this path; write a growth below the "
                "rate, or bound the two assumptions so that they cannot cross",
                field=g_name,
                expected=f"{g_name} < {r_name}",
            )
        raise ParameterError(
            f"terminal growth {g_name!r} must be below the discount rate {r_name!r} on every "
            f"path, but {int(bad.sum())} of {bad.size} paths have {g_name} >= {r_name} "
            f"(e.g. {g_name} = {growth.flat[i]:.4g}, {r_name} = {rate.flat[i]:.4g}); "
            f"bound the two assumptions so that they cannot cross",
            field=g_name,
            expected=f"{g_name} < {r_name}",
        )


def gordon_value(
    flow_next: ArrayLike,
    growth: ArrayLike,
    rate: ArrayLike,
    *,
    names: tuple[str, str] = ("rate", "terminal_growth"),
) -> np.ndarray:
    """Plain Gordon value ``flow_{T+1} / (r - g)`` at the last year end.

    Parameters
    ----------
    flow_next : array_like, shape (n,)
        The first flow after the horizon (e.g. ``flow_T * (1 + g)``).
    growth, rate : array_like, shape (n,)
        Perpetual growth and discount rate (fractions).
    names : (str, str)
        Assumption names of the rate and the growth, for the error message.

    Raises
    ------
    ParameterError
        If ``g >= r`` on some path (naming both and an example path).
    """
    g, r = np.broadcast_arrays(np.asarray(growth, dtype=float), np.asarray(rate, dtype=float))
    check_growth(g, r, names)
    return np.asarray(flow_next, dtype=float) / (r - g)


def reinvestment_rate(
    growth: ArrayLike, roic: ArrayLike, *, allow_disinvestment: bool = False
) -> np.ndarray:
    """Share of NOPAT reinvested to grow at ``g`` with a return on new capital ``ROIC``.

    ``g / ROIC``, floored at 0 unless ``allow_disinvestment`` (a shrinking business releasing
    capital). ROIC must be positive.
    """
    g = np.asarray(growth, dtype=float)
    q = np.asarray(roic, dtype=float)
    if np.any(q <= 0.0):
        raise ParameterError("return on new invested capital must be > 0", field="roic")
    rate = g / q
    return rate if allow_disinvestment else np.maximum(rate, 0.0)


def value_driver_terminal(
    nopat_next: ArrayLike,
    growth: ArrayLike,
    rate: ArrayLike,
    roic: ArrayLike,
    *,
    allow_disinvestment: bool = False,
    names: tuple[str, str] = ("rate", "terminal_growth"),
) -> np.ndarray:
    """Gordon value with reinvestment consistent with growth, ``NOPAT (1 - g/ROIC) / (r - g)``.

    Parameters
    ----------
    nopat_next : array_like, shape (n,)
        Operating profit after tax in the first year after the horizon.
    growth, rate, roic : array_like, shape (n,)
        Perpetual growth, discount rate and return on new invested capital (fractions).
    allow_disinvestment : bool
        Let a negative growth release capital (see :func:`reinvestment_rate`).
    names : (str, str)
        Assumption names of the rate and the growth.

    Returns
    -------
    ndarray, shape (n,)
        Value at the last year end.
    """
    share = reinvestment_rate(growth, roic, allow_disinvestment=allow_disinvestment)
    flow = np.asarray(nopat_next, dtype=float) * (1.0 - share)
    return gordon_value(flow, growth, rate, names=names)


def steady_state_capex(
    nopat_next: ArrayLike,
    depreciation_next: ArrayLike,
    growth: ArrayLike,
    roic: ArrayLike,
    *,
    allow_disinvestment: bool = False,
) -> np.ndarray:
    """Capital spending of the first year after the horizon: depreciation plus net investment.

    ``capex = depreciation + NOPAT * g / ROIC``; never below depreciation unless
    ``allow_disinvestment``. Shape ``(n,)``.
    """
    share = reinvestment_rate(growth, roic, allow_disinvestment=allow_disinvestment)
    return np.asarray(depreciation_next, dtype=float) + np.asarray(nopat_next, dtype=float) * share


def value_today(
    exit_value: ArrayLike,
    distributions: ArrayLike | None,
    factors: ArrayLike,
) -> np.ndarray:
    """Today's value per share if held to each year end, shape ``(n, n_years)``.

    ``today_j = sum_{k <= j} D_k DF_k + V_j DF_j``: the distributions received up to year end
    ``j`` and the value there, discounted to the valuation date at the cost of equity. The
    last column is the value today of holding through the horizon (``value_today``).

    Parameters
    ----------
    exit_value : array_like, shape (n, n_years)
        Value per share at each year end, after that year's distributions.
    distributions : array_like, shape (n, n_years), optional
        Cash per share received at each year end; with ``exit_value`` in the same frame (see
        :func:`~model.valuation.finance.cash.holder_flows`: a holder who tenders pro rata
        receives dividends and buybacks and keeps a constant stake, so neither is counted
        twice).
    factors : array_like, shape (n, n_years)
        Discount factors at the cost of equity (:func:`discount_factors`).
    """
    v = np.atleast_2d(np.asarray(exit_value, dtype=float))
    d = np.broadcast_to(np.atleast_2d(np.asarray(factors, dtype=float)), v.shape)
    dist = np.zeros_like(v) if distributions is None else np.asarray(distributions, dtype=float)
    dist = np.broadcast_to(dist, v.shape)
    return running_sum(dist * d) + v * d
