"""Turning a :class:`~model.inputs.assembly.thesis.Thesis` into the engine's ModelSpec.

Fixed values become ``fixed`` distributions, distributions become variables, processes and
events map one to one, and every derived assumption becomes a
:class:`~model.engine.spec.Derived` that evaluates its expression (with the conversion to its
declared unit built in). The engine computes derived values of static inputs before processes
and events, so a process's mean or an event's effect may name one; a derived value of a process
or of an event's target varies by year, and the thesis loader already rejects it there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from model.engine.draws.distributions import from_params
from model.engine.spec import (
    Correlation,
    Derived,
    Effect,
    Event,
    ModelSpec,
    Process,
    Variable,
)
from model.inputs.assembly.items import Kind
from model.inputs.expressions.expr import BoundExpression

if TYPE_CHECKING:
    from model.inputs.assembly.thesis import Thesis

__all__ = ["build_spec", "derived_function"]


def derived_function(thesis: Thesis, name: str) -> BoundExpression:
    """The function computing derived assumption ``name`` per path, in its declared unit.

    Parameters
    ----------
    thesis : Thesis
    name : str
        A derived assumption of the applied scenario.

    Returns
    -------
    BoundExpression
        Raises :class:`~model.errors.ExpressionError` naming the assumption when the expression
        has no value on some path (a division by zero, ``log`` of a number <= 0, ...).
    """
    resolved = thesis._resolved
    a = resolved.assumptions
    expr = a[name].expression
    assert expr is not None
    units = {m: a[m].unit for m in expr.names}
    return expr.compile(units, thesis.years, resolved.derived_factor[name], name=name)


def build_spec(thesis: Thesis) -> ModelSpec:
    """The engine specification of the thesis' applied scenario (see :meth:`Thesis.to_spec`).

    Parameters
    ----------
    thesis : Thesis

    Returns
    -------
    ModelSpec
    """
    resolved = thesis._resolved
    a = resolved.assumptions
    variables = []
    processes = []
    for name, x in a.items():
        if x.kind is Kind.DIST and x.dist is not None:
            variables.append(Variable(name, x.dist))
        elif x.kind is Kind.VALUE and x.value is not None:
            variables.append(Variable(name, from_params("fixed", {"value": float(x.value)})))
        elif x.kind is Kind.PROCESS and x.process is not None:
            p = x.process
            processes.append(Process(name, p.mean, p.shock_sd, p.reversion, p.start))
    events = [
        Event(
            ev.name,
            ev.annual_prob,
            ev.repeatable,
            tuple(Effect(e.target, e.op, e.by) for e in ev.effects),
            ev.years,
        )
        for ev in resolved.events.values()
    ]
    derived = [
        Derived(
            name,
            derived_function(thesis, name),
            depends=a[name].expression.names,  # type: ignore[union-attr]
            pure=True,  # an expression of the names it reads
        )
        for name in resolved.derived_order
    ]
    correlation = None
    if resolved.correlations:
        correlation = Correlation.from_pairs(
            {c.between: c.rho for c in resolved.correlations},
            repair=thesis._bundle.repair_correlations,
        )
    return ModelSpec(
        tuple(variables), tuple(processes), tuple(events), tuple(derived), correlation, thesis.years
    )
