"""A warning at a multiple leg whose central path multiplies a loss.

A multiple applied to a loss (a P/E of negative earnings, an EV/EBITDA of negative EBITDA)
values it as a liability: the leg's value falls below its net cash, and a loss-making growth
company's P/E leg drags the blended value toward zero. A run counts such paths (``invalid_pe``
and the like); ``validate`` says it at the leg's line when the central path does it, with the
years, so the analyst can value the company on sales or cash flows instead.

Only the years in which the leg has weight in the blend are named: a weight of 0, or one that
is 0 until the metric turns positive, moves nothing there. A weight is judged without weight
in a year only when it is so on every path: it reads fixed assumptions or the central path's
lines; one that reads a drawn assumption (a re-rating that happens on some paths) is taken to
weigh in every year, as its central value may be 0 while other draws are not.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from model.errors import ThesisModelWarning, warn

__all__ = ["warn_multiples_on_losses"]

#: The line each multiple leg multiplies, by leg type, with the words for it.
_METRICS: Mapping[str, tuple[str, str, str]] = {
    "pe": ("earnings", "earnings", "a P/E"),
    "ev_ebitda": ("ebitda", "EBITDA", "an EV/EBITDA"),
    "ev_ebit": ("ebit", "EBIT", "an EV/EBIT"),
    "ev_sales": ("revenue", "revenue", "an EV/sales multiple"),
}

#: A weight within this of 0 is none: the blend's own tolerance on the weights' sum.
_NO_WEIGHT = 1e-9


def warn_multiples_on_losses(thesis: Any, model: Any, out: Mapping[str, Any]) -> None:
    """Warn at each multiple leg whose central path multiplies a value below zero in a year
    the leg has weight in (see the module notes).

    Parameters
    ----------
    thesis : Thesis
        One scenario applied.
    model : callable
        Its valuation model (a line model has ``built.legs``; others are not checked).
    out : Mapping[str, ndarray]
        The model's outputs on the central path (one path).
    """
    from model.valuation.lines.cash_checks import _known_values

    legs = getattr(getattr(model, "built", None), "legs", None) or ()
    years = list(getattr(thesis, "years", ()))
    # Fixed assumptions only: a drawn weight's central value says nothing of its other draws.
    known = _known_values(thesis) if legs else {}
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
        # No weight in a year (as a residual 1 - a - b, to rounding) moves nothing there.
        weight = leg.weight.by_year(known, out, years)
        held = np.ones(len(years), dtype=bool) if weight is None else np.abs(weight) > _NO_WEIGHT
        losing = [y for y, v, h in zip(years, values, held, strict=True) if v < 0.0 and h]
        if not losing:
            continue
        span = str(losing[0]) if len(losing) == 1 else f"{losing[0]}-{losing[-1]}"
        if len(losing) > 1 and losing[-1] - losing[0] + 1 != len(losing):
            span = ", ".join(str(y) for y in losing)
        where = thesis.where(("model", "valuation", "legs", leg.name))
        # "earnings are", but "EBIT is", "revenue is": the verb agrees with the metric.
        are, turn = ("are", "turn") if words == "earnings" else ("is", "turns")
        warn(
            f"{where}model.valuation.legs.{leg.name}: on the central path the leg's {words} "
            f"({line!r}) {are} below zero in {span}, and {multiple} of a loss values it as a "
            "liability, in the value of those years and of the blend; value a loss-maker on "
            "revenue (ev_sales) or its cash flows (dcf), or give this leg no weight until "
            f"{words} {turn} positive",
            ThesisModelWarning,
        )
