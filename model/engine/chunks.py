"""One chunk of a run: sample inputs, call the model, validate and summarise its outputs.

Everything here runs wherever the chunk runs (this process, a thread, a Dask worker), so the
plan and results are plain picklable objects. Statistics are computed per *unit* of
:data:`UNIT` consecutive paths (unit boundaries are multiples of ``UNIT`` and the end of the
run). A chunk returns exact per-unit sums for the units it covers whole and the raw values of
units it covers only in part; the reducer stitches those fragments before summarising them.
Summaries are therefore bit-identical whatever the chunk boundaries.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from model.engine.events import apply_effect, occurrence_counts
from model.engine.processes import process_paths
from model.engine.sampling import Sampler
from model.engine.spec import ModelSpec
from model.errors import EngineError, ThesisModelError

FloatArray = NDArray[np.float64]

#: Paths per statistics unit (divides the block size, so blocks are whole units).
UNIT = 1024
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

    def __init__(self, data: dict[str, np.ndarray], n_paths: int, years: tuple[int, ...],
                 start: int = 0):
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


@dataclass(frozen=True, eq=False)
class RunPlan:
    """Everything a worker needs to evaluate any chunk of a run."""

    spec: ModelSpec
    fn: ModelFn | None
    sampler: Sampler
    n_paths: int
    keep: frozenset[str] | None  # None: keep every output
    keep_inputs: frozenset[str] | None  # None: keep every input
    on_error: str = "raise"


def var_key(name: str) -> str:
    """Stream key of a static variable."""
    return "v:" + name


def proc_key(name: str) -> str:
    """Stream key of a process's shocks."""
    return "p:" + name


def event_key(name: str) -> str:
    """Stream key of an event's occurrences."""
    return "e:" + name


def build_inputs(spec: ModelSpec, u: Mapping[str, FloatArray] | None, n: int,
                 start: int = 0) -> Inputs:
    """Turn uniforms into inputs; ``u=None`` gives the deterministic central path.

    Parameters
    ----------
    spec : ModelSpec
    u : mapping of stream key -> ndarray (dims, n), or None
    n : int
        Number of paths.
    """
    ny = spec.n_years
    inputs = Inputs({}, n, spec.years, start)
    static: dict[str, FloatArray] = {}
    for v in spec.variables:
        if u is None:
            x = np.full(n, v.dist.central())
        elif v.dist.constant:
            x = np.full(n, v.dist.central())
        else:
            x = v.dist.ppf(u[var_key(v.name)][0])
        static[v.name] = x
        inputs._set(v.name, x)

    def ref(value: str | float) -> FloatArray | float:
        # References always read the pre-event static values.
        return static[value] if isinstance(value, str) else value

    for p in spec.processes:
        shocks = None if u is None or p.shock_sd == 0.0 else u[proc_key(p.name)]
        path = process_paths(ref(p.start), ref(p.mean), ref(p.shock_sd), p.reversion, shocks,
                             ny, n)
        inputs._set(p.name, path)
    for ev in spec.events:
        if u is None:
            counts = np.zeros((ny, n))
        else:
            counts = occurrence_counts(u[event_key(ev.name)], ref(ev.annual_prob))
        inputs._set(ev.name, counts.T)
        for eff in ev.effects:
            changed = apply_effect(inputs._data[eff.target], counts, eff.op, ref(eff.by),
                                   ev.repeatable)
            inputs._set(eff.target, changed)
    for d in spec.derived:
        value = np.asarray(d.func(inputs), dtype=np.float64)
        if value.shape not in ((n,), (n, ny)):
            raise EngineError(f"derived {d.name!r} has shape {value.shape}; expected ({n},) "
                              f"or ({n}, {ny})")
        if value.base is not None or value.flags.writeable is False:
            value = value.copy()
        inputs._set(d.name, value)
    return inputs


def split_outputs(raw: Any, n: int, ny: int, index: int, start: int
                  ) -> tuple[dict[str, FloatArray], dict[str, int]]:
    """Check a model's return value; separate outputs from ``_`` diagnostics.

    Returns
    -------
    outputs : dict of name -> float64 ndarray, shape (n,) or (n, n_years)
    invalid : dict of name -> number of paths flagged by ``_invalid_<name>``
    """
    if not isinstance(raw, Mapping):
        raise EngineError(f"the model function must return a mapping of name -> array "
                          f"(got {type(raw).__name__})")
    outputs: dict[str, FloatArray] = {}
    invalid: dict[str, int] = {}
    for name, value in raw.items():
        if not isinstance(name, str):
            raise EngineError(f"output names must be strings (got {name!r})")
        arr = np.asarray(value)
        if name.startswith("_"):
            if name.startswith(INVALID_PREFIX):
                if arr.shape != (n,):
                    raise EngineError(f"diagnostic {name!r} has shape {arr.shape}; "
                                      f"expected ({n},)")
                invalid[name[len(INVALID_PREFIX):]] = int(np.count_nonzero(arr))
            continue
        if arr.shape != (n,) and (ny == 0 or arr.shape != (n, ny)):
            expected = f"({n},)" + (f" or ({n}, {ny})" if ny else "")
            raise EngineError(f"output {name!r} has shape {arr.shape}; expected {expected} "
                              f"in chunk {index}")
        if arr.dtype.kind not in "biuf":
            raise EngineError(f"output {name!r} has dtype {arr.dtype}; expected numbers")
        outputs[name] = arr.astype(np.float64, copy=False)
    return outputs, invalid


def _first_bad(arr: FloatArray) -> int:
    bad = ~np.isfinite(arr)
    return int(np.argmax(bad.any(axis=1) if arr.ndim == 2 else bad))


@dataclass
class UnitStats:
    """Per-unit statistics of one output for consecutive units ``first .. first+k-1``.

    Arrays have shape ``(width, k)``: ``width`` is 1 for ``(n,)`` outputs, ``n_years``
    otherwise.
    """

    first: int
    count: NDArray[np.int64]
    total: FloatArray
    m2: FloatArray


def unit_stats(year_major: FloatArray, first: int, lengths: list[int]) -> UnitStats:
    """Exact per-unit sums of a contiguous ``(width, sum(lengths))`` array.

    Every unit is reduced as a contiguous row of its own length, so a unit's result does not
    depend on which other units were computed with it.
    """
    width = year_major.shape[0]
    k = len(lengths)
    total = np.empty((width, k))
    m2 = np.empty((width, k))
    full = sum(1 for n in lengths if n == UNIT)
    if full:
        body = year_major[:, : full * UNIT].reshape(width, full, UNIT)
        total[:, :full] = body.sum(axis=2)
        dev = body - (total[:, :full] / UNIT)[:, :, None]
        m2[:, :full] = (dev * dev).sum(axis=2)
    pos = full * UNIT
    for j in range(full, k):
        seg = year_major[:, pos:pos + lengths[j]].reshape(width, 1, lengths[j])
        total[:, j] = seg.sum(axis=2)[:, 0]
        dev = seg - (total[:, j] / lengths[j])[:, None, None]
        m2[:, j] = (dev * dev).sum(axis=2)[:, 0]
        pos += lengths[j]
    return UnitStats(first, np.asarray(lengths, dtype=np.int64), total, m2)


def unit_len(unit: int, n_paths: int) -> int:
    """Paths in statistics unit ``unit`` of a run of ``n_paths``."""
    return min(UNIT, n_paths - unit * UNIT)


@dataclass
class Fragment:
    """Values of part of one unit: global paths ``start ..``; shape ``(width, m)``."""

    unit: int
    start: int
    values: FloatArray


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
    invalid: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    error: str | None = None
    error_detail: str | None = None


def summarise(name: str, arr: FloatArray, res: ChunkResult, n_total: int) -> None:
    """Fill ``res`` with unit statistics and fragments of output ``name``.

    Parameters
    ----------
    arr : ndarray, shape (m,) or (m, n_years)
        The chunk's values of the output (``m = res.stop - res.start``).
    """
    start, stop = res.start, res.stop
    ym = np.ascontiguousarray(arr.T) if arr.ndim == 2 else arr.reshape(1, -1)
    frags: list[Fragment] = []
    p = start
    if p % UNIT:  # the chunk starts inside a unit: send that unit's part raw
        e = min((p // UNIT + 1) * UNIT, stop)
        frags.append(Fragment(p // UNIT, p, ym[:, p - start: e - start].copy()))
        p = e
    first, lengths = p // UNIT, []
    while p < stop and min(p + UNIT, n_total) <= stop:
        size = min(UNIT, n_total - p)
        lengths.append(size)
        p += size
    if lengths:
        lo = first * UNIT - start
        res.stats[name] = unit_stats(ym[:, lo: lo + sum(lengths)], first, lengths)
    if p < stop:  # the chunk ends inside a unit
        frags.append(Fragment(p // UNIT, p, ym[:, p - start:].copy()))
    res.fragments[name] = frags


def evaluate_chunk(plan: RunPlan, index: int, start: int, stop: int) -> ChunkResult:
    """Run one chunk; errors are returned in the result (the caller decides to raise/skip)."""
    t0 = time.perf_counter()
    res = ChunkResult(index, start, stop)
    try:
        n = stop - start
        spec = plan.spec
        u = plan.sampler.uniforms(start, stop, scratch=True)
        inputs = build_inputs(spec, u, n, start)
        del u
        if plan.fn is None:
            raw: Any = dict(inputs)
        else:
            raw = plan.fn(inputs)
        outputs, res.invalid = split_outputs(raw, n, spec.n_years, index, start)
        for name, arr in outputs.items():
            summarise(name, arr, res, plan.n_paths)
            if not _finite(res, name):
                p = start + _first_bad(arr)
                raise EngineError(f"output {name!r} is NaN or infinite in chunk {index}, first "
                                  f"at path {p}")
            res.ndim[name] = arr.ndim
            if plan.keep is None or name in plan.keep:
                res.kept[name] = arr if arr.base is None and arr.flags.owndata else arr.copy()
        for name, arr in inputs.items():
            if plan.keep_inputs is None or name in plan.keep_inputs:
                res.kept_inputs[name] = np.array(arr)
    except Exception as exc:  # reported with the chunk index by the caller
        res = ChunkResult(index, start, stop)
        kind = "" if isinstance(exc, ThesisModelError) else f"{type(exc).__name__}: "
        res.error = f"{kind}{exc}"
        res.error_detail = traceback.format_exc()
    res.seconds = time.perf_counter() - t0
    return res


def _finite(res: ChunkResult, name: str) -> bool:
    st = res.stats.get(name)
    if st is not None and not (np.all(np.isfinite(st.total)) and np.all(np.isfinite(st.m2))):
        return False
    return all(np.all(np.isfinite(f.values)) for f in res.fragments.get(name, []))
