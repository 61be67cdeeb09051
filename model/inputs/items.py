"""The checked items of a thesis (assumptions, events, correlations, ...) and their builders.

Each builder takes one validated file entry (a model of :mod:`model.inputs.schema`), checks
what can be checked without looking at other entries (units, distribution parameters, ranges,
the source and its quote), and returns a frozen object. Cross references (names used by derived
expressions, processes, events and correlations) are checked by :mod:`model.inputs.thesis` once
a scenario's assumptions are assembled.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum

from model.engine.distributions import Distribution, families, from_params
from model.errors import ExpressionError, ParameterError, ThesisError
from model.inputs.expr import Expression, compile_expression
from model.inputs.provenance import (
    SeedIndex,
    Source,
    SourceKind,
    SourceRules,
    centre_numbers,
    check_source,
)
from model.inputs.schema import (
    AssumptionSpec,
    CorrelationSpec,
    EventSpec,
    PriceSpec,
    ScoreSpec,
    SourceSpec,
    WeightSpec,
)
from model.inputs.units import Flavor, Unit, UnitError, parse_unit
from model.inputs.yamlsafe import FieldPath, Locator

__all__ = [
    "BASE",
    "Assumption",
    "CorrelationDef",
    "EffectDef",
    "EffectOp",
    "EventDef",
    "Kind",
    "Price",
    "ProcessDef",
    "ScoreItem",
    "Weight",
]

#: Name of the scenario made of the thesis file itself.
BASE = "base"
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_PROBABILITY = Unit(flavor=Flavor.PERCENT, symbol="%")
#: Families a thesis may name (``fixed`` is what ``value:`` means, so it is not offered).
FAMILIES = tuple(f for f in families() if f != "fixed")


class Kind(str, Enum):  # noqa: UP042 (project convention: str, Enum)
    """How an assumption gets its number."""

    VALUE = "value"
    DIST = "dist"
    DERIVED = "derived"
    PROCESS = "process"


class EffectOp(str, Enum):  # noqa: UP042 (project convention: str, Enum)
    """How an event changes its target."""

    MULTIPLY = "multiply"
    ADD = "add"


@dataclass(frozen=True)
class ProcessDef:
    """Parameters of a mean-reverting per-year path (numbers or assumption names)."""

    mean: float | str
    shock_sd: float | str
    reversion: float
    start: float | str

    def names(self) -> tuple[str, ...]:
        """Assumption names it refers to."""
        return tuple(v for v in (self.mean, self.shock_sd, self.start) if isinstance(v, str))

    def describe(self) -> str:
        return (
            f"process(mean {_show(self.mean)}, shock_sd {_show(self.shock_sd)}, "
            f"reversion {_show(self.reversion)}, start {_show(self.start)})"
        )


@dataclass(frozen=True)
class Assumption:
    """One assumption of a scenario.

    Attributes
    ----------
    name : str
    unit : Unit
    kind : Kind
    source : Source
    label : str or None
    value : float or None
        For ``kind == "value"``.
    dist : Distribution or None
        For ``kind == "dist"``.
    expression : Expression or None
        For ``kind == "derived"``.
    process : ProcessDef or None
        For ``kind == "process"``.
    params : dict
        Distribution parameters as written in the file.
    scenario : str
        ``"base"``, or the scenario whose override defines it.
    path : tuple
        Field path in the thesis (for :meth:`Thesis.locate`).
    """

    name: str
    unit: Unit
    kind: Kind
    source: Source
    label: str | None = None
    value: float | None = None
    dist: Distribution | None = None
    expression: Expression | None = None
    process: ProcessDef | None = None
    params: dict[str, object] = field(default_factory=dict, compare=False, repr=False)
    scenario: str = BASE
    path: FieldPath = field(default=(), compare=False, repr=False)

    def describe(self) -> str:
        """The value or distribution in words, e.g. ``beta(mean 0.358, sd 0.02)``."""
        if self.kind is Kind.VALUE:
            return _show(self.value)
        if self.kind is Kind.DIST and self.dist is not None:
            return self.dist.describe()
        if self.kind is Kind.DERIVED and self.expression is not None:
            return "= " + self.expression.text
        if self.process is not None:
            return self.process.describe()
        return ""  # pragma: no cover

    def central(self) -> float | None:
        """The deterministic value of a fixed or random assumption (None otherwise)."""
        if self.kind is Kind.VALUE:
            return self.value
        if self.dist is not None:
            return self.dist.central()
        return None

    def support(self) -> tuple[float, float] | None:
        """Range of possible values of a fixed or random assumption (None otherwise)."""
        if self.kind is Kind.VALUE and self.value is not None:
            return (self.value, self.value)
        if self.dist is not None:
            return self.dist.support()
        return None


@dataclass(frozen=True)
class EffectDef:
    """What an event does to ``target``."""

    target: str
    op: EffectOp
    by: float | str


@dataclass(frozen=True)
class EventDef:
    """A discrete event with an annual probability."""

    name: str
    annual_prob: float | str
    repeatable: bool
    effects: tuple[EffectDef, ...]
    source: Source
    label: str | None = None
    scenario: str = BASE
    path: FieldPath = field(default=(), compare=False, repr=False)

    def describe(self) -> str:
        effects = "; ".join(f"{e.op.value} {e.target} by {_show(e.by)}" for e in self.effects)
        again = ", repeatable" if self.repeatable else ""
        return f"annual prob {_show(self.annual_prob)}{again}: {effects}"


@dataclass(frozen=True)
class CorrelationDef:
    """A Spearman rank correlation of two distribution assumptions."""

    between: tuple[str, str]
    rho: float
    source: Source
    label: str | None = None
    scenario: str = BASE
    path: FieldPath = field(default=(), compare=False, repr=False)

    @property
    def name(self) -> str:
        return f"{self.between[0]} ~ {self.between[1]}"


@dataclass(frozen=True)
class Weight:
    """A scenario's probability weight in a blend."""

    scenario: str
    value: float
    source: Source
    path: FieldPath = field(default=(), compare=False, repr=False)


@dataclass(frozen=True)
class Price:
    """The current share price in the valuation currency."""

    value: float
    unit: Unit
    source: Source

    def __float__(self) -> float:
        return self.value


@dataclass(frozen=True)
class ScoreItem:
    """A scorecard claim."""

    name: str
    statement: str
    expression: Expression
    label: str | None
    source: Source | None
    path: FieldPath = field(default=(), compare=False, repr=False)


def _show(v: object) -> str:
    return f"{v:.10g}" if isinstance(v, float) else str(v)


# -- builders ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Context:
    """What every builder needs: where errors point, and the seed documents."""

    locator: Locator
    seeds: SeedIndex


def check_name(name: object, path: FieldPath, ctx: Context, what: str) -> str:
    """Names are snake_case identifiers: they are used in expressions and the model wiring."""
    if not isinstance(name, str) or not _NAME.match(name):
        raise ctx.locator.error(
            path,
            f"{what} name {name!r} must be snake_case: lower-case "
            "letters, digits and '_', starting with a letter",
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
    return ctx.locator.error(where, message, exc.expected)


def _unknown_family(family: str) -> str:
    close = difflib.get_close_matches(family.lower(), FAMILIES, n=1)
    hint = f"did you mean '{close[0]}'? " if close else ""
    return f"unknown distribution '{family}'; {hint}known: {', '.join(FAMILIES)}"


def _check_share(
    name: str, unit: Unit, lo: float, hi: float, what: str, path: FieldPath, ctx: Context
) -> None:
    if unit.bounded_fraction and (lo < 0 or hi > 1):
        raise ctx.locator.error(
            path,
            f"unit 'share' needs values in [0, 1], but {what} "
            f"ranges over [{lo:g}, {hi:g}]; add bounds: [0, 1], use a "
            "beta, or use unit '%' for fractions that may leave [0, 1]",
        )


def build_assumption(
    name: str, spec: AssumptionSpec, path: FieldPath, ctx: Context, scenario: str = BASE
) -> Assumption:
    """Check one assumption entry and build its :class:`Assumption`.

    Raises
    ------
    ThesisError
        Bad name or unit, not exactly one of value/dist/derived/process, impossible
        distribution parameters, a share outside [0, 1], a bad expression or source.
    """
    check_name(name, path, ctx, "assumption")
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
    common = dict(
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
    bounds = tuple(spec.bounds) if spec.bounds is not None else None
    try:
        return from_params(family.lower(), spec.params(), bounds=bounds)
    except ParameterError as exc:
        raise _param_error(exc, family, spec, path, ctx) from None


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
    process = ProcessDef(p.mean, p.shock_sd, p.reversion, p.start)
    literal = tuple(v for v in (p.mean, p.start) if isinstance(v, float))
    rules = SourceRules(numbers=literal or None, unit=common["unit"], spread="required")
    source = check_source(spec.source, path, ctx.locator, ctx.seeds, rules)
    return Assumption(kind=Kind.PROCESS, source=source, process=process, **common)


def build_event(
    name: str, spec: EventSpec, path: FieldPath, ctx: Context, scenario: str = BASE
) -> EventDef:
    """Check one event entry (references are checked later)."""
    check_name(name, path, ctx, "event")
    if isinstance(spec.annual_prob, float) and not 0.0 <= spec.annual_prob <= 1.0:
        raise ctx.locator.error(
            (*path, "annual_prob"), f"a probability must lie in [0, 1] (got {spec.annual_prob:g})"
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
    return EventDef(
        name, spec.annual_prob, spec.repeatable, tuple(effects), source, spec.label, scenario, path
    )


def build_correlation(
    spec: CorrelationSpec, path: FieldPath, ctx: Context, scenario: str = BASE
) -> CorrelationDef:
    """Check one correlation entry (names are checked later)."""
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
    """Check one scenario weight (the sum is checked later)."""
    if not 0.0 <= spec.value <= 1.0:
        raise ctx.locator.error(
            (*path, "value"), f"a weight is a probability in [0, 1] (got {spec.value:g})"
        )
    rules = SourceRules(numbers=(spec.value,), unit=_PROBABILITY, spread="allowed")
    source = check_source(spec.source, path, ctx.locator, ctx.seeds, rules)
    return Weight(name, spec.value, source, path)


def build_price(spec: PriceSpec, currency: str, path: FieldPath, ctx: Context) -> Price:
    """Check the share price: positive, in the valuation currency (per share)."""
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
    if not spec.value > 0:
        raise ctx.locator.error((*path, "value"), f"must be > 0 (got {spec.value:g})")
    rules = SourceRules(numbers=(spec.value,), unit=unit)
    source = check_source(spec.source, path, ctx.locator, ctx.seeds, rules)
    return Price(spec.value * 10.0**unit.power, unit, source)


def build_score(
    name: str, spec: ScoreSpec, path: FieldPath, ctx: Context, years: Sequence[int]
) -> ScoreItem:
    """Compile a scorecard statement (its names are model outputs, checked when it is run)."""
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
    return ScoreItem(name, spec.statement, expression, spec.label, source, path)


def build_rationale(spec: SourceSpec, path: FieldPath, ctx: Context) -> Source:
    """A scenario's rationale: a quote or an estimate explaining why it exists."""
    return check_source(
        spec,
        path[:-1],
        ctx.locator,
        ctx.seeds,
        SourceRules(numbers=None, spread="allowed"),
        key=path[-1],
    )
