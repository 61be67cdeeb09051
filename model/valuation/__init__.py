r"""The thesis model: from market size and market share to value per share and returns.

The model is a set of vectorised numpy functions evaluated on ``n`` Monte Carlo paths at once.
Every input is a per-path value, shape ``(n,)``, or a per-year path, shape ``(n, T)`` (a process,
or a static assumption that an event changed from its year on); the model broadcasts each to
``(n, T)`` and uses the value *of year t* wherever it needs one. Years are counted from the
first model year, ``t = 0 .. T-1``; year 0 is today. Money is in the model currency (for
Alibaba ``USD bn``); per-share values are in the price currency (``HKD/share``).

The equations, in the order the code computes them
----------------------------------------------------

**Markets** (for every segment ``s``; ``g`` is market growth, a process or a constant)::

    gross_s,t  = market_s,0 * prod_{k=1..t} (1 + g_s,k)
    market_s,t = max(gross_s,t - market_{net_of(s)},t, 0)        if the segment has net_of
               = gross_s,t                                       otherwise

**Market shares**: a softmax in log-share space over the named players ``i`` and the implied
rest, so shares lie in [0, 1] and sum to 1 in every year on every path::

    w_i,t    = s_i,0 * exp(sum_{k=1..t} d_i,k)                   d = share_drift (0 if absent)
    w_rest,t = (1 - sum_i s_i,0) * exp(sum_{k=1..t} d_rest,k)
    s_i,t    = w_i,t / (sum_j w_j,t + w_rest,t)

(``log s_i,t = log s_i,0 + d_i t`` before renormalising, for constant drifts.)

**Revenue**::

    revenue_s,t         = market_s,t * s_company,t + other_s,0 * prod_{k=1..t} (1 + h_s,k)
    revenue_cloud_total = sum_s revenue_s
    revenue_growth_t    = revenue_cloud_total_t / revenue_cloud_total_{t-1} - 1

Year-0 growth uses a one-year backcast of the same equations (markets divided by
``1 + g_0``, shares stepped back one drift, other revenue divided by ``1 + h_0``).

**Margins, capital spending and depreciation**::

    margin_s,t = m0_s + (m*_s - m0_s) * min(t / Y_s, 1)
    capex_t    = C * a_t + M * (1 - a_t),    a_t = clip(capex_years - t, 0, 1)
    dep_t      = sum_{v < t} capex_v * clip(L - (t - v - 1), 0, 1) / L

(each year's capex is depreciated straight-line over ``L`` years from the following year; the
first-year margin already carries the depreciation of the existing asset base.)

**Earnings and free cash flow**::

    segment_profit_s,t     = revenue_s,t * margin_s,t
    operating_profit_cloud = sum_s segment_profit_s - dep
    earnings_rest_t        = rest_0 * prod_{k=1..t} (1 + r_k)
    earnings_t             = operating_profit_cloud_t * (1 - tax_t) + earnings_rest_t
    fcf_t                  = earnings_t + dep_t - capex_t

**Valuation** (three methods, each an equity value in the model currency)::

    pe_t         = pe_now + rerating * fraction * (pe_peer - pe_now)   rerating in {0, 1}
    exit_pe      = pe_{T-1}
    value_pe_t   = earnings_t * pe_t
    DF_t         = prod_{k=1..t} 1 / (1 + wacc_k)
    TV           = fcf_{T-1} * (1 + g) / (wacc - g)                     g < wacc on every path
    value_dcf_t  = (sum_{k=t+1..T-1} fcf_k DF_k + TV DF_{T-1}) / DF_t + net_cash
    value_dcf    = value_dcf_0
    value_sotp_t = (cloud_multiple * revenue_cloud_total_t + rest_multiple * earnings_rest_t
                    + net_cash) * (1 - regulatory_discount_t)
    equity_t     = w_pe value_pe_t + w_dcf value_dcf_t + w_sotp value_sotp_t    (w sum to 1)

**Shares and value per share** (``P`` = thesis (reference) price, ``fx`` = price currency per model
currency, ``B`` = buyback authorisation spent evenly over ``Yb`` years after year 0)::

    spend_t           = B * (min(t, Yb) - min(t - 1, Yb)) / Yb            (0 in year 0)
    shares_t          = shares_0 - sum_{k=1..t} spend_k * fx_k / P
    value_per_share_t = max(equity_t * fx_t / shares_t, 0)

**Returns**::

    total_return_t  = value_per_share_t / P - 1
    return_annual_t = (value_per_share_t / P) ** (1 / tau_t) - 1          (tau_t >= 1)

``tau_t`` is the ACT/365F years from the price date to year end ``t`` in a thesis run (under a
year the period's own return ``V_t / P - 1``; missing for a year end on or before the price date);
a model run without dates counts ``t`` model years, 0 in year 0. This model pays no dividends;
a line model that states ``dividends_per_share`` counts them in both
(:func:`model.valuation.returns.holding_returns`).

Conventions: no method accumulates the cash generated between year 0 and year ``t``
(buybacks are funded from it; net cash stays at its input level), so each year's value is a
point-in-time value of the equity and returns are price returns. Buybacks execute at the
thesis (reference) price. Paths that break an invariant (a market netted below zero, first-year
shares summing above 1, growth of -100 % or worse, a P/E value on losses, a regulatory discount
outside [0, 1], buybacks retiring every share, a negative equity value floored at 0) are
flagged in ``_invalid_<name>`` masks and counted by the engine, never hidden; terminal growth
not below the discount rate and weights not summing to 1 are errors.

Modules
-------
``config``, ``unitplan``, ``checks``
    The ``model:`` section: structure, names and units, and the checks of its numbers
    (first-year shares, terminal growth against the discount rate, weights).
``shapes``, ``revenue``, ``earnings``, ``valuation``, ``returns``
    The equations above, one module per block, usable on plain arrays.
``segment_model``
    :class:`SegmentModel`, the callable the engine runs; its ``output_units`` lists every
    output with its unit.
"""

from collections.abc import Callable, Mapping
from typing import Any

from model.valuation.config import ModelConfig, parse_model_section
from model.valuation.returns import (
    ScenarioView,
    annualised_return,
    expected_return,
    expected_shortfall,
    prob_loss_worse_than,
    prob_upside,
    scenario_view,
    total_return,
)
from model.valuation.segment_model import SegmentModel


def build_model(thesis: Any) -> Any:
    """The valuation model a thesis' ``model:`` section describes, by its ``kind:``.

    Parameters
    ----------
    thesis : Thesis

    Returns
    -------
    SegmentModel or LineModel
        Wrapped so that it also states today's value and the dated returns
        (``value_today``, ``value_today_by_year``, ``return_dated``, ``total_return_dated``;
        see :mod:`model.valuation.finance.today`) when it states a value per share.

    Raises
    ------
    ThesisError
        No ``model:`` section, an unknown kind, or any problem of the section.
    """
    section = thesis.model_section
    if section is None:
        raise thesis.error(
            ("model",),
            "the thesis has no 'model:' section; add one: kind: lines, currency, and the "
            "lines (name: expression) or blocks of your model (see the README, 'The model')",
        )
    kind = section.get("kind", "lines") if isinstance(section, Mapping) else None
    make = MODEL_KINDS.get(str(kind))
    if make is None:
        raise thesis.error(
            ("model", "kind"),
            f"unknown model kind {kind!r}",
            ", ".join(MODEL_KINDS),
        )
    from model.valuation.finance.today import with_today

    return with_today(make(thesis), thesis)


def _lines(thesis: Any) -> Any:
    from model.valuation.lines import LineModel

    return LineModel.from_thesis(thesis)


#: Model kinds by their ``kind:`` word.
MODEL_KINDS: dict[str, Callable[[Any], Any]] = {
    "lines": _lines,
    "segments": SegmentModel.from_thesis,
}


__all__ = [
    "MODEL_KINDS",
    "ModelConfig",
    "ScenarioView",
    "SegmentModel",
    "annualised_return",
    "build_model",
    "expected_return",
    "expected_shortfall",
    "parse_model_section",
    "prob_loss_worse_than",
    "prob_upside",
    "scenario_view",
    "total_return",
]
