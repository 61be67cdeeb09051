"""Implied expectations (a reverse DCF, a goal seek): what the price says about one assumption.

:func:`implied` solves the deterministic central case (every assumption at its central value,
processes without shocks, events at their median timing; see
:mod:`model.engine.execution.deterministic`) for the value ``x*`` of one assumption at which a
target
output equals the price::

    target(x*) = price            e.g. value_today(ai_cloud_growth = x*) = 129.5 HKD

The search range is the assumption's own distribution clipped to its 0.1 % and 99.9 %
quantiles (or explicit bounds, kept inside its support). The target is first evaluated on a
grid across the range in one vectorised call, which finds every bracket where it crosses the
price; scipy's ``brentq`` then refines the bracket nearest the central value. No crossing is an
:class:`ImpliedError` stating the target at both ends of the range; a crossing where the central
path only jumps over the price is an :class:`ImpliedJumpError` (see
:mod:`~model.valuation.finance.implied_jump`). The answer also says how
likely the thesis itself finds ``x*`` (its quantile in the assumption's distribution) and,
when asked to simulate, where the price sits in the distribution of the target.

The search runs on the model the thesis builds and, when the model does not state today's
value itself, on :class:`~model.valuation.finance.today.TodayValuation` around it, so it works
for any model that states a value per share at year ends.
"""

from __future__ import annotations

import difflib
import html
import math
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from model.errors import ThesisModelError
from model.inputs.units import format_value
from model.valuation.finance.implied_checks import (
    ImpliedError,
    check_arguments,
    check_cost_of_equity,
    check_target,
    pair,
    unknown,
)
from model.valuation.finance.implied_jump import ImpliedJumpError, jump_error, split_jumps
from model.valuation.finance.implied_mean import (
    DEFAULT_MEAN_PATHS,
    MIN_MEAN_PATHS,
    ImpliedBasis,
    MeanTarget,
)
from model.valuation.finance.today import TODAY_OUTPUTS, TodayValuation

__all__ = [
    "ImpliedError",
    "ImpliedJumpError",
    "ImpliedResult",
    "implied",
    "percentile_text",
    "share_text",
]

_GRID = 41
_QUANTILES = (0.001, 0.999)


@dataclass(frozen=True)
class ImpliedResult:
    """The assumption value the price implies, and how it compares with the thesis.

    Attributes
    ----------
    assumption : str
    unit : str
    target : str
        Output solved on (``value_today``, or e.g. ``value_per_share[2030]``).
    equals : float
        What the target is set equal to (the price by default).
    equals_label : str
    value : float
        The implied assumption value ``x*``.
    central : float
        The thesis' central value of the assumption.
    quantile : float
        ``P(assumption <= x*)`` under the thesis' distribution of it.
    target_at_central : float
        The target with the assumption at its central value.
    bounds : (float, float)
        The range searched.
    target_at_bounds : (float, float)
    roots : tuple of float
        Every crossing found on the grid (the chosen one is nearest the central value).
    price_percentile : float or None
        ``P(target < equals)`` over simulated paths, when simulated.
    scenario : str
    grid : (ndarray, ndarray)
        The assumption values evaluated and the target at each (NaN where the model refused).
    target_unit : str
        Unit of the target (and of ``equals``), e.g. ``"HKD/share"``; empty when unknown.
    flags : tuple of str
        The model's checks that the central path breaks at the implied value (``invalid_pe``:
        a P/E applied to a loss, ``negative_value``, ...), as a run counts them.
    basis : str
        ``"central"`` (the central path's target equals the price) or ``"mean"`` (its mean).
    paths : int
        Paths of each mean on the mean basis (0 on the central basis).
    se : (float, float) or None
        On the mean basis, the Monte Carlo standard errors of the mean at the implied value and
        of the implied value itself (delta method).
    flag_words : tuple of str
        What each of ``flags`` found, in words ("the pe leg flags earnings below zero in some
        year (a loss valued at a multiple)"), as a run's list of flagged paths says it; "" for
        a flag without words.
    """

    assumption: str
    unit: str
    target: str
    equals: float
    equals_label: str
    value: float
    central: float
    quantile: float
    target_at_central: float
    bounds: tuple[float, float]
    target_at_bounds: tuple[float, float]
    roots: tuple[float, ...]
    price_percentile: float | None
    scenario: str
    grid: tuple[np.ndarray, np.ndarray] = field(repr=False)
    dist: Any = field(repr=False, default=None)
    fixed: bool = False
    target_unit: str = ""
    flags: tuple[str, ...] = ()
    basis: str = "central"
    paths: int = 0
    se: tuple[float, float] | None = None
    flag_words: tuple[str, ...] = ()

    def summary(self) -> pd.DataFrame:
        """One column of labelled figures."""
        rows = {
            "assumption": self.assumption,
            "unit": self.unit,
            "scenario": self.scenario,
            "target": self.target,
            "equals": f"{format_value(self.equals)} ({self.equals_label})",
            "implied value": self.value,
            "central value": self.central,
            "quantile of implied value": self.quantile,
            "target at central value": self.target_at_central,
            "range searched": f"{self.fmt(self.bounds[0])} .. {self.fmt(self.bounds[1])}",
            "target at range ends": " .. ".join(format_value(y) for y in self.target_at_bounds),
            "other crossings": ", ".join(self.fmt(r) for r in self.roots if r != self.value)
            or "none",
            "flagged at implied value": self._flags_text() or "none",
        }
        if self.price_percentile is not None:
            rows["price percentile in target"] = self.price_percentile
        if self.se is not None:
            rows["basis"] = f"mean of {self.target} over {self.paths:,} paths"
            rows["standard error of implied value"] = self.se[1]
        return pd.DataFrame({"implied": pd.Series(rows, dtype=object)})

    def to_frame(self) -> pd.DataFrame:
        """The grid: assumption value and target value."""
        xs, ys = self.grid
        return pd.DataFrame({self.assumption: xs, self.target: ys})

    def fmt(self, x: float) -> str:
        """An assumption value in its unit (fractions as percentages)."""
        if self.unit in ("%", "share"):
            return f"{x:.2%}"
        if self.unit.strip() == "1":  # a pure number: no unit after it ("0.68", not "0.68 1")
            return format_value(x)
        return f"{format_value(x)} {self.unit}".rstrip()

    def describe(self) -> str:
        """One sentence for a console or a note."""
        where = (
            f"the thesis fixes {self.assumption} at {self.fmt(self.central)}, with no "
            "distribution to place the implied value in"
            if self.fixed
            else f"thesis central {self.fmt(self.central)}; {share_text(self.quantile)} of the "
            "thesis' distribution lies below"
        )
        what, value = self.target, self.fmt(self.value)
        if self.se is not None:
            what = f"the mean of {self.target} over {self.paths:,} paths"
            if math.isfinite(self.se[1]):
                value += f" ± {self.fmt(self.se[1])}"
        text = (
            f"{what} equals {self.equals_label} ({format_value(self.equals)}) when "
            f"{self.assumption} = {value} ({where})"
        )
        if self.price_percentile is not None:
            text += f"; the price sits {percentile_text(self.price_percentile)} of {self.target}"
        if self.flags:
            text += (
                f"; at that value the central path is flagged by the model's checks "
                f"({self._flags_text()}), so read it with care"
            )
        return text

    def _flags_text(self) -> str:
        """The flags, each with what it found when known: ``invalid_pe: the pe leg ...``."""
        words = (*self.flag_words, *("",) * len(self.flags))
        return "; ".join(f"{f}: {w}" if w else f for f, w in zip(self.flags, words, strict=False))

    def __repr__(self) -> str:
        equals = f"{format_value(self.equals)} {self.target_unit}".rstrip()
        return (
            f"ImpliedResult({self.assumption}={self.fmt(self.value)} for {self.target} = "
            f"{equals}; central {self.fmt(self.central)}, quantile {self.quantile:.1%})"
        )

    def _repr_html_(self) -> str:
        return f"<p>{html.escape(self.describe())}</p>" + self.summary().to_html()


def share_text(p: float) -> str:
    """A probability as a percentage that does not round a tail to 0 % or 100 %."""
    if 0.0 < p < 0.005:
        return "under 0.5%"
    if 0.995 < p < 1.0:
        return "over 99.5%"
    return f"{p:.0%}"


def percentile_text(p: float) -> str:
    """Where a value sits, from the share of a distribution below it: ``at the 97th
    percentile``, ``below the 1st percentile``, ``above the 99th percentile``."""
    if p < 0.005:
        return "below the 1st percentile"
    if p > 0.995:
        return "above the 99th percentile"
    n = max(1, min(99, round(p * 100)))
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"at the {n}{suffix} percentile"


def _load(thesis: Any, scenario: str | None) -> Any:
    if isinstance(thesis, str | os.PathLike):
        from model.inputs.assembly.thesis import load_thesis

        thesis = load_thesis(thesis)
    if scenario is not None and scenario != (getattr(thesis, "scenario", None) or "base"):
        names = ("base", *[str(n) for n in (getattr(thesis, "scenarios", None) or {})])
        if scenario not in names:
            close = difflib.get_close_matches(scenario, names, n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise ImpliedError(
                f"unknown scenario {scenario!r}{hint} "
                f"(scenarios: {', '.join(dict.fromkeys(names))})"
            )
        thesis = thesis.with_scenario(scenario)
    return thesis


def _default_model(thesis: Any) -> Any:
    """The thesis' own valuation model (by its ``kind:`` where the package dispatches on it)."""
    import model.valuation as valuation

    build = getattr(valuation, "build_model", None)
    return build(thesis) if build is not None else valuation.SegmentModel.from_thesis(thesis)


def _pick(out: Mapping[str, np.ndarray], target: str, year_col: int | None) -> np.ndarray:
    arr = np.asarray(out[target], dtype=float)
    if arr.ndim == 2:
        return arr[:, -1 if year_col is None else year_col]
    return arr


def implied(
    thesis: Any,
    solve_for: str,
    target: str = "value_today",
    equals: str | float = "price",
    *,
    scenario: str | None = None,
    year: int | None = None,
    bounds: tuple[float, float] | None = None,
    quantiles: tuple[float, float] = _QUANTILES,
    cost_of_equity: str | float | None = None,
    n_paths: int = 0,
    seed: Any = None,
    grid: int = _GRID,
    model: Callable[[Any], Any] | None = None,
    basis: ImpliedBasis | str = ImpliedBasis.CENTRAL,
) -> ImpliedResult:
    """The value of one assumption at which the central case's target equals the price.

    With ``basis="mean"`` the target's mean over simulated paths must equal it instead (see
    :mod:`model.valuation.finance.implied_mean`): what a price pays for a thesis with a binary
    event, whose central path takes one branch only.

    Parameters
    ----------
    thesis : Thesis or path
    solve_for : str
        A static assumption of the thesis (one value per path).
    target : str
        An output of the model; ``"value_today"`` (the default) is added when the model does
        not state it. A per-year output is read in ``year`` (default the last).
    equals : "price" or float
        What the target must equal: the thesis price, or a number in the target's unit.
    scenario : str, optional
        Scenario to solve in (default: the thesis as loaded, usually the base case).
    year : int, optional
        Model year of a per-year target.
    bounds : (float, float), optional
        Range to search, instead of the distribution's quantiles (clipped to its support).
    quantiles : (float, float)
        Probabilities bounding the range when no bounds are given.
    cost_of_equity : str or float, optional
        For today's value: an assumption name or a rate (default: the model's own, else its
        DCF discount rate).
    n_paths : int
        If positive, also simulate the scenario with this many paths and report where the
        price sits in the distribution of the target. On the mean basis, also the paths of each
        mean (default :data:`~model.valuation.finance.implied_mean.DEFAULT_MEAN_PATHS`).
    seed : optional
        Seed of that simulation.
    grid : int
        Points of the bracketing grid (>= 3).
    model : callable, optional
        ``model(thesis) -> model function`` (default: the thesis' own model).
    basis : ImpliedBasis or {"central", "mean"}
        Solve the central path (default) or the mean over paths, with common random numbers.
        On the mean basis the other assumptions are drawn given ``solve_for`` at each value
        searched, through the thesis' correlations (a discrete assumption correlated with
        others is refused).

    Returns
    -------
    ImpliedResult

    Raises
    ------
    ImpliedError
        An unknown or non-static assumption, an unknown target, or no root in the range (with
        the target's values at both ends).
    ImpliedJumpError
        On the central basis, the target only jumps over the price (an event's median timing
        moves): no value gives it; the error holds where, and the values either side.
    """
    from model.engine.draws.rng import handle_seed
    from model.engine.execution.deterministic import evaluate

    check_arguments(solve_for, quantiles, n_paths, grid)
    try:
        basis = ImpliedBasis(basis)
    except ValueError:
        raise ImpliedError(f"basis must be 'central' or 'mean' (got {basis!r})") from None
    th = _load(thesis, scenario)
    spec = th.to_spec()
    fn: Any = (model or _default_model)(th)
    outputs = tuple(getattr(fn, "output_names", ()) or ())
    check_cost_of_equity(spec, cost_of_equity)
    wrapped = target in TODAY_OUTPUTS and target not in outputs
    if wrapped:
        fn = TodayValuation.from_thesis(fn, th, cost_of_equity)
        outputs = fn.output_names
    if outputs and target not in outputs:
        known = tuple(dict.fromkeys((*outputs, *TODAY_OUTPUTS)))
        raise unknown(target, known, "target output")
    if cost_of_equity is not None and not wrapped:
        # The thesis' model already states today's value at its own rate: the rate asked for
        # was silently ignored. Discount again at it, or say why it cannot apply.
        if target not in TODAY_OUTPUTS:
            raise ImpliedError(
                f"a cost of equity discounts today's value ({', '.join(TODAY_OUTPUTS)}); "
                f"the target {target} does not use it"
            )
        if not isinstance(fn, TodayValuation):
            raise ImpliedError(
                f"the model states {target} itself, at its own discount rate; a cost of equity "
                "cannot be applied to it"
            )
        fn = TodayValuation.from_thesis(fn.model, th, cost_of_equity)
    if solve_for not in spec.variable_names:
        if solve_for in spec.names:
            raise ImpliedError(
                f"{solve_for!r} is not a single-valued assumption (a process, event or derived "
                f"value follows from others); solve for one of the assumptions it uses"
            )
        uncertain = [v.name for v in spec.variables if v.dist.support()[1] > v.dist.support()[0]]
        # Fixed assumptions solve too (with bounds): offer them after the uncertain ones, so
        # that a near miss of one ('kee' for 'ke') still finds it.
        fixed = [n for n in spec.variable_names if n not in uncertain]
        raise unknown(solve_for, [*uncertain, *fixed], "assumption")
    dist = spec.variable(solve_for).dist
    years = tuple(getattr(th, "years", ()) or ())
    year_col = None
    if year is not None:
        if int(year) not in years:
            raise ImpliedError(f"year {year} is not a model year ({years[0]}..{years[-1]})")
        year_col = years.index(int(year))
    unit_of = str((getattr(th, "units", None) or {}).get(solve_for, "")).strip()

    def fx(x: float) -> str:
        """A value of the assumption searched, in its unit (fractions as percentages)."""
        if unit_of in ("%", "share"):
            return f"{x:.2%}"
        return format_value(x)

    lo_s, hi_s = dist.support()
    if bounds is not None:
        lo, hi = pair(bounds, "bounds")
        if hi_s > lo_s:  # a fixed assumption has no support to clip to
            lo, hi = max(lo, lo_s), min(hi, hi_s)
            if not hi > lo:
                raise ImpliedError(
                    f"bounds {bounds[0]:.4g} .. {bounds[1]:.4g} lie outside the values "
                    f"{solve_for!r} can take ({lo_s:.4g} .. {hi_s:.4g})"
                )
    else:
        lo, hi = (float(x) for x in dist.quantile(np.asarray(quantiles, dtype=float)))
    if not hi > lo:
        raise ImpliedError(
            f"{solve_for!r} has no range to search ({fx(lo)} .. {fx(hi)}); "
            "a fixed assumption needs explicit bounds (bounds=(low, high), --bounds LOW HIGH)"
        )
    check_target(spec, fn, th, solve_for, target, year, equals)
    if equals == "price":
        goal, goal_label = float(th.price), "the price"
    else:
        try:
            goal, goal_label = float(equals), "the value given"
        except (TypeError, ValueError):
            raise ImpliedError(f"equals must be 'price' or a number (got {equals!r})") from None
        if not math.isfinite(goal):  # no target reaches it; the search would blame the target
            raise ImpliedError(f"equals must be a finite number (got {equals!r})")

    why: list[str] = []  # the first reason a point searched has no value
    mean = None
    if basis is ImpliedBasis.MEAN:
        n_paths = int(n_paths) or DEFAULT_MEAN_PATHS
        if n_paths < MIN_MEAN_PATHS:
            raise ImpliedError(
                f"the mean basis needs at least {MIN_MEAN_PATHS} paths for its mean "
                f"(got {n_paths}); give more, or leave the number out for {DEFAULT_MEAN_PATHS:,}"
            )
        pick = lambda out: _pick(out, target, year_col)  # noqa: E731
        mean = MeanTarget(spec, fn, solve_for, pick, n_paths, handle_seed(seed), why, fx)
        seed = mean.seed  # the percentile below reads the same draws

    def at(xs: np.ndarray) -> np.ndarray:
        if mean is not None:
            return mean(xs)
        try:
            with np.errstate(all="ignore"):  # an overflow is a point without a value
                return _pick(evaluate(spec, {solve_for: xs}, fn), target, year_col)
        except ThesisModelError as exc:
            if xs.size == 1:
                if not why:
                    why.append(f"at {fx(float(xs[0]))}: {exc}")
                return np.array([np.nan])
            return np.concatenate([at(xs[i : i + 1]) for i in range(xs.size)])

    xs = np.linspace(lo, hi, int(grid))
    ys = at(xs)
    central = float(dist.central())
    y_central = float(at(np.array([central]))[0])
    diff = ys - goal
    ok = np.isfinite(diff)
    brackets = [
        (xs[i], xs[i + 1])
        for i in range(xs.size - 1)
        if ok[i] and ok[i + 1] and (diff[i] == 0.0 or np.sign(diff[i]) != np.sign(diff[i + 1]))
    ]
    if not brackets:
        # On the mean basis every value named is a mean over the paths, and said so.
        what = target if mean is None else f"the mean of {target} over {n_paths:,} paths"
        finite = ys[ok]
        span = (
            f" (it ranges {format_value(finite.min())} .. {format_value(finite.max())} in between)"
            if finite.size
            else ""
        )
        advice = "widen the range"
        if finite.size < ys.size:  # a crossing may hide where the target has no value
            span += f", and has no value at {ys.size - finite.size} of {ys.size} points searched"
            span += f" ({why[0]})" if why else ""
            advice = (
                "narrow the range to where it has a value"
                if finite.size
                else "check the model and the other assumptions, which give it no value anywhere"
            )
        elif np.ptp(finite) == 0:
            # A flat target cannot reach the goal; a value flat at zero may be at its floor only.
            floored = ys[0] == 0 and (target in TODAY_OUTPUTS or target == "value_per_share")
            why_flat = (
                f"it is floored at zero there (the equity worth nothing); check the other "
                f"assumptions, or search where {what} is positive"
                if floored
                else f"it does not depend on {solve_for!r}; choose an assumption it depends on"
            )
            raise ImpliedError(
                f"no value of {solve_for!r} makes {what} equal {goal_label} "
                f"({format_value(goal)}): {what} is {format_value(ys[0])} at every point "
                f"searched ({fx(lo)} .. {fx(hi)}), {why_flat}"
            )
        raise ImpliedError(
            f"no value of {solve_for!r} in {fx(lo)} .. {fx(hi)} makes {what} "
            f"equal {goal_label} ({format_value(goal)}): {what} is {format_value(ys[0])} at "
            f"{fx(lo)} and {format_value(ys[-1])} at {fx(hi)}{span}; "
            f"{advice} (bounds=(low, high), --bounds LOW HIGH) or choose another assumption"
        )

    # Imported here: scipy.optimize takes a third of a second to import, and the charts and
    # the command line import this module for its wording alone.
    from scipy.optimize import brentq

    def f(x: float) -> float:
        return float(at(np.array([x]))[0]) - goal

    roots = []
    for a, b in brackets:
        fa, fb = f(a), f(b)
        if fa == 0.0:
            roots.append(float(a))
        elif fb == 0.0:
            roots.append(float(b))
        else:
            # The tolerance follows the root's end of the bracket nearer 0, not its far end: a
            # bracket [0, 2.5e98] of a wide search had a tolerance of 2.5e86 and gave 0 for 17.9.
            xtol = 1e-12 * max(1.0, min(abs(a), abs(b)))
            roots.append(float(brentq(f, a, b, xtol=xtol, rtol=1e-12, maxiter=2000)))
    roots = sorted(set(roots))
    if mean is None:  # a step of the central path over the price is no root of it
        roots, jumps = split_jumps(roots, f, goal, ys)
        if not roots:
            step = min(jumps, key=lambda r: abs(r - central))
            raise jump_error(spec, at, solve_for, target, step, (lo, hi), goal, goal_label, fx)
    value = min(roots, key=lambda r: abs(r - central))
    se = mean.root_se(value, (lo, hi)) if mean is not None else None
    percentile = None
    if n_paths:
        percentile = _price_percentile(spec, fn, target, year_col, goal, int(n_paths), seed)
    units = getattr(th, "units", None) or {}
    unit = str(units.get(solve_for, ""))
    # The model's own unit of an output wins over an assumption of the same name.
    target_unit = str(
        (getattr(fn, "output_units", None) or {}).get(target) or units.get(target, "")
    )
    from model.valuation.checking.flag_words import flag_words

    flags = _flags_at(spec, fn, solve_for, value) if mean is None else ()
    return ImpliedResult(
        assumption=solve_for,
        unit=unit,
        target=target if year_col is None else f"{target}[{years[year_col]}]",
        equals=goal,
        equals_label=goal_label,
        value=value,
        central=central,
        quantile=float(np.asarray(dist.cdf(np.array([value])))[0]),
        fixed=not hi_s > lo_s,
        target_at_central=y_central,
        bounds=(lo, hi),
        target_at_bounds=(float(ys[0]), float(ys[-1])),
        roots=tuple(roots),
        price_percentile=percentile,
        scenario=str(getattr(th, "scenario", None) or "base"),
        grid=(xs, ys),
        dist=dist,
        target_unit=target_unit,
        flags=flags,
        flag_words=tuple(flag_words(th, f) or "" for f in flags),
        basis=basis.value,
        paths=int(n_paths) if mean is not None else 0,
        se=se,
    )


def _flags_at(spec: Any, fn: Any, solve_for: str, value: float) -> tuple[str, ...]:
    """The model's checks the central path breaks with ``solve_for`` at ``value`` (the
    ``_invalid_*`` masks a run counts: a P/E on a loss, a value floored at zero, ...)."""
    from model.engine.execution.deterministic import deterministic_inputs

    try:
        with np.errstate(all="ignore"):
            out = fn(deterministic_inputs(spec, {solve_for: np.array([value])}))
    except ThesisModelError:
        return ()
    prefix = "_invalid_"
    return tuple(
        name.removeprefix(prefix)
        for name, mask in sorted(out.items())
        if name.startswith(prefix) and np.any(mask)
    )


def _price_percentile(
    spec: Any, fn: Any, target: str, year_col: int | None, goal: float, n: int, seed: Any
) -> float:
    """``P(target < goal)`` over ``n`` simulated paths."""
    from model.engine import run

    res = run(spec, fn, n, seed=seed, keep=[target], progress=False)
    values = _pick(res.outputs, target, year_col)
    return float(np.mean(values < goal))
