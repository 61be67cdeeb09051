"""The Dask backend gives the in-process result bit for bit."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from model.engine import (
    BLOCK_SIZE,
    Correlation,
    Effect,
    Event,
    ModelSpec,
    Process,
    Variable,
    from_params,
    run,
)
from model.errors import EngineError

pytestmark = [pytest.mark.dask, pytest.mark.slow]
distributed = pytest.importorskip("distributed")
cloudpickle = pytest.importorskip("cloudpickle")

YEARS = tuple(range(2025, 2031))
N = 2 * BLOCK_SIZE + 3_000


def spec() -> ModelSpec:
    return ModelSpec(
        (Variable("a", from_params("normal", {"mean": 1.0, "sd": 2.0})),
         Variable("b", from_params("pert", {"min": 0, "mode": 1, "max": 3})),
         Variable("p", from_params("uniform", {"min": 0.05, "max": 0.2}))),
        processes=(Process("g", "a", 0.1, 0.5, 0.0),),
        events=(Event("shock", "p", False, (Effect("b", "multiply", 0.5),)),),
        correlation=Correlation.from_pairs({("a", "b"): 0.5}),
        years=YEARS)


def model(x):
    if x.start >= 10**9:
        raise RuntimeError("never")
    return {"v": x["a"] * x["b"][:, -1], "path": x["g"] + x["b"]}


def fails(x):
    if x.start == BLOCK_SIZE:
        raise ValueError("bad block")
    return {"v": x["a"]}


@pytest.fixture(scope="module")
def client():
    # Worker processes cannot import this test module: ship its functions by value.
    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None,
                                  processes=True) as cluster, distributed.Client(cluster) as c:
        yield c
    cloudpickle.unregister_pickle_by_value(sys.modules[__name__])


def assert_same(r1, r2):
    for k in r1.outputs:
        np.testing.assert_array_equal(r1.outputs[k], r2.outputs[k], err_msg=k)
    for k, s in r1.summaries.items():
        for attr in ("mean", "sd", "se"):
            np.testing.assert_array_equal(getattr(s, attr), getattr(r2.summaries[k], attr))


@pytest.mark.parametrize("method", ["mc", "lhs", "sobol"])
def test_dask_equals_local(client, method):
    local = run(spec(), model, N, seed=99, method=method)
    remote = run(spec(), model, N, seed=99, method=method, backend="dask", client=client,
                 chunk_size=40_000)
    assert remote.backend == "dask"
    assert_same(local, remote)


def test_dask_by_scheduler_address(client):
    local = run(spec(), model, 50_000, seed=1)
    remote = run(spec(), model, 50_000, seed=1, backend="dask",
                 scheduler=client.scheduler.address, chunk_size=20_000)
    assert_same(local, remote)


def test_dask_chunk_failure_names_the_chunk(client):
    with pytest.raises(EngineError, match=r"chunk 1 \(paths 65536\.\.131071\) failed: "
                                          r"ValueError: bad block"):
        run(spec(), fails, N, seed=1, backend="dask", client=client, chunk_size=BLOCK_SIZE)
    res = run(spec(), fails, N, seed=1, backend="dask", client=client, chunk_size=BLOCK_SIZE,
              on_chunk_error="skip")
    assert [s.index for s in res.skipped] == [1]
    assert res.n_valid == N - BLOCK_SIZE
