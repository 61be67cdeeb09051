"""Finance on real dates: valuation and price dates, discounting, cash and distributions.

``dates``
    The valuation date (``as_of``), the price's own date, fiscal year ends, ACT/365F year
    fractions, a stale-price warning, and dated annualised total returns (IRR including the
    distributions received along the way).
``discount``
    Discount factors per path (and per year), present values, Gordon terminal values with
    reinvestment consistent with growth, and today's value per share.
``cash``
    The net-cash roll-forward (cash counted once), dividends from a payout, buybacks at a price
    path or at the path's own value, share-based dilution, and the cash identity's residual.
``scale_checks``
    Warnings for a central value per share fifty times off the price, or nothing left for the
    shareholders with a method's value fifty prices below zero: a unit or scale slipped.
``implied``
    Implied expectations: the assumption value at which the central case's value equals the
    price (imported on use: it needs the thesis machinery).
"""

from model.valuation.finance.cash import (
    CashRoll,
    ShareRoll,
    cash_residual,
    holder_flows,
    payout_dividends,
    roll_net_cash,
    roll_shares,
)
from model.valuation.finance.dates import (
    DatedReturn,
    DateWarning,
    DayCount,
    ValuationDates,
    dated_return,
    fiscal_year_end,
    price_date_warning,
    stub_fractions,
    year_end_dates,
    year_fraction,
    year_fractions,
)
from model.valuation.finance.discount import (
    discount_factors,
    gordon_value,
    present_value,
    reinvestment_rate,
    rolled_values,
    steady_state_capex,
    value_driver_terminal,
    value_today,
)

__all__ = [
    "CashRoll",
    "DateWarning",
    "DatedReturn",
    "DayCount",
    "ShareRoll",
    "ValuationDates",
    "cash_residual",
    "dated_return",
    "discount_factors",
    "fiscal_year_end",
    "gordon_value",
    "holder_flows",
    "payout_dividends",
    "present_value",
    "price_date_warning",
    "reinvestment_rate",
    "roll_net_cash",
    "roll_shares",
    "rolled_values",
    "steady_state_capex",
    "stub_fractions",
    "value_driver_terminal",
    "value_today",
    "year_end_dates",
    "year_fraction",
    "year_fractions",
]
