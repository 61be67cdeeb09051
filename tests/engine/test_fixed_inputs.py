"""Fixed variables and pure derived values of them are made once per run and chunk size."""

from __future__ import annotations

import pickle

import numpy as np

from model.engine import Derived, ModelSpec, Variable, from_params, run
from model.engine.execution.chunks import FixedInputs

YEARS = (2025, 2026)


def _spec(calls: dict[str, int], pure: bool) -> ModelSpec:
    def counted(name, f):
        def func(inputs):
            if inputs.n_paths >= 1_000:  # the chunks (the run also probes a few paths)
                calls[name] = calls.get(name, 0) + 1
            return f(inputs)

        return func

    return ModelSpec(
        variables=(
            Variable("rate", from_params("fixed", {"value": 0.07})),
            Variable("years", from_params("fixed", {"value": 5.0})),
            Variable("x", from_params("normal", {"mean": 1.0, "sd": 0.2})),
        ),
        derived=(
            Derived(
                "growth",
                counted("growth", lambda i: np.exp(i["rate"] * i["years"])),
                depends=("rate", "years"),
                pure=pure,
            ),
            Derived(
                "scaled",
                counted("scaled", lambda i: i["growth"] * 3.0),
                depends=("growth",),
                pure=pure,
            ),
            Derived(
                "value", counted("value", lambda i: i["x"] * i["growth"]), ("x", "growth"), pure
            ),
        ),
        years=YEARS,
    )


def _run(pure: bool, **options):
    calls: dict[str, int] = {}
    result = run(_spec(calls, pure), None, 10_000, seed=3, chunk_size=2_000, **options)
    return calls, result


def test_pure_derived_values_of_fixed_variables_are_made_once_per_chunk_size():
    calls, _ = _run(pure=True)
    # Five chunks of 2,000 paths: made once; what also reads a drawn variable, in every chunk.
    assert calls == {"growth": 1, "scaled": 1, "value": 5}


def test_derived_values_not_declared_pure_are_made_in_every_chunk():
    calls, _ = _run(pure=False)
    assert calls == {"growth": 5, "scaled": 5, "value": 5}


def test_sharing_them_changes_no_value():
    _, shared = _run(pure=True)
    _, fresh = _run(pure=False)
    for name in ("rate", "growth", "scaled", "value", "x"):
        assert shared.outputs[name].tobytes() == fresh.outputs[name].tobytes()
        assert not shared.outputs[name].flags.writeable


def test_a_chunk_of_another_size_makes_its_own():
    calls: dict[str, int] = {}
    run(_spec(calls, True), None, 9_000, seed=3, chunk_size=2_000)  # 4 x 2,000 and 1,000
    assert calls["growth"] == 2


def test_the_shared_values_pickle_empty():
    fixed = FixedInputs({("growth", 10): np.ones(10)})
    assert pickle.loads(pickle.dumps(fixed)) == {}
