"""A warning at a cost of equity of the model's currency used on values in the price's.

A leg's ``discount_rate`` discounts flows of the model currency, so it is a rate of that
currency; today's value discounts values per share in the price currency. The two agree only
while the rate ``fx_to_price`` reads stays where it starts: a lira model priced in dollars,
with the lira falling 30% a year, discounted at the lira WACC of 55% states today's value at
less than half of what a dollar cost of equity gives, without a word. ``validate`` and each
run warn, at ``model.valuation`` (or its ``cost_of_equity``), when today's value discounts at a
leg's own rate (by default, or named again as the cost of equity) while the exchange rate
drifts by more than :data:`DRIFT` a year on the central path.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

__all__ = ["warn_cost_of_equity_currency"]

#: A yearly drift of the exchange rate beyond this (either way) is warned about.
DRIFT = 0.01


def warn_cost_of_equity_currency(
    thesis: Any, model: Any, inputs: Mapping[str, Any], out: Mapping[str, Any]
) -> None:
    """Warn when today's value discounts at a leg's model-currency rate while ``fx_to_price``
    drifts on the central path (see the module notes).

    Parameters
    ----------
    thesis : Thesis
        One scenario applied.
    model : callable
        Its valuation model (a line model with ``fx_to_price``; others are not checked).
    inputs : Mapping[str, ndarray]
        The central path's inputs (assumptions, processes by year).
    out : Mapping[str, ndarray]
        The model's outputs on that path.
    """
    from model.errors import ThesisModelWarning, warn
    from model.valuation.finance.dates import fiscal_year_text
    from model.valuation.finance.today import leg_rate

    built = getattr(model, "built", None)
    fx_expr = getattr(built, "fx", None)
    years = list(getattr(thesis, "years", ()))
    if fx_expr is None or "value_today" not in out or len(years) < 2:
        return
    legs = getattr(built, "legs", None) or ()
    rates = {
        str(leg.texts.get("discount_rate", "")).strip(): leg.name
        for leg in legs
        if str(getattr(leg, "texts", {}).get("discount_rate", "")).strip()
    }
    given = getattr(built, "cost_of_equity", None)
    rate = leg_rate(legs) if given is None else given
    text = str(rate).strip() if rate is not None else ""
    leg = rates.get(text) or next((n for t, n in rates.items() if _same_number(t, rate)), None)
    if leg is None:
        return  # a cost of equity of its own: the thesis chose its currency
    fx = fx_expr.by_year({}, {**inputs, **out}, years)
    if fx is None or not (fx[0] > 0.0 and fx[-1] > 0.0):
        return
    span = (years[-1] - years[0]) or 1
    drift = (fx[-1] / fx[0]) ** (1.0 / span) - 1.0
    # A rate written as moving exactly 1% a year comes back a rounding error above it.
    if abs(drift) <= DRIFT * (1.0 + 1e-9):
        return
    path = ("model", "valuation", *(("cost_of_equity",) if given is not None else ()))
    end = str(getattr(thesis, "fiscal_year_end", "12-31") or "12-31")
    price_ccy = str(getattr(thesis, "currency", "") or "the price's currency")
    how = "by default" if given is None else "as valuation.cost_of_equity"
    warn(
        f"{thesis.where(path)}{'.'.join(path)}: today's value discounts values per share in "
        f"{price_ccy} at {text!r} ({how}), the rate the leg '{leg}' discounts the model "
        f"currency's flows at, while the exchange rate fx_to_price "
        f"('{fx_expr.expression.text.strip()}') moves from {fx[0]:.4g} in "
        f"{fiscal_year_text(years[0], end)} to {fx[-1]:.4g} in "
        f"{fiscal_year_text(years[-1], end)} on the central path ({drift * 100:+.3g}% a year): "
        "the value today is off by that drift compounded over the years; set "
        f"valuation.cost_of_equity to a rate of the price currency ({price_ccy})",
        ThesisModelWarning,
    )


def _same_number(text: str, rate: Any) -> bool:
    """Whether the leg's rate ``text`` is the number ``rate`` (a rate written as a number)."""
    if not isinstance(rate, int | float) or isinstance(rate, bool):
        return False
    try:
        return bool(np.isclose(float(text), float(rate)))
    except ValueError:
        return False
