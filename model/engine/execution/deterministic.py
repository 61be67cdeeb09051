"""Deterministic mode: a model evaluated without random numbers.

* :func:`central` evaluates the single *central* path: every static variable at
  :meth:`~model.engine.draws.distributions.Distribution.central`;
* :func:`evaluate` evaluates rows of static-variable values the caller chooses (one-at-a-time
  swings, Sobol' samples) the same way;
* :func:`deterministic_inputs` builds the inputs a model function sees in both.

In deterministic mode processes follow their path with zero shocks, derived quantities are
computed as in a run, and every event sits at its *median timing*: the effect count applied in
year ``t`` is the median of the number of occurrences by year ``t`` (see
:func:`~model.engine.execution.events.median_counts`). A one-off event with annual probability ``p``
applies from the first year ``t`` with ``1 - (1 - p)**t >= 1/2``: a certain event (``p = 1``)
from year 1, a rare one never within a short horizon. So a stress scenario whose only change is
to make an event certain differs from its parent in deterministic mode too, while likely-enough
events no longer vanish from the central case. Nothing here consumes random numbers.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from model.engine.execution.chunks import (
    FloatArray,
    Inputs,
    ModelFn,
    assemble_inputs,
    finish_inputs,
    split_outputs,
)
from model.engine.spec import ModelSpec
from model.errors import EngineError

__all__ = ["central", "deterministic_inputs", "evaluate", "stacked_outputs"]


def _check_spec(spec: Any) -> None:
    if not isinstance(spec, ModelSpec):
        raise EngineError(f"spec must be a ModelSpec (got {type(spec).__name__})")


def _rows(values: Mapping[str, ArrayLike], n_paths: int | None) -> int:
    if n_paths is not None:
        if isinstance(n_paths, bool) or not isinstance(n_paths, int | np.integer) or n_paths < 1:
            raise EngineError(f"n_paths must be a positive integer (got {n_paths!r})")
        return int(n_paths)
    for v in values.values():
        shape = np.shape(v)
        if len(shape) == 1:
            return shape[0]
    return 1


def deterministic_inputs(
    spec: ModelSpec, values: Mapping[str, ArrayLike] | None = None, *, n_paths: int | None = None
) -> Inputs:
    """Deterministic-mode inputs at supplied values of the static variables.

    Parameters
    ----------
    spec : ModelSpec
    values : mapping of variable name -> array_like, optional
        Values of some or all static variables, each of shape ``(n_paths,)`` or a scalar
        (broadcast). Variables not given take their central value. Only static variables can
        be given: processes, events and derived quantities follow from them.
    n_paths : int, optional
        Number of rows; by default the length of the first 1-D array in ``values`` (1 when
        every value is a scalar).

    Returns
    -------
    Inputs
        Read-only mapping: static variables ``(n_paths,)``; processes (zero shocks), event
        counts (median timing) and event targets ``(n_paths, n_years)``; derived quantities as
        their functions return them.

    Raises
    ------
    EngineError
        An unknown name, a name that is not a static variable, or a wrong shape.
    """
    _check_spec(spec)
    values = {} if values is None else values
    if not isinstance(values, Mapping):
        raise EngineError(
            f"values must be a mapping of variable name -> array (got {type(values).__name__})"
        )
    known = set(spec.variable_names)
    for name in values:
        if name not in known:
            what = (
                "is not a static variable (processes, events and derived quantities "
                "follow from the variables)"
                if name in spec.names
                else "is not an input"
            )
            raise EngineError(
                f"values: {name!r} {what}; static variables: "
                f"{', '.join(spec.variable_names) or 'none'}"
            )
    n = _rows(values, n_paths)
    static: dict[str, FloatArray] = {}
    for v in spec.variables:
        if v.name not in values:
            static[v.name] = np.full(n, v.dist.central())
            continue
        x = np.asarray(values[v.name], dtype=np.float64)
        if x.ndim == 0:
            static[v.name] = np.full(n, float(x))
        elif x.shape == (n,):
            static[v.name] = x.copy()  # becomes read-only: never freeze the caller's array
        else:
            raise EngineError(
                f"values[{v.name!r}] has shape {x.shape}; expected ({n},) or a scalar"
            )
    return assemble_inputs(spec, static, None, n)


def evaluate(
    spec: ModelSpec,
    values: Mapping[str, ArrayLike] | None = None,
    fn: ModelFn | None = None,
    *,
    n_paths: int | None = None,
) -> dict[str, FloatArray]:
    """Evaluate a model in deterministic mode at supplied values of the static variables.

    Parameters
    ----------
    spec : ModelSpec
    values : mapping of variable name -> array_like, optional
        See :func:`deterministic_inputs`; unlisted variables take their central value.
    fn : callable, optional
        ``fn(inputs) -> Mapping[str, ndarray]`` as for :func:`~model.engine.run`; without it
        the inputs are returned.
    n_paths : int, optional
        Number of rows (see :func:`deterministic_inputs`).

    Returns
    -------
    dict of name -> ndarray
        Read-only arrays of shape ``(n_paths,)`` or ``(n_paths, n_years)``, one per output
        (``_`` diagnostics left out).

    Raises
    ------
    EngineError
        Bad values, a bad model output (shape, type) or a NaN or infinite output (naming it
        and its first row).
    """
    inputs = deterministic_inputs(spec, values, n_paths=n_paths)
    return _apply(spec, inputs, fn, "at row {row} (deterministic mode)")


def _apply(
    spec: ModelSpec, inputs: Inputs, fn: ModelFn | None, where: str
) -> dict[str, FloatArray]:
    """Call ``fn`` on ``inputs``; check and freeze its outputs (``where`` places a bad value)."""
    if fn is not None and not callable(fn):
        raise EngineError("fn must be callable or None")
    raw: Mapping[str, Any] = dict(inputs) if fn is None else fn(inputs)
    outputs, _ = split_outputs(raw, inputs.n_paths, spec.n_years)
    out = {}
    for name, arr in outputs.items():
        bad = ~np.isfinite(arr)
        if bad.any():
            row = int(np.argmax(bad.any(axis=1) if arr.ndim == 2 else bad))
            raise EngineError(f"output {name!r} is NaN or infinite " + where.format(row=row))
        if arr.flags.writeable and (arr.base is not None or not arr.flags.owndata):
            arr = arr.copy()  # a view of something the model may still change
        arr.setflags(write=False)
        out[name] = arr
    return out


def central(spec: ModelSpec, fn: ModelFn | None = None) -> dict[str, FloatArray]:
    """The deterministic central path.

    Every static variable at its central value, processes with zero shocks, events at their
    median timing (see the module notes).

    Parameters
    ----------
    spec : ModelSpec
    fn : callable, optional
        The model function, as for :func:`~model.engine.run`; without it the inputs are
        returned.

    Returns
    -------
    dict of name -> ndarray
        Read-only arrays: shape ``()`` for outputs of shape ``(n,)`` in a run (``float(x)``
        gives the number) and ``(n_years,)`` for per-year outputs.

    Raises
    ------
    EngineError
        A bad model output, or an output that is NaN or infinite on the central path.
    """
    outputs = _apply(spec, deterministic_inputs(spec, None, n_paths=1), fn, "on the central path")
    result = {}
    for name, arr in outputs.items():
        row = np.array(arr[0])  # 0-d for a static output, (n_years,) otherwise
        row.setflags(write=False)
        result[name] = row
    return result


def stacked_outputs(
    specs: Sequence[ModelSpec],
    fn: ModelFn,
    values: Mapping[str, ArrayLike] | None = None,
    *,
    n_paths: int | None = None,
) -> list[dict[str, np.ndarray]] | None:
    """``fn``'s outputs for several specs at the same values, from one call of ``fn``.

    Each spec's :func:`deterministic_inputs` (specs that differ in their events, say) are
    stacked along the paths and ``fn`` is called once, so its per-call cost is paid once. A
    model that maps each path on its own (as the engine assumes: its results do not depend on
    the chunking) gives every spec the outputs of its own call.

    Parameters
    ----------
    specs : sequence of ModelSpec
        Specs with the same input names (the first one's are stacked) and the same years.
    fn : callable
        The model function.
    values, n_paths
        As for :func:`deterministic_inputs`, the same for every spec.

    Returns
    -------
    list of dict, or None
        Per spec, in order, its outputs (``_`` diagnostics left out) of shape ``(n_paths,)``
        or ``(n_paths, n_years)``, unchecked; None when an input or an output has no path axis
        to split by. Whatever ``fn`` raises is raised.
    """
    parts = _shared_inputs(specs, values, n_paths)
    n, keys = parts[0].n_paths, list(parts[0])
    columns = [[part[k] for part in parts] for k in keys]
    if not all(np.ndim(a) >= 1 and np.shape(a)[0] == n for col in columns for a in col):
        return None
    m = len(parts)
    stacked = Inputs({}, n * m, specs[0].years)
    for key, col in zip(keys, columns, strict=True):
        stacked._set(key, np.concatenate(col))
    out = fn(stacked)
    names = [k for k in out if not k.startswith("_")]
    arrays = [np.asarray(out[k], dtype=float) for k in names]
    if not all(a.ndim >= 1 and a.shape[0] == n * m for a in arrays):
        return None
    return [
        {k: a[j * n : (j + 1) * n] for k, a in zip(names, arrays, strict=True)} for j in range(m)
    ]


def _shared_inputs(
    specs: Sequence[ModelSpec], values: Mapping[str, ArrayLike] | None, n_paths: int | None
) -> list[Inputs]:
    """:func:`deterministic_inputs` of each spec, the steps before the events done once.

    The specs of an event check differ from the first in their events only (``replace`` keeps
    the other fields, the very same objects): their static variables, static derived
    quantities and processes are then the first spec's, computed from the same values by the
    same functions, so they are computed once and each spec applies its own events and
    derived quantities to them, as :func:`~model.engine.execution.chunks.assemble_inputs`
    does. A spec that differs otherwise is computed on its own.
    """
    first = specs[0]
    same = [
        s.variables is first.variables
        and s.processes is first.processes
        and s.years == first.years
        and len(s.static_derived) == len(first.static_derived)
        and all(a is b for a, b in zip(s.static_derived, first.static_derived, strict=True))
        for s in specs
    ]
    # Values that are not all static variables: refused by each spec, as it says.
    plain = values is not None and not (
        isinstance(values, Mapping) and set(values) <= set(first.variable_names)
    )
    if plain or sum(same) < 2:
        return [deterministic_inputs(s, values, n_paths=n_paths) for s in specs]
    base_spec = dataclasses.replace(first, events=(), derived=first.static_derived)
    base = deterministic_inputs(base_spec, values, n_paths=n_paths)
    return [
        _with_events(s, base) if ok else deterministic_inputs(s, values, n_paths=n_paths)
        for s, ok in zip(specs, same, strict=True)
    ]


def _with_events(spec: ModelSpec, base: Inputs) -> Inputs:
    """``spec``'s deterministic inputs from ``base``, which holds its static variables, static
    derived quantities and processes: its events at their median timing, their effects, then
    its dynamic derived quantities (:func:`~model.engine.execution.chunks.finish_inputs`)."""
    inputs = Inputs(dict(base._data), base.n_paths, spec.years)
    known = {v.name for v in spec.variables} | {d.name for d in spec.static_derived}
    static = {k: v for k, v in base._data.items() if k in known}  # pre-event values
    return finish_inputs(spec, inputs, static, None, ())
