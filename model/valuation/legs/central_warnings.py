"""Warnings ``thesis validate`` gives from the central path about what the legs value.

A multiple applied to a loss (a P/E of negative earnings, an EV/EBITDA of negative EBITDA)
values it as a liability: the leg's value falls below its net cash, and a loss-making growth
company's P/E leg drags the blended value toward zero. A run counts such paths (``invalid_pe``
and the like); ``validate`` says it at the leg's line when the central path does it, with the
years, so the analyst can value the company on sales or cash flows instead.

Buybacks that retire every share leave the count at its floor (a millionth of the first
year's), so value and dividends per share run to absurd sizes. A run flags those paths;
``validate`` names the block and the year when the central path does it, rather than leaving
the absurd per-share amounts to read as a unit slip.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from typing import Any

import numpy as np

from model.errors import ThesisModelWarning

#: The line each multiple leg multiplies, by leg type, with the words for it.
_METRICS: Mapping[str, tuple[str, str, str]] = {
    "pe": ("earnings", "earnings", "a P/E"),
    "ev_ebitda": ("ebitda", "EBITDA", "an EV/EBITDA"),
    "ev_ebit": ("ebit", "EBIT", "an EV/EBIT"),
    "ev_sales": ("revenue", "revenue", "an EV/sales multiple"),
}


def warn_shares_bought_out(thesis: Any, model: Any, out: Mapping[str, Any]) -> bool:
    """Warn at each ``share_count`` block whose buybacks retire every share on the central path.

    Parameters
    ----------
    thesis : Thesis
        One scenario applied.
    model : callable
        Its valuation model (a line model has ``built.nodes``; others are not checked).
    out : Mapping[str, ndarray]
        The model's outputs on the central path (one path), flags included.

    Returns
    -------
    bool
        Whether a warning was given: the per-share amounts of the central path then say
        nothing about the units, so the checks of their scale are left out.
    """
    from model.valuation.finance.dates import fiscal_year_text
    from model.valuation.lines.model import INVALID
    from model.valuation.lines.nodes import BlockNode

    nodes = getattr(getattr(model, "built", None), "nodes", None) or ()
    years = list(getattr(thesis, "years", ()))
    warned = False
    for node in nodes:
        if not (isinstance(node, BlockNode) and node.type_name == "share_count"):
            continue
        flag = np.asarray(out.get(f"{INVALID}shares_{node.name}", False), dtype=bool)
        line = node.slots.get("shares", "")
        if not flag.any() or line not in out:
            continue
        count = np.asarray(out[line], dtype=float).reshape(-1)
        # The block holds the count at a millionth of the first year's once nothing is left.
        floored = np.flatnonzero(count <= count[0] * 1e-6 * (1.0 + 1e-9))
        if count.size != len(years) or not floored.size:
            continue
        key = next((k for k in ("buyback_spend", "buyback") if node.params.get(k) is not None),
                   "shares")  # fmt: skip
        path = ("model", *node.path, key)
        end = str(getattr(thesis, "fiscal_year_end", "12-31") or "12-31")
        year = fiscal_year_text(years[int(floored[0])], end, date=True)
        warnings.warn(
            f"{thesis.where(path)}{'.'.join(path)}: on the central path the buybacks retire "
            f"every share by {year}: they buy more shares at the buyback "
            "price than are left, and the count is held at a millionth of the first year's, so "
            "value and dividends per share from then on are meaningless; spend less, over more "
            "years, or let the buyback price rise (price_growth)",
            ThesisModelWarning,
            stacklevel=3,
        )
        warned = True
    return warned


def warn_no_cost_of_equity(thesis: Any, out: Mapping[str, Any]) -> None:
    """Warn, at ``model.valuation``, that a model without a cost of equity states no today's
    value (its returns still run over the real time from the price date)."""
    if "value_per_share" not in out or "value_today" in out:
        return
    where = thesis.where(("model", "valuation"))
    warnings.warn(
        f"{where}model.valuation: the model has no cost of equity (no "
        "valuation.cost_of_equity, no dcf_fcfe, ddm or DCF leg with a rate), so results show "
        "year-end values, not today's value (returns still run from the price date); add "
        "'cost_of_equity: <assumption>' under valuation:",
        ThesisModelWarning,
        stacklevel=3,
    )


def warn_multiples_on_losses(thesis: Any, model: Any, out: Mapping[str, Any]) -> None:
    """Warn at each multiple leg whose central path multiplies a value below zero.

    Parameters
    ----------
    thesis : Thesis
        One scenario applied.
    model : callable
        Its valuation model (a line model has ``built.legs``; others are not checked).
    out : Mapping[str, ndarray]
        The model's outputs on the central path (one path).
    """
    legs = getattr(getattr(model, "built", None), "legs", None) or ()
    years = list(getattr(thesis, "years", ()))
    for leg in legs:
        metric = _METRICS.get(str(getattr(leg, "type_name", "")))
        if metric is None:
            continue
        key, words, multiple = metric
        line = str(getattr(leg, "texts", {}).get(key, "")).strip()
        if line not in out:
            continue  # an expression of its own: the run still flags its paths
        values = np.asarray(out[line], dtype=float).reshape(-1)
        if values.size != len(years):
            continue
        losing = [y for y, v in zip(years, values, strict=True) if v < 0.0]
        if not losing:
            continue
        span = str(losing[0]) if len(losing) == 1 else f"{losing[0]}-{losing[-1]}"
        if len(losing) > 1 and losing[-1] - losing[0] + 1 != len(losing):
            span = ", ".join(str(y) for y in losing)
        where = thesis.where(("model", "valuation", "legs", leg.name))
        warnings.warn(
            f"{where}model.valuation.legs.{leg.name}: on the central path the leg's {words} "
            f"({line!r}) are below zero in {span}, and {multiple} of a loss values it as a "
            "liability, in the value of those years and of the blend; value a loss-maker on "
            "revenue (ev_sales) or its cash flows (dcf), or give this leg no weight until "
            f"{words} turn positive",
            ThesisModelWarning,
            stacklevel=3,
        )
