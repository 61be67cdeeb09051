r"""Valuation legs: pure vectorised functions from model lines to equity value, and a registry.

A *leg* is one way of valuing the equity (P/E, EV/EBITDA, DCF, ...). Each is a pure function of
arrays of shape ``(n_paths, n_years)`` returning a :class:`LegValue` whose ``equity`` is the
equity value at each year end in the model currency. The registry :data:`LEGS` maps each
:class:`LegKind` to a :class:`LegDef` that describes the leg completely, so a thesis model can
wire any leg without knowing it.

The contract for whoever wires legs into a model
------------------------------------------------
1. ``LEGS[kind].args`` lists every argument as a :class:`LegArg`: ``name`` (the keyword),
   ``required``, ``role`` (the model-line role it defaults to, a ``Role`` value such as
   ``"earnings"``, ``"ebitda"``, ``"revenue"``, ``"segment_revenue"``, ``"ebit"``,
   ``"fcff"``, ``"fcfe"``, ``"dividends"``, ``"capex"``, ``"depreciation"``, ``"net_cash"``,
   ``"investments"``; None for assumptions the thesis names itself: multiples, rates, weights),
   ``unit`` (a :class:`UnitKind`: money in the model currency, a multiple, a rate per year, a
   fraction, years, a 0/1 flag, or a per-year schedule), ``default`` (used when an optional
   argument is left out) and ``doc``. ``describe_legs()`` gives the same as a table.
2. To value a leg, resolve each argument the thesis gives (a line or an assumption) or, when it
   gives none, the line with the argument's default role; leave out optional arguments with
   nothing to bind. Then call ``LEGS[kind](**arrays)`` (or ``value_leg(kind, **arrays)``).
   Scalars, ``(n,)`` and ``(n, n_years)`` arrays are accepted and broadcast; ``many``
   arguments (the sum of the parts) take a list, one entry per segment; ``schedule`` arguments
   (``times``, ``year_weights``) take one number per model year.
3. Unknown or missing arguments raise :class:`~model.errors.ParameterError` naming the leg and
   listing its arguments; terminal growth at or above the rate names both.
4. Blend with :func:`blend_legs` (weights are inputs: scalars or per-path arrays, summing to
   1); check agreement with :func:`check_consistency` at the thesis' tolerance; the blend's
   sensitivity to each weight is :func:`weight_sensitivity`.

Conventions (the same for every leg)
------------------------------------
* **The bridge, once.** Every leg values the operating business and adds net cash and stakes
  in :func:`~model.valuation.legs.bridge.equity_bridge`: ``equity = operating x (1 - discount)
  + net_cash + investments``. Metrics and flows handed to a leg therefore exclude the income of
  what the bridge adds: the P/E leg capitalises earnings *excluding* interest income on net
  cash and the stakes' share of profit, then adds net cash; free cash flows exclude interest
  on net cash (the cash roll-forward earns it). A discount applies to the operating value
  only. Equal inputs make the legs agree: a P/E equal to EV/EBITDA x EBITDA / earnings gives
  the EV/EBITDA leg's value, and a DCF of flat flows at ``1 / P/E`` gives the P/E leg's.
* **Year-end values.** ``equity[:, t]`` is the value at year end ``t`` of what comes after it;
  discounting legs also state ``today`` (the valuation date) on real year fractions.
* **Re-rating phases in** from the year it happens, over ``rerating_years``.
* **Implied multiples** (:func:`implied_multiples`) run the bridge backwards, so every leg's
  exit P/E and EV/EBITDA are comparable.
"""

from model.valuation.legs.base import LegArg, LegDef, LegKind, LegValue, UnitKind
from model.valuation.legs.blend import (
    LegConsistency,
    blend_legs,
    check_consistency,
    weight_sensitivity,
)
from model.valuation.legs.bridge import (
    IMPLIED_METRICS,
    enterprise_value,
    equity_bridge,
    implied_multiples,
)
from model.valuation.legs.multiples import rerating_phase
from model.valuation.legs.registry import LEGS, describe_legs, leg, value_leg

__all__ = [
    "IMPLIED_METRICS",
    "LEGS",
    "LegArg",
    "LegConsistency",
    "LegDef",
    "LegKind",
    "LegValue",
    "UnitKind",
    "blend_legs",
    "check_consistency",
    "describe_legs",
    "enterprise_value",
    "equity_bridge",
    "implied_multiples",
    "leg",
    "rerating_phase",
    "value_leg",
    "weight_sensitivity",
]
