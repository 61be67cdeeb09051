"""A warning at buybacks below zero on the central path.

The line with role ``buybacks`` (a ``share_count`` block's ``buyback_spend``, or a line of the
thesis' own) is money spent retiring shares. Below zero it retires a negative number of shares:
the count grows at the buyback price and the money comes in, a share issue written as a
buyback, most often a sign slipped (``-300`` for 300 spent). ``validate`` and each run say so
at the line or the block's key.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

__all__ = ["warn_negative_buybacks"]


def warn_negative_buybacks(thesis: Any, model: Any, out: Mapping[str, Any]) -> None:
    """Warn where the model's buybacks fall below zero in some year on the central path.

    Parameters
    ----------
    thesis : Thesis
        One scenario applied.
    model : callable
        Its valuation model (a line model's ``built.payouts`` names the buybacks; others are
        not checked).
    out : Mapping[str, ndarray]
        The model's outputs on the central path (one path).
    """
    from model.errors import ThesisModelWarning, warn
    from model.inputs.units import format_quantity
    from model.valuation.finance.dates import fiscal_year_text
    from model.valuation.lines.nodes import BlockNode

    built = getattr(model, "built", None)
    line = (getattr(built, "payouts", None) or (None, None))[1]
    years = list(getattr(thesis, "years", ()))
    if not line or line not in out:
        return
    spend = np.asarray(out[line], dtype=float).reshape(-1)
    if spend.size != len(years):
        return
    below = np.flatnonzero(spend[1:] < 0.0) + 1  # year 0 spends nothing
    if not below.size:
        return
    node = next((n for n in getattr(built, "nodes", ()) if line in n.outputs), None)
    if node is None:
        return
    if isinstance(node, BlockNode):
        key = next((k for k in ("buyback_spend", "buyback") if node.params.get(k) is not None),
                   "buyback_spend")  # fmt: skip
        path = ("model", *node.path, key)
    else:
        path = ("model", *node.path, "value")
    units = getattr(getattr(model, "roles", None), "units", {}) or {}
    unit = str(units.get(line, "") or "") or None
    t = int(below[0])
    end = str(getattr(thesis, "fiscal_year_end", "12-31") or "12-31")
    warn(
        f"{thesis.where(path)}{'.'.join(path)}: the buybacks '{line}' are below zero on the "
        f"central path ({format_quantity(float(spend[t]), unit)} in "
        f"{fiscal_year_text(years[t], end)}): a negative buyback issues shares at the buyback "
        "price and brings the money in; buybacks are money spent retiring shares, at or above "
        "0 (300 for 300 spent), and a share issue is an event on the share count or a dilution "
        "above zero, its proceeds in the cash balance",
        ThesisModelWarning,
    )
