"""Groups of assumptions: market, share, margins, multiples, events, finance.

What changed between two vintages is told by group, not by each of a hundred assumptions. The
group of an assumption follows from where the thesis' model uses it, so any thesis gets sensible
groups without tagging its assumptions:

- a block parameter or a valuation-leg parameter has a group by its slot (a market segment's
  ``market`` and ``growth`` are *market*, its ``players`` and ``share_drift`` are *share*, a
  margin glide is *margins*, a P/E leg's multiples are *multiples*, capital spending, share count,
  discount rates and net cash are *finance*);
- a line's role gives the group of what its expression names (``revenue`` -> market, ``margin``
  -> margins, ``multiple`` -> multiples, ...), and a line without a role passes that group on
  to what it names in turn;
- an event's probability and effect sizes are *events*;
- an assumption used only by a derived value or a process takes the group of what it feeds.

What none of these reach is *finance*. A thesis or a caller can override any of it by passing an
explicit mapping.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from model.errors import ParameterError
from model.inputs.expressions.usage import assumption_inputs, expression_names

if TYPE_CHECKING:
    from model.inputs.assembly.thesis import Thesis

__all__ = ["Group", "assumption_groups", "group_overrides", "resolve_groups"]


class Group(StrEnum):
    """Groups of assumptions for explaining a change in value."""

    MARKET = "market"
    SHARE = "share"
    MARGINS = "margins"
    MULTIPLES = "multiples"
    EVENTS = "events"
    FINANCE = "finance"


#: Block type -> parameter -> group (parameters not listed: finance).
_BLOCK_SLOTS: dict[str, dict[str, Group]] = {
    "market_segment": {
        "market": Group.MARKET,
        "growth": Group.MARKET,
        "other_revenue": Group.MARKET,
        "other_revenue_growth": Group.MARKET,
        "players": Group.SHARE,
        "share_drift": Group.SHARE,
    },
    "growth_segment": {"start": Group.MARKET, "growth": Group.MARKET},
    "margin_glide": {"start": Group.MARGINS, "target": Group.MARGINS, "years": Group.MARGINS},
}
#: Valuation-leg parameter -> group (parameters not listed: finance).
_LEG_SLOTS: dict[str, Group] = {
    "multiple": Group.MULTIPLES,
    "peer_multiple": Group.MULTIPLES,
    "rerating": Group.MULTIPLES,
    "rerating_fraction": Group.MULTIPLES,
    "parts": Group.MULTIPLES,
    "discount": Group.MULTIPLES,
}
#: Line role -> group of the names its expression uses.
_ROLE_GROUPS: dict[str, Group] = {
    "market": Group.MARKET,
    "revenue": Group.MARKET,
    "segment_revenue": Group.MARKET,
    "revenue_growth": Group.MARKET,
    "market_share": Group.SHARE,
    "margin": Group.MARGINS,
    "gross_profit": Group.MARGINS,
    "segment_profit": Group.MARGINS,
    "ebitda": Group.MARGINS,
    "ebit": Group.MARGINS,
    "multiple": Group.MULTIPLES,
}


def _section_groups(section: Mapping[str, Any]) -> dict[str, Group]:
    found: dict[str, Group] = {}

    def put(names: Iterable[str], group: Group) -> None:
        for name in names:
            found.setdefault(name, group)

    for block in (section.get("blocks") or {}).values():
        if not isinstance(block, Mapping):
            continue
        slots = _BLOCK_SLOTS.get(str(block.get("type", "")), {})
        for key, value in block.items():
            if key in ("type", "label", "outputs", "company", "net_of", "group"):
                continue
            put(expression_names(value), slots.get(key, Group.FINANCE))
    for line in (section.get("lines") or {}).values():
        if isinstance(line, Mapping):
            group = _ROLE_GROUPS.get(str(line.get("role", "")))
            if group is not None:
                put(expression_names([line.get("value"), line.get("start")]), group)
    legs = (section.get("valuation") or {}).get("legs") or {}
    for leg in legs.values():
        if isinstance(leg, Mapping):
            for key, value in leg.items():
                if key in ("type", "label"):
                    continue
                put(expression_names(value), _LEG_SLOTS.get(key, Group.FINANCE))
    # A line without a role passes the group of the line it feeds to what it names (a
    # commodity price line feeding revenue is market), after every direct use above.
    plain = {
        str(name): expression_names([line.get("value"), line.get("start"), line.get("prior")])
        if isinstance(line, Mapping)
        else expression_names(line)
        for name, line in (section.get("lines") or {}).items()
        if not (isinstance(line, Mapping) and line.get("role"))
    }
    changed = True
    while changed:
        changed = False
        for name, names in plain.items():
            if name in found:
                fresh = [n for n in names if n not in found]
                put(fresh, found[name])
                changed = changed or bool(fresh)
    return found


def assumption_groups(thesis: Thesis) -> dict[str, Group]:
    """The group of every assumption of a thesis (see the module docstring for the rules)."""
    groups: dict[str, Group] = {}
    for event in thesis.events.values():
        names = [event.annual_prob] + [e.by for e in event.effects]
        for name in names:
            if isinstance(name, str):
                groups.setdefault(name, Group.EVENTS)
    section = thesis.model_section if isinstance(thesis.model_section, Mapping) else {}
    for name, group in _section_groups(section).items():
        groups.setdefault(name, group)
    # what feeds a derived value or a process takes its group, until nothing changes
    feeds = {name: assumption_inputs(a) for name, a in thesis.assumptions.items()}
    changed = True
    while changed:
        changed = False
        for name, used in feeds.items():
            if name in groups:
                for u in used:
                    if u not in groups:
                        groups[u] = groups[name]
                        changed = True
    return {n: groups.get(n, Group.FINANCE) for n in thesis.assumptions}


def resolve_groups(
    thesis: Thesis, groups: Mapping[str, str | Iterable[str]] | None = None
) -> dict[str, str]:
    """Default groups, with the caller's overrides.

    Parameters
    ----------
    groups : mapping, optional
        Either ``{assumption: group}`` or ``{group: [assumptions...]}``; any group name is
        allowed.
    """
    out: dict[str, str] = {n: g.value for n, g in assumption_groups(thesis).items()}
    out.update(group_overrides(groups, set(thesis.assumptions)))
    return out


def group_overrides(
    groups: Mapping[str, str | Iterable[str]] | None, known: Collection[str], where: str = ""
) -> dict[str, str]:
    """The caller's ``groups=`` as ``{assumption: group}``, each name checked.

    Parameters
    ----------
    groups : mapping, optional
        ``{assumption: group}`` or ``{group: [assumptions...]}``.
    known : collection of str
        The assumptions a name may be.
    where : str
        Added to an unknown name's message (`` (in neither vintage)``).

    Raises
    ------
    ParameterError
        Not a mapping, a value neither a group name nor a list of names, or an unknown name.
    """
    if groups is not None and not isinstance(groups, Mapping):
        raise ParameterError(
            "groups must be a mapping, {assumption: group} or {group: [assumptions]}, got "
            f"{type(groups).__name__}"
        )
    out: dict[str, str] = {}
    for key, value in (groups or {}).items():
        if isinstance(value, str):
            if key not in known:
                raise ParameterError(f"groups: unknown assumption {key!r}{where}")
            out[key] = value
            continue
        names = list(value) if isinstance(value, Iterable) else None
        if names is None or not all(isinstance(n, str) for n in names):
            raise ParameterError(
                f"groups.{key}: expected a group name or a list of assumption names, got "
                f"{value!r:.80}"
            )
        for name in names:
            if name not in known:
                raise ParameterError(f"groups.{key}: unknown assumption {name!r}{where}")
            out[name] = key
    return out
