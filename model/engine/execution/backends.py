"""Where chunks run: in this process, on a local thread pool, or on a Dask cluster.

All backends evaluate the same pure chunk function
(:func:`~model.engine.execution.chunks.evaluate_chunk`) and the runner reduces results in a fixed
order, so every backend gives bit-identical results.

* ``local``: chunks one after another in the calling thread (with the allocator tuned as for
  the other backends when the run has more than one chunk; see :func:`tune_allocator`).
* ``parallel``: a thread pool with one thread per free core (:func:`free_cores`; in-process
  when none is free). numpy releases the GIL in random
  fills and in ufunc loops (including ``scipy.special``), which is where a vectorised chunk
  spends its time, and threads avoid copying inputs and kept outputs between processes.
* ``dask``: ``dask.distributed``. The run plan (spec and model function, pickled with
  cloudpickle, so functions of modules registered with ``cloudpickle.register_pickle_by_value``
  travel by value) is scattered to the workers once; each task runs a group of consecutive chunks
  (:func:`~model.engine.execution.chunks.evaluate_chunks`), large groups first and single chunks
  last, so
  that scheduling and messaging are paid per group while each chunk stays cache-sized. Only
  the chunks' kept outputs and per-unit sums travel back (on the engine's own cluster,
  straight from the workers rather than through the scheduler).

Which Dask cluster
------------------
``client=`` or ``scheduler=`` use the cluster given, untouched. With neither, the engine uses
its own local cluster (:func:`local_client`): ``workers`` processes (default: one per core) with
one thread each, started on first use (a few seconds) and reused by later runs of the process,
closed at exit or by :func:`close_local_client`. Like any process-based Dask cluster it starts
workers with ``spawn``, so a script that uses it needs the ``if __name__ == "__main__":`` guard.

Its workers run with a memory allocator suited to Monte Carlo chunks. Dask starts worker
processes with ``MALLOC_TRIM_THRESHOLD_=65536`` (to hand memory back to the operating system).
That also disables glibc's adaptive mmap threshold, so every array of a chunk is freshly mapped
and page-faulted: on the reference machine 40 chunks of the benchmark took 376,000 page faults
and about twice the CPU time of the same chunks in this process (under 15,000 faults with the
tuning below, and the same CPU time). The engine's cluster does not set the variable, and
each worker fixes glibc's thresholds where the adaptive ones settle in a long-running process
(arrays up to 32 MiB reuse freed heap memory; see :func:`tune_allocator`). For a cluster of
your own, the same effect comes from unsetting the variable before creating it::

    dask.config.set({"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None})
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import os
import sys
import threading
import uuid
import warnings
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from typing import Any

from model.engine.execution.chunks import (
    ChunkResult,
    RunPlan,
    evaluate_chunk,
    evaluate_chunks,
    exact_inverse,
)
from model.engine.execution.cluster import cluster_failure, connect_scheduler
from model.engine.spec import Backend, ModelSpec
from model.errors import EngineError

__all__ = [
    "close_local_client",
    "default_workers",
    "execute",
    "free_cores",
    "local_client",
    "prepare_tables",
    "tune_allocator",
]

Task = tuple[int, int, int]  # (chunk index, first path, stop)

#: A Dask task takes this fraction, divided by the number of worker threads, of the chunks not
#: yet assigned (see ``_groups``).
GUIDED_SHARE = 2
#: Times the chunks of a run are submitted again after the cluster lost them (the run plan was
#: lost with the workers that held it). Chunks whose worker died are retried by Dask itself
#: (``distributed.scheduler.allowed-failures``).
LOST_RETRIES = 2
#: glibc ``mallopt`` parameters and the values :func:`tune_allocator` gives them: its largest
#: allowed mmap threshold on 64-bit systems, and twice that for trimming (the adaptive values'
#: ceiling).
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3
_MMAP_THRESHOLD = 32 * 2**20
_TRIM_THRESHOLD = 64 * 2**20
#: Trim threshold while chunks run (:func:`heap_kept`): above any chunk's working set.
_HELD_TRIM_THRESHOLD = 2**31 - 1


def default_workers() -> int:
    """Cores available to this process."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def free_cores() -> int:
    """Cores this process can use now: its cores less the other work queued on them.

    The ``parallel`` backend's default. On a machine shared with other work, threads beyond the
    idle cores only compete with each other for the same cores (and for memory bandwidth), so
    a run would be slower than in-process; the 1-minute load average (which counts this
    process) says how many cores are busy. At least 1.
    """
    cores = default_workers()
    try:
        busy = os.getloadavg()[0] - 1.0  # this process is runnable too
    except (OSError, AttributeError):
        return cores
    return max(1, min(cores, int(cores - busy + 0.5)))


def execute(
    plan: RunPlan,
    tasks: Sequence[Task],
    backend: Backend,
    *,
    workers: int | None = None,
    client: Any = None,
    scheduler: str | None = None,
) -> Iterator[ChunkResult]:
    """Yield chunk results as they complete (closing the iterator cancels pending chunks).

    Parameters
    ----------
    plan : RunPlan
    tasks : sequence of (index, start, stop)
        The chunks to run.
    backend : Backend
    workers : int, optional
        Threads (``parallel``) or worker processes of the engine's own Dask cluster
        (``dask`` without ``client`` or ``scheduler``); default one per core.
    client, scheduler :
        A Dask ``Client`` or a scheduler address (``dask``).
    """
    if backend is Backend.LOCAL:
        return _local(plan, tasks)
    if backend is Backend.PARALLEL:
        return _threads(plan, tasks, workers or free_cores())
    return _dask(plan, tasks, client, scheduler, workers)


def _local(plan: RunPlan, tasks: Sequence[Task]) -> Iterator[ChunkResult]:
    if len(tasks) < 2:  # nothing to reuse
        for i, a, b in tasks:
            yield evaluate_chunk(plan, i, a, b)
        return
    with heap_kept():
        for i, a, b in tasks:
            yield evaluate_chunk(plan, i, a, b)


def _threads(plan: RunPlan, tasks: Sequence[Task], workers: int) -> Iterator[ChunkResult]:
    if workers < 2:
        yield from _local(plan, tasks)
        return
    # Fresh arrays in every chunk are mapped and page-faulted by each thread, and faults of
    # one process serialise on its address space: reuse heap memory instead (as the Dask
    # workers do; see tune_allocator).
    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="thesis-chunk")
    try:
        # Bounded in flight: each running chunk holds its working arrays, and finished ones
        # hold kept outputs until the runner copies them out.
        todo = list(tasks)[::-1]
        running: set[Future[ChunkResult]] = set()
        with heap_kept():
            while todo or running:
                while todo and len(running) < 2 * workers:
                    i, a, b = todo.pop()
                    running.add(pool.submit(evaluate_chunk, plan, i, a, b))
                done, running = wait(running, return_when=FIRST_COMPLETED)
                for fut in done:
                    yield fut.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


# ---- Dask -------------------------------------------------------------------------------
def _import_distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise EngineError(
            "backend 'dask' needs dask.distributed; install it with "
            "pip install 'thesis-model[dask]'"
        ) from None
    return distributed


def _libc() -> Any:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None)
        libc.mallopt, libc.malloc_trim  # noqa: B018 (both must exist: glibc)
    except (OSError, AttributeError):
        return None
    return libc


@contextlib.contextmanager
def heap_kept() -> Iterator[None]:
    """Keep freed memory in the heap while chunks run; hand it back to the system after.

    Every chunk allocates and frees the same few hundred chunk-sized arrays (a thesis chunk's
    working set is a few hundred MiB). With glibc's thresholds, the memory freed at the end of
    a chunk is trimmed off the heap and mapped and page-faulted again by the next one: a fifth
    of an in-process thesis run went to the kernel. Inside this context the allocator uses
    heap memory for chunk-sized arrays (:func:`tune_allocator`) and does not trim it; on leaving
    it, the trim threshold is restored and the free memory released (``malloc_trim``), so the
    process holds no more memory after the run than before. Off glibc, nothing changes.
    """
    libc = _libc()
    if libc is None or not tune_allocator():
        yield
        return
    libc.mallopt(_M_TRIM_THRESHOLD, _HELD_TRIM_THRESHOLD)
    try:
        yield
    finally:
        libc.mallopt(_M_TRIM_THRESHOLD, _TRIM_THRESHOLD)
        libc.malloc_trim(0)


def tune_allocator() -> bool:
    """Fix glibc's allocator thresholds for chunk-sized arrays (in a Dask worker process).

    Sets the mmap threshold to 32 MiB and the trim threshold to 64 MiB, where glibc's adaptive
    thresholds settle in a long-running process. Setting them explicitly also overrides a
    ``MALLOC_TRIM_THRESHOLD_`` the worker inherited.

    Returns
    -------
    bool
        Whether the thresholds were set (False off glibc).
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    return bool(mallopt(_M_MMAP_THRESHOLD, _MMAP_THRESHOLD)) and bool(
        mallopt(_M_TRIM_THRESHOLD, _TRIM_THRESHOLD)
    )


_local_lock = threading.Lock()
_local_state: dict[str, Any] = {}


def local_client(workers: int | None = None) -> Any:
    """The engine's own local Dask cluster's client, started on first use and then reused.

    Parameters
    ----------
    workers : int, optional
        Worker processes (one thread each); default one per core. Asking for a different
        number restarts the cluster.

    Returns
    -------
    distributed.Client
        Not set as Dask's default client, so other Dask code in the process is unaffected.
    """
    distributed = _import_distributed()
    import dask

    n = workers or default_workers()
    with _local_lock:
        client = _local_state.get("client")
        if client is not None and _local_state["workers"] == n and client.status == "running":
            return client
        _close_local()
        # Unset for the spawned workers only; ``None`` also keeps Dask from exporting the
        # variable into this process's environment.
        # Dask also pins the workers' BLAS to one thread. A BLAS dot product sums in a
        # different order with another thread count, so report figures computed with one
        # (mean returns, rank correlations) would differ in their last digits from the same
        # report run in this process: the workers keep this process's BLAS settings instead.
        unset = {
            f"distributed.nanny.pre-spawn-environ.{var}": None
            for var in (
                "MALLOC_TRIM_THRESHOLD_",
                "OMP_NUM_THREADS",
                "MKL_NUM_THREADS",
                "OPENBLAS_NUM_THREADS",
            )
        }
        with dask.config.set(unset), warnings.catch_warnings():
            # Without a dashboard the scheduler still serves health checks over HTTP, on
            # another port when another cluster holds the default one: not worth a warning.
            warnings.filterwarnings("ignore", message="Port .* is already in use")
            cluster = distributed.LocalCluster(
                n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None
            )
        client = distributed.Client(cluster, set_as_default=False, direct_to_workers=True)
        client.run(tune_allocator)
        if not _local_state.get("atexit"):
            atexit.register(close_local_client)
        _local_state.update(cluster=cluster, client=client, workers=n, atexit=True)
        return client


def _close_local() -> None:
    client, cluster = _local_state.pop("client", None), _local_state.pop("cluster", None)
    if client is not None:
        client.close()
    if cluster is not None:
        cluster.close()


def close_local_client() -> None:
    """Shut the engine's own local Dask cluster down (it restarts on the next use)."""
    with _local_lock:
        _close_local()


class _ByValue:
    """Ships an object with cloudpickle inside Dask's own serialisation.

    Dask pickles data with the standard pickler unless the object's own module is registered
    with ``cloudpickle.register_pickle_by_value``; a run plan lives in the engine, so a model
    function from a module the workers cannot import (a notebook helper, a test module) would
    otherwise be pickled by reference and fail there. Unpickling yields the plan itself, once
    per worker: chunks then share its caches (e.g. tabulated inverse CDFs).
    """

    def __init__(self, obj: Any):
        self.obj = obj

    def __reduce__(self) -> tuple[Any, ...]:
        import cloudpickle

        return (cloudpickle.loads, (cloudpickle.dumps(self.obj),))


def _groups(tasks: Sequence[Task], n_workers: int) -> list[list[Task]]:
    """Consecutive chunks grouped into tasks of decreasing size ("guided" scheduling).

    Each task takes ``1 / (GUIDED_SHARE * n_workers)`` of the chunks still to assign (at least
    one): early tasks are large, so scheduling and messaging are paid rarely, and the last
    ones are single chunks, so workers finish together instead of one waiting for another's
    large last task.
    """
    groups: list[list[Task]] = []
    pos, n = 0, len(tasks)
    while pos < n:
        size = max(1, (n - pos) // (GUIDED_SHARE * max(n_workers, 1)))
        groups.append(list(tasks[pos : pos + size]))
        pos += size
    return groups


def _describe(group: Sequence[Task]) -> str:
    first, last = group[0], group[-1]
    chunks = f"chunk {first[0]}" if len(group) == 1 else f"chunks {first[0]}..{last[0]}"
    return f"{chunks} (paths {first[1]}..{last[2] - 1})"


def _dask(
    plan: RunPlan, tasks: Sequence[Task], client: Any, scheduler: str | None, workers: int | None
) -> Iterator[ChunkResult]:
    distributed = _import_distributed()
    own = None
    address = scheduler
    futures: dict[Any, list[Task]] = {}
    try:
        if client is None:
            if scheduler is not None:
                own = client = connect_scheduler(scheduler)
            else:
                client = local_client(workers)  # its start-up failures are the cluster's
        address = address or getattr(getattr(client, "scheduler", None), "address", None)
        todo = _groups(tasks, sum(client.nthreads().values()) or 1)  # threads run tasks
        for attempt in range(1 + LOST_RETRIES):
            futures = _submit(client, plan, todo)
            lost: list[list[Task]] = []
            # with_results: results are gathered in batches as tasks finish (fewer round
            # trips); raise_errors=False: a failed or cancelled task is handled below.
            done = distributed.as_completed(
                futures, with_results=True, raise_errors=False, loop=client.loop
            )
            for fut, results in done:
                group = futures.pop(fut)
                if fut.status == "finished":
                    fut.release()
                    yield from results
                elif fut.status == "error":  # chunk errors are results: this is the cluster
                    raise cluster_failure(results[1], address, _describe(group))
                else:  # cancelled: the run plan was lost with a worker, or the scheduler
                    lost.append(group)
            if not lost:
                return
            if attempt == LOST_RETRIES or client.status != "running":
                raise cluster_failure(None, address, _describe(lost[0]))
            todo = lost  # chunks are pure functions of the plan: running them again is safe
    except EngineError:
        raise
    except Exception as exc:  # the cluster's machinery, not the model (its errors are results)
        raise cluster_failure(exc, address, f"{len(tasks)} chunks") from exc
    finally:
        pending = [f for f in futures if not f.done()]
        if pending and client is not None:
            with contextlib.suppress(Exception):
                client.cancel(pending)
        if own is not None:
            with contextlib.suppress(Exception):
                own.close()


def _submit(client: Any, plan: RunPlan, groups: list[list[Task]]) -> dict[Any, list[Task]]:
    """Scatter the plan to every worker and submit one task per group of chunks."""
    plan_future = client.scatter(_ByValue(plan), broadcast=True, hash=False)
    tag = uuid.uuid4().hex[:12]
    return {
        client.submit(
            evaluate_chunks, plan_future, group, pure=False, key=f"thesis-chunks-{tag}-{k}"
        ): group
        for k, group in enumerate(groups)
    }


def prepare_tables(specs: Sequence[ModelSpec], n_paths: int) -> None:
    """Build the inverse-CDF tables that runs of ``n_paths`` paths of ``specs`` will use.

    Tables (beta and PERT shapes) are built once per shape and process in any case; building
    them up front lets independent shapes be built on every core at once (the exact inverse
    they tabulate spends its time in a ufunc loop, which releases the GIL). Runs small enough
    for the exact inverse (:func:`~model.engine.execution.chunks.exact_inverse`) need no table.
    """
    if exact_inverse(n_paths):
        return
    from model.engine.draws._fastppf import beta_table
    from model.engine.draws.dist_families import Beta

    shapes = sorted(
        {
            (float(v.dist.a), float(v.dist.b))
            for spec in specs
            for v in spec.variables
            if isinstance(v.dist, Beta)
        }
    )
    workers = min(default_workers(), len(shapes))
    if workers < 2:
        return
    with ThreadPoolExecutor(workers, thread_name_prefix="thesis-tables") as pool:
        list(pool.map(lambda ab: beta_table(*ab), shapes))
