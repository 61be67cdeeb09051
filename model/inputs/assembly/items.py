"""The checked items of a thesis: assumptions, events, correlations, weights, the price.

They are frozen objects made by the builders of :mod:`model.inputs.assembly.build` from
validated file entries; cross references between them are checked by
:mod:`model.inputs.assembly.assemble` once a scenario's assumptions are assembled.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from enum import StrEnum

from model.engine.draws.distributions import Distribution
from model.engine.spec import EffectOp  # one enum for the file format and the engine
from model.inputs.expressions.expr import Expression
from model.inputs.sources.provenance import Source
from model.inputs.units import Unit, format_number
from model.inputs.yamlsafe import FieldPath

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
    "format_date",
]

#: Name of the scenario made of the thesis file itself.
BASE = "base"


class Kind(StrEnum):
    """How an assumption gets its number."""

    VALUE = "value"
    DIST = "dist"
    DERIVED = "derived"
    PROCESS = "process"


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
    #: The only years it can happen in (empty: every model year after the first).
    years: tuple[int, ...] = ()

    def describe(self) -> str:
        effects = "; ".join(f"{e.op.value} {e.target} by {_show(e.by)}" for e in self.effects)
        again = ", repeatable" if self.repeatable else ""
        when = f" in {', '.join(map(str, self.years))} only" if self.years else ""
        return f"annual prob {_show(self.annual_prob)}{when}{again}: {effects}"


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
    """The current share price in the valuation currency.

    Attributes
    ----------
    value : float
        Price per share, in the price currency (unit scale applied).
    unit : Unit
        As written, e.g. ``HKD/share``.
    source : Source
    date : datetime.date or None
        The day the price was quoted.
    label : str or None
        What the price is, e.g. "three-year high".
    """

    value: float
    unit: Unit
    source: Source
    date: _dt.date | None = None
    label: str | None = None

    def __float__(self) -> float:
        return self.value

    @property
    def currency(self) -> str:
        """The price currency, e.g. ``HKD``."""
        return self.unit.currencies[0]

    def describe(self) -> str:
        """The price for people, e.g. ``129.5 HKD (17 Feb 2025)``."""
        text = f"{format_number(self.value, 6)} {self.currency}"
        return f"{text} ({format_date(self.date)})" if self.date is not None else text


def format_date(day: _dt.date) -> str:
    """A date for people, e.g. ``17 Feb 2025``.

    Parameters
    ----------
    day : datetime.date

    Returns
    -------
    str
    """
    return f"{day.day} {day:%b %Y}"


@dataclass(frozen=True)
class ScoreItem:
    """A scorecard claim."""

    name: str
    statement: str
    expression: Expression
    label: str | None
    source: Source | None
    path: FieldPath = field(default=(), compare=False, repr=False)
    #: The article view the claim belongs to when it is not the thesis' own (None: the thesis').
    view: str | None = None


def _show(v: object) -> str:
    return f"{v:.10g}" if isinstance(v, float) else str(v)
