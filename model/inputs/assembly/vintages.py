"""Two vintages of a thesis as two files: what they share, and mixtures of the two.

A thesis written in 2022 and its 2025 successor are separate files with their own valuation
date, price, horizon and perhaps model. Most assumptions carry over by name (the cloud market's
growth, Alibaba's share, the P/E) and only their numbers change. Explaining the change in value
(:mod:`model.learning.vintage_files`) needs theses in between: one vintage's *structure* (dates,
price, horizon, model, correlations) with some of the other's assumption definitions put in.

:func:`compare_vintages` says which shared assumptions and events can be exchanged that way
(their definitions differ and name only what both files have, in units of the same kind) and
lists everything else that differs; that rest can only move with the structure.
:func:`mix_vintages` builds a mixture and checks it like any scenario (references, units,
derived order).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from model.inputs.assembly.crossrefs import ScenarioChecker
from model.inputs.assembly.items import Assumption, EventDef
from model.inputs.assembly.mixing import between_distributions
from model.inputs.assembly.thesis import Thesis, _make

__all__ = ["VintageDiff", "compare_vintages", "mix_vintages"]


@dataclass(frozen=True)
class VintageDiff:
    """What differs between an old and a new vintage.

    Attributes
    ----------
    assumptions : tuple of str
        Shared assumptions whose definitions differ and can be exchanged between the files.
    events : tuple of str
        Shared events likewise.
    structure : tuple of str
        Everything else that differs, in words (valuation date, price, horizon, the model
        section, correlations, assumptions or events in one vintage only, shared ones that
        cannot be exchanged and why). Empty when the files differ in exchangeable items only.
    """

    assumptions: tuple[str, ...]
    events: tuple[str, ...]
    structure: tuple[str, ...]


def _refs(a: Assumption) -> set[str]:
    names: set[str] = set()
    if a.expression is not None:
        names |= set(a.expression.names)
    if a.process is not None:
        names |= set(a.process.names())
    return names


def _definition(a: Assumption) -> tuple[Any, ...]:
    expr = a.expression
    return (
        a.kind,
        str(a.unit),
        a.value,
        None if a.dist is None else a.dist.describe(),
        None if expr is None else str(getattr(expr, "text", expr)),
        a.process,
    )


def _event_refs(e: EventDef) -> set[str]:
    names = {e.annual_prob} if isinstance(e.annual_prob, str) else set()
    for eff in e.effects:
        names.add(eff.target)
        if isinstance(eff.by, str):
            names.add(eff.by)
    return names


def _event_definition(e: EventDef) -> tuple[Any, ...]:
    return (e.annual_prob, e.repeatable, e.effects, e.years)


def _plain(value: Any) -> Any:
    """A model section as plain data, for comparing two files' sections."""
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def compare_vintages(old: Thesis, new: Thesis) -> VintageDiff:
    """Split what differs between two vintages into exchangeable items and structure.

    Parameters
    ----------
    old, new : Thesis
        The two vintages, each with its scenario applied.

    Returns
    -------
    VintageDiff
    """
    structure: list[str] = []
    if old.as_of != new.as_of:
        structure.append(f"valuation date {old.as_of} -> {new.as_of}")
    if old.price_info.describe() != new.price_info.describe():
        structure.append(f"price {old.price_info.describe()} -> {new.price_info.describe()}")
    if old.years != new.years:
        structure.append(
            f"horizon {old.years[0]}-{old.years[-1]} -> {new.years[0]}-{new.years[-1]}"
        )
    if _plain(old.model_section) != _plain(new.model_section):
        structure.append("the model section")
    if [(c.between, c.rho) for c in old.correlations] != [
        (c.between, c.rho) for c in new.correlations
    ]:
        structure.append("correlations")
    a_old, a_new = old.assumptions, new.assumptions
    shared = set(a_old) & set(a_new)
    only_old, only_new = sorted(set(a_old) - shared), sorted(set(a_new) - shared)
    if only_old:
        structure.append(f"only in {old.path.name}: {', '.join(only_old)}")
    if only_new:
        structure.append(f"only in {new.path.name}: {', '.join(only_new)}")
    swap: list[str] = []
    for name in sorted(shared):
        x, y = a_old[name], a_new[name]
        if _definition(x) == _definition(y):
            continue
        if not x.unit.same_dimension(y.unit):
            structure.append(f"{name} (unit {x.unit} -> {y.unit})")
        elif not (_refs(x) | _refs(y)) <= shared:
            missing = sorted((_refs(x) | _refs(y)) - shared)
            structure.append(f"{name} (names {', '.join(missing)}, in one vintage only)")
        else:
            swap.append(name)
    e_old, e_new = old.events, new.events
    ev_shared = set(e_old) & set(e_new)
    for label, names in (
        (old.path.name, sorted(set(e_old) - ev_shared)),
        (new.path.name, sorted(set(e_new) - ev_shared)),
    ):
        if names:
            structure.append(f"events only in {label}: {', '.join(names)}")
    ev_swap: list[str] = []
    for name in sorted(ev_shared):
        ex, ey = e_old[name], e_new[name]
        if _event_definition(ex) == _event_definition(ey):
            continue
        if (_event_refs(ex) | _event_refs(ey)) <= shared:
            ev_swap.append(name)
        else:
            structure.append(f"event {name} (names assumptions of one vintage only)")
    return VintageDiff(tuple(swap), tuple(ev_swap), tuple(structure))


def mix_vintages(
    structure: Thesis, other: Thesis, take: Iterable[str] = (), take_events: Iterable[str] = ()
) -> Thesis:
    """``structure`` with the named assumptions and events defined as in ``other``.

    Parameters
    ----------
    structure : Thesis
        The vintage whose dates, price, horizon, model and correlations are used.
    other : Thesis
        The vintage the named definitions come from.
    take, take_events : iterable of str
        Assumptions and events present in both (see :func:`compare_vintages`).

    Returns
    -------
    Thesis
        Labelled as ``structure``'s scenario, so its runs and random numbers are that
        scenario's. Its correlations are the structure's, less those one of whose ends the
        other vintage fixes (a fixed number correlates with nothing).

    Raises
    ------
    ThesisError
        If the mixture does not fit together (a derived value that becomes circular, units).
    """
    assumptions = dict(structure._resolved.assumptions)
    for name in take:
        assumptions[name] = other._resolved.assumptions[name]
    events = dict(structure._resolved.events)
    for name in take_events:
        events[name] = other._resolved.events[name]
    correlations = between_distributions(structure._resolved.correlations, assumptions)
    bundle = structure._bundle
    checker = ScenarioChecker(
        bundle.locator, structure.years, structure.scenario, repair=bundle.repair_correlations
    )
    resolved = checker.run(assumptions, events, correlations)
    return replace(_make(bundle, resolved), scenario=structure.scenario)
