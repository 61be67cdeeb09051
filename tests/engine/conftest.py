"""Shared specs of the engine tests.

``make_spec`` is the small spec of the reproducibility and Dask tests (every kind of input:
families with closed-form and tabulated inverses, a fixed value, a process, an event, optional
rank correlation); ``workload`` is the benchmark's thesis-ref-v1 module, whose spec and model
the regression and Dask tests also run.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

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
)

YEARS = tuple(range(2025, 2031))
#: Two whole blocks and a partial one.
N = 2 * BLOCK_SIZE + 7_000
WORKLOAD = Path(__file__).resolve().parents[2] / "benchmarks" / "workload.py"


def make_spec(extra: bool = False, correlated: str | None = None) -> ModelSpec:
    """The shared test spec; ``extra`` adds a variable, ``correlated`` a copula method."""
    variables = [
        Variable("a", from_params("normal", {"mean": 1.0, "sd": 2.0})),
        Variable("b", from_params("beta", {"mean": 0.3, "sd": 0.05})),
        Variable("c", from_params("lognormal", {"ci90": [1.0, 3.0]})),
        Variable("p", from_params("uniform", {"min": 0.05, "max": 0.2})),
        Variable("k", from_params("fixed", {"value": 2.0})),
    ]
    if extra:
        variables.insert(
            1, Variable("zz_new", from_params("triangular", {"min": 0, "mode": 1, "max": 2}))
        )
    corr = None
    if correlated:
        corr = Correlation(
            ("a", "b", "c"),
            np.array([[1, 0.6, -0.3], [0.6, 1, 0.2], [-0.3, 0.2, 1]]),
            method=correlated,
        )
    return ModelSpec(
        tuple(variables),
        processes=(Process("g", "a", 0.1, 0.5, 0.0),),
        events=(Event("shock", "p", False, (Effect("c", "multiply", 0.5),)),),
        correlation=corr,
        years=YEARS,
    )


def spec_model(x):
    """A model of the shared spec with a static and a per-year output."""
    return {"y": x["a"] * x["b"] + x["k"], "path": x["c"] + x["g"]}


@pytest.fixture(scope="session")
def spec_factory() -> Callable[..., ModelSpec]:
    return make_spec


@pytest.fixture(scope="session")
def model_fn() -> Callable:
    return spec_model


@pytest.fixture(scope="session")
def workload() -> ModuleType:
    """``benchmarks/workload.py``, loaded by path (the repository root need not be importable)."""
    name = "thesis_ref_v1_workload"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, WORKLOAD)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # so that cloudpickle can ship its functions by value
    spec.loader.exec_module(module)
    return module
