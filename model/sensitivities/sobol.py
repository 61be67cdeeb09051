"""Sobol' indices of a model's inputs: variables, events and process shocks.

A variance decomposition: the first-order index ``S1`` of an input is the share of the output's
variance it explains alone, the total index ``ST`` adds every interaction it takes part in.
Sampled with Saltelli's scheme and analysed with SALib (``n_base * (k + 2)`` model evaluations
for ``k`` inputs), with bootstrap confidence intervals. Inputs are sampled *independently*, which
is what the decomposition is defined for; the thesis's correlations are ignored and a warning
says so. Each input is one or more uniforms of the sample:

* a variable: one uniform through its quantile function;
* a one-off event: one uniform ``u`` mapped to the year of its first occurrence by the geometric
  inverse CDF, ``year = ceil(log(1 - u) / log(1 - p))`` with ``p`` the row's annual probability;
  a year beyond the horizon means never. This is exactly the run's law of the first
  occurrence, and a one-off event's effects depend on nothing else; only its occurrence count,
  which a model may read, stops at 1 (later occurrences are not drawn);
* a repeatable event: one uniform per year, occurring when ``u_t < p`` as in a run; the uniforms
  are analysed as one group (SALib ``groups``), so nothing is approximated;
* a process's yearly shocks: one uniform per year (standard normal shocks ``ndtri(u)``, as in a
  run), analysed as one group named after the process (``shocks=False`` leaves them out).

Inputs not analysed stay at their central values (events at their deterministic-mode timing,
zero shocks); fixed values are skipped. Derived quantities follow from what they are computed
from.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping, Sequence
from typing import Any, cast

import numpy as np

from model.engine.draws.rng import TINY, SeedLike
from model.engine.spec import ModelSpec
from model.errors import EngineError, FlatOutputError, ResourceLimitError, SettingsError, warn
from model.sensitivities.eval import (
    DEFAULT_CHUNK_SIZE,
    Factor,
    ModelFn,
    annual_probs,
    choose_factors,
    counts_from_first_year,
    evaluate_output,
    first_occurrence_year,
    label_unit,
    on_chances,
    output_per_year,
    output_year,
    process_has_shocks,
    sensitivity_streams,
    uniforms_from_counts,
)
from model.sensitivities.results import FactorKind, SobolEntry, SobolResult

__all__ = ["SHOCKS", "brief_list", "correlated_pairs", "has_process_shocks", "sobol_indices"]

#: Label suffix of a process analysed through its yearly shocks.
SHOCKS = " (shocks)"


def has_process_shocks(spec: ModelSpec) -> bool:
    """Whether any process of ``spec`` has non-zero yearly shocks."""
    return any(process_has_shocks(spec, p) for p in spec.processes)


def correlated_pairs(spec: ModelSpec, names: Sequence[str]) -> list[str]:
    """``"a~b (0.5)"`` for every correlated pair among ``names`` in the thesis."""
    corr = spec.correlation
    if corr is None:
        return []
    pos = {n: i for i, n in enumerate(corr.names)}
    sel = [n for n in names if n in pos]
    matrix = np.asarray(corr.matrix, dtype=float)
    pairs = []
    for i, a in enumerate(sel):
        for b in sel[i + 1 :]:
            rho = float(matrix[pos[a], pos[b]])
            if rho != 0.0:
                pairs.append(f"{a}~{b} ({rho:+.2g})")
    return pairs


def brief_list(names: Sequence[str], limit: int = 6) -> str:
    """The first ``limit`` names, then how many more (messages stay readable)."""
    head = ", ".join(names[:limit])
    return head + (f" and {len(names) - limit} more" if len(names) > limit else "")


# --------------------------------------------------------------------------------------------
# Sobol' indices
# --------------------------------------------------------------------------------------------

# ppf(0) and ppf(1) are infinite for unbounded families and a scrambled Sobol' point can be
# exactly 0. The engine keeps its uniforms in [TINY, 1) for the same reason; do likewise.
_U_LOW, _U_HIGH = TINY, 1.0 - 2.0**-53


def _sobol_notes(
    spec: ModelSpec, factors: Sequence[Factor], shocks: bool, subset: bool
) -> tuple[list[str], list[str]]:
    """(exclusions, other notes) of a Sobol' analysis; exclusions are also warned about."""
    excluded = []
    pairs = correlated_pairs(spec, [f.name for f in factors if f.kind is FactorKind.VARIABLE])
    if pairs:
        excluded.append(
            "inputs are sampled independently, so the thesis's rank correlations "
            f"{brief_list(pairs)} are ignored (the rank method reflects them)"
        )
    if not shocks and has_process_shocks(spec):
        excluded.append("process shocks are excluded (held at zero)")
    other = []
    if subset:
        chosen = {f.name for f in factors}
        held = [name for name in _uncertain_names(spec) if name not in chosen]
        if held:
            other.append("held at central values / deterministic timing: " + brief_list(held))
    if any(f.kind is FactorKind.EVENT and not f.item.repeatable for f in factors):
        other.append(
            "a one-off event enters through its first-occurrence year (geometric "
            "inverse CDF of one uniform); its occurrence count stops at 1"
        )
    return excluded, other


def _warning_text(spec: ModelSpec, factors: Sequence[Factor], shocks: bool) -> str:
    """One line for the warning; the details stay in the result's ``notes``."""
    pairs = correlated_pairs(spec, [f.name for f in factors if f.kind is FactorKind.VARIABLE])
    parts = []
    if pairs:
        word = "correlation" if len(pairs) == 1 else "correlations"
        parts.append(f"{len(pairs)} rank {word} of the thesis ignored (inputs drawn independently)")
    if not shocks and has_process_shocks(spec):
        parts.append("process shocks held at zero")
    return "Sobol' indices: " + "; ".join(parts) + " - see result.notes"


def _salib(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Call SALib; its warnings are re-issued as one line each, attributed to the caller's code."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = fn(*args, **kwargs)
    for message in dict.fromkeys(" ".join(str(w.message).split()) for w in caught):
        warn(f"Sobol' indices (SALib): {message}")
    return out


def _uncertain_names(spec: ModelSpec) -> list[str]:
    """Every input the default analysis would vary (none when all are fixed)."""
    try:
        return [f.name for f in choose_factors(spec, None, kinds=frozenset(FactorKind))]
    except SettingsError:  # nothing uncertain: nothing held back either
        return []


def sobol_indices(
    spec: ModelSpec,
    fn: ModelFn,
    output: str = "value_per_share",
    year: int | None = None,
    *,
    inputs: Sequence[str] | None = None,
    shocks: bool = True,
    n_base: int = 1024,
    seed: SeedLike = None,
    conf_level: float = 0.95,
    num_resamples: int = 100,
    labels: Mapping[str, str] | None = None,
    units: Mapping[str, str] | None = None,
    output_unit: str = "",
    chunk_size: int = DEFAULT_CHUNK_SIZE,
) -> SobolResult:
    """First-order and total Sobol' indices of variables, events and process shocks (SALib).

    The Saltelli sample is drawn in the unit hypercube and mapped to the inputs as described
    in the module notes (quantile functions, first-occurrence years, per-year occurrences and
    shocks), evaluated in vectorised chunks and analysed with bootstrap confidence intervals.

    Parameters
    ----------
    spec : ModelSpec
    fn : callable
        Vectorised model ``fn(inputs) -> Mapping[str, ndarray]``.
    output : str
    year : int, optional
        Calendar year of the output; default the exit year.
    inputs : sequence of str, optional
        Variables, events and processes (their shocks) to analyse; default every uncertain
        one. The others stay central (events at their deterministic timing, zero shocks).
    shocks : bool
        Include process shocks in the default set (a warning says when they are left out).
    n_base : int
        Base sample size, a power of 2 (>= 16). The model runs ``n_base * (k + 2)`` times for
        ``k`` inputs (groups); the confidence half-widths shrink like ``1 / sqrt(n_base)``.
    seed : int, SeedSequence, Generator or None
        Root seed (engine :func:`~model.engine.draws.rng.handle_seed`); None draws fresh entropy.
        The result records it (``seed_entropy``, ``seed_spawn_key``, :meth:`SobolResult.seed`).
        The sample and the bootstrap use their own streams keyed off this root.
    conf_level : float
        Level of the bootstrap confidence intervals.
    num_resamples : int
        Bootstrap resamples.
    labels, units : Mapping[str, str], optional
    output_unit : str
        Unit of the output, recorded in the result.
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

    Warns
    -----
    ThesisModelWarning
        When something uncertain is left out of the decomposition: the thesis's correlations
        between analysed variables, or process shocks (``shocks=False``).
    """
    from SALib.analyze import sobol as sobol_analyze
    from SALib.sample import sobol as sobol_sample

    if (
        isinstance(n_base, bool)
        or not isinstance(n_base, int | np.integer)
        or (n_base < 16 or n_base & (n_base - 1))
    ):
        raise SettingsError(f"n_base must be a power of 2 and at least 16, got {n_base}")
    if not 0.0 < conf_level < 1.0:
        raise SettingsError(f"conf_level must be in (0, 1), got {conf_level}")
    if num_resamples < 2:
        raise SettingsError(f"num_resamples must be at least 2, got {num_resamples}")
    factors = choose_factors(spec, inputs, kinds=frozenset(FactorKind))
    if inputs is None and not shocks:
        factors = tuple(f for f in factors if f.kind is not FactorKind.SHOCKS)
    idx, at = output_year(spec.years, output, output_per_year(spec, fn, output), year)
    excluded, other = _sobol_notes(spec, factors, shocks, inputs is not None)
    if excluded:
        warn(_warning_text(spec, factors, shocks))
    root, sample_rng, boot_rng = sensitivity_streams(seed, "sobol")

    columns, groups = [], []
    for f in factors:
        columns += [f.name] if f.dims == 1 else [f"{f.name}[{d + 1}]" for d in range(f.dims)]
        groups += [f.name] * f.dims
    check_sobol_memory(n_base, len(columns), len(factors), num_resamples)
    problem = {
        "num_vars": len(columns),
        "names": columns,
        "groups": groups,
        "bounds": [[0.0, 1.0]] * len(columns),
    }
    u = _salib(
        sobol_sample.sample, problem, n_base, calc_second_order=False, scramble=True,
        seed=sample_rng,
    )  # fmt: skip
    u = np.clip(u, _U_LOW, _U_HIGH)
    n_rows = u.shape[0]
    values, event_u, shock_u = _map_sample(spec, factors, u)
    y = evaluate_output(
        spec,
        fn,
        output,
        idx,
        n_rows,
        values=values,
        event_u=event_u,
        shock_u=shock_u,
        chunk_size=chunk_size,
    )
    n_bad = int((~np.isfinite(y)).sum())
    if n_bad:
        raise EngineError(
            f"the model gives a non-finite {output!r} for {n_bad} of {n_rows} sampled input "
            "combinations; Sobol' indices need every evaluation (narrow the inputs' bounds)"
        )
    if np.ptp(y) == 0:
        raise FlatOutputError(output, at, "the sampled input combinations")
    # A Generator (always truthy) makes SALib's bootstrap use it; a falsy seed would send it
    # to numpy's global random state.
    si = _salib(
        sobol_analyze.analyze, problem, y, calc_second_order=False,
        num_resamples=num_resamples, conf_level=conf_level, seed=boot_rng,
    )  # fmt: skip
    entries = []
    for j, f in enumerate(factors):  # SALib orders groups by first appearance: factor order
        label, unit = label_unit(f.name, labels, units)
        if f.kind is FactorKind.SHOCKS:
            label += SHOCKS
        entries.append(
            SobolEntry(
                input=f.name,
                label=label,
                unit=unit,
                S1=float(si["S1"][j]),
                S1_conf=float(si["S1_conf"][j]),
                ST=float(si["ST"][j]),
                ST_conf=float(si["ST_conf"][j]),
                kind=f.kind,
            )
        )
    entries.sort(key=lambda e: -e.ST)
    # SeedSequence entropy is an int or a list of ints; a tuple keeps the result hashable.
    entropy = root.entropy
    entropy = (
        tuple(int(x) for x in entropy)
        if isinstance(entropy, list | tuple)
        else int(cast(int, entropy))
    )
    return SobolResult(
        output=output,
        year=at,
        n_base=int(n_base),
        n_evaluations=n_rows,
        conf_level=conf_level,
        seed_entropy=entropy,
        entries=tuple(entries),
        seed_spawn_key=tuple(int(k) for k in root.spawn_key),
        output_unit=output_unit,
        notes=tuple(excluded + other),
    )


def sobol_memory(n_base: int, n_columns: int, n_groups: int, num_resamples: int) -> float:
    """Bytes a Sobol' analysis holds at its peak, estimated before anything is sampled.

    The Saltelli sample and the inputs mapped from it (``n_base * (k + 2)`` rows of
    ``n_columns`` floats each, for ``k = n_groups``), the output of every row, and SALib's
    bootstrap (``num_resamples`` resamples of ``n_base`` indices and values per group).
    """
    rows = n_base * (n_groups + 2)
    floats = rows * (3 * n_columns + 2) + 4 * n_base * num_resamples
    return 8.0 * floats


def check_sobol_memory(n_base: int, n_columns: int, n_groups: int, num_resamples: int) -> None:
    """Refuse an ``n_base`` whose analysis cannot fit in the available memory, saying which
    does (the base sample size is a power of 2)."""
    from model.engine.execution.limits import available_memory, format_bytes

    need = sobol_memory(n_base, n_columns, n_groups, num_resamples)
    room = available_memory()
    if room is None or need <= room:
        return
    fit = n_base
    while fit >= 16 and sobol_memory(fit, n_columns, n_groups, num_resamples) > room:
        fit //= 2
    fits = f"n_base {fit:,} fits" if fit >= 16 else "not even n_base 16 fits"
    raise ResourceLimitError(
        f"n_base {n_base:,} needs {n_base * (n_groups + 2):,} model evaluations and about "
        f"{format_bytes(need)} of memory, but about {format_bytes(room)} is available: {fits}"
    )


def _map_sample(
    spec: ModelSpec, factors: Sequence[Factor], u: np.ndarray
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Turn a Saltelli sample into chosen inputs.

    Parameters
    ----------
    spec : ModelSpec
    factors : sequence of Factor
        In column order; factor ``j`` takes ``factors[j].dims`` consecutive columns.
    u : ndarray, shape (n, sum of dims)
        Uniforms in (0, 1).

    Returns
    -------
    values : dict of variable -> ndarray, shape (n,)
    event_u, shock_u : dict of name -> ndarray, shape (n_years - 1, n)
        Engine uniforms of the events' occurrences and the processes' shocks.
    """
    n = u.shape[0]
    ny = spec.n_years
    values = {v.name: np.full(n, v.dist.central()) for v in spec.variables}
    event_u: dict[str, np.ndarray] = {}
    shock_u: dict[str, np.ndarray] = {}
    first: dict[str, np.ndarray] = {}
    col = 0
    for f in factors:
        block = u[:, col : col + f.dims]
        col += f.dims
        if f.kind is FactorKind.VARIABLE:
            values[f.name] = np.asarray(f.item.dist.ppf(block[:, 0]), dtype=float)
        elif f.kind is FactorKind.SHOCKS:
            shock_u[f.name] = np.ascontiguousarray(block.T)
        elif f.item.repeatable:
            # Year t's uniform, compared with p by the engine as in a run.
            event_u[f.name] = np.ascontiguousarray(block.T)
        else:
            first[f.name] = block[:, 0]
    if first:
        # After the variables: an event's probability may be one of them (or derived from them).
        probs = annual_probs(spec, values, n)
        for name, uu in first.items():
            chances = next(e for e in spec.events if e.name == name).chances(spec.years)
            years = on_chances(first_occurrence_year(uu, probs[name]), chances)
            event_u[name] = uniforms_from_counts(counts_from_first_year(years, ny))
    return values, event_u, shock_u
