"""Statements about a run in the thesis expression language, and the thesis' scorecard claims.

A statement such as ``"value_per_share[2030] > 129.5"`` is parsed by the same safe expression
language the thesis file uses (:mod:`model.inputs.expr`), so a scorecard claim means the same in
the file, in a notebook and on the command line. Its names are looked up among the run's outputs
and kept inputs; ``name[year]`` picks a year of a per-year output.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from model.report.errors import HorizonError, UnknownOutputError


@dataclass(frozen=True)
class Claim:
    """One scorecard claim of a thesis.

    Attributes
    ----------
    name : str
        Claim name (the key under ``scorecard:``).
    statement : str
        The statement, in the expression language.
    label : str
        Human-readable description.
    source : str
        Short text of its source (document name or estimate).
    """

    name: str
    statement: str
    label: str
    source: str


def source_text(source: Any) -> str:
    """A short, stable text for a source block: the document name, ``estimate``, or ``derived``."""
    if source is None:
        return ""
    if isinstance(source, str):
        return source
    get = source.get if isinstance(source, Mapping) else lambda key: getattr(source, key, None)
    doc = get("doc")
    if doc:
        return str(doc)
    kind = get("kind")
    if kind is not None:
        return str(getattr(kind, "value", kind))
    if get("estimate"):
        return "estimate"
    return str(source)


def scorecard_claims(thesis: Any) -> list[Claim]:
    """The scorecard of a thesis as :class:`Claim` objects (empty when it has none)."""
    card = getattr(thesis, "scorecard", None) or {}
    claims = []
    for name, entry in card.items():
        if isinstance(entry, str):
            claims.append(Claim(str(name), entry, "", ""))
            continue
        get = entry.get if isinstance(entry, Mapping) else lambda k, e=entry: getattr(e, k, None)
        claims.append(
            Claim(
                name=str(name),
                statement=str(get("statement")),
                label=str(get("label") or ""),
                source=source_text(get("source")),
            )
        )
    return claims


def evaluate_statement(result: Any, statement: str) -> np.ndarray:
    """Evaluate a statement on the paths of a result.

    Parameters
    ----------
    result : SimulationResult
        Supplies the arrays (``result.array(name)``), the names that exist and the years.
    statement : str
        Expression in the thesis expression language.

    Returns
    -------
    ndarray
        Whatever the expression gives (the caller checks it is one truth value per path).

    Raises
    ------
    ExpressionError
        If the statement does not parse or cannot be evaluated.
    UnknownOutputError
        If it names something the run did not produce (with the closest names).
    """
    from model.inputs.expr import compile_expression

    compiled = compile_expression(statement)
    known = set(result.outputs) | set(result.inputs)
    for name in compiled.names:
        if name not in known:
            raise UnknownOutputError(name, known)
    for _, year in compiled.year_refs:
        if year not in result.years:
            raise HorizonError(year, result.years)
    values = {name: result.array(name) for name in compiled.names}
    return np.asarray(
        compiled.evaluate(values, years=result.years, units=_units(result, compiled.names))
    )


def _units(result: Any, names: Iterable[str]) -> Mapping[str, Any] | None:
    """Parsed units of the names, so scales convert and unit mistakes are caught.

    Without a known unit for every name the statement is evaluated as plain numbers (the model
    declares units for its outputs, so this only happens for hand-made results).
    """
    from model.inputs.units import UnitError, parse_unit

    units = {}
    for name in names:
        text = result.units.get(name)
        if not text:
            return None
        try:
            units[name] = parse_unit(text)
        except UnitError:
            # A label-like unit the parser does not know: compare as plain numbers.
            return None
    return units
