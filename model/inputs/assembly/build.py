"""Builders of the checked items of a thesis, one per kind of file entry.

Each builder takes one validated file entry (a model of :mod:`model.inputs.schema`), checks
what can be checked without looking at other entries (units, distribution parameters, ranges,
the source and its quote), and returns a frozen object of :mod:`model.inputs.assembly.items`. Cross
references (names used by derived expressions, processes, events and correlations) are checked
by :mod:`model.inputs.assembly.assemble` once a scenario's assumptions are assembled.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

import numpy as np

from model.engine.draws.distributions import Distribution, families, from_params
from model.errors import ExpressionError, ParameterError, ThesisError
from model.inputs.assembly.items import (
    BASE,
    Assumption,
    CorrelationDef,
    EffectDef,
    EffectOp,
    EventDef,
    Kind,
    Price,
    ProcessDef,
    ScoreItem,
    Weight,
)
from model.inputs.expressions.expr import compile_expression
from model.inputs.expressions.exprtree import RESERVED_WORDS
from model.inputs.plausibility import percent_hint
from model.inputs.schema import (
    AssumptionSpec,
    CorrelationSpec,
    EventSpec,
    PriceSpec,
    ScoreSpec,
    SourceSpec,
    WeightSpec,
)
from model.inputs.sources.provenance import (
    SeedIndex,
    Source,
    SourceKind,
    SourceRules,
    centre_numbers,
    check_source,
)
from model.inputs.units import Flavor, Unit, UnitError, parse_unit
from model.inputs.yamlsafe import FieldPath, Locator

__all__ = [
    "FAMILIES",
    "Context",
    "build_assumption",
    "build_correlation",
    "build_event",
    "build_price",
    "build_rationale",
    "build_score",
    "build_weight",
    "check_name",
    "share_process_shocks",
    "share_process_tail",
]

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
# Tail probability at which a distribution's draws must still be finite numbers.
_TAIL = 1e-12
#: The share prices a thesis may state, in whole currency units a share: wide enough for any
#: listed share, narrow enough for returns measured from the price to stay finite.
PRICE_RANGE = (1e-6, 1e9)
_PROBABILITY = Unit(flavor=Flavor.PERCENT, symbol="%")
#: Families a thesis may name (``fixed`` is what ``value:`` means, so it is not offered).
FAMILIES = tuple(f for f in families() if f != "fixed")


@dataclass(frozen=True)
class Context:
    """What every builder needs: where errors point, and the seed documents."""

    locator: Locator
    seeds: SeedIndex


def check_name(
    name: object, path: FieldPath, ctx: Context, what: str, *, in_expressions: bool = False
) -> str:
    """Check a name: snake_case identifiers, since names are used in expressions and the model.

    Parameters
    ----------
    name : object
        The name as written.
    path : tuple
        Where it is, for the error.
    ctx : Context
    what : str
        What is named (``assumption``, ``event``, ...), for the error.
    in_expressions : bool
        The name can be read in expressions, so it may not be one of their own words
        (:data:`~model.inputs.expressions.exprtree.RESERVED_WORDS`).

    Returns
    -------
    str
        The name.

    Raises
    ------
    ThesisError
        The name is not snake_case.
    """
    if not isinstance(name, str) or not _NAME.match(name):
        raise ctx.locator.error(
            path,
            f"{what} name {name!r} must be snake_case: lower-case "
            "letters, digits and '_', starting with a letter",
        )
    if in_expressions and name in RESERVED_WORDS:
        meaning = {
            "t": "the year index of a model line, as in sales[t-1]",
            "year": "the calendar year of a model line",
            "true": "a constant",
            "false": "a constant",
        }.get(name, "a keyword")
        raise ctx.locator.error(
            path,
            f"{what} name {name!r} is a word of the expression language ({meaning}), so an "
            f"expression could not refer to this {what}; choose another name",
        )
    return name


def _unit(text: str, path: FieldPath, ctx: Context) -> Unit:
    try:
        return parse_unit(text)
    except UnitError as exc:
        raise ctx.locator.error((*path, "unit"), str(exc)) from None


def _param_error(
    exc: ParameterError, family: str, spec: AssumptionSpec, path: FieldPath, ctx: Context
) -> ThesisError:
    written = spec.params()
    key = exc.field
    if key in written or key in ("bounds", "dist"):
        where: FieldPath = (*path, key) if (key != "bounds" or spec.bounds) else path
    else:
        where = path
    message = exc.message
    if key == "dist" and "unknown distribution" in message:
        message = _unknown_family(family)
    elif message.startswith("missing"):
        message = f"missing parameter '{key}' for {family}"
    elif key and key not in written and key not in ("bounds", "dist"):
        message = f"{family}: '{key}' {message}"
    return ctx.locator.error(where, message, _news(message, exc.expected))


def _news(message: str, expected: str | None) -> str | None:
    """``expected`` if it tells more than ``message``, which often states the constraint."""
    if not expected or expected in message:
        return None
    # "must be > 0 (got -1)" already says what is accepted; "(expected > 0)" would repeat it.
    states_rule = any(word in message for word in ("must ", "needs ", " need ", "expected"))
    return None if states_rule else expected


def _unknown_family(family: str) -> str:
    close = difflib.get_close_matches(family.lower(), FAMILIES, n=1)
    hint = f"did you mean '{close[0]}'? " if close else ""
    return f"unknown distribution '{family}'; {hint}known: {', '.join(FAMILIES)}"


def _check_share(
    name: str, unit: Unit, lo: float, hi: float, what: str, path: FieldPath, ctx: Context
) -> None:
    if unit.bounded_fraction and (lo < 0 or hi > 1):
        # A fixed value of 3 is more likely 3% than a distribution wanting bounds.
        meant = percent_hint(lo) if lo == hi else ""
        raise ctx.locator.error(
            path,
            f"unit 'share' needs values in [0, 1], but {what} "
            f"ranges over [{lo:g}, {hi:g}]; add bounds: [0, 1], use a "
            "beta, or use unit '%' for fractions that may leave [0, 1]" + meant,
        )


def share_process_shocks(shock_sd: float | str, share: float | None) -> str:
    """Why a process in unit ``share`` may not have shocks this large, and what to write.

    Its yearly shocks are normal, with no bound, and a process takes no ``bounds:``: shocks that
    take more than :data:`SHARE_PROCESS_TAIL` of its paths outside [0, 1] in some year are
    refused, as a ``normal`` without bounds is. ``share``: that largest share of paths (None
    when it cannot be known before a run).
    """
    shown = f"{shock_sd:g}" if isinstance(shock_sd, float) else f"'{shock_sd}'"
    some = "some of" if share is None else f"about {share:.2g} of"
    return (
        f"unit 'share' needs values in [0, 1], but a process' yearly shocks are normal (shock_sd "
        f"{shown}) and take {some} its paths outside [0, 1] in some year, and a process takes no "
        "bounds; use smaller shocks, or unit '%' for fractions that may leave [0, 1] (and clip "
        "it where a share is needed, min(max(x, 0), 1))"
    )


#: The largest share of paths a ``share`` process may take outside [0, 1] in any year (a normal
#: tail beyond 4.75 standard deviations): what no run of a practical size meets.
SHARE_PROCESS_TAIL = 1e-6


def share_process_tail(
    start: tuple[float, float],
    mean: tuple[float, float],
    shock_sd: float,
    reversion: float,
    n_years: int,
) -> float:
    """The largest share of paths a process takes outside [0, 1] in a year of ``n_years``.

    ``start`` and ``mean`` are ranges (a literal is one number twice); the process is
    ``x_t = x_{t-1} + reversion * (mean - x_{t-1}) + shock_sd * eps_t``, normal in each year
    with a closed-form mean and variance (:mod:`model.engine.execution.processes`).
    """
    keep = 1.0 - reversion
    worst, var = 0.0, 0.0
    for t in range(1, max(n_years, 1)):
        var = var * keep * keep + shock_sd * shock_sd
        sd = math.sqrt(var)
        if sd == 0.0:
            continue
        for x0 in start:
            for m in mean:
                centre = m + keep**t * (x0 - m)
                below = 0.5 * math.erfc(centre / sd / math.sqrt(2.0))
                above = 0.5 * math.erfc((1.0 - centre) / sd / math.sqrt(2.0))
                worst = max(worst, below + above)
    return worst


def build_assumption(
    name: str, spec: AssumptionSpec, path: FieldPath, ctx: Context, scenario: str = BASE
) -> Assumption:
    """Check one assumption entry and build its :class:`Assumption`.

    Parameters
    ----------
    name : str
    spec : AssumptionSpec
        The entry as validated by the schema.
    path : tuple
        Field path of the entry, for errors.
    ctx : Context
        Locator and seed documents.
    scenario : str
        ``"base"``, or the scenario whose override this is.

    Returns
    -------
    Assumption

    Raises
    ------
    ThesisError
        Bad name or unit, not exactly one of value/dist/derived/process, impossible
        distribution parameters, a share outside [0, 1], a bad expression or source.
    """
    check_name(name, path, ctx, "assumption", in_expressions=True)
    unit = _unit(spec.unit, path, ctx)
    kinds = spec.kinds_given()
    if len(kinds) != 1:
        found = " and ".join(kinds) if kinds else "none"
        raise ctx.locator.error(
            path, f"give exactly one of value, dist, derived or process (found {found})"
        )
    kind = Kind(kinds[0])
    params = spec.params()
    if kind is not Kind.DIST:
        for key in params:
            raise ctx.locator.error(
                (*path, key),
                f"'{key}' is a distribution parameter; add dist: <family> or remove it",
            )
        if spec.bounds is not None:
            raise ctx.locator.error((*path, "bounds"), "bounds only apply to a distribution")
    common: dict[str, Any] = dict(
        name=name, unit=unit, label=spec.label, params=params, scenario=scenario, path=path
    )
    if kind is Kind.VALUE:
        assert spec.value is not None
        _check_share(name, unit, spec.value, spec.value, "the value", (*path, "value"), ctx)
        rules = SourceRules(numbers=(spec.value,), unit=unit)
        source = check_source(spec.source, path, ctx.locator, ctx.seeds, rules)
        return Assumption(kind=kind, source=source, value=spec.value, **common)
    if kind is Kind.DIST:
        dist = _build_dist(spec, path, ctx)
        lo, hi = dist.support()
        _check_share(name, unit, lo, hi, dist.describe(), (*path, "dist"), ctx)
        rules = SourceRules(
            numbers=centre_numbers(dist.family, params), unit=unit, spread="required"
        )
        source = check_source(spec.source, path, ctx.locator, ctx.seeds, rules)
        return Assumption(kind=kind, source=source, dist=dist, **common)
    if kind is Kind.DERIVED:
        assert spec.derived is not None
        try:
            expression = compile_expression(spec.derived)
        except ExpressionError as exc:
            raise ctx.locator.error((*path, "derived"), str(exc)) from None
        rules = SourceRules(derived_ok=True, spread="allowed")
        source = check_source(spec.source, path, ctx.locator, ctx.seeds, rules)
        # A derived number is derived whatever text explains it; the explanation is kept.
        source = Source(
            SourceKind.DERIVED,
            doc=source.doc,
            quote=source.quote,
            spread=source.spread,
            rationale=source.rationale,
        )
        return Assumption(kind=kind, source=source, expression=expression, **common)
    return _build_process(spec, path, ctx, common)


def _build_dist(spec: AssumptionSpec, path: FieldPath, ctx: Context) -> Distribution:
    assert spec.dist is not None
    family = spec.dist.strip()
    if family.lower() not in FAMILIES:
        raise ctx.locator.error((*path, "dist"), _unknown_family(family))
    bounds = cast(
        "tuple[float | None, float | None] | None",
        tuple(spec.bounds) if spec.bounds is not None else None,
    )
    try:
        dist = from_params(family.lower(), spec.params(), bounds=bounds)
        lo, hi = dist.support()
        tails = np.array([lo, hi])
        if np.isinf(tails).any():
            # Unbounded (normal, lognormal, ...): its far quantiles must still be numbers.
            # Bounded families lie between finite parameters, and need no (costly) inverse.
            with np.errstate(all="ignore"):
                tails = np.asarray(dist.quantile([_TAIL, 1.0 - _TAIL]), dtype=float)
    except ParameterError as exc:
        raise _param_error(exc, family, spec, path, ctx) from None
    except (OverflowError, ZeroDivisionError) as exc:
        raise ctx.locator.error(
            path, f"{family}: the parameters are too large to compute with ({exc})"
        ) from None
    if np.isinf(tails).any():
        raise ctx.locator.error(
            path,
            f"{dist.describe()} draws numbers beyond the largest float (about 1.8e308) in its "
            "tails; reduce the spread or the scale (or use a larger unit)",
        )
    return dist


def _build_process(spec: AssumptionSpec, path: FieldPath, ctx: Context, common: dict) -> Assumption:
    p = spec.process
    assert p is not None
    ppath = (*path, "process")
    if not 0.0 <= p.reversion <= 1.0:
        raise ctx.locator.error(
            (*ppath, "reversion"),
            f"must lie in [0, 1] (got {p.reversion:g})"
            "; 1 draws each year around the mean, 0 is a random walk",
        )
    if isinstance(p.shock_sd, float) and p.shock_sd < 0:
        raise ctx.locator.error((*ppath, "shock_sd"), f"must be >= 0 (got {p.shock_sd:g})")
    for key in ("mean", "shock_sd", "start"):
        v = getattr(p, key)
        if isinstance(v, str):
            check_name(v, (*ppath, key), ctx, "referenced assumption")
    unit: Unit = common["unit"]
    if unit.bounded_fraction:
        for key in ("start", "mean"):
            v = getattr(p, key)
            if isinstance(v, float) and not 0.0 <= v <= 1.0:
                raise ctx.locator.error(
                    (*ppath, key),
                    f"unit 'share' needs values in [0, 1], but the process' {key} is {v:g}; "
                    "use unit '%' for fractions that may leave [0, 1]",
                )
    process = ProcessDef(p.mean, p.shock_sd, p.reversion, p.start)
    literal = tuple(v for v in (p.mean, p.start) if isinstance(v, float))
    rules = SourceRules(numbers=literal or None, unit=common["unit"], spread="required")
    source = check_source(spec.source, path, ctx.locator, ctx.seeds, rules)
    return Assumption(kind=Kind.PROCESS, source=source, process=process, **common)


def build_event(
    name: str, spec: EventSpec, path: FieldPath, ctx: Context, scenario: str = BASE
) -> EventDef:
    """Check one event entry (its references are checked once the scenario is assembled).

    Parameters
    ----------
    name : str
    spec : EventSpec
    path : tuple
        Field path of the entry, for errors.
    ctx : Context
        Locator and seed documents.
    scenario : str
        ``"base"``, or the scenario that defines the event.

    Returns
    -------
    EventDef
    """
    check_name(name, path, ctx, "event", in_expressions=True)
    if isinstance(spec.annual_prob, float) and not 0.0 <= spec.annual_prob <= 1.0:
        raise ctx.locator.error(
            (*path, "annual_prob"),
            f"a probability must lie in [0, 1] (got {spec.annual_prob:g})"
            + percent_hint(spec.annual_prob),
        )
    if not spec.effects:
        raise ctx.locator.error((*path, "effects"), "an event needs at least one effect")
    effects = []
    for i, e in enumerate(spec.effects):
        epath = (*path, "effects", i)
        try:
            op = EffectOp(e.op)
        except ValueError:
            raise ctx.locator.error(
                (*epath, "op"), f"unknown op {e.op!r}; expected 'multiply' or 'add'"
            ) from None
        effects.append(EffectDef(e.target, op, e.by))
    numbers = tuple(v for v in (spec.annual_prob, *(e.by for e in effects)) if isinstance(v, float))
    rules = SourceRules(numbers=numbers or None, unit=None, spread="allowed")
    source = check_source(spec.source, path, ctx.locator, ctx.seeds, rules)
    years = tuple(sorted(set(spec.years or ())))
    if spec.years is not None and not years:
        raise ctx.locator.error(
            (*path, "years"), "list the years it can happen in, or leave 'years' out for every year"
        )
    return EventDef(
        name, spec.annual_prob, spec.repeatable, tuple(effects), source, spec.label, scenario, path,
        years,
    )  # fmt: skip


def build_correlation(
    spec: CorrelationSpec, path: FieldPath, ctx: Context, scenario: str = BASE
) -> CorrelationDef:
    """Check one correlation entry (its names are checked once the scenario is assembled).

    Parameters
    ----------
    spec : CorrelationSpec
    path : tuple
        Field path of the entry, for errors.
    ctx : Context
        Locator and seed documents.
    scenario : str
        ``"base"``, or the scenario that defines it.

    Returns
    -------
    CorrelationDef
    """
    if len(spec.between) != 2:
        raise ctx.locator.error(
            (*path, "between"),
            f"a correlation is between exactly two assumptions (got {len(spec.between)})",
        )
    a, b = spec.between
    if a == b:
        raise ctx.locator.error((*path, "between"), f"'{a}' cannot be correlated with itself")
    if not -1.0 <= spec.rho <= 1.0:
        raise ctx.locator.error(
            (*path, "rho"), f"a correlation must lie in [-1, 1] (got {spec.rho:g})"
        )
    rules = SourceRules(numbers=(spec.rho,), unit=None, spread="allowed")
    source = check_source(spec.source, path, ctx.locator, ctx.seeds, rules)
    return CorrelationDef((a, b), spec.rho, source, spec.label, scenario, path)


def build_weight(name: str, spec: WeightSpec, path: FieldPath, ctx: Context) -> Weight:
    """Check one scenario weight (the sum is checked with the others).

    Parameters
    ----------
    name : str
        The scenario weighted.
    spec : WeightSpec
    path : tuple
        Field path of the entry, for errors.
    ctx : Context
        Locator and seed documents.

    Returns
    -------
    Weight
    """
    if not 0.0 <= spec.value <= 1.0:
        raise ctx.locator.error(
            (*path, "value"), f"a weight is a probability in [0, 1] (got {spec.value:g})"
        )
    rules = SourceRules(numbers=(spec.value,), unit=_PROBABILITY, spread="allowed")
    source = check_source(spec.source, path, ctx.locator, ctx.seeds, rules)
    return Weight(name, spec.value, source, path)


def build_price(
    spec: PriceSpec,
    currency: str,
    path: FieldPath,
    ctx: Context,
    as_of: _dt.date | None = None,
) -> Price:
    """Check the share price: in PRICE_RANGE, in the thesis currency, quoted by ``as_of``.

    Parameters
    ----------
    spec : PriceSpec
    currency : str
        The thesis currency (e.g. ``HKD``).
    path : tuple
        Field path of the entry, for errors.
    ctx : Context
        Locator and seed documents.
    as_of : datetime.date, optional
        The thesis date; a price ``date`` after it is an error.

    Returns
    -------
    Price
    """
    unit = _unit(spec.unit, path, ctx)
    per_share = dict(unit.dims).get("share") == -1
    cur = unit.currency or (unit.currencies[0] if per_share and len(unit.dims) == 2 else None)
    if cur is None or len(unit.dims) > 2 or (len(unit.dims) == 2 and not per_share):
        raise ctx.locator.error(
            (*path, "unit"),
            f"a share price is in a currency, e.g. "
            f"'{currency}' or '{currency}/share' (got '{unit}')",
        )
    if cur != currency:
        raise ctx.locator.error(
            (*path, "unit"),
            f"the price is in {cur} but the thesis "
            f"currency is {currency}; quote the price in {currency}",
        )
    if unit.power != 0:
        # Value per share is reported in whole currency units a share; a price in millions a
        # share would be compared with it a million times too high.
        raise ctx.locator.error(
            (*path, "unit"),
            f"a share price is in whole {currency} a share, without a scale: write "
            f"'{currency}/share' (got '{unit}')",
        )
    if not PRICE_RANGE[0] <= spec.value <= PRICE_RANGE[1]:
        # Returns divide by the price: outside this range they overflow or round to nothing
        # (the range also refuses zero, negative and NaN prices).
        raise ctx.locator.error(
            (*path, "value"),
            f"expected a share price from {PRICE_RANGE[0]:g} to {PRICE_RANGE[1]:g} "
            f"{currency} a share (got {spec.value:g})",
        )
    if spec.date is not None and as_of is not None and spec.date > as_of:
        raise ctx.locator.error(
            (*path, "date"),
            f"the price was quoted on {spec.date.isoformat()}, after the thesis date "
            f"as_of {as_of.isoformat()}; a thesis can only use a price it already knew",
        )
    rules = SourceRules(numbers=(spec.value,), unit=unit)
    source = check_source(spec.source, path, ctx.locator, ctx.seeds, rules)
    return Price(spec.value * 10.0**unit.power, unit, source, spec.date, spec.label)


def build_score(
    name: str, spec: ScoreSpec, path: FieldPath, ctx: Context, years: Sequence[int]
) -> ScoreItem:
    """Compile a scorecard statement (its names are model outputs, checked when it is run).

    Parameters
    ----------
    name : str
    spec : ScoreSpec
    path : tuple
        Field path of the entry, for errors.
    ctx : Context
        Locator and seed documents.
    years : sequence of int
        The model years, for ``name[year]``.

    Returns
    -------
    ScoreItem
    """
    check_name(name, path, ctx, "scorecard")
    try:
        expression = compile_expression(spec.statement)
        expression.check_years(years)
    except ExpressionError as exc:
        raise ctx.locator.error((*path, "statement"), str(exc)) from None
    source = None
    if spec.source is not None:
        source = check_source(
            spec.source, path, ctx.locator, ctx.seeds, SourceRules(numbers=None, spread="allowed")
        )
    return ScoreItem(name, spec.statement, expression, spec.label, source, path, view=spec.view)


def build_rationale(spec: SourceSpec, path: FieldPath, ctx: Context) -> Source:
    """A scenario's rationale: a quote or an estimate explaining why the scenario exists.

    Parameters
    ----------
    spec : SourceSpec
    path : tuple
        Field path of the rationale block itself.
    ctx : Context

    Returns
    -------
    Source
    """
    return check_source(
        spec,
        path[:-1],
        ctx.locator,
        ctx.seeds,
        SourceRules(numbers=None, spread="allowed"),
        key=cast(str, path[-1]),
    )
