"""A warning at a thesis' own ``dividends_per_share`` that is not its dividends line per share.

Today's value and the dated returns credit a share with ``dividends_per_share``: made by the
valuation from the line with role ``dividends`` (``dividends * fx_to_price * k / shares``), or
a line of that name the thesis writes itself, which is used as written. Beside
a dividends line the two should agree: the line is the cash the balance pays out, and the
share's part of it is what the holder receives. One that differs counts some other amount than
the cash paid, most often a depositary share's ratio left out (the dividend per ordinary share
quoted against a price per ADS, a fraction of what the ADS receives), a rate other than the
model's, or a count other than the valuation's. ``validate`` and each run say so at the line,
with both figures on the central path.

An assumption of that name beside a dividends line is refused when the model is built (see
:mod:`model.valuation.lines.build_valuation`): it would take the place of the line.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

__all__ = ["TOLERANCE", "warn_own_dividends_per_share"]

#: The relative gap, in some year, above which the two are said to differ.
TOLERANCE = 0.01


def warn_own_dividends_per_share(
    thesis: Any, model: Any, inputs: Mapping[str, Any], out: Mapping[str, Any]
) -> None:
    """Warn where the thesis' own ``dividends_per_share`` differs from its dividends line per
    share on the central path (see the module notes).

    Parameters
    ----------
    thesis : Thesis
        One scenario applied.
    model : callable
        Its valuation model (a line model's; others are not checked).
    inputs, out : Mapping[str, ndarray]
        The model's inputs and outputs on the central path (one path).
    """
    from model.errors import ThesisModelWarning, warn
    from model.valuation.finance.today import DISTRIBUTIONS

    line_model = getattr(model, "model", model)
    built = getattr(line_model, "built", None)
    run_lines = getattr(line_model, "run_lines", None)
    paid = (getattr(built, "payouts", None) or (None, None))[0]
    years = list(getattr(thesis, "years", ()))
    if built is None or run_lines is None or built.dividends is not None or not paid:
        return  # no dividends line, or the valuation makes dividends_per_share from it
    if DISTRIBUTIONS not in out or not built.shares:
        return
    try:
        with np.errstate(all="ignore"):
            env = run_lines(inputs)
            T = len(years)
            fx = built.fx.read(env, T) if built.fx is not None else 1.0
            # Read as the valuation reads them: the count may be an assumption, not a line.
            made = env.value(paid, T) * fx * built.per_share_scale
            made = (made / env.value(built.shares, T)).reshape(-1)
    except Exception:  # the run reports a model that fails on the central path itself
        return
    factor = float(getattr(model, "distribution_factor", 1.0) or 1.0)
    written = np.asarray(out[DISTRIBUTIONS], dtype=float).reshape(-1) * factor
    if written.size != len(years) or made.size != len(years):
        return
    gap = np.abs(written - made) > TOLERANCE * np.maximum(np.abs(made), np.abs(written))
    gap &= np.isfinite(written) & np.isfinite(made)
    if not gap.any():
        return
    t = int(np.flatnonzero(gap)[0])
    path = _place(thesis, built, DISTRIBUTIONS)
    ratio = f", {written[t] / made[t]:.4g} times it" if made[t] > 0.0 else ""
    warn(
        f"{thesis.where(path)}{'.'.join(path)}: the thesis' own {DISTRIBUTIONS!r} is "
        f"{written[t]:.4g} a share in {years[t]} on the central path, but the dividends line "
        f"{paid!r} comes to {made[t]:.4g} a share ({paid} x fx_to_price / {built.shares}, in "
        f"the price's unit){ratio}; today's value and the returns credit the holders with the "
        "line as written, not with the cash the balance pays out; make it the dividends line "
        "per share (a depositary share's ratio goes into fx_to_price), or remove it and let "
        "the valuation make it",
        ThesisModelWarning,
    )


def _place(thesis: Any, built: Any, name: str) -> tuple[str, ...]:
    """Where the thesis writes ``name``: its line's ``value:``, else its assumption."""
    node = next((n for n in getattr(built, "nodes", ()) if name in n.outputs), None)
    if node is not None and getattr(node, "path", None):
        return ("model", *node.path, "value")
    if name in getattr(thesis, "assumptions", {}):
        return ("assumptions", name)
    return ("model", "lines", name)
