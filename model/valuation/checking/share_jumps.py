"""A warning at a share count that doubles, or halves, from one year to the next.

The model knows no stock split or share consolidation: a change of the count is shares issued
or cancelled (a ``share_count`` block's ``shares:`` that moves, a ``role: shares`` line of the
thesis' own). A split written as a count ten times larger from its year on is then read as nine
new shares in ten handed out for nothing: values and dividends per share after it are per new
share, compared with a price per old share (the returns show the split as a 90% loss), and a
discounting leg's values per share before it give the new shares' part of what comes after to
others. Issues and cancellations that large in one year are rare, so ``validate`` and each run
warn at the count when its central path moves by a factor of two or more in a year, saying how
to write a split (the count in today's shares throughout, split-adjusted).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

__all__ = ["warn_share_jumps"]

#: A year-on-year factor of the count at or beyond this (or at or below its inverse) is warned.
JUMP = 2.0


def warn_share_jumps(thesis: Any, model: Any, out: Mapping[str, Any]) -> None:
    """Warn where the share count of a line model moves by :data:`JUMP` times or more in a
    year on the central path (see the module notes).

    Parameters
    ----------
    thesis : Thesis
        One scenario applied.
    model : callable
        Its valuation model (a line model's ``built.shares`` names the count; others are not
        checked).
    out : Mapping[str, ndarray]
        The model's outputs on the central path (one path).
    """
    from model.errors import ThesisModelWarning, warn
    from model.inputs.units import format_quantity
    from model.valuation.finance.dates import fiscal_year_text
    from model.valuation.lines.model import _count_place

    built = getattr(model, "built", None)
    line = getattr(built, "shares", None)
    years = list(getattr(thesis, "years", ()))
    if built is None or not line or line not in out:
        return
    count = np.asarray(out[line], dtype=float).reshape(-1)
    if count.size != len(years):
        return
    with np.errstate(all="ignore"):
        ratio = count[1:] / count[:-1]
    jumps = np.flatnonzero((count[:-1] > 0.0) & ((ratio >= JUMP) | (ratio <= 1.0 / JUMP))) + 1
    if not jumps.size:
        return
    t = int(jumps[0])
    path, _ = _count_place(built)
    units = getattr(getattr(model, "roles", None), "units", {}) or {}
    unit = str(units.get(line, "") or "") or None
    end = str(getattr(thesis, "fiscal_year_end", "12-31") or "12-31")
    factor = count[t] / count[t - 1]
    how = f"{factor:.3g} times" if factor >= 1.0 else f"to 1/{1.0 / factor:.3g}"
    warn(
        f"{thesis.where(path)}{'.'.join(path)}: the share count '{line}' goes from "
        f"{format_quantity(float(count[t - 1]), unit)} in {fiscal_year_text(years[t - 1], end)} "
        f"to {format_quantity(float(count[t]), unit)} in {fiscal_year_text(years[t], end)} on "
        f"the central path ({how} in a year); a change of the count is taken as shares issued "
        "or cancelled, not as a stock split or consolidation: were it a split, the values and "
        "dividends per share from then on would be per new share against a price per old share "
        "(the returns would show the split as a loss) and a discounting leg's values per share "
        "before it would give the new shares' part to others; write a split's count in today's "
        "shares in every year (split-adjusted), and an issue's proceeds in the cash balance",
        ThesisModelWarning,
    )
