"""Do a result's valuation legs agree? Their implied exit P/E and EV/EBITDA, against a tolerance.

Reads the per-leg equity values (role ``method_value``, one line per leg), the earnings and
EBITDA lines and the bridge's balances (roles ``net_cash``, ``investments``) of a simulation
result, and runs :func:`model.valuation.legs.check_consistency` on the exit year. Each leg's
equity is taken less the stakes and the net cash its own bridge added (its ``investments:``
and ``net_cash:``, an assumption or a line, else the lines of roles ``investments`` and
``net_cash``), so that the multiples divide the value of the operations by the earnings of the
operations: a P/E leg at 12x adding a stake or a net cash worth 0.75x its earnings implies
12x, not 12.75x. The tolerance
is the thesis' assumption ``leg_tolerance`` when it has one (the largest accepted
``max / min - 1`` of the legs' median exit multiples), else :data:`DEFAULT_TOLERANCE`.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from model.errors import ParameterError
from model.inputs.expressions.usage import LEG_TOLERANCE
from model.valuation.legs.base import LegKind, LegValue
from model.valuation.legs.blend import LegConsistency, check_consistency

__all__ = ["DEFAULT_TOLERANCE", "TOLERANCE_NAME", "leg_consistency"]

#: Legs further apart than this (max / min - 1 of the median exit multiples) are flagged.
DEFAULT_TOLERANCE = 0.25
#: The assumption a thesis sets its own tolerance with.
TOLERANCE_NAME = LEG_TOLERANCE


def _roles(result: Any) -> Any:
    from model.valuation import build_model

    model = build_model(result.thesis)
    return getattr(model, "roles", None), _pe_earnings(model), model


def _bears_interest(model: Any, earnings: str, balance: str | None) -> bool:
    """Whether the line ``earnings`` reads the line ``balance``, of any year and through any
    lines: earnings after the interest on the net cash, which already carry the balance."""
    built = getattr(model, "built", None)
    if built is None or balance is None:
        return False
    from model.valuation.lines.cash_checks import _line_reads, _upstream

    reads = _line_reads(built)
    return balance in _upstream(reads.get(earnings, set()), reads)


def _pe_leg(model: Any) -> Any:
    """The first P/E leg of a built model, None without one."""
    for leg in getattr(getattr(model, "built", None), "legs", ()):
        if leg.type_name == "pe":
            return leg
    return None


def _pe_earnings(model: Any) -> str | None:
    """The line the first P/E leg capitalises (its ``earnings:``, e.g. earnings before the
    interest on the net debt its bridge subtracts), None without a P/E leg.

    Every leg's implied P/E divides by it, so that the P/E leg implies the multiple it was given
    and the others are compared on the same earnings, not on earnings after that interest."""
    leg = _pe_leg(model)
    return leg.texts.get("earnings") if leg is not None else None


def _adds_balance(leg: Any, balance: str | None) -> bool:
    """Whether a leg's bridge adds the line ``balance`` (its ``net_cash:``, given or by
    default); a written ``net_cash: 0`` or another line adds not that balance."""
    expr = leg.params.get("net_cash")
    name = getattr(expr, "bare_name", None)
    return balance is not None and name == balance


def _other_balance(leg: Any, key: str, role_line: str | None) -> Any:
    """A leg's ``net_cash:`` or ``investments:`` when it names a balance other than the line
    of the role (an assumption, another line, an expression), else None. A written
    ``net_cash: 0`` is None too: a leg adding no net cash is on earnings that bear its
    interest, compared on the role's balance as before."""
    expr = leg.params.get(key)
    if expr is None or not hasattr(expr, "evaluate"):
        return None
    if role_line is not None and getattr(expr, "bare_name", None) == role_line:
        return None
    if key == "net_cash" and expr.expression.text.strip() in {"0", "0.0"}:
        return None
    return expr


def _leg_balance(result: Any, expr: Any, default: Any) -> Any:
    """A leg's balance ``expr`` evaluated on the result's assumptions and lines, per path and
    year; ``default`` (the line of the role) when there is none or it cannot be evaluated."""
    if expr is None:
        return default
    from model.valuation.lines.env import Env

    n, years = result.n_paths, tuple(result.years)
    env = Env(result.inputs, n, years)
    for name, arr in result.outputs.items():
        if np.ndim(arr) == 2 and np.shape(arr) == (n, len(years)):
            env.lines[name] = np.asarray(arr, dtype=float)
    try:
        return expr.evaluate(env, len(years))
    except (ParameterError, KeyError, ValueError):
        # It reads a line the result did not keep: fall back to the role's line.
        return default


def leg_consistency(result: Any, tolerance: float | None = None) -> LegConsistency | None:
    """The legs' implied exit multiples and whether they disagree beyond the tolerance.

    Parameters
    ----------
    result : SimulationResult
    tolerance : float, optional
        Overrides the thesis' ``leg_tolerance``.

    Returns
    -------
    LegConsistency or None
        None when the result has fewer than two legs or no earnings line.
    """
    roles, pe_earnings, model = _roles(result)
    if roles is None:
        return None
    outputs = result.outputs
    legs = {
        line.group or line.name: np.asarray(outputs[line.name], dtype=float)
        for line in roles.all("method_value")
        if line.name in outputs and np.ndim(outputs[line.name]) == 2
    }
    if len(legs) < 2:
        return None
    metrics: dict[str, Any] = {}
    for role in ("earnings", "ebitda", "revenue", "ebit"):
        line = roles.get(role)
        if line is not None and line.name in outputs:
            metrics[role] = np.asarray(outputs[line.name], dtype=float)
    if pe_earnings in outputs and np.ndim(outputs[pe_earnings]) == 2:
        metrics["earnings"] = np.asarray(outputs[pe_earnings], dtype=float)
    if "earnings" not in metrics:
        return None
    balances = {}
    names: dict[str, str | None] = {}
    for role in ("net_cash", "investments"):
        line = roles.get(role)
        names[role] = line.name if line is not None else None
        balances[role] = (
            np.asarray(outputs[line.name], dtype=float)
            if line is not None and line.name in outputs
            else 0.0
        )
    # The P/E is on the equity less what a P/E leg's bridge adds to its earnings times the
    # multiple, so that the leg implies its own multiple: less the net cash when the leg
    # adds it, on the equity itself when it adds none (net_cash: 0, earnings that already
    # bear the interest). Without a P/E leg, earnings that read the balance bear its interest.
    pe_leg = _pe_leg(model)
    if pe_leg is not None:
        # A P/E leg adding a balance of its own (an assumption) is not on levered earnings.
        levered = not _adds_balance(pe_leg, names["net_cash"]) and (
            _other_balance(pe_leg, "net_cash", names["net_cash"]) is None
        )
    else:
        earnings_line = roles.get("earnings")
        used = earnings_line.name if earnings_line is not None else None
        levered = used is not None and _bears_interest(model, used, names["net_cash"])
    if tolerance is None:
        assumption = getattr(result.thesis, "assumptions", {}).get(TOLERANCE_NAME)
        value = getattr(assumption, "value", None)
        tolerance = float(value) if value is not None else DEFAULT_TOLERANCE
    # Each leg less the balances its own bridge added (the roles' lines unless it names others).
    built_legs = {leg.name: leg for leg in getattr(getattr(model, "built", None), "legs", ())}
    own: dict[str, dict[str, Any]] = {}
    for role in ("net_cash", "investments"):
        own[role] = {}
        for name in legs:
            leg = built_legs.get(name)
            expr = None if leg is None else _other_balance(leg, role, names[role])
            own[role][name] = _leg_balance(result, expr, balances[role])
    values = {
        name: LegValue(LegKind.PE, v, v, None, np.zeros(v.shape[0], dtype=bool))
        for name, v in legs.items()
    }
    wanted = tuple(m for m, r in (("pe", "earnings"), ("ev_ebitda", "ebitda")) if r in metrics)
    return check_consistency(
        values,
        metrics,
        own["net_cash"],
        own["investments"],
        tolerance=tolerance,
        multiples=wanted,
        earnings_bear_interest=levered,
    )
