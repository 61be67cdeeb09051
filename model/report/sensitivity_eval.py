"""Evaluate a model on chosen input values, for sensitivity analysis.

A Monte Carlo run draws its own inputs; sensitivity methods must choose them instead (a
tornado's one-at-a-time swings, the structured sample of Sobol' indices). This module turns
chosen values of the *static variables* of a :class:`~model.engine.spec.ModelSpec` into the full
input mapping a model function expects, in the engine's deterministic mode: processes follow
their path with zero shocks and events are off. The output is then a deterministic function of
the chosen values, which is what one-at-a-time swings and variance decompositions assume.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from model.engine.chunks import Inputs, ModelFn
from model.engine.events import apply_effect
from model.engine.processes import process_paths
from model.engine.rng import SeedLike, handle_seed, stream
from model.engine.spec import ModelSpec
from model.errors import EngineError
from model.report.errors import HorizonError, UnknownNameError, UnknownOutputError

#: Rows evaluated per call of the model function when a sample is large; bounds peak memory
#: (every output of the model is materialised for each row of a chunk).
DEFAULT_CHUNK_SIZE = 50_000


def variables_by_name(spec: ModelSpec) -> dict[str, Any]:
    """Map variable name -> Variable for the static variables of ``spec``."""
    return {v.name: v for v in spec.variables}


def has_spread(dist: Any) -> bool:
    """Whether a distribution can take more than one value.

    Fixed-value assumptions may reach the spec as degenerate distributions; they cannot matter
    in a sensitivity analysis and only cost evaluations. Extreme quantiles are compared rather
    than the p10/p90 so that a rare event (bernoulli p = 0.03) still counts as uncertain.
    """
    ends = np.asarray(dist.ppf(np.array([1e-9, 1.0 - 1e-9])), dtype=float)
    return bool(ends[1] > ends[0])


def choose_inputs(spec: ModelSpec, inputs: Sequence[str] | None) -> tuple[Any, ...]:
    """The static variables to analyse.

    Parameters
    ----------
    spec : ModelSpec
    inputs : sequence of str, optional
        Names of static variables. Default: every variable with a spread (see
        :func:`has_spread`), in spec order.

    Returns
    -------
    tuple of Variable

    Raises
    ------
    EngineError
        A name is unknown, not a static variable, or repeated; or nothing is uncertain.
    """
    by_name = variables_by_name(spec)
    if inputs is None:
        chosen = tuple(v for v in spec.variables if has_spread(v.dist))
        if not chosen:
            raise EngineError("no uncertain input: every variable of the model is fixed")
        return chosen
    if isinstance(inputs, str):
        inputs = [inputs]
    others = set(spec.names) - set(by_name)
    chosen_list = []
    for name in inputs:
        if name in by_name:
            chosen_list.append(by_name[name])
        elif name in others:
            raise EngineError(
                f"input {name!r} is a process, event or derived quantity; sensitivity varies "
                "the static variables it is built from"
            )
        else:
            raise UnknownNameError("input", name, list(by_name))
    names = [v.name for v in chosen_list]
    if len(set(names)) != len(names):
        dup = sorted({n for n in names if names.count(n) > 1})
        raise EngineError(f"input listed more than once: {', '.join(dup)}")
    if not chosen_list:
        raise EngineError("no input to analyse: `inputs` is empty")
    return tuple(chosen_list)


def central_values(spec: ModelSpec) -> dict[str, float]:
    """Central value (``dist.central()``) of every static variable, as in deterministic mode."""
    return {v.name: float(v.dist.central()) for v in spec.variables}


def year_index(years: Sequence[int], year: int | None) -> int:
    """Position of ``year`` on the per-year axis; ``None`` means the exit (last) year.

    A model without years (static outputs only) accepts ``year=None`` and gives 0.
    """
    years = tuple(years)
    if year is None:
        return max(len(years) - 1, 0)
    if isinstance(year, bool) or not isinstance(year, int | np.integer) or year not in years:
        raise HorizonError(year, years)
    return years.index(int(year))


def select_output(outputs: Mapping[str, Any], output: str, index: int, n_rows: int) -> np.ndarray:
    """Pick one output at one year.

    Parameters
    ----------
    outputs : Mapping[str, ndarray]
        The model's outputs: shape (n,) or (n, n_years).
    output : str
        Output name.
    index : int
        Position on the year axis (ignored for outputs of shape (n,)).
    n_rows : int
        Expected number of rows, checked.

    Returns
    -------
    ndarray, shape (n_rows,)
    """
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


def build_inputs(spec: ModelSpec, values: Mapping[str, np.ndarray], n_rows: int) -> Inputs:
    """The engine's deterministic-mode inputs, with chosen values for the static variables.

    Mirrors the engine's central path (``build_inputs(spec, None, n)``) except that each static
    variable takes the given per-row values instead of its central value: processes follow
    their zero-shock path from those values, events are off (their counts are zero and their
    targets become per-year, unchanged) and derived quantities are computed in order.

    Parameters
    ----------
    spec : ModelSpec
    values : Mapping[str, ndarray]
        Value of every static variable, each of shape (n_rows,) (a scalar is broadcast).
    n_rows : int

    Returns
    -------
    Inputs
        The engine's read-only input mapping, as a model function sees it in a run.
    """
    n_years = spec.n_years
    data: dict[str, np.ndarray] = {}

    def put(name: str, arr: np.ndarray) -> None:
        # Read-only, as in a run: a model must not change the inputs other outputs read.
        arr.setflags(write=False)
        data[name] = arr

    for var in spec.variables:
        put(var.name, np.array(np.broadcast_to(np.asarray(values[var.name], float), (n_rows,))))
    static = dict(data)

    def ref(value: str | float) -> np.ndarray | float:
        # As in the engine, references read the static values before any event.
        return static[value] if isinstance(value, str) else value

    for proc in spec.processes:
        put(proc.name, process_paths(ref(proc.start), ref(proc.mean), ref(proc.shock_sd),
                                     proc.reversion, None, n_years, n_rows))
    no_events = np.zeros((n_years, n_rows))
    for ev in spec.events:
        put(ev.name, no_events.T.copy())
        for eff in ev.effects:
            put(eff.target, apply_effect(data[eff.target], no_events, eff.op, ref(eff.by),
                                         ev.repeatable))
    for der in spec.derived:
        # A fresh view each time, so the function sees exactly the quantities before it.
        value = np.array(der.func(Inputs(dict(data), n_rows, spec.years)), dtype=float)
        if value.shape not in ((n_rows,), (n_rows, n_years)):
            raise EngineError(f"derived {der.name!r} has shape {value.shape}; expected "
                              f"({n_rows},) or ({n_rows}, {n_years})")
        put(der.name, value)
    return Inputs(data, n_rows, spec.years)


def evaluate_output(
    spec: ModelSpec,
    fn: ModelFn,
    values: Mapping[str, np.ndarray],
    output: str,
    index: int,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
) -> np.ndarray:
    """Evaluate ``fn`` on rows of chosen static values and return one output at one year.

    Parameters
    ----------
    spec : ModelSpec
    fn : callable
        Vectorised model: ``fn(inputs) -> Mapping[str, ndarray]``.
    values : Mapping[str, ndarray]
        Every static variable, shape (n,) each.
    output : str
    index : int
        Year position (see :func:`year_index`).
    chunk_size : int
        Rows per call of ``fn``.

    Returns
    -------
    ndarray, shape (n,)
    """
    if chunk_size < 1:
        raise EngineError(f"chunk_size must be >= 1, got {chunk_size}")
    n = len(next(iter(values.values()))) if values else 1
    result = np.empty(n)
    for start in range(0, n, chunk_size):
        stop = min(start + chunk_size, n)
        part = {k: np.asarray(v)[start:stop] for k, v in values.items()}
        outputs = fn(build_inputs(spec, part, stop - start))
        if not isinstance(outputs, Mapping):
            raise EngineError(f"the model returned {type(outputs).__name__}, not a mapping")
        result[start:stop] = select_output(outputs, output, index, stop - start)
    return result


def sensitivity_generators(
    seed: SeedLike, purpose: str
) -> tuple[int, np.random.Generator, np.random.Generator]:
    """Two independent generators (sampling, bootstrap) derived from one root seed.

    Parameters
    ----------
    seed : int, SeedSequence, Generator or None
        Root seed, normalised by the engine's :func:`~model.engine.rng.handle_seed`; None
        draws fresh entropy.
    purpose : str
        Names the analysis. The streams are keyed by it the way the engine keys a variable's
        stream by the variable's name, so they never coincide with a run's random numbers from
        the same root seed.

    Returns
    -------
    entropy : int
        The root entropy (pass it as ``seed`` to reproduce).
    sample_rng, boot_rng : numpy.random.Generator
    """
    root = handle_seed(seed)
    key = f"sensitivity:{purpose}"
    return (int(root.entropy), np.random.Generator(stream(root, key, 0)),
            np.random.Generator(stream(root, key, 1)))


def year_at(years: Sequence[int], idx: int) -> int | None:
    """The calendar year at ``idx`` (None for a model without years)."""
    return int(years[idx]) if len(years) else None


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
