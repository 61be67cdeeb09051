"""Which assumptions a thesis uses, and a warning about those it does not.

An assumption is *used* when something that reaches a result reads it:

- any expression of the ``model:`` section (lines, blocks, valuation legs and settings such as
  the share count, the cost of equity or ``fx_to_price``);
- an event's probability or the size of one of its effects (in the base or in any scenario);
- a scorecard claim;
- a name the toolkit reads by convention (:data:`READ_BY_NAME`: ``leg_tolerance``, the
  tolerance of the valuation legs' consistency check);
- the definition of a derived assumption, or a process' parameters, when that derived value or
  process is itself used (followed transitively).

- a name an ``evidence:`` quantity reads, when it is correlated (directly or through a chain
  of correlations) with a used assumption: ``thesis update`` weighs the paths by how well
  they match the observation, and the correlation carries that weight to what is used.

What does not count on its own: a correlation entry (it shapes the draws of a number only if
something reads that number), an event's target (an event changes what it targets, which matters
only if the target is used), and a scenario's override (it replaces the value; a derived override
reads its names, which then count as used when the base model reads what it replaces).

A sourced number that nothing uses has no effect on any result, and usually means the analyst
meant to wire it in: :func:`unused_warning` says so once per thesis, at the first one's line.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from model.errors import ThesisModelError
from model.inputs.expressions.expr import compile_expression

# A thesis and its assumptions are read by their attributes: the assembly that makes them
# comes after the expressions in the inputs' order, so this module cannot import it.

__all__ = [
    "LEG_TOLERANCE",
    "READ_BY_NAME",
    "assumption_inputs",
    "expression_names",
    "model_names",
    "unused_assumptions",
    "unused_warning",
]

#: Keys of the ``model:`` section whose values are words, not expressions (a block's type and
#: label, the company among a segment's players, the segment a market is net of, ...).
WORD_KEYS = frozenset(
    {"type", "kind", "label", "outputs", "company", "net_of", "group", "role", "currency"}
)
#: The assumption a thesis sets the tolerance of its valuation legs' consistency with.
LEG_TOLERANCE = "leg_tolerance"
#: Assumptions the toolkit reads by their name, not because an expression names them.
READ_BY_NAME = frozenset({LEG_TOLERANCE})
#: How many names the warning lists before saying how many more there are.
LISTED = 8


def expression_names(value: Any) -> list[str]:
    """Names an expression (or a mapping / list of expressions) refers to.

    Parameters
    ----------
    value : str, mapping, list or anything else
        Text that is not an expression (a word option such as ``company: alibaba`` written
        oddly) and values that are not text name nothing.

    Returns
    -------
    list of str
    """
    if isinstance(value, Mapping):
        return [n for v in value.values() for n in expression_names(v)]
    if isinstance(value, list | tuple):
        return [n for v in value for n in expression_names(v)]
    if isinstance(value, str):
        try:
            return list(compile_expression(value, lines=True).names)
        except Exception:  # a word option, not an expression
            return []
    return []


def model_names(section: Any) -> set[str]:
    """Every name the ``model:`` section's expressions refer to, wherever they are written.

    The whole section is walked, so a setting added to the format later is covered without a
    list to keep in step: every value is read as an expression except under :data:`WORD_KEYS`.
    Line names are keys, not values, so a line named like an assumption does not count.
    """
    found: set[str] = set()
    stack: list[Any] = [section]
    while stack:
        value = stack.pop()
        if isinstance(value, Mapping):
            stack += [v for k, v in value.items() if str(k) not in WORD_KEYS]
        elif isinstance(value, list | tuple):
            stack += list(value)
        else:
            found.update(expression_names(value))
    return found


def assumption_inputs(assumption: Any) -> list[str]:
    """The names an assumption's own definition reads (a derived expression, a process)."""
    used: list[str] = []
    if assumption.expression is not None:
        used += list(assumption.expression.names)
    if assumption.process is not None:
        used += list(assumption.process.names())
    return used


def _direct(thesis: Any) -> set[str]:
    """Names read by the model, the events' probabilities and effects, and the scorecard."""
    names = model_names(thesis.model_section) | READ_BY_NAME
    for event in thesis.events.values():
        for ref in (event.annual_prob, *(e.by for e in event.effects)):
            if isinstance(ref, str):
                names.add(ref)
    for claim in thesis.scorecard.values():
        names.update(claim.expression.names)
    return names


def _closure(start: Iterable[str], assumptions: Mapping[str, Any]) -> set[str]:
    """``start`` and everything the derived values and processes among it read, transitively."""
    used: set[str] = set()
    pending = [n for n in start if n in assumptions]
    while pending:
        name = pending.pop()
        if name in used:
            continue
        used.add(name)
        pending += [n for n in assumption_inputs(assumptions[name]) if n in assumptions]
    return used


def _correlated(
    observed: set[str], used: set[str], correlations: Iterable[Any], assumptions: Mapping[str, Any]
) -> set[str]:
    """The ``observed`` names joined to a ``used`` one by a chain of ``correlations`` (with
    what their derived definitions read, transitively)."""
    linked: dict[str, set[str]] = {}
    for c in correlations:
        a, b = c.between
        linked.setdefault(a, set()).add(b)
        linked.setdefault(b, set()).add(a)
    found: set[str] = set()
    for name in observed:
        seen, pending = {name}, [name]
        while pending:
            for other in linked.get(pending.pop(), ()):
                if other not in seen:
                    seen.add(other)
                    pending.append(other)
        if seen & used:
            found |= _closure([name], assumptions)
    return found


def _observed(thesis: Any) -> set[str]:
    """The names the quantities of the thesis' own ``evidence:`` section read (read from the
    file as written: the evidence's own module comes after this one)."""
    bundle = getattr(thesis, "_bundle", None)
    data = getattr(getattr(getattr(bundle, "locator", None), "main", None), "data", None)
    section = data.get("evidence") if isinstance(data, Mapping) else None
    if not isinstance(section, Mapping):
        return set()
    quantities = [e.get("quantity") for e in section.values() if isinstance(e, Mapping)]
    return {n for q in quantities for n in expression_names(q)}


def _used(thesis: Any, observed: set[str]) -> set[str]:
    used = _closure(_direct(thesis), thesis.assumptions)
    return used | _correlated(observed - used, used, thesis.correlations, thesis.assumptions)


def unused_assumptions(thesis: Any, observed: Iterable[str] | None = None) -> list[str]:
    """Assumptions of the base file that nothing uses, in the file's order.

    Each scenario is applied in turn: its events are uses, and its derived overrides read what
    they name (only reached when the model reads the assumption they replace). A scenario that
    cannot be applied is said when it is run, and skipped here.

    Parameters
    ----------
    thesis : Thesis
    observed : iterable of str, optional
        The names the quantities of the evidence ``thesis update`` reads name (those of an
        ``evidence_file`` too); by default those of the thesis' own ``evidence:`` section.

    Returns
    -------
    list of str
    """
    seen = _observed(thesis) if observed is None else set(observed)
    used = _used(thesis, seen)
    for name in thesis.scenarios:
        if name == thesis.scenario:
            continue
        try:
            applied = thesis.with_scenario(name)
        except ThesisModelError:
            continue
        used |= _used(applied, seen)
    # A scenario replaces assumptions of the base file and adds none: every scenario has the
    # same names, in the file's order.
    return [n for n in thesis.assumptions if n not in used]


def unused_warning(thesis: Any, observed: Iterable[str] | None = None) -> str | None:
    """One warning naming the assumptions nothing uses, at the first one's file and line
    (``observed``: as for :func:`unused_assumptions`).

    Returns
    -------
    str or None
        ``None`` when every assumption is used.
    """
    unused = unused_assumptions(thesis, observed)
    if not unused:
        return None
    where = thesis.where(("assumptions", unused[0]))
    if len(unused) == 1:
        return (
            f"{where}assumption '{unused[0]}' is not used by the model; it has no effect on "
            "any result (a figure kept for context or as a cross-check may stay; if it was "
            "meant to count, use it in the model, an event, a process or a derived value)"
        )
    listed = ", ".join(f"'{n}'" for n in unused[:LISTED])
    more = f" and {len(unused) - LISTED} more" if len(unused) > LISTED else ""
    return (
        f"{where}{len(unused)} assumptions are not used by the model: {listed}{more}; they "
        "have no effect on any result (figures kept for context or as cross-checks may stay; "
        "any meant to count must be used in the model, an event, a process or a derived value)"
    )
