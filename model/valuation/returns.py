"""Returns against the thesis (reference) price, and the summary measures investors quote.

Per path::

    total_return_t  = V_t / P - 1
    return_annual_t = (V_t / P) ** (1 / t) - 1      for t >= 1;  0 in year 0

``V_t`` is the value per share in year ``t`` (price currency, never negative) and ``P`` the
thesis (reference) price: the price the thesis file quotes, which need not be today's quote.
Year 0 has no holding period, so no annualised return exists for it; it is set to 0 so that the
array has no NaN, and the upside to the year-0 value is ``total_return[:, 0]``. A thesis run's
results leave both missing for a year end on or before the price date (nothing is held to it).
These are price returns; :func:`holding_returns` adds the dividends a share receives (a
model that states ``dividends_per_share`` reports those as its ``total_return`` and
``return_annual``).
A thesis run replaces ``return_annual`` by the return over the real time from the price date
(:func:`model.valuation.finance.today.price_return_annual`); ``t`` model years are the
fallback of a model run without dates.

The helpers below take plain arrays (one value per path, optionally with path weights, e.g.
when blending scenarios) and are independent of the engine.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from model.engine.summaries.stats import sum_of_products
from model.errors import ParameterError
from model.valuation.shapes import year_index

_PROB_TOL = 1e-9


def total_return(value_per_share: np.ndarray, price: float) -> np.ndarray:
    """Total (price) return from the thesis price to each year, ``V_t / P - 1``.

    Parameters
    ----------
    value_per_share : ndarray, shape (n, n_years) or (n,)
        Values per share, price currency.
    price : float
        Thesis (reference) price (> 0), same currency.

    Returns
    -------
    ndarray
        Shape of ``value_per_share``.

    Raises
    ------
    ParameterError
        If the price is not positive.
    """
    _check_price(price)
    return np.asarray(value_per_share, dtype=float) / price - 1.0


def annualised_return(value_per_share: np.ndarray, price: float) -> np.ndarray:
    """Annualised return from the thesis price in year 0 to each year, ``(V_t / P) ** (1 / t) - 1``.

    Parameters
    ----------
    value_per_share : ndarray, shape (n, n_years)
        Non-negative values per share, price currency.
    price : float
        Thesis (reference) price (> 0).

    Returns
    -------
    ndarray, shape (n, n_years)
        Year 0 (no holding period) is 0; a worthless share gives -1.

    Raises
    ------
    ParameterError
        If a value is negative (a fractional power of it has no real value).
    """
    _check_price(price)
    v = np.asarray(value_per_share, dtype=float)
    if np.any(v < 0.0):
        raise ParameterError("values per share must be >= 0", field="value_per_share")
    t = year_index(v.shape[1])
    power = np.divide(1.0, t, out=np.zeros_like(t), where=t > 0)
    out = (v / price) ** power - 1.0
    out[:, 0] = 0.0
    return out


def holding_returns(
    value_per_share: np.ndarray, price: float, distributions: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Total and annualised return from the price in year 0 to each year, distributions counted.

    The return of buying a share at ``P`` at the end of year 0, receiving the distributions
    ``D_k`` paid at the year ends ``1 <= k <= t`` and holding the share worth ``V_t``: the
    annual return ``r`` is the internal rate of return over whole model years (as
    :func:`model.valuation.finance.dates.dated_return` over real dates), and the total return
    ``(1 + r) ** t - 1`` (the distributions reinvested at the path's own return). Year 0's
    distribution went to the holders before the price, so is not counted. Without
    distributions these are :func:`total_return` and :func:`annualised_return`.

    Parameters
    ----------
    value_per_share : ndarray, shape (n, n_years)
        Values per share (>= 0) after each year's distribution, price currency.
    price : float
        Thesis (reference) price (> 0).
    distributions : ndarray, shape (n, n_years), optional
        Cash per share paid to the holders at each year end (>= 0), price currency.

    Returns
    -------
    total, annual : ndarray, shape (n, n_years)
        Year 0 keeps the conventions above: ``V_0 / P - 1`` and 0. A path with a value or
        distribution that is not finite has NaN returns.
    """
    from model.valuation.finance.dates import dated_return

    v = np.asarray(value_per_share, dtype=float)
    if distributions is None:
        return total_return(v, price), annualised_return(v, price)
    _check_price(price)
    d = np.broadcast_to(np.asarray(distributions, dtype=float), v.shape)
    total, annual = np.full_like(v, np.nan), np.full_like(v, np.nan)
    ok = np.isfinite(v).all(axis=1) & np.isfinite(d).all(axis=1)
    if ok.any():
        dated = dated_return(v[ok], price, year_index(v.shape[1]), d[ok])
        total[ok], annual[ok] = dated.total, dated.annual
    total[:, 0] = v[:, 0] / price - 1.0
    return total, annual


def _check_price(price: float) -> None:
    if not price > 0.0:
        raise ParameterError(f"price must be > 0 (got {price})", field="price")


def _prepare(x: ArrayLike, weights: ArrayLike | None) -> tuple[np.ndarray, np.ndarray]:
    """Flatten samples and normalise their weights (equal weights by default)."""
    values = np.asarray(x, dtype=float).ravel()
    if values.size == 0:
        raise ParameterError("no samples", field="x")
    if not np.all(np.isfinite(values)):
        raise ParameterError("samples must be finite", field="x")
    if weights is None:
        return values, np.full(values.size, 1.0 / values.size)
    w = np.asarray(weights, dtype=float).ravel()
    if w.shape != values.shape or np.any(w < 0.0) or not w.sum() > 0.0:
        raise ParameterError(
            "weights must be non-negative, one per sample, not all 0", field="weights"
        )
    return values, w / w.sum()


def _share_of_paths(mask: np.ndarray, w: np.ndarray, weighted: bool) -> float:
    """Weight of the paths where ``mask`` holds.

    Without weights it is the plain fraction of paths: summing ``n`` weights of ``1/n`` leaves
    rounding residue (0.8545000000000003 for 17,090 of 20,000 paths) that shows in tables.
    """
    return float(w[mask].sum()) if weighted else float(np.mean(mask))


def expected_return(returns: ArrayLike, weights: ArrayLike | None = None) -> float:
    """Mean return over paths (weighted if ``weights`` are given).

    Averaging total (holding-period) returns gives the expected total return. Averaging
    annualised returns gives the mean of the paths' annual returns, which is not an expected
    return a year: for a binary outcome (a drug approved or not) it can be negative while the
    expected total return is positive. :func:`annualised_expected_return` is that figure.

    Parameters
    ----------
    returns : array_like, shape (n,)
        One return per path (e.g. ``total_return[:, t]``).
    weights : array_like, shape (n,), optional
        Path weights (normalised here).

    Returns
    -------
    float
    """
    r, w = _prepare(returns, weights)
    return sum_of_products(w, r)


def annualised_expected_return(mean_total: float, years: float) -> float:
    """The expected return a year: the expected total return, annualised.

    ``(1 + E[R_T]) ** (1 / T) - 1``, with ``E[R_T]`` the mean over paths of the total return
    over the holding period of ``T`` years (distributions included where the run counts
    them). It is the constant yearly rate that compounds to the expected outcome, so an
    investor's expected wealth ``P (1 + E[R_T])`` is what it promises; the mean of the
    paths' annualised returns, ``E[(1 + R_T) ** (1 / T)] - 1``, is below it (Jensen) and can
    even have the other sign. A holding period under a year is not annualised (GIPS): the
    expected return is then ``E[R_T]`` itself.

    Parameters
    ----------
    mean_total : float
        Expected (mean) total return over the holding period, ``>= -1``.
    years : float
        Holding period ``T`` in years (> 0): ACT/365F from the price's date on a dated run,
        whole model years otherwise.

    Returns
    -------
    float
    """
    if not years > 0.0:
        raise ParameterError(f"holding period must be > 0 years (got {years})", field="years")
    if years < 1.0:
        return float(mean_total)
    return float(max(1.0 + mean_total, 0.0) ** (1.0 / years) - 1.0)


def annualised_expected_return_se(mean_total: float, se_total: float, years: float) -> float:
    """Standard error of :func:`annualised_expected_return`, by the delta method.

    The derivative of ``(1 + m) ** (1 / T)`` in ``m`` is ``(1 + m) ** (1 / T - 1) / T``, so
    the error of the mean total return ``se_total`` maps to ``se_total (1 + m) ** (1 / T - 1)
    / T`` (first order: the mean's error is small against ``1 + m``). Under a year the return
    is not annualised and its error is the mean's.

    Parameters
    ----------
    mean_total : float
        Expected total return over the holding period.
    se_total : float
        Its standard error (NaN when there is no spread to measure it by).
    years : float
        Holding period in years (> 0).

    Returns
    -------
    float
    """
    if years < 1.0 or not se_total > 0.0:
        return float(se_total)  # under a year, NaN, or no spread: the mean's own error
    gross = 1.0 + mean_total
    if not gross > 0.0:  # every path worthless has no spread, so this is not reached
        return math.nan
    return float(se_total * gross ** (1.0 / years - 1.0) / years)


def prob_upside(returns: ArrayLike, weights: ArrayLike | None = None) -> float:
    """Probability that the return is positive, ``P(r > 0)``.

    Parameters
    ----------
    returns : array_like, shape (n,)
        One return per path.
    weights : array_like, shape (n,), optional
        Path weights (normalised here).

    Returns
    -------
    float
    """
    r, w = _prepare(returns, weights)
    return _share_of_paths(r > 0.0, w, weights is not None)


def prob_loss_worse_than(
    returns: ArrayLike, loss: float = 0.30, weights: ArrayLike | None = None
) -> float:
    """Probability of losing more than ``loss``, ``P(r < -loss)``.

    Parameters
    ----------
    returns : array_like, shape (n,)
    loss : float
        Loss as a positive fraction (0.30 = a fall of more than 30 %).
    weights : array_like, shape (n,), optional

    Returns
    -------
    float
    """
    r, w = _prepare(returns, weights)
    return _share_of_paths(r < -loss, w, weights is not None)


def expected_shortfall(
    returns: ArrayLike, level: float = 0.05, weights: ArrayLike | None = None
) -> float:
    """Mean of the worst ``level`` probability mass of returns (lower-tail expectation).

    The path straddling the tail boundary counts with the part of its weight inside the
    tail, so the result does not jump with the number of paths.

    Parameters
    ----------
    returns : array_like, shape (n,)
    level : float
        Tail probability in (0, 1].
    weights : array_like, shape (n,), optional

    Returns
    -------
    float
    """
    if not 0.0 < level <= 1.0:
        raise ParameterError(f"level must be in (0, 1] (got {level})", field="level")
    r, w = _prepare(returns, weights)
    if weights is None:
        tail = _equal_weight_shortfall(r, w, level)
        if tail is not None:
            return tail
    order = np.argsort(r, kind="stable")
    r, w = r[order], w[order]
    before = np.concatenate([[0.0], np.cumsum(w)[:-1]])
    inside = np.clip(level - before, 0.0, w)
    return sum_of_products(inside, r) / float(inside.sum())


def _equal_weight_shortfall(r: np.ndarray, w: np.ndarray, level: float) -> float | None:
    """:func:`expected_shortfall` of equally weighted paths, sorting only the tail's paths.

    With equal weights the weight each rank has inside the tail does not depend on which path
    holds the rank, so only the ``k`` lowest returns (the ranks with weight inside) need to be
    found and sorted, not all of them. The products beyond them are zeros, summed in the same
    places as before: a zero's sign can change only a sum that is itself zero, which is left
    to the full sort (None), so the figure is the same to the last bit.

    Parameters
    ----------
    r : ndarray, shape (n,)
        Finite returns, in any order.
    w : ndarray, shape (n,)
        Equal weights ``1 / n``.
    level : float
        Tail probability in (0, 1].
    """
    before = np.concatenate([[0.0], np.cumsum(w)[:-1]])
    inside = np.clip(level - before, 0.0, w)
    k = int(np.count_nonzero(inside))
    if not inside[:k].all():  # (the weight inside is a prefix of the ranks; else sort all)
        return None
    # The k lowest returns in order, then zeros: the sum of the same products in the same
    # places as over every path in order (zeros where ``inside`` is zero).
    lowest = np.zeros(r.size)
    lowest[:k] = np.sort(np.partition(r, k - 1)[:k] if k < r.size else r)
    total = sum_of_products(inside, lowest)
    return total / float(inside.sum()) if total != 0.0 else None


@dataclass(frozen=True)
class ScenarioView:
    """The analysts' probability-weighted view of a few named scenarios.

    Attributes
    ----------
    expected_value : float
        ``sum_i p_i V_i``, price currency per share.
    expected_return : float
        ``expected_value / P - 1``.
    upside : float
        Probability-weighted gain relative to the price, ``sum_i p_i max(V_i - P, 0) / P``.
    downside : float
        Probability-weighted loss relative to the price, ``sum_i p_i max(P - V_i, 0) / P``
        (a positive number).
    reward_to_risk : float
        ``upside / downside``; ``inf`` if no scenario is below the price, NaN if every
        scenario equals it.
    """

    expected_value: float
    expected_return: float
    upside: float
    downside: float
    reward_to_risk: float


def scenario_view(
    values: Mapping[str, float], probabilities: Mapping[str, float], price: float
) -> ScenarioView:
    """Probability-weighted value of named scenarios (bull / base / bear) and reward to risk.

    Parameters
    ----------
    values : Mapping[str, float]
        Scenario -> value per share, price currency.
    probabilities : Mapping[str, float]
        Scenario -> probability; same keys, non-negative, summing to 1.
    price : float
        Thesis (reference) price (> 0).

    Returns
    -------
    ScenarioView
    """
    _check_price(price)
    if set(values) != set(probabilities):
        raise ParameterError(
            "values and probabilities must name the same scenarios", field="probabilities"
        )
    p = {k: float(v) for k, v in probabilities.items()}
    if any(v < 0.0 for v in p.values()) or abs(sum(p.values()) - 1.0) > _PROB_TOL:
        raise ParameterError(
            "scenario probabilities must be >= 0 and sum to 1", field="probabilities"
        )
    expected = sum(p[k] * float(values[k]) for k in p)
    up = sum(p[k] * max(float(values[k]) - price, 0.0) for k in p) / price
    down = sum(p[k] * max(price - float(values[k]), 0.0) for k in p) / price
    if down > 0.0:
        ratio = up / down
    else:
        ratio = math.inf if up > 0.0 else math.nan
    return ScenarioView(expected, expected / price - 1.0, up, down, ratio)


def reward_to_risk_text(ratio: float) -> str:
    """The reward-to-risk ratio as a reader should see it.

    Parameters
    ----------
    ratio : float
        :attr:`ScenarioView.reward_to_risk`: a number, ``inf`` when no scenario is below the
        price, NaN when every scenario equals it.

    Returns
    -------
    str
        ``"1.85"``; ``"n/a (no downside: no case below the price)"``; or
        ``"n/a (every case at the price)"``. A ratio over a zero downside is no measure of
        reward per unit of risk, so it is never printed as ``inf``.
    """
    if math.isnan(ratio):
        return "n/a (every case at the price)"
    if math.isinf(ratio):
        return "n/a (no downside: no case below the price)"
    return f"{ratio:.2f}"


def finite_or_none(x: float) -> float | None:
    """``x`` if finite, else None: a ratio that JSON (which has no ``Infinity``) can hold."""
    return x if math.isfinite(x) else None
