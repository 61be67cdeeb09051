"""Turning a :class:`~model.inputs.thesis.Thesis` into the engine's ModelSpec."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from model.engine.distributions import from_params
from model.engine.spec import (
    Correlation,
    Derived,
    Effect,
    Event,
    ModelSpec,
    Process,
    Variable,
)
from model.engine.spec import EffectOp as EngineEffectOp
from model.inputs.items import Kind

if TYPE_CHECKING:
    from model.inputs.thesis import Thesis

__all__ = ["build_spec", "constant_values"]


def constant_values(thesis: Thesis) -> dict[str, float]:
    """Fixed values, and derived values that depend on fixed values only, in declared units.

    Derived values of constants are computed here once: they are numbers, and as numbers the
    engine can use them anywhere (e.g. as an event's effect or a process's mean).

    Raises
    ------
    ThesisError
        A constant derived value is not finite (e.g. a division by zero).
    """
    resolved = thesis._resolved
    a = resolved.assumptions
    out = {
        n: float(x.value)
        for n, x in a.items()
        if x.kind is Kind.VALUE and x.value is not None and n not in resolved.per_year
    }
    for name in resolved.derived_order:
        x = a[name]
        expr = x.expression
        assert expr is not None
        if name in resolved.per_year or not all(m in out for m in expr.names):
            continue
        fn = _derived_func(thesis, name)
        value = float(np.asarray(fn({m: np.array([out[m]]) for m in expr.names})).reshape(-1)[0])
        if not math.isfinite(value):
            raise thesis.error(
                (*x.path, "derived"),
                f"evaluates to {value} with the fixed values it uses ({expr.text!r})",
            )
        out[name] = value
    return out


def _derived_func(thesis: Thesis, name: str) -> Callable[[Mapping[str, Any]], np.ndarray]:
    resolved = thesis._resolved
    a = resolved.assumptions
    expr = a[name].expression
    assert expr is not None
    units = {m: a[m].unit for m in expr.names}
    return expr.compile(units, thesis.years, resolved.derived_factor[name])


def build_spec(thesis: Thesis) -> ModelSpec:
    """Build the engine specification of the thesis' applied scenario (see Thesis.to_spec)."""
    resolved = thesis._resolved
    a = resolved.assumptions
    constants = constant_values(thesis)
    variables = []
    for name, x in a.items():
        if x.kind is Kind.DIST and x.dist is not None:
            variables.append(Variable(name, x.dist))
        elif x.kind is Kind.VALUE or name in constants:
            value = constants.get(name, x.value)
            variables.append(Variable(name, from_params("fixed", {"value": float(value)})))
    processes = []
    for name, x in a.items():
        if x.kind is Kind.PROCESS and x.process is not None:
            p = x.process
            processes.append(Process(name, p.mean, p.shock_sd, p.reversion, p.start))
    events = [
        Event(
            ev.name,
            ev.annual_prob,
            ev.repeatable,
            tuple(Effect(e.target, EngineEffectOp(e.op.value), e.by) for e in ev.effects),
        )
        for ev in resolved.events.values()
    ]
    derived = [
        Derived(name, _derived_func(thesis, name), depends=a[name].expression.names)  # type: ignore[union-attr]
        for name in resolved.derived_order
        if name not in constants
    ]
    correlation = None
    if resolved.correlations:
        correlation = Correlation.from_pairs({c.between: c.rho for c in resolved.correlations})
    _check_engine_refs(thesis, {v.name for v in variables})
    return ModelSpec(
        tuple(variables), tuple(processes), tuple(events), tuple(derived), correlation, thesis.years
    )


def _check_engine_refs(thesis: Thesis, variables: set[str]) -> None:
    """Point at a process or event input the engine cannot take (it needs a static variable).

    The engine evaluates derived quantities after processes and events, so those may only use
    values, distributions and derived values of fixed values.
    """
    resolved = thesis._resolved
    refs = []
    for x in resolved.assumptions.values():
        if x.kind is Kind.PROCESS and x.process is not None:
            for key in ("mean", "shock_sd", "start"):
                refs.append((getattr(x.process, key), (*x.path, "process", key)))
    for ev in resolved.events.values():
        refs.append((ev.annual_prob, (*ev.path, "annual_prob")))
        for i, e in enumerate(ev.effects):
            refs.append((e.by, (*ev.path, "effects", i, "by")))
    for ref, path in refs:
        if isinstance(ref, str) and ref not in variables:
            raise thesis.error(
                path,
                f"'{ref}' is derived from random inputs; the engine "
                "needs a value or a distribution here (derived quantities are "
                "computed after processes and events)",
            )
