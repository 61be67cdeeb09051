"""Earnings and cash: margins, capital spending, depreciation, group earnings, free cash flow.

Equations (every array ``(n, n_years)``, ``t`` = years since the first model year)::

    margin_t    = m0_t + (m*_t - m0_t) * f_t,   f_t = min(t / Y_t, 1)   (Y <= 0: f_t = 1 for t >= 1)
    capex_t     = C_t * a_t + M_t * (1 - a_t),  a_t = clip(Yc_t - t, 0, 1)
    dep_t       = sum_{v < t} capex_v * clip(L_v - (t - v - 1), 0, 1) / L_v
    op_cloud_t  = sum_segments revenue_t * margin_t - dep_t
    earnings_t  = op_cloud_t * (1 - tax_t) + rest_0,t * prod_{k=1..t} (1 + r_k)
    fcf_t       = earnings_t + dep_t - capex_t

``a_t`` is the share of year ``t`` inside the spending programme (the programme starts in the
first model year and may end mid-year). Each year's capex is depreciated straight-line over
``L`` years starting the *year after* it is spent: the first-year margin is a reported margin
that already carries the depreciation of the existing asset base, so only spending from the
first model year on is depreciated explicitly. Margins are therefore margins before that
incremental depreciation. Tax applies to the cloud profit after depreciation (a loss gives a
tax credit inside the group); the rest of the group enters after tax.
"""

from __future__ import annotations

import numpy as np

from model.errors import ParameterError
from model.valuation.shapes import year_index


def margin_path(start: np.ndarray, target: np.ndarray, years: np.ndarray) -> np.ndarray:
    """Operating margin gliding linearly from ``start`` to ``target`` over ``years``, then flat.

    Parameters
    ----------
    start : ndarray, shape (n, n_years)
        Margin in the first model year (fraction).
    target : ndarray, shape (n, n_years)
        Margin reached after ``years`` years.
    years : ndarray, shape (n, n_years)
        Years to reach the target (may be fractional); ``<= 0`` reaches it in year 1.

    Returns
    -------
    ndarray, shape (n, n_years)
        Equal to ``start`` in year 0.
    """
    t = year_index(start.shape[1])
    safe = np.where(years > 0.0, years, 1.0)
    frac = np.where(years > 0.0, np.clip(t / safe, 0.0, 1.0), (t > 0).astype(float))
    return start + (target - start) * frac


def capex_path(
    programme: np.ndarray, programme_years: np.ndarray, maintenance: np.ndarray
) -> np.ndarray:
    """Capital spending: a programme rate for its years, then maintenance spending.

    Parameters
    ----------
    programme : ndarray, shape (n, n_years)
        Spending per year while the programme runs, model currency.
    programme_years : ndarray, shape (n, n_years)
        Programme length in years from the first model year (fractional: a part year).
    maintenance : ndarray, shape (n, n_years)
        Spending per year after the programme, model currency.

    Returns
    -------
    ndarray, shape (n, n_years)
    """
    t = year_index(programme.shape[1])
    active = np.clip(programme_years - t, 0.0, 1.0)
    return programme * active + maintenance * (1.0 - active)


def depreciation_path(capex: np.ndarray, life: np.ndarray) -> np.ndarray:
    """Straight-line depreciation of each year's capex, starting the year after it is spent.

    Parameters
    ----------
    capex : ndarray, shape (n, n_years)
        Spending per year, model currency.
    life : ndarray, shape (n, n_years)
        Useful life in years (the life of the year the asset was bought applies); a
        fractional life depreciates the remainder in the last year.

    Returns
    -------
    ndarray, shape (n, n_years)
        Zero in year 0.

    Raises
    ------
    ParameterError
        If some life is not positive.
    """
    if np.any(life <= 0.0):
        raise ParameterError("depreciation life must be > 0 years", field="depreciation_life")
    n, n_years = capex.shape
    dep = np.zeros((n, n_years))
    # Year by year on whole columns, in place: a vintage's few later years as the inner axis
    # would make every operation a loop over rows of one to a few numbers.
    part = np.empty(n)
    for vintage in range(n_years - 1):
        life_v, capex_v = life[:, vintage], capex[:, vintage]
        for year in range(vintage + 1, n_years):
            # age 0 is the year after the spend; each age writes off at most 1 / life.
            np.subtract(life_v, float(year - vintage - 1), out=part)
            np.clip(part, 0.0, 1.0, out=part)
            part /= life_v
            np.multiply(capex_v, part, out=part)
            dep[:, year] += part
    return dep


def group_earnings(
    cloud_operating_profit: np.ndarray, tax_rate: np.ndarray, rest_earnings: np.ndarray
) -> np.ndarray:
    """Group earnings after tax: taxed cloud operating profit plus the rest of the group.

    Parameters
    ----------
    cloud_operating_profit : ndarray, shape (n, n_years)
        After the modelled depreciation, model currency.
    tax_rate : ndarray, shape (n, n_years)
        Fraction.
    rest_earnings : ndarray, shape (n, n_years)
        Rest of the group, already after tax, model currency.

    Returns
    -------
    ndarray, shape (n, n_years)
    """
    return cloud_operating_profit * (1.0 - tax_rate) + rest_earnings


def free_cash_flow(earnings: np.ndarray, depreciation: np.ndarray, capex: np.ndarray) -> np.ndarray:
    """Free cash flow: earnings with the non-cash depreciation added back, less capex.

    Parameters
    ----------
    earnings : ndarray, shape (n, n_years)
        Group earnings after tax, model currency.
    depreciation : ndarray, shape (n, n_years)
        Depreciation deducted in ``earnings``, model currency.
    capex : ndarray, shape (n, n_years)
        Capital spending, model currency.

    Returns
    -------
    ndarray, shape (n, n_years)
        ``earnings + depreciation - capex``.
    """
    return earnings + depreciation - capex
