"""Which assumptions matter: tornado, rank correlation and Sobol' indices.

Three views of the same question, each answering it differently:

tornado (:func:`tornado`)
    One at a time, from the deterministic *central case* (every variable at its central value,
    processes without shocks, events at the engine's deterministic-mode timing): each
    variable is swung from its 10th to its 90th percentile, each event between "does not
    happen" and "happens" (from its median first-occurrence year given that it happens within
    the horizon, or from a year the caller picks), the others staying central. Cheap
    (``2 k + 1`` model evaluations for ``k`` inputs, in one vectorised call) and easy to
    read, but blind to interactions and to the shape of each distribution beyond the two
    quantiles. Its centre is not the Monte Carlo median: skewed inputs, events and shocks
    move the median of a run away from the central case.
rank correlation (:func:`rank_correlation`, in :mod:`model.sensitivities.rank`)
    From a Monte Carlo run that kept its inputs, so at no extra cost: the Spearman rank
    correlation of each input's own randomness (a variable's draw before events, a process's
    shocks, an event's occurrences) with the output, and the *contribution to variance*
    ``rho_i**2 / sum_j rho_j**2``. It sees the run's correlations, process shocks and events,
    but shares credit between correlated inputs and only captures monotone effects.
Sobol' indices (:func:`sobol_indices`, in :mod:`model.sensitivities.sobol`)
    A variance decomposition: ``S1`` is the share of the output's variance an input explains
    alone, ``ST`` adds every interaction it takes part in. Variables, events (through the year
    of their occurrences) and process shocks (one group per process) are sampled
    independently with Saltelli's scheme; the thesis's correlations are ignored (a warning
    says so).

For an additive model with independent inputs the three agree: ``S1_i = ST_i`` equals the
contribution to variance up to the difference between rank and linear correlation, and the
tornado ranks by ``|a_i| (p90_i - p10_i)``.

Derived quantities are never inputs: they follow from what they are computed from (a process
whose mean is a variable is varied through that variable). Fixed values are skipped. Process
shocks are left out of the tornado (a vector of yearly shocks has no single low and high
setting; they stay at zero as in the central case).
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

import numpy as np

from model.engine.draws.rng import SeedLike
from model.engine.execution.events import median_counts
from model.engine.spec import ModelSpec
from model.errors import (
    EngineError,
    FlatOutputError,
    HorizonError,
    SettingsError,
    UnknownScenarioError,
    choose,
)
from model.sensitivities.eval import (
    DEFAULT_CHUNK_SIZE,
    Factor,
    ModelFn,
    annual_probs,
    central_probs,
    choose_factors,
    conditional_median_year,
    counts_from_first_year,
    evaluate_output,
    label_unit,
    output_per_year,
    output_year,
    thesis_labels,
    uniforms_from_counts,
)
from model.sensitivities.origin import Origin
from model.sensitivities.rank import check_result_kind, check_run_of, rank_correlation
from model.sensitivities.results import (
    FactorKind,
    PathSummary,
    RankCorrelationResult,
    RankEntry,
    SensitivityMethod,
    SobolEntry,
    SobolResult,
    TornadoBar,
    TornadoResult,
)
from model.sensitivities.shown import quantile_text
from model.sensitivities.sobol import (
    brief_list,
    correlated_pairs,
    has_process_shocks,
    sobol_indices,
)

__all__ = [
    "FactorKind",
    "PathSummary",
    "RankCorrelationResult",
    "RankEntry",
    "SensitivityMethod",
    "SobolEntry",
    "SobolResult",
    "TornadoBar",
    "TornadoResult",
    "rank_correlation",
    "sensitivity",
    "sobol_indices",
    "tornado",
]

#: Any of the three results, kept as its own type through :func:`_dated`.
_Found = TypeVar("_Found", TornadoResult, RankCorrelationResult, SobolResult)

# --------------------------------------------------------------------------------------------
# Tornado
# --------------------------------------------------------------------------------------------


def _happens_year(spec: ModelSpec, event_year: int | None, p_central: float, ev: Any) -> int:
    """Year position of an event's occurrence in its "happens" case.

    An event limited to some years happens in the year asked for only when it can; otherwise,
    as without a year asked for, in its median first chance given that it happens.
    """
    if event_year is not None and event_year not in spec.years[1:]:
        raise HorizonError(event_year, spec.years[1:], "the years events can happen in")
    chances = ev.chances(spec.years) or tuple(range(1, spec.n_years))
    if event_year is not None and spec.years.index(event_year) in chances:
        return spec.years.index(event_year)
    return chances[conditional_median_year(p_central, len(chances)) - 1]


def tornado(
    spec: ModelSpec,
    fn: ModelFn,
    output: str = "value_per_share",
    year: int | None = None,
    *,
    inputs: Sequence[str] | None = None,
    low: float = 0.1,
    high: float = 0.9,
    event_year: int | None = None,
    labels: Mapping[str, str] | None = None,
    units: Mapping[str, str] | None = None,
    output_unit: str = "",
    chunk_size: int = DEFAULT_CHUNK_SIZE,
) -> TornadoResult:
    """Swing each input between a low and a high setting with the others at their central values.

    Parameters
    ----------
    spec : ModelSpec
        The model's inputs.
    fn : callable
        Vectorised model ``fn(inputs) -> Mapping[str, ndarray]``.
    output : str
        Output to rank by.
    year : int, optional
        Calendar year of the output; default the exit (last) year.
    inputs : sequence of str, optional
        Static variables and events to swing; default every uncertain one (fixed values and
        events that cannot happen at their central probability are skipped).
    low, high : float
        Quantiles the variables are swung between, ``0 <= low < high <= 1`` (0 and 1 only
        for inputs bounded there: an infinite setting is refused). A discrete
        variable whose two quantiles coincide (a rare outcome of a Bernoulli) is swung from its
        lowest value to its highest instead, as an event is, and the result's notes say so.
    event_year : int, optional
        Calendar year from which an event applies in its "happens" case. Default: per event,
        the median year of its first occurrence given that it happens within the horizon, at
        its central annual probability (e.g. year 3 of 5 for 5% a year). A repeatable event
        happens once.
    labels, units : Mapping[str, str], optional
        Human labels and units per input.
    output_unit : str
        Unit of the output, recorded in the result.
    chunk_size : int
        Rows per model call (all ``2 k + 1`` rows go in one call unless ``k`` is huge).

    Returns
    -------
    TornadoResult

    Raises
    ------
    ThesisModelError
        Unknown output or input (with a did-you-mean hint), a process or derived input, a year
        off the horizon, bad quantiles, or a model that gives a non-finite output.
    """
    numbers = all(isinstance(q, float | int | np.number) and not isinstance(q, bool)
                  for q in (low, high))  # fmt: skip
    if not (numbers and 0.0 <= low < high <= 1.0):
        raise SettingsError(
            f"need 0 <= low < high <= 1 for the tornado, got low={low!r}, high={high!r}"
        )
    why = {
        FactorKind.SHOCKS: "a process's yearly shocks have no single low and high setting; "
        "the tornado keeps them at zero (Sobol' indices analyse them)"
    }
    factors = choose_factors(
        spec, inputs, kinds=frozenset({FactorKind.VARIABLE, FactorKind.EVENT}), why_not=why
    )
    p_central = central_probs(spec)
    if inputs is None:
        # An event that cannot happen at its central probability has no "happens" case.
        factors = tuple(
            f for f in factors if f.kind is not FactorKind.EVENT or p_central[f.name] > 0.0
        )
    for f in factors:
        if f.kind is FactorKind.EVENT and p_central[f.name] <= 0.0:
            raise SettingsError(
                f"event {f.name!r} cannot happen at its central annual "
                "probability (0), so it has no 'happens' case to swing to"
            )
    idx, at = output_year(spec.years, output, output_per_year(spec, fn, output), year)
    n_rows = 1 + 2 * len(factors)
    # Row 0 is the central case; rows 2i+1 / 2i+2 put input i low / high. One vectorised call.
    values = {v.name: np.full(n_rows, v.dist.central()) for v in spec.variables}
    settings: list[tuple[float, float, int | None]] = []
    whole: list[str] = []
    for i, f in enumerate(factors):
        if f.kind is FactorKind.VARIABLE:
            lo, hi = f.item.dist.quantile_value(low), f.item.dist.quantile_value(high)
            if lo == hi and f.item.dist.discrete:
                # Its rare outcome lies beyond both quantiles: a zero swing would hide it.
                lo, hi = f.item.dist.quantile_value(0.0), f.item.dist.quantile_value(1.0)
                whole.append(f.name)
            _check_finite_setting(f.name, (low, lo), (high, hi))
            values[f.name][2 * i + 1] = lo
            values[f.name][2 * i + 2] = hi
            settings.append((lo, hi, None))
        else:
            happens = _happens_year(spec, event_year, p_central[f.name], f.item)
            settings.append((0.0, 1.0, happens))
    event_u = {}
    central_first: dict[str, int | None] = {}
    if any(f.kind is FactorKind.EVENT for f in factors):
        # Rows other than an event's own two keep it at its median timing for their own
        # probability (a swung probability variable moves it).
        probs = annual_probs(spec, values, n_rows)
        for i, f in enumerate(factors):
            if f.kind is FactorKind.EVENT:
                counts = median_counts(
                    probs[f.name], spec.n_years, n_rows, f.item.repeatable,
                    f.item.chances(spec.years),
                )  # fmt: skip
                first = np.flatnonzero(counts[:, 0] > 0)
                central_first[f.name] = spec.years[int(first[0])] if first.size else None
                counts[:, 2 * i + 1] = 0.0
                counts[:, 2 * i + 2] = counts_from_first_year(
                    np.array([settings[i][2]], dtype=float), spec.n_years
                )[:, 0]
                event_u[f.name] = uniforms_from_counts(counts)
    y = evaluate_output(
        spec, fn, output, idx, n_rows, values=values, event_u=event_u, chunk_size=chunk_size
    )
    bad = np.flatnonzero(~np.isfinite(y))
    if bad.size:
        raise EngineError(
            f"the model gives a non-finite {output!r} with {_row_words(factors, int(bad[0]))}"
        )
    if np.ptp(y) == 0:  # every swing zero: as rank and Sobol' say, nothing to explain
        raise FlatOutputError(output, at, "every input's low and high setting")
    bars = []
    for i, f in enumerate(factors):
        label, unit = label_unit(f.name, labels, units)
        lo, hi, when = settings[i]
        is_event = f.kind is FactorKind.EVENT
        bars.append(
            TornadoBar(
                input=f.name,
                label=label,
                unit="" if is_event else unit,  # an event's values are occurrence counts
                low_value=lo,
                high_value=hi,
                output_at_low=float(y[2 * i + 1]),
                output_at_high=float(y[2 * i + 2]),
                kind=f.kind,
                event_year=None if when is None else spec.years[when],
                central_event_year=central_first.get(f.name),
                whole_range=f.name in whole,
            )
        )
    # Stable sort: equal swings keep the input order, so the table is reproducible.
    bars.sort(key=lambda b: -abs(b.swing))
    return TornadoResult(
        output=output,
        year=at,
        central_value=float(y[0]),
        bars=tuple(bars),
        low_quantile=low,
        high_quantile=high,
        output_unit=output_unit,
        notes=_tornado_notes(spec, factors, event_year, whole),
    )


def _row_words(factors: Sequence[Factor], row: int) -> str:
    """Which setting a tornado row holds, for error messages."""
    if row == 0:
        return "every input central"
    f = factors[(row - 1) // 2]
    is_low = row % 2 == 1
    if f.kind is FactorKind.EVENT:
        return f"event {f.name} {'not happening' if is_low else 'happening'}"
    return f"{f.name} at its {'low' if is_low else 'high'} value"


def _check_finite_setting(name: str, *settings: tuple[float, float]) -> None:
    """Refuse a quantile an unbounded input does not reach (0 or 1 of a normal): the model
    would be run at an infinite input and its failure blamed on the thesis' lines."""
    for level, value in settings:
        if not np.isfinite(value):
            raise SettingsError(
                f"the tornado's {quantile_text(level)} quantile of {name!r} is {value}: its "
                "distribution has no bound there; swing it between quantiles inside 0 and 1 "
                "(e.g. low=0.01, high=0.99)"
            )


def _tornado_notes(
    spec: ModelSpec, factors: Sequence[Factor], event_year: int | None, whole: Sequence[str] = ()
) -> tuple[str, ...]:
    notes = ["one input at a time from the deterministic central case; interactions are not seen"]
    if correlated_pairs(spec, [v.name for v in spec.variables]):
        notes.append("the thesis's correlations are not applied (inputs move one at a time)")
    if has_process_shocks(spec):
        notes.append(
            "process shocks are held at zero, as in the central case (Sobol' indices "
            "and the rank method analyse them)"
        )
    events = [f for f in factors if f.kind is FactorKind.EVENT]
    if events:
        when = (
            f"from {event_year}"
            if event_year is not None
            else "from its median first-occurrence year given that it happens within the horizon"
        )
        notes.append(f"an event swings between not happening and happening {when}")
        limited = [
            f.name
            for f in events
            if f.item.years and event_year is not None and event_year not in f.item.years
        ]
        if limited:
            notes.append(
                f"{brief_list(limited)}: cannot happen in {event_year}, so swung to happening "
                "in the median of its own years given that it happens"
            )
        if any(f.item.repeatable for f in events):
            notes.append("a repeatable event's 'happens' case is a single occurrence")
    if whole:
        notes.append(
            f"{brief_list(list(whole))}: discrete, with equal low and high quantiles, so swung "
            "from the lowest value to the highest"
        )
    return tuple(notes)


# --------------------------------------------------------------------------------------------
# Convenience
# --------------------------------------------------------------------------------------------


def sensitivity(
    thesis: Any,
    scenario: str | None = None,
    output: str = "value_per_share",
    year: int | None = None,
    method: SensitivityMethod | str = SensitivityMethod.TORNADO,
    *,
    inputs: Sequence[str] | None = None,
    result: Any = None,
    n_paths: int | None = None,
    n_base: int | None = None,
    seed: SeedLike = None,
    **options: Any,
) -> TornadoResult | RankCorrelationResult | SobolResult:
    """Rank a thesis's assumptions and events by their effect on an output.

    Parameters
    ----------
    thesis : str, Path or Thesis
        The thesis file or a loaded thesis (for ``"rank"`` also a SimulationResult).
    scenario : str, optional
        Scenario to analyse: by default the scenario ``result`` was run for, else the base
        case.
    output : str
        Model output, e.g. ``"value_per_share"`` or ``"revenue_cloud_total"``.
    year : int, optional
        Calendar year; default the exit year.
    method : SensitivityMethod or str
        ``"tornado"``, ``"rank"`` or ``"sobol"``.
    inputs : sequence of str, optional
        Assumptions and events to analyse; default every uncertain one.
    result : SimulationResult, optional
        For ``"rank"``: an existing run (with kept inputs) to analyse instead of simulating
        (``seed`` is then not used, and ``n_paths`` is refused: the run has its paths). It
        must be a run of ``thesis`` and, when ``scenario`` is given, of that scenario (any
        method checks this).
    n_paths : int, optional
        For ``"rank"`` only: paths of the simulation when ``result`` is not given (default
        20,000).
    n_base : int, optional
        For ``"sobol"`` only: SALib's base sample size ``N``, a power of 2 (default 1,024);
        the model runs ``n_base * (k + 2)`` times for ``k`` inputs. ``n_paths`` is refused
        rather than read as either: SALib users size Sobol' by ``N`` and @RISK users read a
        number of paths as the number of model runs, so either reading would surprise the
        other, and silently ignoring it would report a precision the caller did not ask for.
        Likewise ``n_base`` is refused by rank and tornado, and ``n_paths`` by the tornado
        (it evaluates the central case ``2 k + 1`` times and draws no paths).
    seed : int, SeedSequence, Generator or None
        For ``"rank"`` (the simulation's seed) and ``"sobol"``; normalised by the engine's
        :func:`~model.engine.draws.rng.handle_seed`. None draws fresh entropy (recorded in the
        result).
    **options
        Passed on to :func:`tornado`, :func:`rank_correlation` or :func:`sobol_indices`.

    Returns
    -------
    TornadoResult, RankCorrelationResult or SobolResult
        With ``output_unit`` from the model (tornado, Sobol') or the run (rank).

    Raises
    ------
    SettingsError
        A ``result`` simulated from another thesis, or for another scenario than ``scenario``;
        a sample size the method does not use (``n_paths`` for Sobol' or the tornado or with
        ``result``, ``n_base`` for rank or the tornado), naming the one that sizes it.
    """
    how = choose(SensitivityMethod, method, "sensitivity method")
    _check_options(how, options)
    if how is SensitivityMethod.RANK and result is None:
        if hasattr(thesis, "outputs") and hasattr(thesis, "inputs"):
            result = thesis  # a SimulationResult given in place of the thesis
    check_result_kind(result)
    _check_sizes(how, n_paths, n_base, result)
    # A run of another thesis or scenario would be ranked and labelled as if of these.
    check_run_of(result, thesis, scenario)
    if scenario is None:
        scenario = str(getattr(result, "scenario", None) or "base")
    if how is SensitivityMethod.RANK:
        if result is None:
            from model.inputs.assembly.thesis import load_thesis
            from model.scenarios import simulate

            # Checked before the run: a year nothing is held to is refused at once.
            th = load_thesis(thesis) if isinstance(thesis, str | os.PathLike) else thesis
            _check_held(th, output, year)
            paths = RANK_PATHS if n_paths is None else n_paths
            result = simulate(th, scenario=scenario, n_paths=paths, seed=seed, keep_inputs=True)
        _check_held(getattr(result, "thesis", None), output, year)
        found = rank_correlation(result, output, year, inputs=inputs, **options)
        return _dated(found, getattr(result, "thesis", None), scenario)
    th, spec, fn = _thesis_model(thesis, scenario)
    _check_held(th, output, year)
    labels, units = thesis_labels(th)
    labels.update(options.pop("labels", None) or {})
    units.update(options.pop("units", None) or {})
    unit = options.pop("output_unit", None)
    if unit is None:
        unit = str((getattr(fn, "output_units", None) or {}).get(output, ""))
    from model.valuation.checks import locating

    with locating(th):
        if how is SensitivityMethod.TORNADO:
            return _dated(
                tornado(
                    spec,
                    fn,
                    output,
                    year,
                    inputs=inputs,
                    labels=labels,
                    units=units,
                    output_unit=unit,
                    **options,
                ),
                th,
                scenario,
            )
        return _dated(
            sobol_indices(
                spec,
                fn,
                output,
                year,
                inputs=inputs,
                n_base=SOBOL_BASE if n_base is None else n_base,
                seed=seed,
                labels=labels,
                units=units,
                output_unit=unit,
                **options,
            ),
            th,
            scenario,
        )


def _dated(found: _Found, thesis: Any, scenario: str) -> _Found:
    """``found`` with the day its thesis' years end, so its headline names FY2030 when the
    years do not end in December (the analyses themselves see model years only), and with the
    thesis and scenario it is of, so a workbook of another refuses it."""
    end = str(getattr(thesis, "fiscal_year_end", None) or "12-31")
    return dataclasses.replace(found, year_end=end, origin=Origin.of(thesis, scenario))


#: Paths of the rank method's run, and Sobol's base sample, when not given.
RANK_PATHS = 20_000
SOBOL_BASE = 1024

# Parameters of the methods that sensitivity() fills itself (or takes under its own name).
_OWN = {"spec", "fn", "result", "output", "year", "inputs", "n_base", "seed"}


def _check_options(how: SensitivityMethod, options: Mapping[str, Any]) -> None:
    """A keyword the chosen method does not take (a misspelt ``method=``, say) is named with
    the keywords it does take, not left to a type error naming a function never called."""
    import inspect

    methods: dict[SensitivityMethod, Callable[..., Any]] = {
        SensitivityMethod.TORNADO: tornado,
        SensitivityMethod.RANK: rank_correlation,
        SensitivityMethod.SOBOL: sobol_indices,
    }
    fn = methods[how]
    own = _OWN - {"spec"} if how is SensitivityMethod.RANK else _OWN  # a run has no spec of its own
    known = sorted(set(inspect.signature(fn).parameters) - own)
    unknown = sorted(set(options) - set(known))
    if unknown:
        raise SettingsError(
            f"sensitivity(method={how.value!r}) takes no option {', '.join(map(repr, unknown))}; "
            "its own: scenario, output, year, method, inputs, result, n_paths, n_base, seed; "
            f"the {how.value} method's: {', '.join(known)}"
        )


def _check_sizes(
    how: SensitivityMethod, n_paths: int | None, n_base: int | None, result: Any
) -> None:
    """Refuse a sample size the chosen method would not use, naming the one that sizes it: an
    ignored size would leave the caller believing in a precision that was never computed."""
    if how is SensitivityMethod.SOBOL and n_paths is not None:
        raise SettingsError(
            f"n_paths sizes the rank method's run, not Sobol': Sobol' is sized by n_base, its "
            "base sample (a power of 2; n_base * (inputs + 2) model runs); pass n_base= "
            f"instead of n_paths={n_paths!r}"
        )
    if how is SensitivityMethod.TORNADO and (n_paths, n_base) != (None, None):
        given = "n_paths" if n_paths is not None else "n_base"
        raise SettingsError(
            "the tornado draws no paths (it evaluates the central case and two swings per "
            f"input); leave {given} out, or use method='rank' (sized by n_paths) or "
            "method='sobol' (sized by n_base)"
        )
    if how is SensitivityMethod.RANK and n_base is not None:
        raise SettingsError(
            "n_base sizes Sobol', not rank: rank is sized by n_paths (the paths of its run); "
            f"pass n_paths= instead of n_base={n_base!r}"
        )
    if how is SensitivityMethod.RANK and n_paths is not None and result is not None:
        had = getattr(result, "n_paths", None)
        ran = f" of {had:,} paths" if isinstance(had, int) else ""
        raise SettingsError(
            f"n_paths sizes a new run, but result= is a run already{ran}: leave n_paths out, "
            "or leave result out to simulate anew"
        )


def _check_held(thesis: Any, output: str, year: int | None) -> None:
    """Refuse a dated output (today's value, the dated returns) in a year nothing is held to:
    it has no value there, which is not the same as a value no input moves."""
    from model.results.statements import unheld_year_problem

    problem = unheld_year_problem(thesis, output, year) if year is not None else None
    if problem:
        raise SettingsError(problem)


def _thesis_model(thesis: Any, scenario: str) -> tuple[Any, ModelSpec, ModelFn]:
    """The thesis with ``scenario`` applied, its ModelSpec and its vectorised model function."""
    from model.inputs.assembly.thesis import load_thesis
    from model.scenarios import scenario_names
    from model.valuation import build_model

    th = load_thesis(thesis) if isinstance(thesis, str | os.PathLike) else thesis
    names = scenario_names(th)
    if scenario not in names:
        raise UnknownScenarioError(scenario, names)
    if (getattr(th, "scenario", None) or "base") != scenario:
        th = th.with_scenario(scenario)
    return th, th.to_spec(), build_model(th)
