"""Mixed scenarios: one scenario's assumptions with some taken from another.

Explaining what changed between two vintages of a thesis (:mod:`model.learning.vintages`)
needs the thesis with *some* of the changes applied: the market assumptions of the new vintage
with everything else of the old one, say. :func:`mix_scenarios` builds such a thesis from the
two scenarios' resolved assumptions and checks it like any scenario (references, units, derived
order), so a mixture that does not fit together fails with the usual located error.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

from model.errors import ThesisError
from model.inputs.assembly.crossrefs import ScenarioChecker
from model.inputs.assembly.items import Assumption, CorrelationDef, Kind
from model.inputs.assembly.thesis import Thesis, _make

__all__ = ["differing_items", "mix_scenarios"]


def _scenario(thesis: Thesis, name: str) -> Thesis:
    return thesis.with_scenario(name)


def differing_items(thesis: Thesis, from_: str, to: str) -> tuple[set[str], set[str], bool]:
    """What differs between two scenarios of one thesis.

    Returns
    -------
    assumptions : set of str
        Names whose definition differs (or that exist in only one).
    events : set of str
        Event names whose definition differs (or that exist in only one).
    correlations : bool
        Whether the correlations differ.
    """
    a, b = _scenario(thesis, from_), _scenario(thesis, to)
    names = set(a.assumptions) | set(b.assumptions)
    changed = {
        n
        for n in names
        if n not in a.assumptions
        or n not in b.assumptions
        or (
            a.assumptions[n] is not b.assumptions[n]
            and _definition(a.assumptions[n]) != _definition(b.assumptions[n])
        )
    }
    ev_names = set(a.events) | set(b.events)
    events = {
        n
        for n in ev_names
        if n not in a.events
        or n not in b.events
        or (
            a.events[n] is not b.events[n]
            and _event_definition(a.events[n]) != _event_definition(b.events[n])
        )
    }
    corr = [(c.between, c.rho) for c in a.correlations] != [
        (c.between, c.rho) for c in b.correlations
    ]
    return changed, events, corr


def _definition(x: object) -> tuple[object, ...]:
    dist = getattr(x, "dist", None)
    expr = getattr(x, "expression", None)
    return (
        getattr(x, "kind", None),
        str(getattr(x, "unit", "")),
        getattr(x, "value", None),
        None if dist is None else dist.describe(),
        None if expr is None else str(getattr(expr, "text", expr)),
        getattr(x, "process", None),
    )


def _event_definition(ev: object) -> tuple[object, ...]:
    return (
        getattr(ev, "annual_prob", None),
        getattr(ev, "repeatable", None),
        tuple(getattr(ev, "effects", ())),
        tuple(getattr(ev, "years", ())),
    )


def between_distributions(
    correlations: Iterable[CorrelationDef], assumptions: Mapping[str, Assumption]
) -> tuple[CorrelationDef, ...]:
    """The correlations both of whose ends are distributions among ``assumptions``.

    A correlation holds only between two distributions: where a mixture fixes one of its ends
    (a derived value or a constant in the other scenario or vintage), nothing is left to
    correlate, and the correlation is dropped.
    """
    return tuple(
        c
        for c in correlations
        if all(n in assumptions and assumptions[n].kind is Kind.DIST for n in c.between)
    )


def mix_scenarios(
    thesis: Thesis,
    from_: str,
    to: str,
    take: Iterable[str] = (),
    *,
    take_events: Iterable[str] = (),
    take_correlations: bool = False,
) -> Thesis:
    """Scenario ``from_`` with the named assumptions and events taken from scenario ``to``.

    Parameters
    ----------
    thesis : Thesis
        Any scenario of the thesis (both scenarios are applied from its file).
    from_, to : str
        Scenario names (``"base"`` for the file itself).
    take : iterable of str
        Assumptions whose definition comes from ``to``.
    take_events : iterable of str
        Events whose definition comes from ``to`` (an event only in ``to`` is added, one only
        in ``from_`` is dropped).
    take_correlations : bool
        Take ``to``'s correlations.

    Returns
    -------
    Thesis
        Labelled as scenario ``from_`` (so runs and seeds treat it as that scenario), with the
        mixture's assumptions.

    Raises
    ------
    ThesisError
        If the mixture does not fit together (a derived value of ``to`` naming an assumption
        that only ``to`` has, units, ...).
    """
    a, b = _scenario(thesis, from_), _scenario(thesis, to)
    if a.years != b.years:
        raise ThesisError(
            f"scenarios '{from_}' and '{to}' have different horizons ({a.years[0]}-{a.years[-1]} "
            f"and {b.years[0]}-{b.years[-1]}); mixing needs the same years"
        )
    assumptions = dict(a._resolved.assumptions)
    for name in take:
        if name in b._resolved.assumptions:
            assumptions[name] = b._resolved.assumptions[name]
        else:
            assumptions.pop(name, None)
    events = dict(a._resolved.events)
    for name in take_events:
        if name in b._resolved.events:
            events[name] = b._resolved.events[name]
        else:
            events.pop(name, None)
    chosen = b._resolved.correlations if take_correlations else a._resolved.correlations
    correlations = between_distributions(chosen, assumptions)
    checker = ScenarioChecker(
        a._bundle.locator, a.years, from_, repair=a._bundle.repair_correlations
    )
    resolved = checker.run(assumptions, events, correlations)
    mixed = _make(a._bundle, resolved)
    return replace(mixed, scenario=from_)
