"""Multiple legs: P/E with a phased re-rating, EV/EBITDA, EV/sales, EV/EBIT, sum of the parts.

Equations (``(n, n_years)``, ``t`` = model year index; the bridge is
:func:`~model.valuation.legs.bridge.equity_bridge`)::

    on_t      = rerating_t * [t >= start]                      the re-rating has happened
    phase_t   = min(sum_{k <= t} on_k / years, 1)              phased in over ``years``
    pe_t      = pe_now_t + phase_t * fraction_t * (pe_peer_t - pe_now_t)
    P/E       : equity_t = bridge(pe_t * earnings_t)
    EV/metric : equity_t = bridge(multiple_t * metric_t)       EBITDA, sales, EBIT
    SOTP      : equity_t = bridge(sum_s multiple_s,t * metric_s,t)

A re-rating is an event with a date: from the year it happens (``start``, or the first year a
per-year ``rerating`` path is on) it closes its share of the gap by ``1 / years`` a year, so
year 0's multiple is today's and the full re-rating is reached ``years`` years later. ``years``
below 1 counts as 1 (in full in its year). A multiple applied to a negative metric values a
loss at a multiple: the value is kept, and the path is flagged.

A part of a sum of the parts may be negative by design (the costs of a holding, capitalised at
a multiple, are a textbook part); a part is flagged only where its sign turns against the sign
it has in year 0 (a profitable segment falling into losses, valued at a multiple for profits),
and a path whose parts sum to less than nothing is flagged too. Both read one path only, so a
flag never depends on the other paths of a run.
"""

from __future__ import annotations

import numpy as np

from model.errors import ParameterError
from model.valuation.legs.base import LegKind, LegValue
from model.valuation.legs.bridge import discount_outside, equity_bridge
from model.valuation.shapes import any_by_path

__all__ = ["ev_ebit_leg", "ev_ebitda_leg", "ev_sales_leg", "pe_leg", "rerating_phase", "sotp_leg"]


def rerating_phase(rerating: np.ndarray, start: np.ndarray, years: np.ndarray) -> np.ndarray:
    """Share of a re-rating in effect in each year (0 to 1).

    Parameters
    ----------
    rerating : ndarray, shape (n, n_years)
        1 on paths (and from years) where the re-rating happens, else 0; a fraction is a
        partial re-rating (the central path's probability), phased in over the same years.
    start : ndarray, shape (n, n_years)
        First model-year index it can apply in (year 0 is today; the first year's value is
        used).
    years : ndarray, shape (n, n_years)
        Years to phase it in (the first year's value is used; < 1 counts as 1).

    Returns
    -------
    ndarray, shape (n, n_years)
    """
    t = np.arange(rerating.shape[1], dtype=float)[None, :]
    on = rerating * (t >= start[:, :1])
    # The ramp counts the years the re-rating has been on; a fraction scales its size, not
    # its pace (summing fractions instead would let a half re-rating ramp on past its years).
    ramp = np.cumsum(on > 0.0, axis=1) / np.maximum(years[:, :1], 1.0)
    return on * np.minimum(ramp, 1.0)


def _loss(metric: np.ndarray) -> np.ndarray:
    return any_by_path(metric < 0.0)


def _turned(metric: np.ndarray) -> np.ndarray:
    """Paths, shape ``(n,)``, where a part's sign in some year opposes its year-0 sign.

    A part negative in year 0 (a cost centre, a segment losing money today) is negative by the
    thesis' own account, and its multiple was chosen for that; one positive or zero in year 0
    is flagged when it turns to a loss, as a single-metric leg is.
    """
    first = metric[:, :1]
    return any_by_path(np.where(first < 0.0, metric > 0.0, metric < 0.0))


def pe_leg(
    earnings: np.ndarray,
    multiple_now: np.ndarray,
    multiple_peer: np.ndarray | None,
    rerating: np.ndarray,
    rerating_fraction: np.ndarray,
    rerating_start: np.ndarray,
    rerating_years: np.ndarray,
    net_cash: np.ndarray,
    investments: np.ndarray,
    discount: np.ndarray,
) -> LegValue:
    """Operating earnings at a (re-rating) P/E, plus net cash and stakes (see the module)."""
    if multiple_peer is None:
        pe = np.array(multiple_now, dtype=float)
    else:
        phase = rerating_phase(rerating, rerating_start, rerating_years)
        pe = multiple_now + phase * rerating_fraction * (multiple_peer - multiple_now)
    operating = pe * earnings
    equity = equity_bridge(operating, net_cash, investments, discount)
    invalid = _loss(earnings) | discount_outside(discount)
    return LegValue(LegKind.PE, equity, operating, None, invalid, {"multiple": pe})


def _ev_leg(
    kind: LegKind,
    metric: np.ndarray,
    multiple: np.ndarray,
    net_cash: np.ndarray,
    investments: np.ndarray,
    discount: np.ndarray,
) -> LegValue:
    operating = multiple * metric
    equity = equity_bridge(operating, net_cash, investments, discount)
    invalid = _loss(metric) | discount_outside(discount)
    return LegValue(kind, equity, operating, None, invalid, {"multiple": np.array(multiple)})


def ev_ebitda_leg(
    ebitda: np.ndarray,
    multiple: np.ndarray,
    net_cash: np.ndarray,
    investments: np.ndarray,
    discount: np.ndarray,
) -> LegValue:
    """EBITDA at an EV/EBITDA multiple, plus net cash and stakes."""
    return _ev_leg(LegKind.EV_EBITDA, ebitda, multiple, net_cash, investments, discount)


def ev_sales_leg(
    revenue: np.ndarray,
    multiple: np.ndarray,
    net_cash: np.ndarray,
    investments: np.ndarray,
    discount: np.ndarray,
) -> LegValue:
    """Revenue at an EV/sales multiple, plus net cash and stakes."""
    return _ev_leg(LegKind.EV_SALES, revenue, multiple, net_cash, investments, discount)


def ev_ebit_leg(
    ebit: np.ndarray,
    multiple: np.ndarray,
    net_cash: np.ndarray,
    investments: np.ndarray,
    discount: np.ndarray,
) -> LegValue:
    """EBIT at an EV/EBIT multiple, plus net cash and stakes."""
    return _ev_leg(LegKind.EV_EBIT, ebit, multiple, net_cash, investments, discount)


def sotp_leg(
    metrics: list[np.ndarray],
    multiples: list[np.ndarray],
    net_cash: np.ndarray,
    investments: np.ndarray,
    discount: np.ndarray,
) -> LegValue:
    """Each segment's metric at its own multiple, summed, plus net cash and stakes once.

    The metric of a segment can be any line (revenue, EBITDA, earnings) as long as its multiple
    matches it; segment ``i``'s value is ``multiples[i] * metrics[i]``. A part negative from
    year 0 (holding costs) is part of the sum, not a flag; see the module notes.
    """
    if len(metrics) != len(multiples) or not metrics:
        raise ParameterError(
            f"the sum of the parts needs one multiple per segment "
            f"({len(metrics)} segment lines, {len(multiples)} multiples)",
            field="multiples",
        )
    values = [m * x for m, x in zip(metrics, multiples, strict=True)]
    operating = np.sum(values, axis=0)
    equity = equity_bridge(operating, net_cash, investments, discount)
    turned = np.any([_turned(m) for m in metrics], axis=0)
    invalid = turned | _loss(operating) | discount_outside(discount)
    parts = {f"segment_{i}": v for i, v in enumerate(values)}
    return LegValue(LegKind.SOTP, equity, operating, None, invalid, parts)
