"""What a Monte Carlo run samples: the model-agnostic specification.

A :class:`ModelSpec` lists static random variables (one value per path), per-year processes
(one value per path and year), discrete events that change other quantities from the year they
happen, derived quantities computed from the others, and an optional rank-correlation matrix.
Everything is a frozen dataclass; construction validates names and references so that a bad
spec fails before any sampling.

Order of evaluation within a chunk:

1. static variables;
2. *static* derived quantities: those whose dependencies are all static, i.e. variables that
   no event changes, or other static derived quantities (in dependency order);
3. processes, whose ``mean``, ``start`` and ``shock_sd`` may name static variables or static
   derived quantities;
4. events (``annual_prob`` and effect sizes ``by`` may name the same), applied to variables or
   processes;
5. the other derived quantities (those depending on a process, an event count, a variable an
   event changes, or on such a derived quantity), in dependency order.

References from processes and events read values before any event, so a variable that an event
changes is still usable there (its year-0 value); a derived quantity of such a variable is not
static, and naming it in a process or event is an error that names both. Derived quantities
consume no random numbers, so where they are computed does not change any draw.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Any

import numpy as np

from model.engine.draws.distributions import Distribution
from model.errors import EngineError, ParameterError

__all__ = [
    "Backend",
    "CopulaMethod",
    "Correlation",
    "Derived",
    "Effect",
    "EffectOp",
    "Event",
    "Method",
    "ModelSpec",
    "OnChunkError",
    "Process",
    "Variable",
]

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class Method(StrEnum):
    """Sampling design of the uniforms."""

    MC = "mc"
    LHS = "lhs"
    SOBOL = "sobol"


class Backend(StrEnum):
    """Where chunks run."""

    LOCAL = "local"
    PARALLEL = "parallel"
    DASK = "dask"


class OnChunkError(StrEnum):
    """What a run does when a chunk fails."""

    #: Fail the run, naming the chunk and its paths.
    RAISE = "raise"
    #: Go on without the chunk's paths and record it in ``RunResult.skipped``.
    SKIP = "skip"


class EffectOp(StrEnum):
    """How an event changes its target."""

    MULTIPLY = "multiply"
    ADD = "add"


class CopulaMethod(StrEnum):
    """How rank correlation is induced."""

    GAUSSIAN = "gaussian"
    IMAN_CONOVER = "iman-conover"


def _check_name(name: str, what: str) -> None:
    if not isinstance(name, str) or not _NAME.match(name):
        raise EngineError(f"{what} name {name!r} is not an identifier")


def _ref(value: str | float, what: str) -> str | float:
    """Normalise a number-or-name reference (numbers become floats)."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating):
        raise EngineError(f"{what} must be a number or a variable name (got {value!r})")
    f = float(value)
    if not np.isfinite(f):
        raise EngineError(f"{what} must be finite (got {value!r})")
    return f


@dataclass(frozen=True)
class Variable:
    """A static random quantity: one draw per path, shape ``(n_paths,)``."""

    name: str
    dist: Distribution

    def __post_init__(self) -> None:
        _check_name(self.name, "variable")
        if not isinstance(self.dist, Distribution):
            raise EngineError(f"variable {self.name!r}: dist must be a Distribution")


@dataclass(frozen=True)
class Process:
    """A per-year path, shape ``(n_paths, n_years)``.

    ``x_0 = start``; ``x_t = x_{t-1} + reversion * (mean - x_{t-1}) + shock_sd * eps_t`` for
    ``t = 1 .. n_years-1`` with ``eps_t`` iid standard normal per path and year. ``mean``,
    ``shock_sd`` and ``start`` are numbers or names of static variables or static derived
    values (per path, shape ``(n_paths,)``); ``reversion`` lies in ``[0, 1]`` (1: iid around
    ``mean``; 0: random walk).
    """

    name: str
    mean: str | float
    shock_sd: str | float
    reversion: float
    start: str | float

    def __post_init__(self) -> None:
        _check_name(self.name, "process")
        for attr in ("mean", "shock_sd", "start"):
            object.__setattr__(self, attr, _ref(getattr(self, attr), f"process {self.name}.{attr}"))
        r = _ref(self.reversion, f"process {self.name}.reversion")
        if isinstance(r, str) or not 0.0 <= r <= 1.0:
            raise ParameterError(
                f"process {self.name!r}: reversion must be a number in [0, 1] "
                f"(got {self.reversion!r})",
                field="reversion",
                expected="[0, 1]",
            )
        object.__setattr__(self, "reversion", float(r))
        if isinstance(self.shock_sd, float) and self.shock_sd < 0:
            raise ParameterError(
                f"process {self.name!r}: shock_sd must be >= 0", field="shock_sd", expected=">= 0"
            )


@dataclass(frozen=True)
class Effect:
    """What an event does to ``target`` (a variable or process) from the year it happens.

    ``by`` is a number or the name of a static variable or static derived value.
    """

    target: str
    op: EffectOp
    by: str | float

    def __post_init__(self) -> None:
        try:
            object.__setattr__(self, "op", EffectOp(self.op))
        except ValueError:
            raise EngineError(
                f"effect on {self.target!r}: op must be 'multiply' or 'add' (got {self.op!r})"
            ) from None
        object.__setattr__(self, "by", _ref(self.by, f"effect on {self.target}.by"))


@dataclass(frozen=True)
class Event:
    """A discrete event with an annual probability.

    Occurrences are drawn independently in each year ``t = 1 .. n_years-1`` (year 0 is
    "today" and already known). A one-off event (``repeatable=False``) applies its effects
    once, from the first occurrence on; a repeatable event applies them once per occurrence so
    far (multiplications compound, additions accumulate). ``annual_prob`` is a number in
    ``[0, 1]`` or the name of a static variable (support within ``[0, 1]``) or static derived
    value (checked on every path when sampled). ``years`` limits the years it can happen in
    (calendar years of the spec after its first, e.g. a trial read-out due in 2026 only); empty,
    it can happen in every year after the first.
    """

    name: str
    annual_prob: str | float
    repeatable: bool = False
    effects: tuple[Effect, ...] = ()
    years: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        _check_name(self.name, "event")
        p = _ref(self.annual_prob, f"event {self.name}.annual_prob")
        if isinstance(p, float) and not 0.0 <= p <= 1.0:
            raise ParameterError(
                f"event {self.name!r}: annual_prob must lie in [0, 1] (got {p:g})",
                field="annual_prob",
                expected="[0, 1]",
            )
        object.__setattr__(self, "annual_prob", p)
        object.__setattr__(self, "effects", tuple(self.effects))
        object.__setattr__(self, "years", _years_of(self.years, self.name))

    def chances(self, years: Sequence[int]) -> tuple[int, ...] | None:
        """Positions on the per-year axis ``years`` in which the event can happen.

        ``None`` when it can happen in every year after the first (no ``years`` of its own).
        """
        if not self.years:
            return None
        return tuple(years.index(y) for y in self.years if y in years[1:])


def _years_of(value: Any, event: str) -> tuple[int, ...]:
    """An event's ``years``: one whole year or several, sorted, each once."""
    items = (value,) if isinstance(value, int | np.integer) else value
    if isinstance(items, str | bytes) or not isinstance(items, Iterable):
        raise EngineError(
            f"event {event!r}: years must be a year or a list of years (got {value!r})"
        )
    years = []
    for y in items:
        whole = isinstance(y, int | np.integer) or (isinstance(y, float) and y.is_integer())
        if isinstance(y, bool) or not whole:
            raise EngineError(f"event {event!r}: years must be whole years (got {y!r})")
        years.append(int(y))
    return tuple(sorted(set(years)))


@dataclass(frozen=True)
class Derived:
    """A quantity computed per path from others.

    ``func(inputs) -> ndarray`` of shape ``(n_paths,)`` or ``(n_paths, n_years)``; ``depends``
    lists every name it reads (checked: each must be a variable, process, event or another
    derived quantity; cycles are errors). A derived quantity whose dependencies are all static
    is computed before processes and events and may feed them (see the module notes); it then
    sees only the static inputs, and when a process or event uses it, it must have shape
    ``(n_paths,)``.

    ``pure``: ``func`` reads nothing but the values of ``depends`` (not the chunk's start, nor
    any state of its own), so equal values give equal results. A run then computes a pure
    static quantity of fixed variables once per chunk size and reuses it.
    """

    name: str
    func: Callable[[Mapping[str, np.ndarray]], np.ndarray]
    depends: tuple[str, ...] = ()
    pure: bool = False

    def __post_init__(self) -> None:
        _check_name(self.name, "derived")
        if not callable(self.func):
            raise EngineError(f"derived {self.name!r}: func must be callable")
        object.__setattr__(self, "depends", tuple(self.depends))


@dataclass(frozen=True, eq=False)
class Correlation:
    """Spearman rank correlations between static variables.

    Parameters
    ----------
    names : tuple of str
        Variables, in matrix order.
    matrix : ndarray, shape (k, k)
        Target Spearman correlations: symmetric, unit diagonal, entries in [-1, 1], positive
        semi-definite. A matrix that is not PSD is an error naming the variables involved,
        unless ``repair=True`` asks for the nearest correlation matrix (Higham).
    method : CopulaMethod
        ``gaussian`` (default; per path, so it keeps runs chunk-invariant at no cost) or
        ``iman-conover`` (rearranges each block, keeping every marginal value, e.g. LHS strata).
    repair : bool
        Replace a non-PSD matrix by its nearest correlation matrix.
    """

    names: tuple[str, ...]
    matrix: np.ndarray
    method: CopulaMethod = CopulaMethod.GAUSSIAN
    repair: bool = False
    effective: np.ndarray = field(init=False, repr=False)

    def __post_init__(self) -> None:
        from model.engine.draws.correlation import check_matrix

        object.__setattr__(self, "names", tuple(self.names))
        try:
            object.__setattr__(self, "method", CopulaMethod(self.method))
        except ValueError:
            raise EngineError(
                f"unknown correlation method {self.method!r}; expected one of "
                + ", ".join(m.value for m in CopulaMethod)
            ) from None
        if len(set(self.names)) != len(self.names):
            raise EngineError(f"correlation names repeat: {list(self.names)}")
        m = np.array(self.matrix, dtype=np.float64)
        m.setflags(write=False)
        object.__setattr__(self, "matrix", m)
        eff = check_matrix(m, self.names, repair=self.repair)
        eff.setflags(write=False)
        object.__setattr__(self, "effective", eff)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Correlation):
            return NotImplemented
        return (
            self.names == other.names
            and self.method == other.method
            and self.repair == other.repair
            and np.array_equal(self.matrix, other.matrix)
        )

    __hash__ = None  # type: ignore[assignment]

    def partners(self, name: str) -> tuple[str, ...]:
        """The variables ``name`` has a non-zero correlation with (none outside the matrix)."""
        if name not in self.names:
            return ()
        row = self.effective[self.names.index(name)]
        return tuple(o for o, rho in zip(self.names, row, strict=True) if o != name and rho)

    @classmethod
    def from_pairs(cls, pairs: Mapping[tuple[str, str], float], **kw: Any) -> Correlation:
        """Build from ``{(a, b): rho}``; unlisted pairs are uncorrelated."""
        names: list[str] = []
        for a, b in pairs:
            for n in (a, b):
                if n not in names:
                    names.append(n)
        idx = {n: i for i, n in enumerate(names)}
        m = np.eye(len(names))
        for (a, b), rho in pairs.items():
            if a == b:
                raise EngineError(f"correlation of {a!r} with itself")
            m[idx[a], idx[b]] = m[idx[b], idx[a]] = rho
        return cls(tuple(names), m, **kw)


@dataclass(frozen=True)
class ModelSpec:
    """Everything a run samples.

    Parameters
    ----------
    variables : tuple of Variable
    processes, events, derived : tuples
    correlation : Correlation or None
    years : tuple of int
        Calendar years of the per-year axis, e.g. ``(2025, ..., 2030)``; year 0 is "today".

    Attributes
    ----------
    static_derived, dynamic_derived : tuple of Derived
        ``derived`` split into those computed before processes and events and those computed
        after them, each in dependency order (see the module notes).
    """

    variables: tuple[Variable, ...]
    processes: tuple[Process, ...] = ()
    events: tuple[Event, ...] = ()
    derived: tuple[Derived, ...] = ()
    correlation: Correlation | None = None
    years: tuple[int, ...] = ()
    #: Random streams ``(key, dims)`` of scenarios run alongside this one. A Sobol' design is
    #: joint over its dimensions: the scenarios of one comparison build it over the union of
    #: their streams and each takes its own columns, so they keep common random numbers.
    design_companions: tuple[tuple[str, int], ...] = field(default=(), compare=False)
    #: Derived quantities computed before processes and events, in dependency order.
    static_derived: tuple[Derived, ...] = field(init=False, repr=False, compare=False)
    #: Derived quantities computed after events, in dependency order.
    dynamic_derived: tuple[Derived, ...] = field(init=False, repr=False, compare=False)
    #: Why each dynamic derived quantity is not static (for error messages).
    _not_static: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for attr in ("variables", "processes", "events", "derived", "years"):
            object.__setattr__(self, attr, tuple(getattr(self, attr)))
        object.__setattr__(self, "years", tuple(int(y) for y in self.years))
        seen: dict[str, str] = {}
        for kind, items in (
            ("variable", self.variables),
            ("process", self.processes),
            ("event", self.events),
            ("derived", self.derived),
        ):
            for item in items:
                if item.name in seen:
                    raise EngineError(
                        f"{kind} {item.name!r} duplicates a {seen[item.name]} of the same name"
                    )
                seen[item.name] = kind
        if (self.processes or self.events) and not self.years:
            raise EngineError("processes and events need `years` (the per-year axis)")
        for ev in self.events:
            outside = [y for y in ev.years if y not in self.years[1:]]
            if outside:
                raise EngineError(
                    f"event {ev.name!r} can happen in {', '.join(map(str, outside))}, outside "
                    f"the years it can happen in ({self.years[1]} to {self.years[-1]}: after "
                    f"the first model year, {self.years[0]}, year 0, where the model starts)"
                    if len(self.years) > 1
                    else f"event {ev.name!r} names years, but the spec has one year only"
                )
        self._check_references()

    # ---- validation ---------------------------------------------------------------------
    def _static(self, ref: str | float, where: str) -> None:
        if not isinstance(ref, str) or ref in self.variable_names:
            return
        if ref in self._not_static:
            raise EngineError(
                f"{where} refers to derived {ref!r}, which depends on {self._not_static[ref]}; "
                "processes and events can only use static variables and derived values of "
                "static variables (those are computed before them)"
            )
        if ref in {d.name for d in self.static_derived}:
            return
        raise EngineError(
            f"{where} refers to {ref!r}, which is not a static variable or a "
            "derived value of static variables (known: "
            f"{', '.join(self.variable_names) or 'none'})"
        )

    def _order_derived(self) -> None:
        """Sort ``derived`` by dependency and split it into static and dynamic parts."""
        by_name = {d.name: d for d in self.derived}
        base = (
            set(self.variable_names)
            | {p.name for p in self.processes}
            | {e.name for e in self.events}
        )
        for d in self.derived:
            for dep in d.depends:
                if dep not in base and dep not in by_name:
                    raise EngineError(
                        f"derived {d.name!r} depends on {dep!r}, which is not a "
                        "variable, process, event or derived quantity"
                    )
        order: list[Derived] = []
        state: dict[str, int] = {}  # 1: being visited, 2: done

        def visit(d: Derived, chain: tuple[str, ...]) -> None:
            if state.get(d.name) == 2:
                return
            if state.get(d.name) == 1:
                cycle = (*chain[chain.index(d.name) :], d.name)
                raise EngineError(
                    "derived quantities depend on each other in a cycle: " + " -> ".join(cycle)
                )
            state[d.name] = 1
            for dep in d.depends:
                if dep in by_name:
                    visit(by_name[dep], (*chain, d.name))
            state[d.name] = 2
            order.append(d)

        for d in self.derived:  # declared order breaks ties, so the sort is stable
            visit(d, ())
        changed = {eff.target: ev.name for ev in self.events for eff in ev.effects}
        processes = {p.name for p in self.processes}
        events = {e.name for e in self.events}
        why: dict[str, str] = {}
        for d in order:
            for dep in d.depends:
                if dep in processes:
                    why[d.name] = f"process {dep!r}"
                elif dep in events:
                    why[d.name] = f"the occurrence counts of event {dep!r}"
                elif dep in changed:
                    why[d.name] = f"variable {dep!r}, which event {changed[dep]!r} changes"
                elif dep in why:
                    why[d.name] = f"derived {dep!r}, which depends on {why[dep]}"
                else:
                    continue
                break
        object.__setattr__(self, "_not_static", why)
        object.__setattr__(self, "static_derived", tuple(d for d in order if d.name not in why))
        object.__setattr__(self, "dynamic_derived", tuple(d for d in order if d.name in why))

    def _check_references(self) -> None:
        dists = {v.name: v.dist for v in self.variables}
        self._order_derived()
        for p in self.processes:
            for attr in ("mean", "shock_sd", "start"):
                self._static(getattr(p, attr), f"process {p.name}.{attr}")
        targets = set(self.variable_names) | {p.name for p in self.processes}
        for ev in self.events:
            self._static(ev.annual_prob, f"event {ev.name}.annual_prob")
            if isinstance(ev.annual_prob, str) and ev.annual_prob in dists:
                lo, hi = dists[ev.annual_prob].support()
                if lo < 0 or hi > 1:
                    raise ParameterError(
                        f"event {ev.name!r}: annual_prob {ev.annual_prob!r} can take values "
                        f"outside [0, 1] (support [{lo:g}, {hi:g}])",
                        field="annual_prob",
                        expected="a variable with support in [0, 1]",
                    )
            for eff in ev.effects:
                if eff.target not in targets:
                    raise EngineError(
                        f"event {ev.name!r} targets {eff.target!r}, which is not "
                        "a variable or process"
                    )
                self._static(eff.by, f"event {ev.name} effect on {eff.target}.by")
        if self.correlation is not None:
            for n in self.correlation.names:
                if n not in dists:
                    raise EngineError(
                        f"correlation names {n!r}, which is not a static "
                        f"variable (known: {', '.join(self.variable_names)})"
                    )

    # ---- convenience --------------------------------------------------------------------
    @cached_property
    def variable_names(self) -> tuple[str, ...]:
        """Names of the static variables, in order."""
        return tuple(v.name for v in self.variables)

    @property
    def names(self) -> tuple[str, ...]:
        """Every name an input mapping will hold (variables, processes, events, derived)."""
        return (
            self.variable_names
            + tuple(p.name for p in self.processes)
            + tuple(e.name for e in self.events)
            + tuple(d.name for d in self.derived)
        )

    @property
    def n_years(self) -> int:
        """Length of the per-year axis (0 when the spec has no years)."""
        return len(self.years)

    def variable(self, name: str) -> Variable:
        """The variable called ``name``."""
        for v in self.variables:
            if v.name == name:
                return v
        raise EngineError(f"no variable named {name!r}")
