"""Where chunks run: in this process, on a local thread pool, or on a Dask cluster.

All backends evaluate the same pure chunk function (:func:`~model.engine.chunks.evaluate_chunk`)
and the runner reduces results in a fixed order, so every backend gives bit-identical results.

* ``local``: chunks one after another in the calling thread.
* ``parallel``: a thread pool with one thread per core. numpy releases the GIL in random
  fills and in ufunc loops (including ``scipy.special``), which is where a vectorised chunk
  spends its time, and threads avoid copying inputs and kept outputs between processes.
* ``dask``: ``dask.distributed``; pass a ``Client`` or a scheduler address. The run plan (spec
  and model function, pickled with cloudpickle) is scattered to the workers once.

Dask starts worker processes with ``MALLOC_TRIM_THRESHOLD_=65536`` (to hand memory back to the
operating system). That also disables glibc's adaptive mmap threshold, so every array of a
chunk is freshly mapped and page-faulted: chunks ran about 40% slower in such workers than in
this process on the reference machine. For Monte Carlo clusters, consider unsetting it before
creating the cluster::

    dask.config.set({"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None})
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from typing import Any

from model.engine.chunks import ChunkResult, RunPlan, evaluate_chunk
from model.engine.spec import Backend
from model.errors import EngineError

Task = tuple[int, int, int]  # (chunk index, first path, stop)


def default_workers() -> int:
    """Cores available to this process."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def execute(
    plan: RunPlan,
    tasks: Sequence[Task],
    backend: Backend,
    *,
    workers: int | None = None,
    client: Any = None,
    scheduler: str | None = None,
) -> Iterator[ChunkResult]:
    """Yield chunk results as they complete (closing the iterator cancels pending chunks)."""
    if backend is Backend.LOCAL:
        return _local(plan, tasks)
    if backend is Backend.PARALLEL:
        return _threads(plan, tasks, workers or default_workers())
    return _dask(plan, tasks, client, scheduler)


def _local(plan: RunPlan, tasks: Sequence[Task]) -> Iterator[ChunkResult]:
    for i, a, b in tasks:
        yield evaluate_chunk(plan, i, a, b)


def _threads(plan: RunPlan, tasks: Sequence[Task], workers: int) -> Iterator[ChunkResult]:
    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="thesis-chunk")
    try:
        # Bounded in flight: each running chunk holds its working arrays, and finished ones
        # hold kept outputs until the runner copies them out.
        todo = list(tasks)[::-1]
        running: set[Future[ChunkResult]] = set()
        while todo or running:
            while todo and len(running) < 2 * workers:
                i, a, b = todo.pop()
                running.add(pool.submit(evaluate_chunk, plan, i, a, b))
            done, running = wait(running, return_when=FIRST_COMPLETED)
            for fut in done:
                yield fut.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _import_distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise EngineError("backend 'dask' needs dask.distributed; install it with "
                          "pip install 'thesis-model[dask]'") from None
    return distributed


def _dask(plan: RunPlan, tasks: Sequence[Task], client: Any,
          scheduler: str | None) -> Iterator[ChunkResult]:
    distributed = _import_distributed()
    own = None
    if client is None:
        if scheduler is None:
            raise EngineError("backend 'dask' needs client=<distributed.Client> or "
                              "scheduler=<address>")
        own = client = distributed.Client(scheduler)
    futures: list[Any] = []
    try:
        plan_future = client.scatter(plan, broadcast=True, hash=False)
        tag = uuid.uuid4().hex[:12]
        futures = [client.submit(evaluate_chunk, plan_future, i, a, b, pure=False,
                                 key=f"thesis-chunk-{tag}-{i}") for i, a, b in tasks]
        # with_results: results are gathered in batches as tasks finish (fewer round trips).
        for fut, res in distributed.as_completed(futures, with_results=True):
            fut.release()
            yield res
    finally:
        pending = [f for f in futures if not f.done()]
        if pending:
            client.cancel(pending)
        if own is not None:
            own.close()
