"""A warning at a discounting leg whose last flow doubles, or halves, in the last model year.

A ``dcf`` (``dcf_v1`` too) or ``ddm`` leg's terminal value grows the last model year's flow
for ever (``flow[last] · (1 + g)/(r − g)``). A one-off in that year (a special dividend, the
proceeds of a disposal, a tax refund) is then capitalised as if it recurred: a special dividend
five times the regular one, paid with it in the last year, states a terminal value six times
too large, without a word. A flow still ramping is capitalised at its last level alike.
``validate`` and each run warn at the leg when its flow on the central path moves by a factor
of two or more from the year before the last to the last (both above zero), which a step to a
level that lasts does too, rightly valued; a leg whose terminal flow is built from profit
(``roic:``, ``roe:``) is not judged.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from model.valuation.legs.stock_pay import DCF_FLOWS

__all__ = ["warn_terminal_jumps"]

#: The key of each discounting leg's flow, and of a return on new capital that replaces its last
#: flow's growth (a leg given one has no last flow to capitalise): the DCF legs' own, and the DDM's.
_FLOW_KEYS: dict[str, tuple[str, str | None]] = {**DCF_FLOWS, "ddm": ("dividends", None)}


#: A last-year factor at or beyond this (or at or below its inverse) is warned.
JUMP = 2.0


def warn_terminal_jumps(thesis: Any, model: Any, out: Mapping[str, Any]) -> None:
    """Warn at each discounting leg whose flow moves by :data:`JUMP` times or more into the
    last model year on the central path (see the module notes).

    Parameters
    ----------
    thesis : Thesis
        One scenario applied.
    model : callable
        Its valuation model (a line model's ``built.legs``; others are not checked).
    out : Mapping[str, ndarray]
        The model's outputs on the central path (one path).
    """
    from model.errors import ThesisModelWarning, warn
    from model.valuation.finance.dates import fiscal_year_text

    legs = getattr(getattr(model, "built", None), "legs", None) or ()
    years = list(getattr(thesis, "years", ()))
    end = str(getattr(thesis, "fiscal_year_end", "12-31") or "12-31")
    for leg in legs:
        keys = _FLOW_KEYS.get(str(getattr(leg, "type_name", "")))
        texts = getattr(leg, "texts", {})
        if keys is None or (keys[1] is not None and keys[1] in texts):
            continue
        key = keys[0]
        line = str(texts.get(key, "")).strip()
        if line not in out or len(years) < 2:
            continue
        flow = np.asarray(out[line], dtype=float).reshape(-1)
        if flow.size != len(years):
            continue
        before, last = float(flow[-2]), float(flow[-1])
        if not (before > 0.0 and last > 0.0):
            continue
        factor = last / before
        if 1.0 / JUMP < factor < JUMP:
            continue
        path = ("model", "valuation", "legs", leg.name)
        warn(
            f"{thesis.where(path)}{'.'.join(path)}: on the central path the leg's flow "
            f"{line!r} goes from {before:.4g} in {fiscal_year_text(years[-2], end)} to "
            f"{last:.4g} in {fiscal_year_text(years[-1], end)}, {factor:.3g} times in the last "
            "year, and the terminal value grows that last flow for ever: a one-off in it (a "
            "special dividend, a disposal's proceeds) is capitalised as if it recurred, a flow "
            "still ramping at its last level; a new level that lasts is valued right, else pay "
            "a one-off in an earlier year, or add a model year in which the flow is steady",
            ThesisModelWarning,
        )
