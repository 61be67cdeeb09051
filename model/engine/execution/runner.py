"""Running a vectorised model over many paths.

:func:`run` samples a :class:`~model.engine.spec.ModelSpec` chunk by chunk, calls the model
function on each chunk's inputs, validates what it returns and accumulates the result.

Memory grows with the chunk, not with the number of paths, except for what the caller keeps:
``keep`` lists the outputs stored per path (default: all of them); outputs that are not kept
are summarised by their streaming mean, sd and standard error only (no quantiles).

Reproducibility: see :mod:`model.engine.draws.rng` (keyed streams per block of paths) and
:mod:`model.engine.execution.sampling` (how chunks meet LHS / Sobol stratification). The same
seed gives
bit-identical outputs and summaries whatever the chunk size, number of workers and backend.

Convergence: with ``target`` and ``target_se`` or ``target_rel_se``, the run adds blocks of
paths until the standard error of that output's mean is small enough or ``max_paths`` is
reached (the run is then a whole number of blocks, so adding blocks extends the same design).
"""

from __future__ import annotations

import math
import re
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from enum import Enum
from typing import Any, TypeVar

import numpy as np

from model.engine.draws.rng import BLOCK_SIZE, SeedLike, handle_seed
from model.engine.execution.backends import default_workers, execute, prepare_tables
from model.engine.execution.chunks import (
    Inputs,
    ModelFn,
    RunPlan,
    assemble_inputs,
    build_inputs,
    exact_inverse,
    static_values,
)
from model.engine.execution.cluster import check_scheduler_address
from model.engine.execution.deterministic import central
from model.engine.execution.holding import conditional_partners, coupled
from model.engine.execution.limits import (
    MemoryEstimate,
    check_chunk_size,
    check_memory,
    estimate_memory,
)
from model.engine.execution.results import Accumulator, RunResult, make_result
from model.engine.execution.sampling import (
    Sampler,
    Stream,
    event_key,
    make_copula,
    proc_key,
    release_thread_buffers,
    var_key,
)
from model.engine.spec import Backend, Method, ModelSpec, OnChunkError
from model.errors import EngineError, warn

# (central lives in model.engine.execution.deterministic)
__all__ = ["central", "prepare_tables", "run", "sample"]

#: Runs expected to last longer than this get a progress bar (when ``progress=None`` and
#: stderr is a terminal).
PROGRESS_AFTER_S = 2.0
_TARGET = re.compile(r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)(\[(?P<year>-?\d+)\])?$")


_E = TypeVar("_E", bound=Enum)


def _enum(cls: type[_E], value: Any, what: str) -> _E:
    try:
        return cls(value)
    except ValueError:
        options = ", ".join(repr(m.value) for m in cls)
        raise EngineError(f"unknown {what} {value!r}; expected one of {options}") from None


def _positive_int(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value <= 0:
        raise EngineError(f"{what} must be a positive integer (got {value!r})")
    return int(value)


def _names(value: Any, what: str) -> frozenset[str] | None:
    """``None`` -> everything, ``True``/``False`` -> all/none, else a set of names."""
    if value is None or value is True:
        return None
    if value is False:
        return frozenset()
    if isinstance(value, str):
        return frozenset([value])
    try:
        names = frozenset(value)
    except TypeError:
        raise EngineError(f"{what} must be a list of names (got {value!r})") from None
    if not all(isinstance(n, str) for n in names):
        raise EngineError(f"{what} must hold names (got {sorted(map(repr, names))})")
    return names


def _streams(spec: ModelSpec) -> tuple[Stream, ...]:
    out = [Stream(var_key(v.name), 1) for v in spec.variables if not v.dist.constant]
    if spec.n_years > 1:
        out += [
            Stream(proc_key(p.name), spec.n_years - 1) for p in spec.processes if p.shock_sd != 0.0
        ]
        out += [Stream(event_key(e.name), spec.n_years - 1) for e in spec.events]
    return tuple(out)


def _sampler(
    spec: ModelSpec, root: np.random.SeedSequence, method: Method, n_paths: int
) -> Sampler:
    copula = None
    c = spec.correlation
    if c is not None:
        fixed = [n for n in c.names if spec.variable(n).dist.constant]
        if fixed:
            raise EngineError(f"correlation names fixed value(s) {', '.join(fixed)}")
        copula = make_copula(
            [var_key(n) for n in c.names], c.method, c.effective, c.names, c.repair
        )
    companions = tuple(Stream(key, dims) for key, dims in spec.design_companions)
    return Sampler(root, method, _streams(spec), n_paths, copula, companions)


def _stderr_is_terminal() -> bool:
    try:
        return bool(sys.stderr is not None and sys.stderr.isatty())
    except (AttributeError, ValueError):  # replaced or closed stream
        return False


class _Progress:
    """A tqdm bar: on request, or (``mode=None``) for long runs when stderr is a terminal."""

    def __init__(self, mode: bool | None, total: int):
        self.mode = mode
        self.total = total
        self.bar: Any = None
        self.t0 = time.perf_counter()
        if mode is None and not _stderr_is_terminal():
            self.mode = False  # a bar in a log file or captured output is only noise
        if self.mode:
            self._open(0)

    def _open(self, done: int) -> None:
        from model._forks import bar_class

        self.bar = bar_class(auto=True)(
            total=self.total,
            initial=done,
            unit="path",
            unit_scale=True,
            desc="simulating",
            leave=False,
        )

    def update(self, done: int, step: int) -> None:
        if self.bar is not None:
            self.bar.update(step)
        elif self.mode is None and done:
            elapsed = time.perf_counter() - self.t0
            # Judge only after a moment: the first chunk also pays one-off set-up costs.
            if elapsed > 0.25 * PROGRESS_AFTER_S and elapsed / done * self.total > PROGRESS_AFTER_S:
                self._open(done)
                self.mode = True

    def grow(self, total: int) -> None:
        self.total = total
        if self.bar is not None:
            self.bar.total = total
            self.bar.refresh()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _tasks(start: int, stop: int, chunk: int, first_index: int) -> list[tuple[int, int, int]]:
    return [
        (first_index + k, a, min(a + chunk, stop)) for k, a in enumerate(range(start, stop, chunk))
    ]


def run(
    spec: ModelSpec,
    fn: ModelFn | None = None,
    n_paths: int = 10_000,
    *,
    seed: SeedLike = None,
    method: Method | str = Method.MC,
    backend: Backend | str = Backend.LOCAL,
    chunk_size: int | None = None,
    keep: Sequence[str] | bool | None = None,
    keep_inputs: Sequence[str] | bool = False,
    progress: bool | None = None,
    client: Any = None,
    scheduler: str | None = None,
    on_chunk_error: OnChunkError | str = OnChunkError.RAISE,
    workers: int | None = None,
    target: str | None = None,
    target_se: float | None = None,
    target_rel_se: float | None = None,
    max_paths: int | None = None,
) -> RunResult:
    """Monte Carlo run of a vectorised model.

    Parameters
    ----------
    spec : ModelSpec
        What to sample.
    fn : callable, optional
        ``fn(inputs) -> Mapping[str, ndarray]``; ``inputs`` maps names to arrays of shape
        ``(n,)`` (static) or ``(n, n_years)`` (processes, event targets) for the chunk's ``n``
        paths. Outputs must have shape ``(n,)`` or ``(n, n_years)`` and be finite. Keys
        starting with ``_`` are diagnostics: ``_invalid_<name>`` (bool, ``(n,)``) counts
        paths breaking an invariant (``RunResult.invalid``). Without ``fn`` the inputs are
        the outputs.
    n_paths : int
        Paths to simulate (the starting count when a precision target is set).
    seed : int, SeedSequence, Generator or None
        Root seed; ``None`` draws fresh entropy (recorded in the result).
    method : Method or {"mc", "lhs", "sobol"}
        Sampling design (see :mod:`model.engine.execution.sampling`).
    backend : Backend or {"local", "parallel", "dask"}
        Where chunks run (see :mod:`model.engine.execution.backends`). ``dask`` uses ``client`` or
        ``scheduler`` when given, else the engine's own local cluster (one worker process per
        core, started on first use and reused).
    chunk_size : int, optional
        Paths per chunk (default: one block of 65536 paths, which keeps a chunk's arrays near
        the cache). Results do not depend on it.
    keep : list of str, bool or None
        Outputs kept per path; ``None``/``True`` keeps all, ``False`` none.
    keep_inputs : list of str or bool
        Inputs kept per path (default none), e.g. for sensitivity analysis.
    progress : bool or None
        ``True``/``False`` show / hide a progress bar; ``None`` shows one when stderr is a
        terminal and the run is expected to take more than 2 s (pass ``True`` in notebooks).
    client, scheduler :
        Dask ``Client`` or scheduler address (backend ``dask``).
    on_chunk_error : OnChunkError or {"raise", "skip"}
        ``raise`` fails the run naming the chunk; ``skip`` goes on and records the chunk in
        ``RunResult.skipped`` (its paths are left out).
    workers : int, optional
        Threads of the ``parallel`` backend (default: one per free core, see
        :func:`~model.engine.execution.backends.free_cores`), or worker processes of the
        engine's own
        Dask cluster (default: one per core).
    target, target_se, target_rel_se, max_paths :
        Precision target on the mean of output ``target`` (``"name"`` or ``"name[year]"``;
        a per-year output without a year means its last year): run more blocks until its
        standard error is at most ``target_se`` (or ``target_rel_se * |mean|``), up to
        ``max_paths`` (default ``100 * n_paths``).

    Returns
    -------
    RunResult

    Raises
    ------
    EngineError
        Bad settings, bad model output or a failed chunk (naming it).
    """
    t0 = time.perf_counter()
    if not isinstance(spec, ModelSpec):
        raise EngineError(f"spec must be a ModelSpec (got {type(spec).__name__})")
    if fn is not None and not callable(fn):
        raise EngineError("fn must be callable or None")
    n_paths = _positive_int(n_paths, "n_paths")
    method = _enum(Method, method, "sampling method")
    backend = _enum(Backend, backend, "backend")
    on_error = _enum(OnChunkError, on_chunk_error, "on_chunk_error")
    if chunk_size is None:
        # One block keeps a chunk's arrays near the L2 cache. Dask pays its per-task costs
        # once per group of chunks (see backends), so it needs no larger chunks.
        chunk = BLOCK_SIZE
    else:
        chunk = check_chunk_size(chunk_size)
    if workers is not None:
        workers = _positive_int(workers, "workers")
    if scheduler is not None:
        scheduler = check_scheduler_address(scheduler)
    goal = _goal(target, target_se, target_rel_se)
    if goal is not None:
        n_paths = -(-n_paths // BLOCK_SIZE) * BLOCK_SIZE
        max_paths = 100 * n_paths if max_paths is None else _positive_int(max_paths, "max_paths")
        if max_paths < n_paths:
            raise EngineError(f"max_paths ({max_paths}) is below n_paths ({n_paths})")
    keep_set = _names(keep, "keep")
    keep_in = _names(keep_inputs, "keep_inputs")
    if keep_in:
        unknown = sorted(keep_in - set(spec.names))
        if unknown:
            raise EngineError(
                f"keep_inputs names unknown input(s) {unknown}; inputs: {', '.join(spec.names)}"
            )
    memory = _check_memory(
        spec, fn, n_paths, keep_set, keep_in, chunk, backend, workers, always=goal is not None
    )
    root = handle_seed(seed)
    if backend is not Backend.DASK:  # (workers build their own)
        prepare_tables([spec], n_paths)
    plan = RunPlan(
        spec, fn, _sampler(spec, root, method, n_paths), n_paths, keep_set, keep_in, on_error
    )
    acc = Accumulator(n_paths, spec.n_years)
    bar = _Progress(progress, n_paths)
    converged = None
    try:
        _execute(plan, acc, _tasks(0, n_paths, chunk, 0), backend, workers, client, scheduler, bar)
        if goal is not None:
            converged = _converge(
                plan,
                acc,
                goal,
                chunk,
                max_paths or n_paths,
                memory,
                backend,
                workers,
                client,
                scheduler,
                bar,
            )
    finally:
        bar.close()
        release_thread_buffers()  # chunks that ran in this thread left them behind
    return make_result(
        acc, method, backend, chunk, root, time.perf_counter() - t0, spec.years, converged
    )


def _check_memory(
    spec: ModelSpec,
    fn: ModelFn | None,
    n_paths: int,
    keep: frozenset[str] | None,
    keep_inputs: frozenset[str] | None,
    chunk: int,
    backend: Backend,
    workers: int | None,
    *,
    always: bool = False,
) -> MemoryEstimate | None:
    """Refuse a run that cannot fit in memory, before it starts (see :mod:`.limits`).

    A run of one chunk of at most a block of paths needs no estimate (its memory is the
    chunk's, which any run needs) unless it may grow (``always``, for a precision target); a
    larger single chunk is checked (20 million paths in one chunk ran out of memory).
    """
    if n_paths <= min(chunk, BLOCK_SIZE) and not always:
        return None
    in_flight = 2 * (workers or default_workers()) if backend is Backend.PARALLEL else 1
    estimate = estimate_memory(
        spec, fn, n_paths, keep=keep, keep_inputs=keep_inputs, chunk=chunk, in_flight=in_flight
    )
    return check_memory(estimate)


def _execute(
    plan: RunPlan,
    acc: Accumulator,
    tasks: list[tuple[int, int, int]],
    backend: Backend,
    workers: int | None,
    client: Any,
    scheduler: str | None,
    bar: _Progress,
) -> None:
    results = execute(plan, tasks, backend, workers=workers, client=client, scheduler=scheduler)
    first = True
    try:
        for res in results:
            if res.error is not None:
                if plan.on_error is OnChunkError.RAISE:
                    err = EngineError(
                        f"chunk {res.index} (paths {res.start}..{res.stop - 1}) failed: {res.error}"
                    )
                    if res.error_detail:
                        err.add_note(res.error_detail)
                    err.at, err.located = res.error_at, res.error_message
                    err.expected = res.error_expected
                    err.output = res.error_output
                    raise err
                acc.skip(res)
            else:
                acc.add(res)
                if first:  # a misspelt `keep` fails after one chunk, not after the whole run
                    _check_keep(plan.keep, acc)
                    first = False
            bar.update(
                acc.done_paths + sum(s.stop - s.start for s in acc.skipped), res.stop - res.start
            )
    finally:
        close = getattr(results, "close", None)
        if close is not None:
            close()


def _check_keep(keep: frozenset[str] | None, acc: Accumulator) -> None:
    if keep and acc.acc:
        unknown = sorted(keep - set(acc.acc))
        if unknown:
            raise EngineError(
                f"keep names unknown output(s) {unknown}; outputs: {', '.join(acc.acc)}"
            )


def _goal(target: str | None, se: float | None, rel: float | None) -> tuple[str, Any] | None:
    if target is None:
        if se is not None or rel is not None:
            raise EngineError("target_se / target_rel_se need target=<output name>")
        return None
    if (se is None) == (rel is None):
        raise EngineError("give exactly one of target_se and target_rel_se with target")
    value = se if se is not None else rel
    if not isinstance(value, int | float) or not value > 0:
        raise EngineError(f"the precision target must be > 0 (got {value!r})")
    m = _TARGET.match(target) if isinstance(target, str) else None
    if m is None:
        raise EngineError(f"target must be 'name' or 'name[year]' (got {target!r})")
    year = None if m["year"] is None else int(m["year"])
    return m["name"], (year, float(value), rel is not None)


def _target_se(acc: Accumulator, plan: RunPlan, goal: tuple[str, Any]) -> tuple[float, float]:
    name, (year, _, _) = goal
    summaries = acc.summaries(plan.sampler.method)
    if name not in summaries:
        raise EngineError(f"target {name!r} is not an output; outputs: {', '.join(summaries)}")
    s = summaries[name]
    if not s.per_year:
        return float(s.mean), float(s.se)
    years = list(plan.spec.years)
    if year is not None and year not in years:
        raise EngineError(f"target year {year} is not one of {years}")
    i = years.index(year) if year is not None else -1
    return float(s.mean[i]), float(s.se[i])


def _converge(
    plan: RunPlan,
    acc: Accumulator,
    goal: tuple[str, Any],
    chunk: int,
    max_paths: int,
    memory: MemoryEstimate | None,
    backend: Backend,
    workers: int | None,
    client: Any,
    scheduler: str | None,
    bar: _Progress,
) -> bool:
    _, (_, value, relative) = goal
    index = -(-acc.n_total // chunk)
    while True:
        mean, se = _target_se(acc, plan, goal)
        wanted = value * abs(mean) if relative else value
        if se <= wanted:
            return True
        n = acc.n_total
        if n >= max_paths:
            return False
        # SE falls like 1/sqrt(n): aim 20% past the estimate, at least one more block.
        need = n * (se / wanted) ** 2 * 1.2 if wanted > 0 else math.inf
        new_n = min(
            max_paths, max(n + BLOCK_SIZE, -(-int(min(need, 1e15)) // BLOCK_SIZE) * BLOCK_SIZE)
        )
        if memory is not None and not replace(memory, n_paths=new_n).fits:
            warn(
                f"the precision target was not reached: {n:,} paths ran, and "
                + replace(memory, n_paths=new_n).message()
            )
            return False
        acc.grow(new_n)
        bar.grow(new_n)
        plan = replace(plan, n_paths=new_n, sampler=replace(plan.sampler, n_paths=new_n))
        tasks = _tasks(n, new_n, chunk, index)
        index += len(tasks)
        _execute(plan, acc, tasks, backend, workers, client, scheduler, bar)


def sample(
    spec: ModelSpec,
    n_paths: int,
    *,
    seed: SeedLike = None,
    method: Method | str = Method.MC,
    start: int = 0,
) -> dict[str, np.ndarray]:
    """Sampled inputs of paths ``[start, start + n_paths)`` (no model, no accumulation).

    Uses the same streams as :func:`run`: with the same seed, ``sample(spec, n)[name]`` equals
    ``run(spec, None, n, seed=...).outputs[name]``.

    Parameters
    ----------
    spec : ModelSpec
        What to sample.
    n_paths : int
        Number of paths.
    seed : int, SeedSequence, Generator or None
        Root seed, as for :func:`run`.
    method : Method or {"mc", "lhs", "sobol"}
        Sampling design. LHS and Sobol designs are those of a run of ``start + n_paths``
        paths.
    start : int
        Global index of the first path (the paths of a longer run from ``start`` on).

    Returns
    -------
    dict of name -> ndarray
        Every input (see :class:`~model.engine.execution.chunks.Inputs` for shapes), writeable
        copies.
    """
    if not isinstance(spec, ModelSpec):
        raise EngineError(f"spec must be a ModelSpec (got {type(spec).__name__})")
    if isinstance(start, bool) or not isinstance(start, int | np.integer) or start < 0:
        raise EngineError(f"start must be an integer >= 0 (got {start!r})")
    n_paths = _positive_int(n_paths, "n_paths")
    method = _enum(Method, method, "sampling method")
    sampler = _sampler(spec, handle_seed(seed), method, start + n_paths)
    u = sampler.uniforms(start, start + n_paths)
    inputs = build_inputs(spec, u, n_paths, start, exact=exact_inverse(start + n_paths))
    return {k: np.array(v) for k, v in inputs.items()}


def sample_holding(
    spec: ModelSpec, n_paths: int, hold: str, *, seed: SeedLike = None
) -> Callable[[float], Inputs]:
    """Plain Monte Carlo inputs with one static variable held at a value of the caller's.

    The other variables, processes and events are drawn once, by the streams :func:`run` uses;
    ``at(x)`` completes them with ``hold`` at ``x`` on every path (derived quantities, processes
    and events computed from it again). Every ``x`` sees the same draws (common random numbers),
    so a model's mean over the paths is a smooth function of ``x``. When ``hold`` is correlated
    with none, ``at(x)`` equals a run of ``spec`` with ``hold`` fixed at ``x`` (one chunk; runs
    do not depend on chunking); otherwise its partners are drawn given ``hold`` at ``x``.

    Parameters
    ----------
    spec : ModelSpec
    n_paths : int
    hold : str
        A static variable. When the Gaussian copula correlates it with others, they are drawn
        from their distribution given ``hold`` at ``x`` (see
        :mod:`~model.engine.execution.holding`); one in the matrix with zero correlations keeps
        the others' draws as a run of the spec makes them.
    seed : int, SeedSequence, Generator or None

    Returns
    -------
    callable
        ``at(x) -> Inputs`` of ``n_paths`` paths.
    """
    if not isinstance(spec, ModelSpec):
        raise EngineError(f"spec must be a ModelSpec (got {type(spec).__name__})")
    if hold not in spec.variable_names:
        raise EngineError(f"{hold!r} is not a static variable of the spec")
    n = _positive_int(n_paths, "n_paths")
    sampler = _sampler(spec, handle_seed(seed), Method.MC, n)
    given: Callable[[float], Mapping[str, np.ndarray]] = lambda x: {}  # noqa: E731
    if coupled(spec, sampler, hold):
        given = conditional_partners(spec, sampler, hold, n, exact_inverse(n))
    u = sampler.uniforms(0, n)
    drawn = static_values(spec, u, n, exact=exact_inverse(n), skip=hold)

    def at(x: float) -> Inputs:
        return assemble_inputs(spec, {**drawn, **given(x), hold: np.full(n, float(x))}, u, n)

    return at
