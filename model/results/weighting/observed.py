"""The quantity an observation reads, on every path of a run, and its checks.

Conditioning (:mod:`model.results.condition`) weighs paths by these values; the checks here
refuse, at the entry's line, a quantity it would refuse before weighing any path. They need no
table library, so a thesis' evidence is checked when it loads at the cost of one central path.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from model.errors import StatementError, ThesisError, ThesisModelError

if TYPE_CHECKING:
    from model.inputs.assembly.evidence import Observation
    from model.results.results import SimulationResult

__all__ = ["at_entry", "check_quantity", "entry_unit_factor", "quantity_values"]


def at_entry(obs: Observation, exc: ThesisModelError) -> ThesisModelError:
    """An observation's error at the line of its entry, when it was read from a file."""
    if obs.file is None or (isinstance(exc, ThesisError) and exc.file):
        return exc
    text = str(exc)
    for prefix in (f"evidence.{obs.name}: ", f"evidence '{obs.name}': "):
        text = text.removeprefix(prefix)
    return ThesisError(text, file=obs.file, line=obs.line, field=f"evidence.{obs.name}")


def quantity_values(result: SimulationResult, observation: Observation) -> np.ndarray:
    """The observed quantity on every path of a result (NaN where it is undefined)."""
    from model.results.statements import evaluate_statement, held_per_path

    evaluation = evaluate_statement(result, observation.quantity)
    values = np.asarray(evaluation.values)
    undefined = np.asarray(evaluation.undefined, dtype=bool)
    if values.ndim == 0:
        values = np.full(result.n_paths, float(values))
        undefined = np.full(result.n_paths, bool(undefined))
    if values.shape != (result.n_paths,):
        raise StatementError(
            f"evidence {observation.name!r}: {observation.quantity!r} gives "
            f"{held_per_path(values.shape, result)}, not one value per path; select a year, "
            f"e.g. name[{result.exit_year}]"
        )
    if values.dtype == bool:
        raise StatementError(
            f"evidence {observation.name!r}: {observation.quantity!r} is a true/false "
            "statement; observe a quantity (use kind: range for an interval)"
        )
    out = values.astype(float, copy=True)
    out[undefined] = np.nan
    return out * entry_unit_factor(result, observation.quantity, observation.unit,
                                   f"evidence {observation.name!r}")  # fmt: skip


def check_quantity(result: SimulationResult, observation: Observation) -> None:
    """Refuse, at the observation's entry, a quantity conditioning
    (:func:`~model.results.condition.condition`) would refuse before weighing any path: a name
    the result lacks, a per-year quantity without its year, a year off the horizon, a
    true/false statement or a unit of another kind.

    Raises
    ------
    ThesisModelError
        At the entry's file and line when it was read from one.
    """
    try:
        quantity_values(result, observation)
    except ThesisModelError as exc:
        raise at_entry(observation, exc) from None


def entry_unit_factor(result: SimulationResult, quantity: str, unit: str, what: str) -> float:
    """Factor from the unit of ``quantity`` in ``result`` to the unit an entry states it in.

    An observation or a realised value is written in the unit its source states it in
    (``EUR bn`` for a model in ``EUR m``); the paths are compared in that unit. No unit given:
    1 (the quantity's own). Units of different kinds are an error naming the entry.
    """
    if not unit:
        return 1.0
    from model.inputs.expressions.expr import BOOLEAN, compile_expression
    from model.inputs.units import UnitError, parse_unit
    from model.results.statements import _parse_units

    compiled = compile_expression(quantity)
    own = compiled.unit(_parse_units(result.units, compiled.names, quantity))
    if own is BOOLEAN:  # a comparison has no unit to convert: say what it is
        raise StatementError(
            f"{what}: {quantity!r} is a true/false statement; give the quantity itself"
        )
    try:
        return parse_unit(str(own)).factor_to(parse_unit(unit))
    except UnitError as exc:
        raise StatementError(
            f"{what}: stated in {unit}, but {quantity!r} is in {own} ({exc})"
        ) from None
