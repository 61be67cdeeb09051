"""Statements about a run in the thesis expression language, and the thesis' scorecard claims.

A statement such as ``"value_per_share[2030] > 129.5"`` is parsed by the same safe expression
language the thesis file uses (:mod:`model.inputs.expressions.expr`), so a scorecard claim means
the same in the file, in a notebook and on the command line. Its names are the model's outputs and
the thesis' assumptions (the inputs a run keeps), so a claim may compare the two, e.g.
``exit_pe >= pe_alibaba + (pe_amazon - pe_alibaba) / 2``; ``name[year]`` picks a year of a
per-year quantity. An assumption may not share its name with a model output: a statement
using the name would read two ways, and a run's outputs and kept inputs would collide, so
:func:`check_output_names` refuses such a thesis whether or not a claim uses the name. (A result
made by hand may still hold both; there the output is meant.)

Statements are always unit-checked: every name needs a unit the unit parser understands, so
``revenue_total[2030] > 200`` reads 200 in the unit of ``revenue_total`` and comparing a per-share
value with a market size is an error rather than a meaningless number.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from model.errors import (
    ExpressionError,
    HorizonError,
    SettingsError,
    StatementError,
    ThesisModelError,
    UnknownOutputError,
)

if TYPE_CHECKING:
    from model.inputs.assembly.thesis import Thesis
    from model.inputs.expressions.expreval import Evaluation
    from model.inputs.units import Unit
    from model.results.results import SimulationResult

__all__ = [
    "Claim",
    "check_output_names",
    "check_scorecard",
    "evaluate_statement",
    "held_per_path",
    "scorecard_claims",
    "scorecard_inputs",
    "source_text",
    "unheld_year_problem",
    "unheld_years",
    "view_tag",
]


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


def scorecard_claims(thesis: Thesis) -> list[Claim]:
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


# ---------------------------------------------------------------------- units


def _parse_units(units: Mapping[str, str], names: Iterable[str], statement: str) -> dict[str, Unit]:
    """Parsed units of ``names``; a missing or unreadable unit is an error, never a plain number."""
    from model.inputs.units import UnitError, parse_unit

    out = {}
    for name in names:
        text = units.get(name)
        if not text:
            raise StatementError(
                f"{name!r} in {statement!r} has no unit; statements are unit-checked, so every "
                "name they use needs one"
            )
        try:
            out[name] = parse_unit(str(text))
        except UnitError as exc:
            raise StatementError(
                f"the unit {text!r} of {name!r} in {statement!r} is not understood: {exc}"
            ) from None
    return out


# ---------------------------------------------------------------------- evaluation


def evaluate_statement(result: SimulationResult, statement: str) -> Evaluation:
    """Evaluate a statement on the paths of a result, and learn where it is undefined.

    Parameters
    ----------
    result : SimulationResult
        Supplies the arrays (outputs, then kept inputs: an output wins a shared name), their
        units and the years.
    statement : str
        Expression in the thesis expression language.

    Returns
    -------
    Evaluation
        ``values``: whatever the expression gives (the caller checks it is one truth value per
        path), False where it is undefined; ``undefined``: the paths on which it has no value
        (a division by zero, ``log`` of a number <= 0, a NaN input, ...), which a probability
        must leave out rather than count as false.

    Raises
    ------
    ExpressionError
        If the statement does not parse, or its units do not fit together.
    UnknownOutputError
        If it names something the run did not produce (with the closest names).
    SettingsError
        If it names an output the run streamed rather than kept per path (``keep=``).
    StatementError
        If a name it uses has no unit, or one the unit parser does not understand.
    """
    from model.inputs.expressions.expr import compile_expression

    compiled = compile_expression(statement)
    known = set(result.outputs) | set(result.inputs)
    for name in compiled.names:
        unkept = (*getattr(result, "streamed", {}), *getattr(result, "not_kept", ()))
        if name in unkept and name not in known:
            result.array(name)  # summarised, not kept per path: says how to keep it
        if name not in known and name in _thesis_inputs(getattr(result, "thesis", None)):
            raise SettingsError(_input_not_kept(name, bool(result.inputs)))
        if name not in known:
            raise UnknownOutputError(name, known)
    for name, year in compiled.year_refs:
        if year not in result.years:
            raise HorizonError(year, result.years)
        unheld = unheld_year_problem(getattr(result, "thesis", None), name, year)
        if unheld:
            raise StatementError(f"{unheld}, in {statement!r}")
        if f"{name}_by_year" in known and np.ndim(result.array(name)) < 2:
            # One value a path (value_today) with a per-year companion: point at it.
            raise StatementError(
                f"'{name}' has one value a path, not one a year: drop '[{year}]', or write "
                f"'{name}_by_year[{year}]' for the year's own, in {statement!r}"
            )
    values = {name: result.array(name) for name in compiled.names}
    units = _parse_units(result.units, compiled.names, statement)
    return compiled.evaluate_checked(values, years=result.years, units=units)


def _thesis_inputs(thesis: Any) -> set[str]:
    """The names of the thesis' assumptions and events: what a run keeps as its inputs."""
    if thesis is None:
        return set()
    return {*(getattr(thesis, "assumptions", None) or {}), *(getattr(thesis, "events", None) or {})}


def _input_not_kept(name: str, some_kept: bool) -> str:
    """Why a statement cannot read an assumption of the thesis: the run kept no inputs, or
    only those its scorecard uses."""
    kept = "kept only the inputs its scorecard uses" if some_kept else "kept no inputs"
    return (
        f"{name!r} is an assumption of the thesis, but this run {kept} per path; simulate "
        f"again with keep_inputs=True (and the scenario in inputs_for, if given) to use it"
    )


#: Dated outputs and the date each runs from (a year ending on or before it is never held).
_DATED_FROM = {
    "return_dated": "price",
    "total_return_dated": "price",
    "return_annual": "price",  # a thesis run's, from the price date too
    # Compounded from return_annual: a year end before the purchase is not held either (the
    # engine's array keeps the upside to that year's value, which is no return of the buyer's).
    "total_return": "price",
    "value_today_by_year": "valuation",
}


def unheld_years(thesis: Any, name: str, n_years: int) -> np.ndarray | None:
    """Which of a dated output's ``n_years`` years end on or before the date it runs from (the
    valuation date, or the price's): nothing is held to them, so their values are missing, not a
    0% return. None when there are none (or ``name`` is not dated)."""
    start = _DATED_FROM.get(name)
    if start is None or not hasattr(thesis, "as_of"):
        return None
    from model.valuation.finance.dates import ValuationDates

    dates = ValuationDates.from_thesis(thesis)
    gone = np.asarray(dates.t_price if start == "price" else dates.t_value) <= 0.0
    return gone if gone.size == n_years and gone.any() else None


def held_to(name: str, year: int) -> str:
    """`` (held to 2030)`` after today's value, which is of holding to the exit year; empty for
    another output with one value a path (a fixed input), which is held to nothing."""
    return f" (held to {year})" if name == "value_today" else ""


def unheld_year_problem(thesis: Any, name: str, year: int) -> str | None:
    """Why ``name[year]`` has no value, or None: ``name`` a dated output (today's value, the
    dated returns) and ``year`` a year end on or before the date it runs from, so that nothing
    is held to it (the summary leaves it out; a statement must not read it as a number)."""
    start = _DATED_FROM.get(name)
    if start is None or not hasattr(thesis, "as_of") or year not in getattr(thesis, "years", ()):
        return None
    from model.valuation.finance.dates import ValuationDates

    dates = ValuationDates.from_thesis(thesis)
    i = dates.years.index(year)
    t = dates.t_price if start == "price" else dates.t_value
    if float(t[i]) > 0.0:
        return None
    when = dates.price_date if start == "price" else dates.valuation_date
    undated = getattr(getattr(thesis, "price_info", None), "date", None) is None
    if start == "price" and undated:
        what = "the valuation date (as_of; the price gives no date)"
    else:
        what = "the price date" if start == "price" else "the valuation date (as_of)"
    return (
        f"nothing is held to {year}: its year end, {dates.year_ends[i].isoformat()}, is on or "
        f"before {what}, {when.isoformat()}, so '{name}[{year}]' has no value; use a later year"
    )


def held_per_path(shape: tuple[int, ...], result: Any) -> str:
    """What an array of ``shape`` holds, in the words of a thesis rather than numpy's."""
    years = tuple(getattr(result, "years", ()))
    if years and shape == (result.n_paths, len(years)):
        return f"one value per year ({years[0]}..{years[-1]}) on each path"
    return f"values of shape {shape}"


def scorecard_inputs(thesis: Thesis, output_names: Iterable[str]) -> tuple[str, ...]:
    """The assumptions the scorecard's statements use (the inputs a run must keep for them)."""
    from model.inputs.expressions.expr import compile_expression

    outputs = set(output_names)
    assumptions = set(getattr(thesis, "assumptions", None) or {})
    used: dict[str, None] = {}
    for claim in scorecard_claims(thesis):
        for name in compile_expression(claim.statement).names:
            if name in assumptions and name not in outputs:
                used[name] = None
    return tuple(used)


# ---------------------------------------------------------------------- checking a thesis


def check_output_names(thesis: Thesis, model: Any = None) -> None:
    """Check that no assumption or event of the thesis has the name of a model output.

    A run keeps the assumptions next to the outputs, and statements, sensitivity tables and
    exports refer to both by name; a shared name would mean two things. Checked for every
    thesis, not only for names a scorecard claim uses, so a clash is found before a claim or a
    table trips over it.

    Parameters
    ----------
    thesis : Thesis
        The thesis (one scenario applied).
    model : SegmentModel, optional
        Its valuation model; built from the thesis when not given.

    Raises
    ------
    ThesisError
        At ``assumptions.<name>`` (or the event's line), for the first assumption (or event)
        named like a model output.
    """
    if model is None:
        from model.valuation import build_model

        model = build_model(thesis)
    outputs = set(model.output_units)
    for name in thesis.assumptions:
        if name in outputs:
            raise thesis.error(
                ("assumptions", name),
                f"assumption {name!r} has the name of a model output, so statements and the "
                "run's tables would read it two ways; rename the assumption",
            )
    for name, event in thesis.events.items():
        # A run keeps each event's occurrences among its inputs, under the event's name.
        if name in outputs:
            raise thesis.error(
                event.path or ("events", name),
                f"event {name!r} has the name of a model output, so statements and the run's "
                f"tables would read it two ways; rename the event (e.g. '{name}_event')",
            )


def check_scorecard(thesis: Thesis, model: Any = None) -> None:
    """Check the names of the assumptions and every scorecard statement against the model.

    Run by ``thesis validate`` and before any simulation, so a misspelt name, a unit mistake or
    an assumption named like a model output (:func:`check_output_names`) is reported with its
    file and line before minutes are spent on a run.

    Parameters
    ----------
    thesis : Thesis
        The thesis (one scenario applied).
    model : SegmentModel, optional
        Its valuation model; built from the thesis when not given.

    Raises
    ------
    ThesisError
        At ``assumptions.<name>`` for an assumption named like a model output; at
        ``scorecard.<claim>.statement``: a name that is neither an output nor an assumption
        (with the closest names), units that do not fit together, or a statement that is not
        true/false.
    """
    if model is None:
        from model.valuation import build_model

        model = build_model(thesis)
    check_output_names(thesis, model)
    if not (getattr(thesis, "scorecard", None) or {}):
        return
    outputs = dict(model.output_units)
    units = {**thesis.units, **outputs}
    claims = scorecard_claims(thesis)
    for claim in claims:
        problem = _statement_problem(claim.statement, outputs, thesis, units)
        if problem:
            raise thesis.error(("scorecard", claim.name, "statement"), problem)
    _check_central_path(thesis, model, claims, units)


def _check_central_path(
    thesis: Thesis, model: Any, claims: Iterable[Claim], units: Mapping[str, str]
) -> None:
    """Refuse a statement that has no value on the deterministic central path.

    A statement undefined there (a division by an output that is zero in the central case,
    ``log`` of a negative margin, ...) is undefined on most paths of a run, which then fails
    after minutes; here it is found at once, at its line.
    """
    from model.engine.execution.deterministic import deterministic_inputs
    from model.inputs.expressions.expr import compile_expression

    claims = list(claims)
    if not claims:
        return
    try:
        with np.errstate(all="ignore"):
            inputs = deterministic_inputs(thesis.to_spec(), None, n_paths=1)
            values: dict[str, Any] = {**dict(inputs), **dict(model(inputs))}
    except ThesisModelError:
        return  # a model that cannot run is reported by the run, with its context
    for claim in claims:
        compiled = compile_expression(claim.statement)
        used = {n: values[n] for n in compiled.names if n in values}
        if len(used) != len(compiled.names):
            continue
        result = compiled.evaluate_checked(
            used, years=thesis.years, units=_parse_units(units, compiled.names, claim.statement)
        )
        if np.size(result.values) > 1:
            # Per-year names without a [year]: one truth value per year, and a run refuses it.
            years = [n for n, v in used.items() if np.ndim(v) == 2 and np.shape(v)[-1] > 1]
            example = f"{years[0]}[{thesis.years[-1]}]" if years else f"name[{thesis.years[-1]}]"
            raise thesis.error(
                ("scorecard", claim.name, "statement"),
                f"{claim.statement!r} gives one truth value per year, not one per path: "
                f"{', '.join(years) or 'a name'} varies by year; select a year, e.g. {example}",
            )
        if result.n_undefined:
            shown = ", ".join(
                f"{n} = {_central_text(v)}" for n, v in used.items() if np.ndim(v) <= 2
            )
            where = f": {shown}" if shown else ""  # a statement of numbers alone names none
            raise thesis.error(
                ("scorecard", claim.name, "statement"),
                f"{claim.statement!r} has no value on the central path (every assumption at "
                f"its central value{where}): a division by zero, a number too large or a "
                "function outside its domain; a run would leave it out on most paths",
            )


def _central_text(v: Any) -> str:
    from model.inputs.units import format_number

    arr = np.asarray(v, dtype=float).reshape(-1)
    if arr.size == 1:
        return format_number(float(arr[0]), 4)
    return (
        "["
        + ", ".join(format_number(float(x), 4) for x in arr[:8])
        + (", ...]" if arr.size > 8 else "]")
    )


def _statement_problem(
    statement: str, outputs: Mapping[str, str], thesis: Thesis, units: Mapping[str, str]
) -> str | None:
    """What is wrong with one statement, or None."""
    from model.errors import did_you_mean
    from model.inputs.expressions.expr import BOOLEAN, compile_expression

    try:
        compiled = compile_expression(statement)
        compiled.check_years(thesis.years)
    except ExpressionError as exc:
        return str(exc)
    for name, year in compiled.year_refs:
        unheld = unheld_year_problem(thesis, name, year) if name in outputs else None
        if unheld:
            return f"{unheld}, in {statement!r}"
    assumptions = set(thesis.assumptions)
    for name in compiled.names:  # a name both an output and an assumption is refused earlier
        if name not in outputs and name not in assumptions:
            hint = _price_hint(statement, thesis, outputs) if name == "price" else None
            hint = hint or did_you_mean(name, [*outputs, *assumptions])
            suffix = f"; {hint}" if hint else ""
            return f"{name!r} in {statement!r} is neither a model output nor an assumption{suffix}"
    try:
        unit = compiled.unit(_parse_units(units, compiled.names, statement))
    except (ExpressionError, StatementError) as exc:
        return str(exc)
    if unit is not BOOLEAN:  # a dimensionless number compares equal to BOOLEAN
        return f"{statement!r} is not a true/false statement (use a comparison such as > or <)"
    return None


def _price_hint(statement: str, thesis: Thesis, outputs: Mapping[str, str]) -> str | None:
    """How to compare with the thesis' price, which a claim does not read: its number, in the
    unit the value per share is in (the price's, after any ``fx_to_price``)."""
    import re

    from model.inputs.units import UnitError, format_number, parse_unit

    price = getattr(thesis, "price_info", None)
    if price is None:
        return None
    number = format_number(float(price.value), 6)
    # The price is one number: "price[2030]" is it as well.
    written = re.sub(r"(?<![\w.])price(?:\s*\[[^\]]*\])?(?![\w\[])", number, statement)
    try:
        same = parse_unit(str(outputs.get("value_per_share"))) == price.unit
    except (UnitError, TypeError):
        same = False
    where = ", the unit of value_per_share" if same else ""
    return (
        f"a claim reads the model's outputs and the assumptions, not the thesis' price: write "
        f"its number, {written!r} (the price is {number} {price.unit}{where})"
    )


def view_tag(thesis: Any, scenario: str) -> str:
    """The ``view:`` tag of a scenario (the base case's too, when the thesis gives one)."""
    info = (getattr(thesis, "scenarios", None) or {}).get(scenario)
    return str(getattr(info, "view", None) or "")


def __getattr__(name: str) -> Any:
    # The Claims mixin lives in model.results.mixins.claims, which builds on this module;
    # resolving it lazily keeps it importable from here without an import cycle.
    if name == "Claims":
        from model.results.mixins.claims import Claims

        return Claims
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
