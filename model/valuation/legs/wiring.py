"""The legs of :data:`~model.valuation.legs.LEGS` as ``valuation:`` legs of a line model.

Each :class:`~model.valuation.legs.LegDef` becomes a
:class:`~model.valuation.lines.legs.Leg` mechanically: every argument becomes a parameter of
the same name, kind (money, multiple, fraction, years, number) and default role; ``many``
arguments (the sum of the parts) become one mapping ``parts: {line: multiple}``; per-year
schedules (``times``, ``year_weights``) are not parameters: year ends are a year apart, which
is all a year-end value depends on (today's value is the line model's own, on real dates).
A leg returns its equity value, its exit multiple where it has one, and its flagged paths.

``pe``, ``sotp`` and ``dcf`` replace the project's first three legs (which added net cash in
only two of them, discounted it in one, and applied a re-rating in full from year 0); those
stay available as ``pe_v1``, ``sotp_v1`` and ``dcf_v1`` so that theses written for them still
reproduce their numbers. ``dcf`` is the FCFF leg under the first leg's parameter names
(``cash_flow``, ``discount_rate``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, cast

import numpy as np

from model.errors import ParameterError
from model.valuation.blocks.base import Kind
from model.valuation.legs.base import LegDef, LegKind, UnitKind
from model.valuation.legs.bridge import discount_outside
from model.valuation.legs.registry import LEGS as DEFS
from model.valuation.lines import build_valuation as _build
from model.valuation.lines import model as _model
from model.valuation.lines.legs import LEGS, Leg, LegContext, LegParam, LegResult, register_leg
from model.valuation.roles import Role
from model.valuation.shapes import any_by_path

__all__ = ["register_all"]

_KIND: Mapping[UnitKind, Kind] = {
    UnitKind.MONEY: Kind.MONEY,
    UnitKind.MULTIPLE: Kind.MULTIPLE,
    UnitKind.RATE: Kind.FRACTION,
    UnitKind.FRACTION: Kind.FRACTION,
    UnitKind.YEARS: Kind.YEARS,
    UnitKind.FLAG: Kind.NUMBER,
}
#: Type word -> (leg kind, thesis parameter name -> leg argument name).
_WORDS: dict[str, tuple[LegKind, dict[str, str]]] = {
    "pe": (LegKind.PE, {"multiple": "multiple_now", "peer_multiple": "multiple_peer"}),
    "sotp": (LegKind.SOTP, {}),
    "dcf": (LegKind.DCF_FCFF, {"cash_flow": "fcff", "discount_rate": "wacc"}),
    "dcf_fcff": (LegKind.DCF_FCFF, {"discount_rate": "wacc"}),
    "dcf_fcfe": (LegKind.DCF_FCFE, {"discount_rate": "cost_of_equity"}),
    "ddm": (LegKind.DDM, {"discount_rate": "cost_of_equity"}),
    "ev_ebitda": (LegKind.EV_EBITDA, {}),
    "ev_sales": (LegKind.EV_SALES, {}),
    "ev_ebit": (LegKind.EV_EBIT, {}),
}
#: The exit multiple a leg states (``exit_<leg>``) and the per-year multiple (``<leg>_multiple``).
_EXTRAS = {
    "multiple": ("{name}_multiple", "x", Role.MULTIPLE, "Multiple ({name})", True),
    "exit": ("exit_{name}", "x", Role.EXIT_MULTIPLE, "Exit multiple ({name})", False),
}
_DISCOUNTING = {LegKind.DCF_FCFF, LegKind.DCF_FCFE, LegKind.DDM}
_MULTIPLE_LEGS = {
    LegKind.PE,
    LegKind.EV_EBITDA,
    LegKind.EV_SALES,
    LegKind.EV_EBIT,
}


def _params(defn: LegDef, rename: Mapping[str, str]) -> tuple[LegParam, ...]:
    back = {v: k for k, v in rename.items()}
    out: list[LegParam] = []
    many_done = False
    for a in defn.args:
        if a.unit in (UnitKind.SCHEDULE, UnitKind.COUNT):
            continue
        if a.many:
            if not many_done:
                out.append(LegParam("parts", Kind.MULTIPLE, mapping=True, doc="line -> multiple"))
                many_done = True
            continue
        role = Role(a.role) if a.role is not None else None
        out.append(LegParam(back.get(a.name, a.name), _KIND[a.unit], role, a.required, doc=a.doc))
    return tuple(out)


def _adapter(word: str, kind: LegKind, rename: Mapping[str, str]) -> Leg:
    defn = DEFS[kind]

    def compute(p: Mapping[str, Any], ctx: LegContext) -> LegResult:
        args: dict[str, Any] = {}
        for key, value in p.items():
            # A line model states today's value itself, from the value per share held to a
            # year end: the balance on the valuation date enters no number, so it is not
            # passed on either, where a leg would flag paths on it (warned at the thesis).
            if value is None or key == "net_cash_today":
                continue
            if key == "parts":
                args["metrics"] = [amount for amount, _ in value.values()]
                args["multiples"] = [multiple for _, multiple in value.values()]
            else:
                args[rename.get(key, key)] = value
        if kind in _DISCOUNTING and ctx.shares is not None:
            # A year's value is its shares' part of the later flows (see legs.cashflow).
            args["shares"] = ctx.shares
            if kind is not LegKind.DDM:
                args["paid"], args["bought"] = ctx.payouts
            if ctx.outside is not None:
                args["outside"] = ctx.outside
        if kind is LegKind.PE and args.get("multiple_peer") is not None:
            args.setdefault("rerating", 1.0)  # a peer multiple given: the re-rating happens
        try:
            value = defn(**args)
        except ParameterError as exc:
            raise _in_thesis_terms(exc, defn, rename, ctx.texts) from None
        extras: dict[str, tuple[np.ndarray, str, Role | None]] = {}
        multiple = value.parts.get("multiple")
        if kind in _MULTIPLE_LEGS and multiple is not None:
            per_year = np.broadcast_to(multiple, value.equity.shape).astype(float)
            extras["multiple"] = (per_year, "x", Role.MULTIPLE)
            extras["exit"] = (per_year[:, -1].copy(), "x", Role.EXIT_MULTIPLE)
        used = any_by_path(ctx.weight > 0.0)
        flags = {"invalid": value.invalid & used}
        if args.get("discount") is not None:
            # Counted apart too, so that a run says which input its flagged paths left.
            flags["discount"] = discount_outside(args["discount"]) & used
        given = [args.get(k) for k in ("multiple_now", "multiple_peer", "multiple")]
        given += list(args.get("multiples") or ())
        multiples = [np.asarray(m, dtype=float) for m in given if m is not None]
        if multiples:
            # A multiple below zero values what it multiplies as a liability: said apart.
            below = [any_by_path(np.atleast_2d(m) < 0.0) for m in multiples]
            flags["multiple"] = np.logical_or.reduce(below) & used
        return LegResult(np.array(value.equity, dtype=float), extras, flags, held=value.held)

    doc = f"{defn.label}: {defn.doc} (see model.valuation.legs)"
    return Leg(word, doc, _params(defn, rename), compute)


def _in_thesis_terms(
    exc: ParameterError, defn: LegDef, rename: Mapping[str, str], texts: Mapping[str, str]
) -> ParameterError:
    """``exc`` with the library's argument names (``cost_of_equity``) replaced by what the
    thesis wrote for them (``ke``), and its field by the leg's own key (``discount_rate``)."""
    back = {v: k for k, v in rename.items()}
    shown: dict[str, str] = {}
    for a in defn.args:
        text = texts.get(back.get(a.name, a.name))
        if text is not None and text != a.name:
            shown[a.name] = text
    field = back.get(exc.field, exc.field) if exc.field else None
    if not shown:
        return ParameterError(exc.message, field=field, expected=exc.expected)
    # One pass, so that a name inside a replacement is not replaced again.
    alternatives = "|".join(map(re.escape, sorted(shown, key=len, reverse=True)))
    pattern = re.compile(rf"\b({alternatives})\b")

    def swap(text: str | None) -> str | None:
        return None if text is None else pattern.sub(lambda m: shown[m.group(1)], text)

    return ParameterError(str(swap(exc.message)), field=field, expected=swap(exc.expected))


def register_all() -> None:
    """Register every leg of the finance library in the line model's leg registry."""
    for old in ("pe", "sotp", "dcf"):
        first = LEGS.get(old)
        if first is not None and f"{old}_v1" not in LEGS:
            register_leg(Leg(f"{old}_v1", first.doc, first.params, first.compute))
            if old in _build._LEG_EXTRAS:
                _build._LEG_EXTRAS[f"{old}_v1"] = _build._LEG_EXTRAS[old]
            if old in _model._LEG_FLAGS:
                _model._LEG_FLAGS[f"{old}_v1"] = _model._LEG_FLAGS[old]
    for word, (kind, rename) in _WORDS.items():
        register_leg(_adapter(word, kind, rename))
        if kind in _MULTIPLE_LEGS:
            _build._LEG_EXTRAS[word] = dict(_EXTRAS)
        else:
            _build._LEG_EXTRAS.pop(word, None)
        args = {a.name for a in DEFS[kind].args}
        names = ("invalid",) + (("discount",) if "discount" in args else ())
        names += ("multiple",) if args & {"multiple", "multiple_now", "multiples"} else ()
        _model._LEG_FLAGS[word] = cast("tuple[str]", names)  # the table is typed by its entries
