"""Which assumptions matter: tornado, rank correlation and Sobol' indices.

Three views of the same question, each answering it differently:

tornado (:func:`tornado`)
    One at a time: every input is swung from its 10th to its 90th percentile while the others
    stay at their central values (the engine's deterministic mode: processes without shocks,
    events off). Cheap (``2 k + 1`` model evaluations for ``k`` inputs, all in one vectorised
    call) and easy to read, but blind to interactions and to the shape of each distribution
    beyond the two quantiles.
rank correlation (:func:`rank_correlation`, in :mod:`model.report.sensitivity_rank`)
    From a Monte Carlo run that kept its inputs, so at no extra cost: the Spearman rank
    correlation of each input's own randomness (a variable's draw before events, a process's
    shocks, an event's occurrences) with the output, and the *contribution to variance*
    ``rho_i**2 / sum_j rho_j**2`` (the normalisation spreadsheet risk tools use). It sees the
    run's correlations, process shocks and events, but shares credit between correlated inputs
    and only captures monotone effects.
Sobol' indices (:func:`sobol_indices`)
    A variance decomposition on the deterministic model: the first-order index ``S1`` is the
    share of the output's variance explained by an input alone, the total index ``ST`` adds
    every interaction it takes part in. Sampled with Saltelli's scheme and analysed with
    SALib, costing ``n_base * (k + 2)`` evaluations. The inputs are sampled *independently*,
    which is what the decomposition is defined for; correlations in the thesis are ignored
    (a warning says so).

For an additive model with independent inputs the three agree: ``S1_i = ST_i`` equals the
contribution to variance up to the difference between rank and linear correlation, and the
tornado ranks by ``|a_i| (p90_i - p10_i)``.

Only *static variables* are varied by tornado and Sobol'; processes and derived assumptions
follow from them (a process whose mean is a variable is varied through that variable). Process
shocks and events play no part in the deterministic model, so their own parameters (a
``shock_sd`` or an event probability) get zero importance there; the rank method, which
works on a full Monte Carlo run, sees them through the process shocks and event occurrences.
Fixed values are never analysed.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from model.engine.rng import TINY, SeedLike
from model.engine.spec import ModelSpec
from model.errors import EngineError
from model.report.errors import UnknownScenarioError
from model.report.sensitivity_eval import (
    DEFAULT_CHUNK_SIZE,
    ModelFn,
    central_values,
    choose_inputs,
    evaluate_output,
    label_unit,
    sensitivity_generators,
    thesis_labels,
    year_at,
    year_index,
)
from model.report.sensitivity_rank import rank_correlation
from model.report.sensitivity_results import (
    PathSummary,
    RankCorrelationResult,
    RankEntry,
    SensitivityMethod,
    SobolEntry,
    SobolResult,
    TornadoBar,
    TornadoResult,
    coerce_choice,
)

__all__ = [
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


# --------------------------------------------------------------------------------------------
# Tornado
# --------------------------------------------------------------------------------------------


def tornado(
    spec: ModelSpec,
    fn: ModelFn,
    output: str = "value_per_share",
    year: int | None = None,
    *,
    inputs: Sequence[str] | None = None,
    low: float = 0.1,
    high: float = 0.9,
    labels: Mapping[str, str] | None = None,
    units: Mapping[str, str] | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
) -> TornadoResult:
    """Swing each input between two quantiles with the others at their central values.

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
        Static variables to swing; default every variable that is not fixed.
    low, high : float
        Quantiles to swing between, ``0 <= low < high <= 1``.
    labels, units : Mapping[str, str], optional
        Human labels and units per input for the table.
    chunk_size : int
        Rows per model call (all ``2 k + 1`` rows go in one call unless ``k`` is huge).

    Returns
    -------
    TornadoResult

    Raises
    ------
    ThesisModelError
        Unknown output or input (with a did-you-mean hint), a year off the horizon, bad
        quantiles, or a model that gives a non-finite output.
    """
    if not (0.0 <= low < high <= 1.0):
        raise EngineError(f"need 0 <= low < high <= 1 for the tornado, got low={low}, high={high}")
    chosen = choose_inputs(spec, inputs)
    idx = year_index(spec.years, year)
    centre = central_values(spec)
    n_rows = 1 + 2 * len(chosen)
    # Row 0 is the base case; rows 2i+1 / 2i+2 swing input i low / high. One vectorised call.
    values = {name: np.full(n_rows, value) for name, value in centre.items()}
    lows, highs = [], []
    for i, var in enumerate(chosen):
        lo, hi = float(var.dist.quantile(low)), float(var.dist.quantile(high))
        values[var.name][2 * i + 1] = lo
        values[var.name][2 * i + 2] = hi
        lows.append(lo)
        highs.append(hi)
    y = evaluate_output(spec, fn, values, output, idx, chunk_size)
    bad = np.flatnonzero(~np.isfinite(y))
    if bad.size:
        row = int(bad[0])
        where = "every input central" if row == 0 else (
            f"{chosen[(row - 1) // 2].name} at its {'low' if row % 2 else 'high'} value"
        )
        raise EngineError(f"the model gives a non-finite {output!r} with {where}")
    bars = []
    for i, var in enumerate(chosen):
        label, unit = label_unit(var.name, labels, units)
        bars.append(
            TornadoBar(var.name, label, unit, lows[i], highs[i], float(y[2 * i + 1]),
                       float(y[2 * i + 2]))
        )
    # Stable sort: equal swings keep the spec order, so the table is reproducible.
    bars.sort(key=lambda b: -abs(b.swing))
    return TornadoResult(output, year_at(spec.years, idx), float(y[0]), tuple(bars), low, high)


# --------------------------------------------------------------------------------------------
# Sobol' indices
# --------------------------------------------------------------------------------------------

# ppf(0) and ppf(1) are infinite for unbounded families and a scrambled Sobol' point can be
# exactly 0. The engine keeps its uniforms in [TINY, 1) for the same reason; do likewise.
_U_LOW, _U_HIGH = TINY, 1.0 - 2.0**-53


def _warn_if_correlated(spec: ModelSpec, names: Sequence[str]) -> None:
    """Warn when analysed inputs are correlated in the thesis: Sobol' samples them apart."""
    corr = spec.correlation
    if corr is None:
        return
    pos = {n: i for i, n in enumerate(corr.names)}
    sel = [pos[n] for n in names if n in pos]
    if len(sel) < 2:
        return
    sub = np.asarray(corr.matrix, dtype=float)[np.ix_(sel, sel)]
    if np.any(np.abs(sub - np.eye(len(sel))) > 0):
        warnings.warn(
            "Sobol' indices sample the inputs independently; the thesis's correlations between "
            "them are ignored (the rank method reflects them)",
            UserWarning,
            stacklevel=3,
        )


def sobol_indices(
    spec: ModelSpec,
    fn: ModelFn,
    output: str = "value_per_share",
    year: int | None = None,
    *,
    inputs: Sequence[str] | None = None,
    n_base: int = 1024,
    seed: SeedLike = None,
    conf_level: float = 0.95,
    num_resamples: int = 100,
    labels: Mapping[str, str] | None = None,
    units: Mapping[str, str] | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
) -> SobolResult:
    """First-order and total Sobol' indices of the deterministic model, through SALib.

    The Saltelli sample is drawn in the unit hypercube, mapped through each input's quantile
    function (so every distribution family works, including discrete ones), evaluated in
    vectorised chunks, and analysed with bootstrap confidence intervals.

    Parameters
    ----------
    spec : ModelSpec
    fn : callable
        Vectorised model ``fn(inputs) -> Mapping[str, ndarray]``.
    output : str
    year : int, optional
        Calendar year of the output; default the exit year.
    inputs : sequence of str, optional
        Static variables to analyse; default every variable that is not fixed. The others stay
        at their central values.
    n_base : int
        Base sample size, a power of 2 (>= 16). The model runs ``n_base * (k + 2)`` times for
        ``k`` inputs; the confidence half-widths shrink like ``1 / sqrt(n_base)``.
    seed : int, SeedSequence, Generator or None
        Root seed; None draws fresh entropy (recorded in the result as ``seed_entropy``).
        The sample and the bootstrap use their own streams keyed off this root.
    conf_level : float
        Level of the bootstrap confidence intervals.
    num_resamples : int
        Bootstrap resamples.
    labels, units : Mapping[str, str], optional
    chunk_size : int
        Rows per model call.

    Returns
    -------
    SobolResult

    Raises
    ------
    ThesisModelError
        Unknown names, a year off the horizon, bad settings, an output that does not vary or
        is non-finite somewhere in the sample.
    """
    from SALib.analyze import sobol as sobol_analyze
    from SALib.sample import sobol as sobol_sample

    if isinstance(n_base, bool) or not isinstance(n_base, int | np.integer) or (
        n_base < 16 or n_base & (n_base - 1)
    ):
        raise EngineError(f"n_base must be a power of 2 and at least 16, got {n_base}")
    if not 0.0 < conf_level < 1.0:
        raise EngineError(f"conf_level must be in (0, 1), got {conf_level}")
    if num_resamples < 2:
        raise EngineError(f"num_resamples must be at least 2, got {num_resamples}")
    chosen = choose_inputs(spec, inputs)
    idx = year_index(spec.years, year)
    names = [v.name for v in chosen]
    _warn_if_correlated(spec, names)
    entropy, sample_rng, boot_rng = sensitivity_generators(seed, "sobol")

    problem = {"num_vars": len(names), "names": names, "bounds": [[0.0, 1.0]] * len(names)}
    u = sobol_sample.sample(problem, n_base, calc_second_order=False, scramble=True,
                            seed=sample_rng)
    u = np.clip(u, _U_LOW, _U_HIGH)
    n_rows = u.shape[0]
    values = {name: np.full(n_rows, value) for name, value in central_values(spec).items()}
    for j, var in enumerate(chosen):
        values[var.name] = np.asarray(var.dist.ppf(u[:, j]), dtype=float)
    y = evaluate_output(spec, fn, values, output, idx, chunk_size)
    n_bad = int((~np.isfinite(y)).sum())
    if n_bad:
        raise EngineError(
            f"the model gives a non-finite {output!r} for {n_bad} of {n_rows} sampled input "
            "combinations; Sobol' indices need every evaluation (narrow the inputs' bounds)"
        )
    if np.ptp(y) == 0:
        raise EngineError(f"output {output!r} does not vary with the analysed inputs")
    # A Generator (always truthy) makes SALib's bootstrap use it; a falsy seed would send it
    # to numpy's global random state.
    si = sobol_analyze.analyze(problem, y, calc_second_order=False, num_resamples=num_resamples,
                               conf_level=conf_level, seed=boot_rng)
    entries = []
    for j, name in enumerate(names):
        label, unit = label_unit(name, labels, units)
        entries.append(SobolEntry(name, label, unit, float(si["S1"][j]), float(si["S1_conf"][j]),
                                  float(si["ST"][j]), float(si["ST_conf"][j])))
    entries.sort(key=lambda e: -e.ST)
    return SobolResult(output, year_at(spec.years, idx), n_base, n_rows, conf_level, entropy,
                       tuple(entries))


# --------------------------------------------------------------------------------------------
# Convenience
# --------------------------------------------------------------------------------------------


def sensitivity(
    thesis: Any,
    scenario: str = "base",
    output: str = "value_per_share",
    year: int | None = None,
    method: SensitivityMethod | str = SensitivityMethod.TORNADO,
    *,
    inputs: Sequence[str] | None = None,
    result: Any = None,
    n_paths: int = 20_000,
    n_base: int = 1024,
    seed: SeedLike = None,
    **options: Any,
) -> TornadoResult | RankCorrelationResult | SobolResult:
    """Rank a thesis's assumptions by their effect on an output.

    Parameters
    ----------
    thesis : str, Path or Thesis
        The thesis file or a loaded thesis (for ``"rank"`` also a SimulationResult).
    scenario : str
        Scenario to analyse.
    output : str
        Model output, e.g. ``"value_per_share"`` or ``"revenue_cloud_total"``.
    year : int, optional
        Calendar year; default the exit year.
    method : SensitivityMethod or str
        ``"tornado"``, ``"rank"`` or ``"sobol"``.
    inputs : sequence of str, optional
        Assumptions to analyse; default every uncertain one.
    result : SimulationResult, optional
        For ``"rank"``: an existing run (with kept inputs) to analyse instead of simulating;
        ``thesis``, ``scenario``, ``n_paths`` and ``seed`` are then not used.
    n_paths : int
        For ``"rank"``: paths of the simulation when ``result`` is not given.
    n_base : int
        For ``"sobol"``: base sample size (power of 2).
    seed : int, SeedSequence, Generator or None
        For ``"rank"`` and ``"sobol"``; None draws fresh entropy (recorded in the result).
    **options
        Passed on to :func:`tornado`, :func:`rank_correlation` or :func:`sobol_indices`.

    Returns
    -------
    TornadoResult, RankCorrelationResult or SobolResult
    """
    how = coerce_choice(SensitivityMethod, method, "sensitivity method")
    if how is SensitivityMethod.RANK:
        if result is None and hasattr(thesis, "outputs") and hasattr(thesis, "inputs"):
            result = thesis  # a SimulationResult given in place of the thesis
        if result is None:
            from model.scenarios import simulate

            result = simulate(thesis, scenario=scenario, n_paths=n_paths, seed=seed,
                              keep_inputs=True)
        return rank_correlation(result, output, year, inputs=inputs, **options)
    th, spec, fn = _thesis_model(thesis, scenario)
    labels, units = thesis_labels(th)
    labels.update(options.pop("labels", None) or {})
    units.update(options.pop("units", None) or {})
    if how is SensitivityMethod.TORNADO:
        return tornado(spec, fn, output, year, inputs=inputs, labels=labels, units=units,
                       **options)
    return sobol_indices(spec, fn, output, year, inputs=inputs, n_base=n_base, seed=seed,
                         labels=labels, units=units, **options)


def _thesis_model(thesis: Any, scenario: str) -> tuple[Any, ModelSpec, ModelFn]:
    """The thesis with ``scenario`` applied, its ModelSpec and its vectorised model function."""
    from model.inputs.thesis import load_thesis
    from model.scenarios import scenario_names
    from model.valuation import SegmentModel

    th = load_thesis(thesis) if isinstance(thesis, str | os.PathLike) else thesis
    names = scenario_names(th)
    if scenario not in names:
        raise UnknownScenarioError(scenario, names)
    if (getattr(th, "scenario", None) or "base") != scenario:
        th = th.with_scenario(scenario)
    return th, th.to_spec(), SegmentModel.from_thesis(th)
