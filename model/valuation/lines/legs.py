"""Wiring of the ``valuation:`` section of a line model to valuation legs.

The wiring contract
-------------------
A **leg** is a valuation method registered in :data:`LEGS` under its ``type:`` word. It is a
pure vectorised function plus a description of its parameters:

* ``Leg.params``: one :class:`LegParam` per argument, each with the
  :class:`~model.valuation.blocks.base.Kind` of quantity it must be (checked with the unit
  checker) and, optionally, a default :class:`~model.valuation.roles.Role`. A parameter the thesis
  does not give takes the line holding that role (``earnings`` -> the ``earnings`` line); a
  parameter without a role default and without a value is an error if required, else None.
  A leg not used by the thesis needs no inputs at all.
* ``Leg.compute(p, ctx) -> LegResult``: ``p`` maps each parameter to an ``(n, T)`` float array
  in the model currency (money) or a pure number (None for optional parameters not given);
  mapping parameters (``parts``) map line names to arrays. ``ctx`` carries the model years, the
  leg's name and its weight. It returns the leg's **equity value** path ``(n, T)`` in the model
  currency (the value of the equity at the end of each year), extra outputs (name suffix ->
  array, unit, role) and invariant masks (bool ``(n,)``).

The section, per leg: ``<name>: {type: <type word, default the name>, weight: <expression>,
<param>: <expression> ...}``; every expression names assumptions and lines. Outputs per leg:
``value_<name>`` (role ``method_value``, group ``<name>``, the company's equity) and
``value_per_share_<name>`` (from the leg's ``held`` value where it states one); for the model:
``equity_value = sum_leg weight * value`` (weights must sum to 1 on every path),
``value_per_share = max(sum_leg weight * held * fx * k / shares, 0)``, ``eps``, ``total_return`` and
``return_annual`` against the thesis price (the ``dividends_per_share`` received counted).

Legs of other modules plug in by calling :func:`register_leg` with the same shape; this module
registers the three methods the project started with (``pe`` with a re-rating, ``dcf`` and
``sotp``), whose equations are in :mod:`model.valuation.valuation`.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from model.errors import ParameterError
from model.valuation import valuation as val
from model.valuation.blocks.base import Kind
from model.valuation.roles import Role
from model.valuation.shapes import any_by_path

__all__ = ["LEGS", "Leg", "LegContext", "LegParam", "LegResult", "leg_type", "register_leg"]


@dataclass(frozen=True)
class LegParam:
    """One argument of a leg: key, kind of quantity, default role, whether required."""

    key: str
    kind: Kind
    role: Role | None = None
    required: bool = True
    mapping: bool = False
    doc: str = ""


@dataclass(frozen=True)
class LegContext:
    """What a leg gets besides its arrays: its name, weight ``(n, T)``, the model years, the
    share count ``(n, T)`` and the cash paid to the holders (None outside a model with them)."""

    name: str
    weight: np.ndarray
    years: tuple[int, ...]
    texts: Mapping[str, str] = field(default_factory=dict)
    shares: np.ndarray | None = None
    #: Dividends and buybacks paid each year ``(n, T)``, model currency (None without a line).
    payouts: tuple[np.ndarray | None, np.ndarray | None] = (None, None)
    #: Money the net-cash balance the leg reads takes in from outside (its ``other``), ``(n, T)``.
    outside: np.ndarray | None = None


@dataclass(frozen=True)
class LegResult:
    """A leg's equity value path, its extra outputs and invariant masks; ``held``, where it
    differs, the value of each year's shares to holders who keep them (the value per share's)."""

    value: np.ndarray
    extras: Mapping[str, tuple[np.ndarray, str, Role | None]] = field(default_factory=dict)
    flags: dict[str, np.ndarray] = field(default_factory=dict)
    held: np.ndarray | None = None


@dataclass(frozen=True)
class Leg:
    """A registered valuation method (see the module notes)."""

    name: str
    doc: str
    params: tuple[LegParam, ...]
    compute: Callable[[Mapping[str, Any], LegContext], LegResult]


#: Every leg by its ``type:`` word.
LEGS: dict[str, Leg] = {}


def register_leg(leg: Leg) -> Leg:
    """Add a leg to :data:`LEGS` (a later registration of the same word replaces it)."""
    LEGS[leg.name] = leg
    return leg


def leg_type(word: str) -> Leg:
    """The leg called ``word``; KeyError listing the known legs otherwise."""
    found = LEGS.get(word)
    if found is None:
        close = difflib.get_close_matches(str(word), list(LEGS), n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        raise KeyError(f"unknown valuation leg {word!r}; {hint}known legs: {', '.join(LEGS)}")
    return found


# -- the three methods the project started with ------------------------------------------------


def _pe(p: Mapping[str, Any], ctx: LegContext) -> LegResult:
    now = p["multiple"]
    if p.get("peer_multiple") is None:
        multiple = np.array(now, dtype=float)
    else:
        rerating = p["rerating"] if p.get("rerating") is not None else np.ones_like(now)
        fraction = (
            p["rerating_fraction"] if p.get("rerating_fraction") is not None else np.ones_like(now)
        )
        multiple = val.pe_multiple(now, p["peer_multiple"], rerating, fraction)
    value = p["earnings"] * multiple
    losses = any_by_path((value < 0.0) & (ctx.weight > 0.0))
    extras = {
        "multiple": (multiple, "x", Role.MULTIPLE),
        "exit": (multiple[:, -1].copy(), "x", Role.EXIT_MULTIPLE),
    }
    return LegResult(value, extras, {"on_losses": losses})


register_leg(
    Leg(
        "pe",
        "Earnings times a P/E multiple, optionally re-rated toward a peer's: "
        "pe_t = m + rerating * fraction * (peer - m); value_t = earnings_t * pe_t.",
        (
            LegParam("earnings", Kind.MONEY, Role.EARNINGS, doc="earnings to equity"),
            LegParam("multiple", Kind.MULTIPLE, doc="today's P/E"),
            LegParam("peer_multiple", Kind.MULTIPLE, required=False, doc="the peer's P/E"),
            LegParam("rerating", Kind.NUMBER, required=False, doc="1 if the re-rating happens"),
            LegParam("rerating_fraction", Kind.FRACTION, required=False, doc="gap closed"),
        ),
        _pe,
    )
)


def _dcf(p: Mapping[str, Any], ctx: LegContext) -> LegResult:
    cash = p["net_cash"] if p.get("net_cash") is not None else np.zeros_like(p["cash_flow"])
    names = (
        ctx.texts.get("discount_rate", "discount_rate"),
        ctx.texts.get("terminal_growth", "terminal_growth"),
    )
    dcf = val.dcf_value(p["cash_flow"], p["discount_rate"], p["terminal_growth"], cash, names=names)
    extras = {"today": (dcf.value, "<money>", None)}
    return LegResult(dcf.path, extras)


register_leg(
    Leg(
        "dcf",
        "Cash flows discounted at a rate, with a Gordon terminal value, plus net cash "
        "(see model.valuation.valuation.dcf_value).",
        (
            LegParam("cash_flow", Kind.MONEY, Role.FCFF, doc="free cash flow per year"),
            LegParam("discount_rate", Kind.FRACTION, doc="discount rate (WACC)"),
            LegParam("terminal_growth", Kind.FRACTION, doc="perpetual growth after the horizon"),
            LegParam("net_cash", Kind.MONEY, Role.NET_CASH, required=False, doc="net cash"),
        ),
        _dcf,
    )
)


def _sotp(p: Mapping[str, Any], ctx: LegContext) -> LegResult:
    total: Any = None
    for line, (amount, multiple) in p["parts"].items():
        part = multiple * amount
        total = part if total is None else total + part
        del line
    if p.get("net_cash") is not None:
        total = total + p["net_cash"]
    flags: dict[str, np.ndarray] = {}
    if p.get("discount") is not None:
        d = p["discount"]
        flags["discount"] = any_by_path((d < 0.0) | (d > 1.0))
        total = total * (1.0 - np.clip(d, 0.0, 1.0))
    return LegResult(np.array(total, dtype=float), {}, flags)


register_leg(
    Leg(
        "sotp",
        "Sum of the parts: each part (a line) times its multiple, plus net cash, less a "
        "discount: value_t = (sum_i multiple_i * part_i + net_cash) * (1 - discount).",
        (
            LegParam("parts", Kind.MULTIPLE, mapping=True, doc="line -> its multiple"),
            LegParam("net_cash", Kind.MONEY, Role.NET_CASH, required=False, doc="net cash"),
            LegParam("discount", Kind.FRACTION, required=False, doc="holding discount"),
        ),
        _sotp,
    )
)


def blend(
    values: Mapping[str, np.ndarray], weights: Mapping[str, np.ndarray], texts: Mapping[str, str]
) -> np.ndarray:
    """Weighted sum of the legs' values; weights non-negative and summing to 1.

    Raises
    ------
    ParameterError
        A negative weight, or weights not summing to 1 (naming their expressions).
    """
    for leg, w in weights.items():
        if np.any(w < 0.0):
            raise ParameterError(
                f"the weight {texts[leg]} of leg '{leg}' must be >= 0",
                field="weight",
                at=("model", "valuation", "legs", leg, "weight"),
            )
    total = sum(weights.values())
    if np.any(np.abs(total - 1.0) > 1e-9):
        worst = float(np.max(np.abs(total - 1.0)))
        raise ParameterError(
            f"the legs' weights ({', '.join(texts.values())}) must sum to 1 (off by up to "
            f"{worst:.3g})",
            field="weights",
            at=("model", "valuation", "legs"),
        )
    return sum(weights[leg] * values[leg] for leg in weights)  # type: ignore[return-value]
