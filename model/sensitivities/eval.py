"""Evaluate a model on chosen inputs, for sensitivity analysis.

A Monte Carlo run draws its own inputs; tornado swings and Sobol' samples must choose them. This
module names the inputs a sensitivity analysis can vary (:class:`Factor`) and evaluates a model
function on rows of chosen values, in the engine's deterministic mode otherwise:

* static variables take the chosen values (the others their central value);
* a process follows its zero-shock path, unless its yearly shocks are chosen (Sobol');
* an event sits at its deterministic-mode timing (the engine's median timing), unless its
  occurrences are chosen: a first-occurrence year per row, or per-year uniforms;
* derived quantities are computed as in a run.

Without chosen events or shocks the inputs are exactly the engine's
:func:`~model.engine.execution.deterministic.deterministic_inputs`. With them, the inputs are
assembled by
the same engine function a run uses, fed with uniforms that encode the chosen occurrences and
shocks (an occurrence in year ``t`` is the engine's ``u[t-1] < p``; a shock is ``ndtri(u)``),
so effects, event counts and derived quantities follow the run's rules exactly.

Years are positions on the per-year axis: no event happens in year 0, so a first occurrence
lies in ``1 .. n_years - 1``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from model.engine import Inputs, deterministic_inputs
from model.engine.draws.rng import SeedLike, handle_seed, stream
from model.engine.execution.chunks import ModelFn, assemble_inputs
from model.engine.execution.events import median_counts
from model.engine.execution.sampling import event_key, proc_key
from model.engine.spec import ModelSpec
from model.errors import (
    EngineError,
    HorizonError,
    SettingsError,
    UnknownNameError,
    UnknownOutputError,
    whole_year,
)
from model.sensitivities.results import FactorKind
from model.sensitivities.timing import (
    conditional_median_year,
    counts_from_first_year,
    first_occurrence_year,
    on_chances,
    uniforms_from_counts,
)

__all__ = [
    "DEFAULT_CHUNK_SIZE",
    "Factor",
    "FactorKind",
    "Inputs",
    "ModelFn",
    "annual_probs",
    "build_inputs",
    "central_probs",
    "choose_factors",
    "conditional_median_year",
    "counts_from_first_year",
    "evaluate_output",
    "first_occurrence_year",
    "label_unit",
    "on_chances",
    "output_per_year",
    "output_year",
    "process_has_shocks",
    "select_output",
    "sensitivity_streams",
    "thesis_labels",
    "uniforms_from_counts",
    "year_at",
    "year_index",
]

#: Rows evaluated per call of the model function when a sample is large; bounds peak memory
#: (every output of the model is materialised for each row of a chunk).
DEFAULT_CHUNK_SIZE = 50_000

#: The uniform of a zero shock: ``ndtri(0.5) == 0.0`` exactly.
ZERO_SHOCK = 0.5


@dataclass(frozen=True)
class Factor:
    """One input of a sensitivity analysis.

    Attributes
    ----------
    name : str
        The variable, event or process name in the spec.
    kind : FactorKind
    item : Variable, Event or Process
        The spec's entry.
    dims : int
        Uniforms it takes in a Sobol' sample: 1 for a variable or a one-off event (its
        first-occurrence year), ``n_years - 1`` for process shocks and repeatable events
        (one per year, analysed as a group).
    """

    name: str
    kind: FactorKind
    item: Any
    dims: int = 1


# --------------------------------------------------------------------------------------------
# Which inputs
# --------------------------------------------------------------------------------------------


def has_spread(dist: Any) -> bool:
    """Whether a distribution can take more than one value.

    Fixed values cannot matter and only cost evaluations. Extreme quantiles are compared rather
    than the p10/p90 so that a rare outcome (bernoulli p = 0.03) still counts as uncertain.
    """
    if getattr(dist, "constant", False):
        return False
    ends = np.asarray(dist.ppf(np.array([1e-9, 1.0 - 1e-9])), dtype=float)
    return bool(ends[1] > ends[0])


def _pre_event(arr: Any) -> np.ndarray:
    """A static quantity per row before any event (year 0 of an event target), shape (n,)."""
    arr = np.asarray(arr, dtype=float)
    return arr[:, 0] if arr.ndim == 2 else arr


def central_probs(spec: ModelSpec) -> dict[str, float]:
    """Each event's annual probability with every input at its central value."""
    if not spec.events:
        return {}
    centre = deterministic_inputs(spec, None, n_paths=1)
    out = {}
    for ev in spec.events:
        p = ev.annual_prob
        out[ev.name] = float(_pre_event(centre[p])[0]) if isinstance(p, str) else float(p)
    return out


def _event_uncertain(spec: ModelSpec, ev: Any, p_central: float) -> bool:
    """Whether an event may or may not happen within the horizon."""
    if spec.n_years < 2:
        return False  # no year after "today" for it to happen in
    ref = ev.annual_prob
    dists = {v.name: v.dist for v in spec.variables}
    if isinstance(ref, str) and ref in dists and has_spread(dists[ref]):
        return True
    if isinstance(ref, str) and ref not in dists:
        return True  # a derived probability may vary with the variables it is computed from
    return 0.0 < p_central < 1.0


def process_has_shocks(spec: ModelSpec, proc: Any) -> bool:
    """Whether a process has non-zero yearly shocks (over at least one year)."""
    if spec.n_years < 2:
        return False
    sd = proc.shock_sd
    if not isinstance(sd, str):
        return sd != 0.0
    dist = next((v.dist for v in spec.variables if v.name == sd), None)
    return dist is None or has_spread(dist) or dist.central() != 0.0


def choose_factors(
    spec: ModelSpec,
    inputs: Sequence[str] | str | None,
    *,
    kinds: frozenset[FactorKind],
    why_not: Mapping[FactorKind, str] | None = None,
) -> tuple[Factor, ...]:
    """The inputs to analyse.

    Parameters
    ----------
    spec : ModelSpec
    inputs : sequence of str, optional
        Names of static variables, events or processes (a process stands for its shocks).
        Default: every uncertain input of the allowed kinds, variables first, then events,
        then processes, each in spec order; fixed values are skipped.
    kinds : frozenset of FactorKind
        Kinds the analysis handles.
    why_not : mapping of FactorKind -> str, optional
        Why a kind is not handled, for the error when one is asked for by name.

    Returns
    -------
    tuple of Factor

    Raises
    ------
    ThesisModelError
        A name that is unknown (with the closest names), derived, of a kind not handled or
        repeated; nothing to analyse (:class:`SettingsError`: bad input, not a failed run).
    """
    ny = spec.n_years
    pool: dict[str, Factor] = {}
    for v in spec.variables:
        pool[v.name] = Factor(v.name, FactorKind.VARIABLE, v)
    for ev in spec.events:
        pool[ev.name] = Factor(
            ev.name, FactorKind.EVENT, ev, max(ny - 1, 1) if ev.repeatable else 1
        )
    for proc in spec.processes:
        pool[proc.name] = Factor(proc.name, FactorKind.SHOCKS, proc, max(ny - 1, 1))
    if inputs is None:
        probs = central_probs(spec)
        chosen = [
            f
            for f in pool.values()
            if f.kind in kinds
            and (
                (f.kind is FactorKind.VARIABLE and has_spread(f.item.dist))
                or (f.kind is FactorKind.EVENT and _event_uncertain(spec, f.item, probs[f.name]))
                or (f.kind is FactorKind.SHOCKS and process_has_shocks(spec, f.item))
            )
        ]
        order = list(FactorKind)
        chosen.sort(key=lambda f: order.index(f.kind))  # stable: spec order within a kind
        if not chosen:
            raise SettingsError("no uncertain input: every input of the model is fixed")
        return tuple(chosen)
    if not isinstance(inputs, str | Iterable):
        raise SettingsError(
            f"inputs must be a name or a list of names, got {type(inputs).__name__} {inputs!r}"
        )
    names = [inputs] if isinstance(inputs, str) else list(inputs)
    derived = {d.name for d in spec.derived}
    result = []
    for name in names:
        factor = pool.get(name)
        if factor is None:
            if name in derived:
                why = "sensitivity varies the inputs it is computed from"
                raise SettingsError(f"input {name!r} is derived from other inputs; {why}")
            known = [n for n, f in pool.items() if f.kind in kinds]
            raise UnknownNameError("input", name, known)
        if factor.kind not in kinds:
            reason = (why_not or {}).get(factor.kind, "")
            raise SettingsError(
                f"input {name!r} is a {factor.kind.value} input, which this "
                f"analysis does not vary{': ' + reason if reason else ''}"
            )
        if factor.kind is FactorKind.VARIABLE and not has_spread(factor.item.dist):
            # Its low and high would both be its one value: a row of zero swing (or a
            # variance share of nothing) that says nothing about the input.
            raise SettingsError(
                f"input {name!r} is fixed at {factor.item.dist.central():.6g}: it has no spread "
                "to vary; list uncertain inputs"
            )
        if factor.kind is not FactorKind.VARIABLE and ny < 2:
            raise SettingsError(f"{name!r} needs a year after the first, which the model lacks")
        result.append(factor)
    if len(set(names)) != len(names):
        dup = sorted({n for n in names if names.count(n) > 1})
        raise SettingsError(f"input listed more than once: {', '.join(dup)}")
    if not result:
        raise SettingsError("no input to analyse: `inputs` is empty")
    return tuple(result)


def annual_probs(spec: ModelSpec, values: Mapping[str, np.ndarray], n: int) -> dict[str, Any]:
    """Each event's annual probability per row, as the engine reads it (before any event).

    Parameters
    ----------
    spec : ModelSpec
    values : Mapping[str, ndarray]
        Values of every static variable, shape (n,) each.
    n : int

    Returns
    -------
    dict of event name -> float or ndarray of shape (n,)
    """
    out: dict[str, Any] = {}
    computed = None
    for ev in spec.events:
        ref = ev.annual_prob
        if not isinstance(ref, str):
            out[ev.name] = float(ref)
        elif ref in values:
            out[ev.name] = np.asarray(values[ref], dtype=float)
        else:
            # A static derived probability: computed before events, so any deterministic
            # assembly of these rows gives its value.
            if computed is None:
                computed = deterministic_inputs(spec, values, n_paths=n)
            out[ev.name] = _pre_event(computed[ref])
    return out


# --------------------------------------------------------------------------------------------
# Evaluation
# --------------------------------------------------------------------------------------------


def build_inputs(
    spec: ModelSpec,
    values: Mapping[str, Any],
    n: int,
    *,
    event_u: Mapping[str, np.ndarray] | None = None,
    shock_u: Mapping[str, np.ndarray] | None = None,
) -> Inputs:
    """Deterministic-mode inputs with chosen variables, event occurrences and process shocks.

    Parameters
    ----------
    spec : ModelSpec
    values : Mapping[str, array_like]
        Values of static variables, shape (n,) or scalar; unlisted ones take their central
        value.
    n : int
        Rows.
    event_u : Mapping[str, ndarray], optional
        Per event, uniforms of shape (n_years - 1, n) as the engine reads them (see
        :func:`uniforms_from_counts`); unlisted events sit at their median timing.
    shock_u : Mapping[str, ndarray], optional
        Per process, uniforms of its yearly shocks, shape (n_years - 1, n); unlisted
        processes have zero shocks.

    Returns
    -------
    Inputs
        Read-only, as a model function sees them in a run.
    """
    if not event_u and not shock_u:  # nothing chosen: exactly the engine's deterministic mode
        return deterministic_inputs(spec, values, n_paths=n)
    event_u = event_u or {}
    shock_u = shock_u or {}
    ny = spec.n_years
    static = {}
    for v in spec.variables:
        x = values[v.name] if v.name in values else v.dist.central()
        # Own copies: the engine freezes the arrays it is given.
        static[v.name] = np.array(np.broadcast_to(np.asarray(x, dtype=float), (n,)))
    probs = annual_probs(spec, static, n) if len(event_u) < len(spec.events) else {}
    u: dict[str, np.ndarray] = {}
    for proc in spec.processes:
        u[proc_key(proc.name)] = (
            shock_u[proc.name] if proc.name in shock_u else np.full((max(ny - 1, 0), n), ZERO_SHOCK)
        )
    for ev in spec.events:
        if ev.name in event_u:
            u[event_key(ev.name)] = event_u[ev.name]
        else:
            counts = median_counts(probs[ev.name], ny, n, ev.repeatable, ev.chances(spec.years))
            u[event_key(ev.name)] = uniforms_from_counts(counts)
    return assemble_inputs(spec, static, u, n)


def year_index(years: Sequence[int], year: int | None) -> int:
    """Position of ``year`` on the per-year axis; ``None`` means the exit (last) year.

    A model without years (static outputs only) accepts ``year=None`` and gives 0.
    """
    years = tuple(years)
    if year is None:
        return max(len(years) - 1, 0)
    whole = whole_year(year)
    if whole is None or whole not in years:
        raise HorizonError(year, years)
    return years.index(whole)


def output_per_year(spec: ModelSpec, fn: ModelFn, output: str) -> bool:
    """Whether ``output`` has one value per year, from one evaluation at the central case.

    Asked before a costly sample so a year given to a one-value output is refused first.
    """
    outputs = fn(deterministic_inputs(spec, None, n_paths=1))
    if not isinstance(outputs, Mapping):
        raise EngineError(f"the model returned {type(outputs).__name__}, not a mapping")
    if output not in outputs:
        raise UnknownOutputError(output, [k for k in outputs if not k.startswith("_")])
    return bool(np.ndim(outputs[output]) == 2)


def output_year(
    years: Sequence[int], output: str, per_year: bool, year: int | None
) -> tuple[int, int | None]:
    """Year position to analyse and the year to label the output with.

    An output with one value per path (today's value, an exit multiple) has no year: a year
    asked for it is refused, as a run's results refuse it, and its label carries none. Its
    per-year inputs are still summarised over the whole horizon (the exit year's position).
    """
    idx = year_index(years, year)  # a year off the horizon is named as such first
    if not per_year:
        if year is not None:
            raise SettingsError(
                f"output {output!r} has one value per path; it takes no year (leave the year out)"
            )
        return idx, None
    return idx, year_at(years, idx)


def year_at(years: Sequence[int], idx: int) -> int | None:
    """The calendar year at ``idx`` (None for a model without years)."""
    return int(years[idx]) if len(years) else None


def select_output(outputs: Mapping[str, Any], output: str, index: int, n_rows: int) -> np.ndarray:
    """One output at one year, shape ``(n_rows,)``, from the model's outputs of shape ``(n,)`` or
    ``(n, n_years)`` (``index``: position on the year axis, ignored for one-value outputs)."""
    if output not in outputs:
        raise UnknownOutputError(output, [k for k in outputs if not k.startswith("_")])
    arr = np.asarray(outputs[output], dtype=float)
    if arr.ndim == 2:
        arr = arr[:, index]
    elif arr.ndim == 0:
        # A model may return a scalar for an output that does not depend on any input.
        arr = np.full(n_rows, float(arr))
    if arr.shape != (n_rows,):
        raise EngineError(
            f"output {output!r} has shape {np.shape(outputs[output])}; expected ({n_rows},) or "
            f"({n_rows}, n_years)"
        )
    return arr


def evaluate_output(
    spec: ModelSpec,
    fn: ModelFn,
    output: str,
    index: int,
    n: int,
    *,
    values: Mapping[str, np.ndarray],
    event_u: Mapping[str, np.ndarray] | None = None,
    shock_u: Mapping[str, np.ndarray] | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
) -> np.ndarray:
    """Evaluate ``fn`` on ``n`` rows of chosen inputs; return one output at one year.

    Parameters
    ----------
    spec : ModelSpec
    fn : callable
        Vectorised model: ``fn(inputs) -> Mapping[str, ndarray]``.
    output : str
    index : int
        Year position (see :func:`year_index`).
    n : int
        Rows.
    values, event_u, shock_u
        As for :func:`build_inputs`, with ``n`` rows (the last axis of the uniforms).
    chunk_size : int
        Rows per call of ``fn``.

    Returns
    -------
    ndarray, shape (n,)
        NaN or infinite values are returned as they are: callers name the culprit.
    """
    if isinstance(chunk_size, bool) or not isinstance(chunk_size, int) or chunk_size < 1:
        raise EngineError(f"chunk_size must be a positive integer, got {chunk_size!r}")
    result = np.empty(n)
    for start in range(0, n, chunk_size):
        stop = min(start + chunk_size, n)
        inputs = build_inputs(
            spec,
            {k: np.asarray(v)[start:stop] for k, v in values.items()},
            stop - start,
            event_u={k: v[:, start:stop] for k, v in (event_u or {}).items()},
            shock_u={k: v[:, start:stop] for k, v in (shock_u or {}).items()},
        )
        outputs = fn(inputs)
        if not isinstance(outputs, Mapping):
            raise EngineError(f"the model returned {type(outputs).__name__}, not a mapping")
        result[start:stop] = select_output(outputs, output, index, stop - start)
    return result


# --------------------------------------------------------------------------------------------
# Seeds, labels
# --------------------------------------------------------------------------------------------


def sensitivity_streams(
    seed: SeedLike, purpose: str
) -> tuple[np.random.SeedSequence, np.random.Generator, np.random.Generator]:
    """The root seed and two independent generators (sampling, bootstrap) derived from it.

    Parameters
    ----------
    seed : int, SeedSequence, Generator or None
        Normalised by the engine's :func:`~model.engine.draws.rng.handle_seed` (None: fresh entropy;
        a Generator is asked for fresh entropy, which advances it).
    purpose : str
        Names the analysis. The streams are children of the root keyed by it (through the
        root's ``spawn_key``, as the engine keys a variable's stream by its name), so they
        never coincide with a run's random numbers from the same root.

    Returns
    -------
    root : numpy.random.SeedSequence
        ``root.entropy`` (an int or a list of ints) and ``root.spawn_key`` repeat the analysis.
    sample_rng, boot_rng : numpy.random.Generator
    """
    root = handle_seed(seed)
    key = f"sensitivity:{purpose}"
    return (
        root,
        np.random.Generator(stream(root, key, 0)),
        np.random.Generator(stream(root, key, 1)),
    )


def label_unit(
    name: str, labels: Mapping[str, str] | None, units: Mapping[str, str] | None
) -> tuple[str, str]:
    """Label (default: the name) and unit (default: empty) of an input."""
    label = (labels or {}).get(name) or name
    unit = (units or {}).get(name) or ""
    return str(label), str(unit)


def thesis_labels(thesis: Any) -> tuple[dict[str, str], dict[str, str]]:
    """Labels and units of a thesis's assumptions and events (empty when it has none)."""
    labels: dict[str, str] = {}
    units: dict[str, str] = {}
    for group in ("assumptions", "events"):
        items = getattr(thesis, group, None) or {}
        for name, item in getattr(items, "items", lambda: ())():
            label = getattr(item, "label", None)
            unit = getattr(item, "unit", None)
            if label:
                labels[name] = str(label)
            if unit is not None:
                units[name] = str(unit)
    return labels, units
