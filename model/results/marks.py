"""Sourced points of a thesis to draw next to the simulated distributions.

A chart of the simulated cloud market is more convincing with the articles' own figures on it
(Canalys' 2026 forecast, the research card's 2025 AI-cloud market, the thesis' price). The marks are
read from the thesis: the assumptions the ``model:`` section uses for a segment's starting market,
shares and margin, other assumptions named like the market assumption but for another year of the
horizon (``china_cloud_market_2026f`` next to ``china_cloud_market_2025``), and the price. Only
assumptions whose source is an article become marks: an estimate on a chart would look like
evidence. A sourced number whose unit cannot be converted into its output's unit is left out
with a warning (a mark in the wrong unit would sit at a wrong height).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from model.errors import warn
from model.results.results import Mark
from model.results.statements import source_text

if TYPE_CHECKING:
    from model.inputs.assembly.thesis import Thesis

_YEAR_SUFFIX = re.compile(r"^(?P<stem>.+?)_(?P<year>(19|20)\d\d)f?$")


def _get(obj: Any, key: str) -> Any:
    if isinstance(obj, Mapping):
        return obj.get(key)
    return getattr(obj, key, None)


def _doc(assumption: Any) -> str | None:
    """The article an assumption cites, or None when it is an estimate or derived."""
    doc = _get(_get(assumption, "source"), "doc")
    return str(doc) if doc else None


def _point(assumption: Any) -> float | None:
    """The sourced number of an assumption: its fixed value or its distribution's centre."""
    central = getattr(assumption, "central", None)
    if callable(central):
        value = central()
        return None if value is None else float(value)
    value = _get(assumption, "value")
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return None


def _converted(value: float, unit: Any, target: str | None) -> float | None:
    """``value`` from ``unit`` into ``target`` (None when they are not the same dimension)."""
    if unit is None or not target or str(unit) == target:
        return value
    from model.inputs.units import UnitError, convert

    try:
        return float(convert(value, unit, target))
    except UnitError:
        return None


def _segments(thesis: Any) -> Mapping[str, Any]:
    from model.valuation.roles import segment_sections

    section = _get(thesis, "model_section")
    if isinstance(section, Mapping):
        return segment_sections(section)
    segments = _get(section, "segments") if section is not None else None
    return segments if isinstance(segments, Mapping) else {}


def _segment_outputs(seg_name: str, outputs: Mapping[str, Any], roles: Any) -> dict[str, str]:
    """A segment's market, share and margin outputs by slot (``market``, ``share:<player>``,
    ``margin``): the lines the model gives those roles in the segment's group (whatever the
    analyst renamed them to), else the names the segment block writes."""
    found: dict[str, str] = {}
    if roles is not None:
        from model.valuation.roles import Role

        group = roles.in_group(seg_name)
        for role, slot in ((Role.MARKET, "market"), (Role.MARGIN, "margin")):
            if role in group:
                found[slot] = group[role].name
        for line in roles.share_groups().get(seg_name, []):
            found[f"share:{line.player or line.name}"] = line.name
    found.setdefault("market", f"market_{seg_name}")
    found.setdefault("margin", f"margin_{seg_name}")
    # The market assumption is the gross market when the segment is net of another one.
    gross = f"{found['market']}_gross"
    if gross in outputs:
        found["market"] = gross
    return found


def _candidates(
    thesis: Any, outputs: Mapping[str, Any], roles: Any = None
) -> Iterator[tuple[str, int, str]]:
    """(output, year, assumption name) pairs that may become marks."""
    years = tuple(int(y) for y in (_get(thesis, "years") or ()))
    if not years:
        return
    first = years[0]
    assumptions = _get(thesis, "assumptions") or {}
    for seg_name, seg in _segments(thesis).items():
        names = _segment_outputs(seg_name, outputs, roles)
        market = _get(seg, "market")
        target = names["market"]
        if market:
            yield target, first, market
            found = _YEAR_SUFFIX.match(str(market))
            if found:
                stem = found["stem"]
                for name in assumptions:
                    other = _YEAR_SUFFIX.match(str(name))
                    if other and other["stem"] == stem and name != market:
                        year = int(other["year"])
                        if year in years:
                            yield target, year, str(name)
        for player, name in (_get(seg, "players") or {}).items():
            yield names.get(f"share:{player}", f"share_{seg_name}_{player}"), first, name
        margin = _get(seg, "margin_start")
        if margin:
            yield names["margin"], first, margin


def thesis_marks(
    thesis: Thesis,
    outputs: Mapping[str, Any],
    units: Mapping[str, str] | None = None,
    roles: Any = None,
) -> tuple[Mark, ...]:
    """The sourced points of a thesis for the outputs a run produced.

    Parameters
    ----------
    thesis : Thesis
        The thesis (scenario applied).
    outputs : Mapping[str, ndarray]
        The run's outputs; marks for other names are dropped.
    units : Mapping[str, str], optional
        Output units; a mark is converted into its output's unit (and left out, with a
        warning, if it cannot be).
    roles : ModelRoles, optional
        The model's roles: a segment's market, shares and margin are the lines holding those
        roles in its group, whatever their names (by default the names the segment block
        writes).

    Returns
    -------
    tuple of Mark
        Sorted by output and year.
    """
    units = units or {}
    assumptions = _get(thesis, "assumptions") or {}
    marks: dict[tuple[str, int, str], Mark] = {}
    for output, year, name in _candidates(thesis, outputs, roles):
        assumption = assumptions.get(name) if isinstance(assumptions, Mapping) else None
        if output not in outputs or assumption is None:
            continue
        doc = _doc(assumption)
        point = _point(assumption)
        if doc is None or point is None:
            continue
        value = _converted(point, _get(assumption, "unit"), units.get(output))
        if value is None:
            warn(
                f"chart mark {name!r} left out: its unit {_get(assumption, 'unit')} cannot be "
                f"converted into {output!r}'s unit {units.get(output)}"
            )
            continue
        if not math.isfinite(value):
            continue
        label = str(_get(assumption, "label") or name)
        marks[(output, year, name)] = Mark(output, year, value, label, doc)
    price = _get(thesis, "price_info") or _get(thesis, "price")
    years = tuple(_get(thesis, "years") or ())
    if price is not None and years and "value_per_share" in outputs:
        doc = source_text(_get(price, "source"))
        value = _get(price, "value")
        value = float(price if value is None else value)
        marks[("value_per_share", int(years[0]), "price")] = Mark(
            "value_per_share", int(years[0]), value, "Thesis price", doc or "thesis"
        )
    return tuple(sorted(marks.values(), key=lambda m: (m.output, m.year, m.label)))
