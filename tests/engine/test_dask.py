"""The Dask backend gives the in-process result bit for bit, on the engine's own cluster too."""

from __future__ import annotations

import sys

import numpy as np
import pytest

# The dask extra is optional: without it these tests skip (with the reason) instead of failing
# at collection.
_EXTRA = "needs the dask extra: pip install -e '.[dask]'"
distributed = pytest.importorskip("distributed", reason=_EXTRA)
cloudpickle = pytest.importorskip("cloudpickle", reason=_EXTRA)

from model.engine import BLOCK_SIZE, close_local_client, local_client, run  # noqa: E402
from model.engine.execution.backends import _groups, tune_allocator  # noqa: E402
from model.errors import EngineError  # noqa: E402

pytestmark = [pytest.mark.dask, pytest.mark.slow]

N = 2 * BLOCK_SIZE + 3_000
WORKERS = 2


def fails(x):
    if x.start == BLOCK_SIZE:
        raise ValueError("bad block")
    return {"v": x["a"]}


@pytest.fixture(scope="module")
def client(model_fn, workload):
    # Worker processes cannot import the test modules: ship their functions by value.
    modules = [sys.modules[__name__], sys.modules[model_fn.__module__], workload]
    for m in modules:
        cloudpickle.register_pickle_by_value(m)
    try:
        yield local_client(WORKERS)
    finally:
        close_local_client()
        for m in modules:
            cloudpickle.unregister_pickle_by_value(m)


def assert_same(r1, r2):
    assert r1.outputs.keys() == r2.outputs.keys()
    for k in r1.outputs:
        np.testing.assert_array_equal(r1.outputs[k], r2.outputs[k], err_msg=k)
    for k, s in r1.summaries.items():
        for attr in ("mean", "sd", "se"):
            np.testing.assert_array_equal(getattr(s, attr), getattr(r2.summaries[k], attr))


@pytest.mark.parametrize("method", ["mc", "lhs", "sobol"])
def test_dask_equals_local(client, spec_factory, model_fn, method):
    spec = spec_factory(correlated="gaussian")
    local = run(spec, model_fn, N, seed=99, method=method)
    remote = run(
        spec, model_fn, N, seed=99, method=method, backend="dask", client=client, chunk_size=40_000
    )
    assert remote.backend == "dask"
    assert_same(local, remote)


def test_the_engines_own_cluster_needs_no_client(client, workload):
    spec = workload.spec_in_python()
    local = run(spec, workload.engine_model, N, seed=3, keep=list(workload.OUTPUTS))
    own = run(
        spec,
        workload.engine_model,
        N,
        seed=3,
        keep=list(workload.OUTPUTS),
        backend="dask",
        workers=WORKERS,
    )
    assert_same(local, own)
    assert local_client(WORKERS) is client  # reused, not restarted
    # Its workers run with the allocator thresholds fixed (glibc only).
    if sys.platform.startswith("linux"):
        assert all(client.run(tune_allocator).values())


def test_dask_by_scheduler_address(client, spec_factory, model_fn):
    local = run(spec_factory(), model_fn, 50_000, seed=1)
    remote = run(
        spec_factory(),
        model_fn,
        50_000,
        seed=1,
        backend="dask",
        scheduler=client.scheduler.address,
        chunk_size=20_000,
    )
    assert_same(local, remote)


def test_dask_chunk_failure_names_the_chunk(client, spec_factory):
    with pytest.raises(
        EngineError,
        match=r"chunk 1 \(paths 65536\.\.131071\) failed: "
        r"ValueError: bad block",
    ):
        run(spec_factory(), fails, N, seed=1, backend="dask", client=client, chunk_size=BLOCK_SIZE)
    res = run(
        spec_factory(),
        fails,
        N,
        seed=1,
        backend="dask",
        client=client,
        chunk_size=BLOCK_SIZE,
        on_chunk_error="skip",
    )
    assert [s.index for s in res.skipped] == [1]
    assert res.n_valid == N - BLOCK_SIZE


def test_tasks_group_consecutive_chunks_largest_first():
    tasks = [(i, 10 * i, 10 * i + 10) for i in range(153)]
    groups = _groups(tasks, 2)
    assert [t for g in groups for t in g] == tasks
    sizes = [len(g) for g in groups]
    assert sizes == sorted(sizes, reverse=True)
    assert sizes[0] == 153 // 4 and sizes[-1] == 1 and len(groups) < 30
    assert _groups(tasks[:3], 8) == [[t] for t in tasks[:3]]


def test_distributed_is_installed():
    # The dev extra installs it: a missing install must fail, not skip.
    assert distributed.__version__
