"""Warnings for per-share amounts far from the price on the central path.

A price or an amount written in the wrong unit (pence as pounds, a scale word such as m or bn
off) shows as a gap of fifty times or more between the central path's value per share and the
price, or as a dividend above the price; a debt or a cost a thousand times too large leaves
nothing for the shareholders, a value of zero. None of these is refused: a thesis may mean
them. ``validate`` warns at the line instead of staying silent.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from model.errors import ThesisModelWarning, warn
from model.inputs.figures import format_fixed

__all__ = ["check_per_share_scale"]

#: The central value this many times above or below the price reads as a unit slip.
SCALE_GAP = 50.0


def check_per_share_scale(thesis: Any, model: Any, out: Mapping[str, Any]) -> None:
    """Warn when the central path's dividend per share exceeds the price (a yield over 100%),
    or its value is 50 times the price or a fiftieth of it, zero included: an amount in pence
    against a price in pounds (or the reverse), or a scale word off, reads so.

    Parameters
    ----------
    thesis : Thesis
        Its price and the lines warnings are placed at.
    model : callable
        The model, for its roles.
    out : Mapping
        The model's outputs on the central path (one path).
    """
    price = float(thesis.price_info.value)
    unit = thesis.price_info.unit
    roles = getattr(model, "roles", None)
    dividends = roles.get("dividends") if roles is not None else None
    dps = np.asarray(out.get("dividends_per_share", np.nan), dtype=float).reshape(-1)
    if dividends is not None and np.isfinite(dps).any() and np.nanmax(dps) > price:
        where = thesis.where(("model", "lines", dividends.name))
        warn(
            f"{where}model.lines.{dividends.name}: the central path pays "
            f"{np.nanmax(dps):.4g} {unit} a year in dividends against a price of {price:.4g}, "
            "a yield over 100%; check the dividend's units (pence written as pounds, a scale "
            "word) and the share count",
            ThesisModelWarning,
        )
    value = np.asarray(out.get("value_today", out.get("value_per_share", np.nan)), dtype=float)
    central = float(value.reshape(-1)[-1]) if value.size else float("nan")
    held = np.asarray(out.get("value_per_share", np.nan), dtype=float).reshape(-1)
    paid = ""
    if held.size and held[-1] <= 0 < central:
        # Nothing left at the horizon, today's value the dividends alone: a slip of scale in a
        # cost or a debt shows as the deficit below, not as a value far from the price.
        paid = f" at the horizon (today's value, {central:.4g}, is the dividends paid before it)"
        central = 0.0
    if not np.isfinite(central) or price <= 0 or price / SCALE_GAP <= central <= price * SCALE_GAP:
        return
    where = thesis.where(("thesis", "price", "value"))
    if central <= 0:
        # Nothing is left for the shareholders. A company may be worth nothing in a bleak case
        # (its price collapsed with it); a debt, a cost or a share count in the wrong scale
        # leaves a deficit of fifty prices a share or more that is also fifty times the
        # method's value before the net cash, which only the methods' own values (not
        # floored) show.
        deepest = _deepest_method(roles, out)
        if deepest is None or deepest[0] > -price * SCALE_GAP:
            return
        deficit, equity, gross = deepest
        if gross is not None and gross > 0 and -equity <= gross * SCALE_GAP:
            return
        shown = "0" if central == 0 else f"{central:.4g}"
        gap = (
            f"nothing left for the shareholders: a valuation method comes to {deficit:.4g} a "
            f"share, {format_fixed(-deficit / price, grouped=False)} times the price of "
            f"{price:.4g} below zero"
        )
    else:
        times = max(central / price, price / central)
        shown = f"{central:.4g}"
        gap = (
            f"{format_fixed(times, grouped=False)} times "
            f"{'above' if central > price else 'below'} the price of {price:.4g}"
        )
    fx = _inverted_rate(thesis, central, price, unit) if central > 0 else ""
    warn(
        f"{where}thesis.price.value: the central path values the share at {shown} {unit}{paid}, "
        f"{gap}; check the units of the price and of the per-share and money "
        f"amounts (pence written as pounds, a scale word such as m or bn){fx}",
        ThesisModelWarning,
    )


def _inverted_rate(thesis: Any, central: float, price: float, unit: Any) -> str:
    """A clause naming the model's ``fx_to_price`` when the gap between the ``central`` value
    and the ``price`` is what a rate written the other way round gives (the value is off by the
    rate squared: it multiplies by r where 1/r was meant), else "".

    Only a rate read as one assumption is judged (``fx_to_price: usd_per_inr``)."""
    import math

    section = getattr(thesis, "model_section", None) or {}
    name = section.get("fx_to_price") if isinstance(section, Mapping) else None
    if not isinstance(name, str) or name not in (getattr(thesis, "assumptions", None) or {}):
        return ""
    try:
        rate = float(thesis.central_values()[name])
    except Exception:  # a thesis that cannot say is warned about elsewhere
        return ""
    if not rate > 0 or abs(math.log(rate)) < math.log(SCALE_GAP) / 2:
        return ""  # a rate near 1 cannot make a gap of fifty times by being inverted
    if abs(math.log(central / price) - 2 * math.log(rate)) > math.log(3.0):
        return ""
    rate_unit = getattr(thesis.assumptions[name], "unit", "")
    return (
        f"; or the exchange rate fx_to_price reads, '{name}' = {rate:.4g} {rate_unit}, written "
        f"the other way round: at {1 / rate:.4g} the value would be {central / rate**2:.4g} "
        f"{unit}"
    )


def _deepest_method(roles: Any, out: Mapping[str, Any]) -> tuple[float, float, float | None] | None:
    """The lowest last-year value per share of the valuation methods, with that method's
    equity value and its value before the net cash (the equity less the net cash line's
    last year; None without such a line), both in money; None without methods."""
    from model.valuation.roles import Role

    def last(name: str) -> float:
        return float(np.asarray(out[name], dtype=float).reshape(-1)[-1])

    lines = roles.all(Role.METHOD_VALUE_PER_SHARE) if roles is not None else []
    found = [(last(x.name), x.group) for x in lines if x.name in out and np.isfinite(last(x.name))]
    if not found:
        return None
    deficit, group = min(found, key=lambda f: f[0])
    money = [x.name for x in roles.all(Role.METHOD_VALUE) if x.group == group and x.name in out]
    net_cash = roles.get(Role.NET_CASH)
    if not money:
        return deficit, float("nan"), None
    equity = last(money[0])
    if net_cash is None or net_cash.name not in out or not np.isfinite(last(net_cash.name)):
        return deficit, equity, None
    return deficit, equity, equity - last(net_cash.name)
