"""One chunk of a run: sample inputs, call the model, validate and summarise its outputs.

Everything here runs wherever the chunk runs (this process, a thread, a Dask worker), so the
plan and results are plain picklable objects. Statistics are computed per *unit* of
:data:`UNIT` consecutive paths (unit boundaries are multiples of ``UNIT`` and the end of the
run). A chunk returns exact per-unit sums for the units it covers whole and the raw values of
units it covers only in part; the reducer stitches those fragments before summarising them.
Summaries are therefore bit-identical whatever the chunk boundaries.
"""

from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import numpy as np
from numpy.typing import NDArray

from model.engine.draws._fastppf import EXACT_MAX_PATHS
from model.engine.execution.events import apply_effect, median_counts, occurrence_counts
from model.engine.execution.processes import process_paths
from model.engine.execution.sampling import Sampler, event_key, proc_key, var_key
from model.engine.spec import Derived, ModelSpec, OnChunkError, Process, Variable
from model.engine.summaries.sketch import QuantileSketch, column_sketch
from model.engine.summaries.units import UNIT, Fragment, UnitStats, unit_stats
from model.errors import EngineError, ParameterError, ThesisModelError

FloatArray = NDArray[np.float64]

INVALID_PREFIX = "_invalid_"

ModelFn = Callable[["Inputs"], Mapping[str, Any]]


class Inputs(Mapping[str, np.ndarray]):
    """Read-only mapping of sampled inputs for one chunk.

    Static variables have shape ``(n_paths,)``; processes, event targets and event counts
    ``(n_paths, n_years)`` (event counts: occurrences so far, 0 in year 0).

    Attributes
    ----------
    n_paths : int
        Paths in this chunk.
    years : tuple of int
    start : int
        Global index of the chunk's first path.
    """

    def __init__(
        self, data: dict[str, np.ndarray], n_paths: int, years: tuple[int, ...], start: int = 0
    ):
        self._data = data
        self.n_paths = n_paths
        self.years = years
        self.start = start

    def __getitem__(self, key: str) -> np.ndarray:
        try:
            return self._data[key]
        except KeyError:
            raise KeyError(f"{key!r} is not an input (inputs: {', '.join(self._data)})") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def _set(self, key: str, value: np.ndarray) -> None:
        value.setflags(write=False)
        self._data[key] = value


class FixedInputs(dict[tuple[str, int], FloatArray]):
    """``(name, n) ->`` read-only values of a fixed variable, or of a pure static derived
    quantity of them (:class:`~model.engine.spec.Derived`): the same in every chunk of ``n``
    paths, so made once per run and chunk size. Pickles empty (a worker makes its own)."""

    def __reduce__(self) -> tuple[Any, ...]:
        return (FixedInputs, ())


@dataclass(frozen=True, eq=False)
class RunPlan:
    """Everything a worker needs to evaluate any chunk of a run."""

    spec: ModelSpec
    fn: ModelFn | None
    sampler: Sampler
    n_paths: int
    keep: frozenset[str] | None  # None: keep every output
    keep_inputs: frozenset[str] | None  # None: keep every input
    on_error: OnChunkError = OnChunkError.RAISE
    fixed: FixedInputs = field(default_factory=FixedInputs, repr=False)


def build_inputs(
    spec: ModelSpec,
    u: Mapping[str, FloatArray] | None,
    n: int,
    start: int = 0,
    *,
    exact: bool = False,
    fixed: FixedInputs | None = None,
) -> Inputs:
    """Turn uniforms into inputs; ``u=None`` gives the deterministic path at central values.

    Parameters
    ----------
    spec : ModelSpec
    u : mapping of stream key -> ndarray of shape (dims, n), or None
        The chunk's uniforms (:meth:`~model.engine.execution.sampling.Sampler.uniforms`).
        ``None``: every
        variable at its central value, processes without shocks and events at their median
        timing (see :func:`assemble_inputs`).
    n : int
        Number of paths.
    start : int
        Global index of the first path (recorded in ``Inputs.start`` so that a model can tell
        chunks apart; it does not change any value).
    exact : bool
        Exact inverse CDFs rather than tables (see :func:`exact_inverse`).
    fixed : FixedInputs, optional
        The run's inputs shared by its chunks of ``n`` paths (ignored without uniforms).

    Returns
    -------
    Inputs
    """
    fixed = None if u is None else fixed
    values = static_values(spec, u, n, exact=exact, fixed=fixed)
    return assemble_inputs(spec, values, u, n, start, fixed=fixed)


def static_values(
    spec: ModelSpec,
    u: Mapping[str, FloatArray] | None,
    n: int,
    *,
    exact: bool = False,
    skip: str | None = None,
    fixed: FixedInputs | None = None,
) -> dict[str, FloatArray]:
    """Every static variable's values from its uniforms (central without them), but ``skip``;
    a fixed variable's are the run's shared array when ``fixed`` is given."""
    values: dict[str, FloatArray] = {}
    # Tabulated inverses go to threads only from the main thread: the parallel backend's
    # chunks already keep every core busy.
    threads = exact or threading.current_thread() is threading.main_thread()
    slow = [v for v in _slow_exact(spec, u, n) if v.name != skip] if threads else []
    pending = _inverse_in_threads(slow, u, n, exact=exact) if slow else {}
    for v in spec.variables:
        if v.name == skip:
            continue
        if fixed is not None and v.dist.constant:
            values[v.name] = _shared(fixed, (v.name, n), partial(np.full, n, v.dist.central()))
        elif u is None or v.dist.constant:
            values[v.name] = np.full(n, v.dist.central())
        elif v.name in pending:
            values[v.name] = pending[v.name].result()
        else:
            values[v.name] = v.dist.ppf(u[var_key(v.name)][0], exact=exact)
    return values


def _shared(fixed: FixedInputs, key: tuple[str, int], make: Callable[[], Any]) -> FloatArray:
    """The run's shared array under ``key``, made (read-only) when first asked for."""
    arr = fixed.get(key)
    if arr is None:
        arr = np.asarray(make(), dtype=np.float64)
        arr.setflags(write=False)
        arr = fixed.setdefault(key, arr)  # (two threads may make it at once: keep one)
    return arr


#: Paths from which a chunk computes slow inverses on several threads.
THREADED_EXACT_MIN = 2048


def _slow_exact(spec: ModelSpec, u: Mapping[str, FloatArray] | None, n: int) -> list[Variable]:
    """Variables whose inverse CDF is slow (beta and PERT: ``betaincinv``, which the table's
    inverse also calls for the values in its tails, about one in seventy)."""
    if u is None or n < THREADED_EXACT_MIN:
        return []
    from model.engine.draws.dist_families import Beta

    slow = [v for v in spec.variables if isinstance(v.dist, Beta) and not v.dist.constant]
    return slow if len(slow) > 1 else []


def _inverse_in_threads(
    slow: list[Variable], u: Mapping[str, FloatArray] | None, n: int, *, exact: bool = True
) -> dict[str, Future[FloatArray]]:
    """Start the inverses of ``slow`` on a thread per free core (GIL released in them).

    A small run (a first look in a notebook) uses exact inverses, which cost about as much as
    the rest of the run together; a larger one tabulated inverses, whose tails still take the
    exact one. Each value is computed alone, so the threads change no bit.
    """
    from model.engine.execution.backends import free_cores

    assert u is not None
    workers = min(free_cores(), len(slow))
    if workers < 2:
        return {}
    pool = ThreadPoolExecutor(workers, thread_name_prefix="thesis-inverse")
    try:
        return {v.name: pool.submit(v.dist.ppf, u[var_key(v.name)][0], exact=exact) for v in slow}
    finally:
        pool.shutdown(wait=False)


def exact_inverse(n_paths: int) -> bool:
    """Whether a run of ``n_paths`` paths in total samples with exact inverse CDFs.

    Small runs do (see :data:`~model.engine.draws._fastppf.EXACT_MAX_PATHS`): the choice depends on
    the run's size alone, never on its chunks or backend.
    """
    return n_paths <= EXACT_MAX_PATHS


def assemble_inputs(
    spec: ModelSpec,
    values: Mapping[str, FloatArray],
    u: Mapping[str, FloatArray] | None,
    n: int,
    start: int = 0,
    *,
    fixed: FixedInputs | None = None,
) -> Inputs:
    """Complete the inputs from the static variables' values.

    Computes, in order, the static derived quantities, the processes, the events and their
    effects, and the other derived quantities (see :mod:`model.engine.spec`).

    Parameters
    ----------
    spec : ModelSpec
    values : mapping of variable name -> ndarray, shape (n,)
        Every static variable's values. The arrays become read-only and are not copied.
    u : mapping of stream key -> ndarray of shape (dims, n), or None
        Uniforms of process shocks and event occurrences. ``None`` is the deterministic mode:
        zero shocks, and every event at its median timing
        (:func:`~model.engine.execution.events.median_counts`).
    n : int
        Number of paths.
    start : int
        Global index of the first path.
    fixed : FixedInputs, optional
        Where ``values`` took the fixed variables (:func:`static_values`): the pure static
        derived quantities of them are shared too.

    Returns
    -------
    Inputs
        Keys in the order of ``spec.names``.

    Raises
    ------
    EngineError
        A derived quantity has a wrong shape, or one that feeds a process or event is not
        ``(n,)``, or an annual probability taken from a derived quantity leaves ``[0, 1]``.
    """
    ny = spec.n_years
    inputs = Inputs({}, n, spec.years, start)
    for v in spec.variables:
        inputs._set(v.name, values[v.name])
    steady = {v.name for v in spec.variables if v.dist.constant} if fixed is not None else set()
    for d in spec.static_derived:
        if fixed is not None and d.pure and steady.issuperset(d.depends):
            value = _shared(fixed, (d.name, n), partial(_derive, d, inputs, n, ny))
            steady.add(d.name)
        else:
            value = _derive(d, inputs, n, ny)
        inputs._set(d.name, value)
    return finish_inputs(spec, inputs, dict(inputs._data), u, spec.processes)


def finish_inputs(
    spec: ModelSpec,
    inputs: Inputs,
    static: Mapping[str, FloatArray],
    u: Mapping[str, FloatArray] | None,
    processes: Sequence[Process],
) -> Inputs:
    """Add ``processes``, the events, their effects and the dynamic derived quantities to
    ``inputs`` as :func:`assemble_inputs` does. References always read ``static``, the values
    of the static variables and derived quantities before any event."""
    n, ny = inputs.n_paths, spec.n_years

    def ref(value: str | float, where: str) -> FloatArray | float:
        if not isinstance(value, str):
            return value
        x = static[value]
        if x.shape != (n,):
            raise EngineError(
                f"{where} refers to derived {value!r}, which has shape {x.shape}; "
                f"it must have one value per path, shape ({n},)"
            )
        return x

    for p in processes:
        # A one-year horizon has no shocks (and no stream for them): year 0 is the start.
        shocks = None if u is None or p.shock_sd == 0.0 or ny <= 1 else u[proc_key(p.name)]
        path = process_paths(
            ref(p.start, f"process {p.name}.start"),
            ref(p.mean, f"process {p.name}.mean"),
            ref(p.shock_sd, f"process {p.name}.shock_sd"),
            p.reversion,
            shocks,
            ny,
            n,
        )
        inputs._set(p.name, path)
    for ev in spec.events:
        prob = ref(ev.annual_prob, f"event {ev.name}.annual_prob")
        if isinstance(prob, np.ndarray) and ev.annual_prob not in spec.variable_names:
            _check_probability(prob, ev.name, str(ev.annual_prob), inputs.start)
        if u is None or ny <= 1:  # no year after year 0: nothing can happen (all zero)
            counts = median_counts(prob, ny, n, ev.repeatable, ev.chances(spec.years))
        else:
            counts = occurrence_counts(u[event_key(ev.name)], prob, ev.chances(spec.years))
        inputs._set(ev.name, counts.T)
        for eff in ev.effects:
            by = ref(eff.by, f"event {ev.name} effect on {eff.target}.by")
            changed = apply_effect(inputs._data[eff.target], counts, eff.op, by, ev.repeatable)
            inputs._set(eff.target, changed)
    for d in spec.dynamic_derived:
        inputs._set(d.name, _derive(d, inputs, n, ny))
    inputs._data = {k: inputs._data[k] for k in spec.names}
    return inputs


def _derive(d: Derived, inputs: Inputs, n: int, ny: int) -> FloatArray:
    value = np.asarray(d.func(inputs), dtype=np.float64)
    if value.shape not in ((n,), (n, ny)):
        expected = f"({n},)" + (f" or ({n}, {ny})" if ny else "")
        raise EngineError(f"derived {d.name!r} has shape {value.shape}; expected {expected}")
    if value.base is not None or value.flags.writeable is False:
        value = value.copy()  # its own memory, which becomes read-only
    return value


def _check_probability(p: FloatArray, event: str, source: str, start: int) -> None:
    bad = ~((p >= 0.0) & (p <= 1.0))  # NaN fails both comparisons
    if bad.any():
        i = int(np.argmax(bad))
        raise EngineError(
            f"event {event!r}: annual_prob {source!r} is {p[i]:g} at path "
            f"{start + i}, outside [0, 1]"
        )


def split_outputs(
    raw: Any, n: int, ny: int, where: str = ""
) -> tuple[dict[str, FloatArray], dict[str, int]]:
    """Check a model's return value; separate outputs from ``_`` diagnostics.

    Parameters
    ----------
    raw : Any
        What the model function returned (must be a mapping of name -> array).
    n, ny : int
        Paths and years: outputs must have shape ``(n,)`` or ``(n, ny)``.
    where : str
        Appended to shape errors, e.g. ``"in chunk 3"``.

    Returns
    -------
    outputs : dict of name -> float64 ndarray, shape (n,) or (n, n_years)
    invalid : dict of name -> number of paths flagged by ``_invalid_<name>``
    """
    if not isinstance(raw, Mapping):
        raise EngineError(
            f"the model function must return a mapping of name -> array (got {type(raw).__name__})"
        )
    outputs: dict[str, FloatArray] = {}
    invalid: dict[str, int] = {}
    for name, value in raw.items():
        if not isinstance(name, str):
            raise EngineError(f"output names must be strings (got {name!r})")
        arr = np.asarray(value)
        if name.startswith("_"):
            if name.startswith(INVALID_PREFIX):
                if arr.shape != (n,):
                    raise EngineError(f"diagnostic {name!r} has shape {arr.shape}; expected ({n},)")
                invalid[name[len(INVALID_PREFIX) :]] = int(np.count_nonzero(arr))
            continue
        if arr.shape != (n,) and (ny == 0 or arr.shape != (n, ny)):
            expected = f"({n},)" + (f" or ({n}, {ny})" if ny else "")
            raise EngineError(
                f"output {name!r} has shape {arr.shape}; expected {expected}"
                + (f" {where}" if where else "")
            )
        if arr.dtype.kind not in "biuf":
            raise EngineError(f"output {name!r} has dtype {arr.dtype}; expected numbers")
        outputs[name] = arr.astype(np.float64, copy=False)
    return outputs, invalid


def _first_bad(arr: FloatArray) -> int:
    bad = ~np.isfinite(arr)
    return int(np.argmax(bad.any(axis=1) if arr.ndim == 2 else bad))


@dataclass
class ChunkResult:
    """What a chunk sends back."""

    index: int
    start: int
    stop: int
    kept: dict[str, FloatArray] = field(default_factory=dict)
    kept_inputs: dict[str, FloatArray] = field(default_factory=dict)
    stats: dict[str, UnitStats] = field(default_factory=dict)
    fragments: dict[str, list[Fragment]] = field(default_factory=dict)
    ndim: dict[str, int] = field(default_factory=dict)
    sketches: dict[str, list[QuantileSketch]] = field(default_factory=dict)
    invalid: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    error: str | None = None
    error_detail: str | None = None
    #: Where a parameter error is wired in the thesis, its message and what it expected (see
    #: EngineError.at).
    error_at: tuple[str | int, ...] | None = None
    error_message: str | None = None
    error_expected: str | None = None
    #: The output that was not a finite number, when that failed the chunk (EngineError.output).
    error_output: str | None = None


def summarise(
    name: str, arr: FloatArray, res: ChunkResult, n_total: int, sketch: bool = False
) -> None:
    """Fill ``res`` with unit statistics and fragments of output ``name``.

    Parameters
    ----------
    name : str
        The output's name (key in ``res.stats`` and ``res.fragments``).
    arr : ndarray, shape (m,) or (m, n_years)
        The chunk's values of the output (``m = res.stop - res.start``).
    res : ChunkResult
        The chunk's result, updated in place; its ``start`` and ``stop`` say which global
        paths ``arr`` holds.
    n_total : int
        Paths in the whole run: the last statistics unit ends there, possibly short.
    sketch : bool
        Also count the values in quantile sketches (outputs not kept per path; see
        :mod:`model.engine.summaries.sketch`).
    """
    start, stop = res.start, res.stop
    ym = np.ascontiguousarray(arr.T) if arr.ndim == 2 else arr.reshape(1, -1)
    frags: list[Fragment] = []
    p = start
    if p % UNIT:  # the chunk starts inside a unit: send that unit's part raw
        e = min((p // UNIT + 1) * UNIT, stop)
        frags.append(Fragment(p // UNIT, p, ym[:, p - start : e - start].copy()))
        p = e
    # The units that lie wholly in the chunk from here (``p`` is now a unit boundary, or
    # ``stop``): all of UNIT paths, except the run's last unit, which ends at ``n_total``.
    first = p // UNIT
    ends_run = stop >= n_total
    count = -(-(stop - p) // UNIT) if ends_run else (stop - p) // UNIT
    lengths = [UNIT] * count
    if count and ends_run:
        lengths[-1] = n_total - (first + count - 1) * UNIT
    p += sum(lengths)
    if lengths:
        lo = first * UNIT - start
        res.stats[name] = unit_stats(ym[:, lo : lo + sum(lengths)], first, lengths)
    if p < stop:  # the chunk ends inside a unit
        frags.append(Fragment(p // UNIT, p, ym[:, p - start :].copy()))
    res.fragments[name] = frags
    if sketch:  # (a non-finite value fails the chunk right after)
        res.sketches[name] = column_sketch(ym)


def evaluate_chunk(plan: RunPlan, index: int, start: int, stop: int) -> ChunkResult:
    """Run one chunk; errors are returned in the result (the caller decides to raise/skip)."""
    t0 = time.perf_counter()
    res = ChunkResult(index, start, stop)
    try:
        n = stop - start
        spec = plan.spec
        u = plan.sampler.uniforms(start, stop, scratch=True)
        exact = exact_inverse(plan.n_paths)
        inputs = build_inputs(spec, u, n, start, exact=exact, fixed=plan.fixed)
        del u
        if plan.fn is None:
            raw: Any = dict(inputs)
        else:
            raw = plan.fn(inputs)
        outputs, res.invalid = split_outputs(raw, n, spec.n_years, f"in chunk {index}")
        # An output that is another's very array (a model may state one line under two
        # names) shares its summaries, which nothing changes after they are made.
        summarised: dict[tuple[int, bool], str] = {}
        for name, arr in outputs.items():
            kept = plan.keep is None or name in plan.keep
            same = summarised.setdefault((id(arr), kept), name)
            if same == name:
                summarise(name, arr, res, plan.n_paths, sketch=not kept)
            else:
                _share_summaries(res, same, name)
            if not _finite(res, name):
                if np.isfinite(arr).all():  # finite, but too large for its sum of squares
                    err = EngineError(
                        f"output {name!r} reaches {np.abs(arr).max():.3g} in chunk {index}, too "
                        "large for its summaries (their squares overflow); check its scale"
                    )
                else:
                    p = start + _first_bad(arr)
                    what = "not a finite number" if np.isnan(arr).any() else "infinite"
                    err = EngineError(
                        f"output {name!r} is {what} in chunk {index}, first at path {p}"
                    )
                err.output = name
                raise err
            res.ndim[name] = arr.ndim
            if kept:
                res.kept[name] = arr if arr.base is None and arr.flags.owndata else arr.copy()
        for name, arr in inputs.items():
            if plan.keep_inputs is None or name in plan.keep_inputs:
                res.kept_inputs[name] = np.array(arr)
    except Exception as exc:  # reported with the chunk index by the caller
        res = ChunkResult(index, start, stop)
        kind = "" if isinstance(exc, ThesisModelError) else f"{type(exc).__name__}: "
        res.error = f"{kind}{exc}"
        res.error_detail = traceback.format_exc()
        if isinstance(exc, ParameterError) and exc.at is not None:
            res.error_at, res.error_message = tuple(exc.at), exc.message
            res.error_expected = exc.expected
        res.error_output = getattr(exc, "output", None)
    res.seconds = time.perf_counter() - t0
    return res


def _share_summaries(res: ChunkResult, source: str, name: str) -> None:
    """Give output ``name`` the unit statistics, fragments and sketches of ``source``."""
    if source in res.stats:
        res.stats[name] = res.stats[source]
    res.fragments[name] = res.fragments[source]
    if source in res.sketches:
        res.sketches[name] = res.sketches[source]


def _finite(res: ChunkResult, name: str) -> bool:
    st = res.stats.get(name)
    if st is not None and not (np.all(np.isfinite(st.total)) and np.all(np.isfinite(st.m2))):
        return False
    return all(np.all(np.isfinite(f.values)) for f in res.fragments.get(name, []))


def evaluate_chunks(plan: RunPlan, tasks: list[tuple[int, int, int]]) -> list[ChunkResult]:
    """Run several chunks one after another, e.g. as one Dask task.

    Grouping chunks into one task pays the task's scheduling and messaging once for all of
    them, while each chunk stays small enough to keep its arrays in cache. After a failed chunk
    the rest are not run when the run is to fail anyway (``OnChunkError.RAISE``).

    Parameters
    ----------
    plan : RunPlan
    tasks : list of (index, start, stop)
        Chunks to run, in order.

    Returns
    -------
    list of ChunkResult
        One per chunk run, in order.
    """
    out = []
    for index, start, stop in tasks:
        res = evaluate_chunk(plan, index, start, stop)
        out.append(res)
        if res.error is not None and plan.on_error is OnChunkError.RAISE:
            break
    return out
