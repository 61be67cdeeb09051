"""Cross references of one assembled scenario.

Once a scenario's overlays are applied, the names used by derived expressions, processes, events
and correlations must exist and fit: derived definitions are not circular and their units match
their declared ones, process inputs and event effects have fitting units and one number per path,
and correlations join two distributions, each pair once.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from model.errors import ExpressionError, ThesisError
from model.inputs.assembly.build import (
    SHARE_PROCESS_TAIL,
    share_process_shocks,
    share_process_tail,
)
from model.inputs.assembly.correlations import check_correlation_matrix, tied_correlations
from model.inputs.assembly.items import Assumption, CorrelationDef, EffectOp, EventDef, Kind
from model.inputs.assembly.ledger import HUGE
from model.inputs.plausibility import percent_hint, written_numbers
from model.inputs.units import Unit, UnitError, check_same_dimension
from model.inputs.yamlsafe import FieldPath, Locator

__all__ = ["Resolved", "ScenarioChecker", "suggest"]


def _cycle_text(cycle: list[str]) -> str:
    """``a -> b -> a``, shortened in the middle when the cycle is long."""
    if len(cycle) > 8:
        cycle = [*cycle[:4], f"... ({len(cycle) - 7} more)", *cycle[-3:]]
    return " -> ".join(cycle)


def suggest(name: str, known: Iterable[str]) -> str:
    """A did-you-mean hint (``"; did you mean 'x'?"``) or an empty string.

    Parameters
    ----------
    name : str
        The unknown name.
    known : iterable of str
        The names that exist.

    Returns
    -------
    str
    """
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


@dataclass(frozen=True)
class Resolved:
    """One scenario's assumptions, events and correlations, cross-checked.

    Attributes
    ----------
    derived_order : tuple of str
        Derived assumptions in an order where each comes after what it uses.
    derived_factor : dict
        Multiplier taking each derived expression's computed unit to its declared unit.
    per_year : frozenset of str
        Names whose values are per-year arrays (processes, event targets, what uses them).
    """

    scenario: str
    assumptions: dict[str, Assumption]
    events: dict[str, EventDef]
    correlations: tuple[CorrelationDef, ...]
    derived_order: tuple[str, ...]
    derived_factor: dict[str, float]
    per_year: frozenset[str]


class ScenarioChecker:
    """Cross-reference checks of one assembled scenario.

    Parameters
    ----------
    locator : Locator
        Finds the file and line of a field, for errors.
    years : tuple of int
        The model years.
    scenario : str
        The scenario checked (``"base"`` for the file itself).
    """

    def __init__(
        self, locator: Locator, years: tuple[int, ...], scenario: str, repair: bool = False
    ) -> None:
        self.loc = locator
        self.repair = repair
        self.years = years
        self.scenario = scenario
        self.a: dict[str, Assumption] = {}
        self.events: dict[str, EventDef] = {}
        self.correlations: tuple[CorrelationDef, ...] = ()
        self.why: dict[str, str] = {}

    def run(
        self,
        assumptions: dict[str, Assumption],
        events: dict[str, EventDef],
        correlations: tuple[CorrelationDef, ...],
    ) -> Resolved:
        """Check the scenario's assumptions, events and correlations together.

        Parameters
        ----------
        assumptions, events, correlations
            The base file's items with the scenario's overlays applied.

        Returns
        -------
        Resolved

        Raises
        ------
        ThesisError
            Unknown or circular references, unit mismatches, per-year values where one
            number per path is needed.
        """
        self.a, self.events, self.correlations = assumptions, events, correlations
        order = self.derived_order()
        # Why each per-year name varies by year, for the messages of static_ref.
        self.why = {n: "it is a process" for n, a in self.a.items() if a.kind is Kind.PROCESS}
        for ev in self.events.values():
            for e in ev.effects:
                self.why.setdefault(e.target, f"event '{ev.name}' changes it from its year on")
        for n in order:
            expr = self.a[n].expression
            assert expr is not None
            source = next((m for m in expr.names if m in self.why), None)
            if source is not None:
                self.why[n] = f"it is derived from '{source}', and {self.why[source]}"
        per_year = set(self.why)
        factors = {n: self.derived_unit(self.a[n], per_year) for n in order}
        for a in self.a.values():
            if a.kind is Kind.PROCESS:
                self.process(a, per_year)
        for ev in self.events.values():
            self.event(ev, per_year)
        self.check_correlations()
        return Resolved(
            self.scenario,
            self.a,
            self.events,
            self.correlations,
            order,
            factors,
            frozenset(per_year),
        )

    def unknown(self, path: FieldPath, name: str, what: str) -> ThesisError:
        return self.loc.error(path, f"unknown assumption '{name}' in {what}{suggest(name, self.a)}")

    def derived_order(self) -> tuple[str, ...]:
        derived = {n: a for n, a in self.a.items() if a.kind is Kind.DERIVED}
        for a in derived.values():
            assert a.expression is not None
            try:
                a.expression.check_names(self.a)
            except ExpressionError as exc:
                raise self.loc.error((*a.path, "derived"), str(exc)) from None
        order: list[str] = []
        state: dict[str, int] = {}  # 1: visiting, 2: done
        # Depth first without recursion: a chain of thousands of derived values is valid.
        for root in derived:
            if state.get(root) == 2:
                continue
            stack: list[tuple[str, Iterator[str]]] = []
            state[root] = 1
            stack.append((root, iter(derived[root].expression.names)))  # type: ignore[union-attr]
            while stack:
                n, pending = stack[-1]
                m = next((x for x in pending if x in derived and state.get(x) != 2), None)
                if m is None:
                    stack.pop()
                    state[n] = 2
                    order.append(n)
                    continue
                if state.get(m) == 1:
                    trail = [x for x, _ in stack]
                    cycle = [*trail[trail.index(m) :], m]
                    raise self.loc.error(
                        (*derived[cycle[0]].path, "derived"),
                        "circular derived definitions: " + _cycle_text(cycle),
                    )
                state[m] = 1
                stack.append((m, iter(derived[m].expression.names)))  # type: ignore[union-attr]
        return tuple(order)

    def derived_unit(self, a: Assumption, per_year: set[str]) -> float:
        expr = a.expression
        assert expr is not None
        path = (*a.path, "derived")
        for name, _ in expr.year_refs:
            if name not in per_year:
                raise self.loc.error(
                    path,
                    f"'{name}' is one number per path, not per year; "
                    f"drop the [year] index in {expr.text!r}",
                )
        try:
            expr.check_years(self.years)
            computed = expr.unit({n: self.a[n].unit for n in expr.names})
        except ExpressionError as exc:
            raise self.loc.error(path, str(exc)) from None
        if not computed.same_dimension(a.unit):
            try:
                check_same_dimension(computed, a.unit, "convert")
                hint = ""  # pragma: no cover
            except UnitError as exc:
                hint = str(exc).split(": ", 1)[-1]
            raise self.loc.error(
                path,
                f"unit mismatch: {expr.text!r} gives "
                f"{computed.canonical()} but the declared unit is {a.unit}"
                f"; {hint}",
            )
        return 10.0 ** (computed.power - a.unit.power)

    def static_ref(
        self, ref: float | str, path: FieldPath, what: str, per_year: set[str]
    ) -> Assumption | None:
        if not isinstance(ref, str):
            return None
        if ref not in self.a:
            raise self.unknown(path, ref, what)
        if ref in per_year:
            raise self.loc.error(
                path,
                f"'{ref}' varies by year ({self.why[ref]}); {what} needs one number per "
                "path: a value, a distribution, or a derived value of those",
            )
        return self.a[ref]

    def same_unit(self, ref: Assumption | None, unit: Unit, path: FieldPath, what: str) -> None:
        # The engine reads the referenced number as is, so the scale must match too.
        if ref is not None and (ref.unit != unit):
            raise self.loc.error(
                path, f"'{ref.name}' is in {ref.unit} but {what} must be in {unit}"
            )

    def process(self, a: Assumption, per_year: set[str]) -> None:
        p = a.process
        assert p is not None
        base = (*a.path, "process")
        ranges: dict[str, tuple[float, float] | None] = {}
        for key in ("mean", "start", "shock_sd"):
            value = getattr(p, key)
            ref = self.static_ref(value, (*base, key), f"process '{a.name}'", per_year)
            self.same_unit(ref, a.unit, (*base, key), f"the {key} of '{a.name}'")
            if key == "shock_sd" and ref is not None:
                self._negative_shock_sd(a, ref)
            if isinstance(value, float):
                ranges[key] = (value, value)
            elif ref is None:
                ranges[key] = None
            elif key == "shock_sd":
                ranges[key] = _high_end(ref)  # shocks as large as it gives, bar a rare tail
            else:  # a level: the typical path, from its central value
                centre = ref.central()
                ranges[key] = None if centre is None else (centre, centre)
        if a.unit.bounded_fraction:
            self._share_process(a, ranges)

    def _negative_shock_sd(self, a: Assumption, ref: Assumption) -> None:
        """Refuse, at its own line, an assumption named as a process' ``shock_sd`` that is below
        zero (fixed, at its central value, or anywhere in its range), as a literal one is: a
        spread is never negative (a distribution may keep to [0, high] with ``bounds:`` or be a
        lognormal)."""
        support = ref.support()
        if support is None or support[0] >= 0.0:
            return  # a derived or per-year one is known only in a run
        file, line = self.loc.locate((*a.path, "process", "shock_sd"))
        used = f"'{ref.name}' is the shock_sd of process '{a.name}' (at {file}:{line})"
        if ref.dist is None:
            raise self.loc.error(
                (*ref.path, "value"), f"{used}, which must be >= 0 (got {support[0]:g})"
            )
        centre = ref.central()
        where = (
            f"its central value is {centre:g}"
            if centre is not None and centre < 0
            else (f"it ranges over [{support[0]:g}, {support[1]:g}]")
        )
        raise self.loc.error(
            (*ref.path, "dist"),
            f"{used}, which must be >= 0, but {where}; use a distribution that stays at or "
            "above zero (bounds: [0, high], or a lognormal)",
        )

    def _share_process(self, a: Assumption, ranges: dict[str, tuple[float, float] | None]) -> None:
        """Refuse a ``share`` process whose shocks take paths outside [0, 1] (see
        :func:`~model.inputs.assembly.build.share_process_tail`)."""
        p = a.process
        assert p is not None
        start, mean, sd = ranges["start"], ranges["mean"], ranges["shock_sd"]
        if sd is not None and sd[1] <= 0.0:
            return  # no shocks: the path runs from its start towards its mean, inside [0, 1]
        if start is None or mean is None or sd is None or not math.isfinite(sd[1]):
            return  # a derived or per-year part: its range is not known before a run
        share = share_process_tail(start, mean, sd[1], p.reversion, len(self.years))
        if share > SHARE_PROCESS_TAIL:
            path = (*a.path, "process", "shock_sd")
            raise self.loc.error(path, share_process_shocks(p.shock_sd, share))

    def event(self, ev: EventDef, per_year: set[str]) -> None:
        if ev.name in self.a:
            # The engine keys events and assumptions by name in one namespace.
            raise self.loc.error(
                ev.path,
                f"'{ev.name}' is also an assumption; an event needs a name of its own "
                f"(e.g. '{ev.name}_event')",
            )
        outside = [y for y in ev.years if y not in self.years[1:]]
        if outside:
            raise self.loc.error(
                (*ev.path, "years"), outside_event_years(ev.name, outside, self.years)
            )
        ppath = (*ev.path, "annual_prob")
        ref = self.static_ref(ev.annual_prob, ppath, f"event '{ev.name}'", per_year)
        if ref is not None:
            if not ref.unit.dimensionless:
                raise self.loc.error(
                    ppath, f"'{ref.name}' is in {ref.unit}; a probability is a pure number"
                )
            support = ref.support()
            if support is not None and (support[0] < 0 or support[1] > 1):
                self._probability_number(ref, ev, ppath)
                raise self.loc.error(
                    ppath,
                    f"'{ref.name}' ranges over [{support[0]:g}, "
                    f"{support[1]:g}]; a probability must lie in [0, 1]",
                )
        for i, eff in enumerate(ev.effects):
            epath = (*ev.path, "effects", i)
            target = self.a.get(eff.target)
            if target is None:
                raise self.unknown((*epath, "target"), eff.target, f"event '{ev.name}'")
            if target.kind is Kind.DERIVED:
                raise self.loc.error(
                    (*epath, "target"),
                    f"'{eff.target}' is derived; an "
                    "event changes a value, distribution or process (change "
                    "what it is derived from)",
                )
            if isinstance(eff.by, int | float) and abs(eff.by) > HUGE:
                # As an assumption's value is: past any figure, and a run's summaries overflow.
                raise self.loc.error(
                    (*epath, "by"),
                    f"{eff.by:.3g} is beyond ±{HUGE:.0e}, past any figure of a company and too "
                    f"large for a run to summarise; check its scale",
                )
            by = self.static_ref(eff.by, (*epath, "by"), f"event '{ev.name}'", per_year)
            if by is None:
                continue
            if eff.op is EffectOp.MULTIPLY and not by.unit.dimensionless:
                raise self.loc.error(
                    (*epath, "by"), f"'{by.name}' is in {by.unit}; a multiplier is a pure number"
                )
            if eff.op is EffectOp.ADD:
                self.same_unit(
                    by, target.unit, (*epath, "by"), f"an amount added to '{target.name}'"
                )

    def _probability_number(self, ref: Assumption, ev: EventDef, ppath: FieldPath) -> None:
        """Refuse, at its own line, a number of ``ref`` outside [0, 1] that makes it no
        probability for ``ev`` (``value: 8`` meaning 8%); return when none is written so (a
        normal's tails: the event's line says its range)."""
        for key, written, numbers in written_numbers(ref):
            if all(0.0 <= x <= 1.0 for x in numbers):
                continue
            file, line = self.loc.locate(ppath)
            shown = f"{written!r}" if isinstance(written, list) else f"{written:g}"
            raise self.loc.error(
                (*ref.path, key),
                f"'{ref.name}' is the annual probability of event '{ev.name}' (at "
                f"{file}:{line}), which must lie in [0, 1], but its {key} is {shown}"
                + percent_hint(written),
            )

    def _overridden(self, name: str, used_at: FieldPath) -> str:
        """Where a scenario's override changed ``name`` (for a base entry that uses it)."""
        where = self.a[name].path
        if where[:1] != ("scenarios",) or used_at[: len(where) - 2] == where[:-2]:
            return "; correlations apply to distributions"
        file, line = self.loc.locate(where)
        return (
            f" in scenario '{where[1]}' (its override at {file}:{line}); correlations apply "
            "to distributions, so this one cannot apply there: give the scenario its own "
            "correlations: list without it"
        )

    def check_correlations(self) -> None:
        pairs: dict[frozenset[str], FieldPath] = {}
        for c in self.correlations:
            for i, name in enumerate(c.between):
                path = (*c.path, "between", i)
                if name not in self.a:
                    raise self.unknown(path, name, "a correlation")
                if self.a[name].kind is not Kind.DIST:
                    raise self.loc.error(
                        path,
                        f"'{name}' is a {self.a[name].kind.value} "
                        f"assumption{self._overridden(name, c.path)}",
                    )
            key = frozenset(c.between)
            if key in pairs:
                file, line = self.loc.locate(pairs[key])
                raise self.loc.error(
                    c.path,
                    f"the pair {c.between[0]} ~ {c.between[1]} is "
                    f"correlated twice (also at {file}:{line})",
                )
            pairs[key] = c.path
        check_correlation_matrix(self.correlations, self.loc, repair=self.repair)
        # Each entry is said once, when the scenario that writes it is checked (a scenario
        # that keeps the base's list would repeat the base's words), or where an override of
        # the scenario changes one of its assumptions.
        own = ("correlations",) if self.scenario == "base" else ("scenarios", self.scenario)
        mine = [
            c
            for c in self.correlations
            if c.path[: len(own)] == own
            or any(self.a[n].path[: len(own)] == own for n in c.between)
        ]
        dists = {n: d for c in mine for n in c.between if (d := self.a[n].dist)}
        tied_correlations(mine, dists, self.loc)


def _listed(years: list[int]) -> str:
    """``2027``, ``2027 and 2028``, ``2027, 2028 and 2035``."""
    shown = [str(y) for y in years]
    return shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} and {shown[-1]}"


def outside_event_years(name: str, outside: list[int], years: tuple[int, ...]) -> str:
    """Why an event's ``years:`` entries outside the model years after the first are refused.

    The first model year is where the model starts (year 0, whatever the valuation date), so
    no event happens in it; the message names the years an event can happen in, one or a span,
    and the years given that are not among them, in agreement with their number.
    """
    later = years[1:]
    if len(later) == 1:
        span = f"{later[0]}, the model year after the first"
    else:
        span = f"{later[0]} to {later[-1]}, the model years after the first"
    verb = "is not one of them" if len(outside) == 1 else "are not among them"
    return (
        f"event '{name}' can happen only in {span} ({years[0]}, year 0, where the model "
        f"starts: no event happens in it); {_listed(sorted(set(outside)))} {verb}"
    )


def _high_end(ref: Assumption) -> tuple[float, float] | None:
    """The range of a named ``shock_sd`` as far as its 99.9th percentile (a beta or a bounded
    lognormal reaches 1 at the very top of its support, which no shock of a run comes near);
    its value when fixed; None when not known before a run (a derived value)."""
    if ref.dist is None:
        return ref.support()
    low, _ = ref.dist.support()
    return (float(low), float(ref.dist.ppf([0.999])[0]))
