"""An output stated under two names (one array) is summarised once and reported under both."""

from __future__ import annotations

import numpy as np
import pytest

from model.engine import ModelSpec, Variable, from_params, run
from model.engine.execution import chunks

QS = [0.01, 0.25, 0.5, 0.75, 0.99]


def _spec() -> ModelSpec:
    return ModelSpec(
        variables=(
            Variable("a", from_params("lognormal", {"median": 100, "sigma": 0.4})),
            Variable("b", from_params("normal", {"mean": 0, "sd": 1})),
        ),
        years=(2025, 2026, 2027),
    )


def _model(x):
    v = np.stack([x["a"], x["a"] * x["b"], x["b"]], axis=1)
    return {"v": v, "same": v, "copy": v.copy(), "s": x["b"], "s_too": x["b"]}


@pytest.mark.parametrize("backend", ["local", "parallel"])
@pytest.mark.parametrize("keep", [False, ["v"]])
def test_a_shared_output_has_the_summaries_of_its_copy(backend, keep):
    # 10,001 paths in chunks of 3,000: chunks start and end inside statistics units, so
    # fragments are shared as well as whole-unit sums and sketches.
    res = run(_spec(), _model, 10_001, seed=9, keep=keep, chunk_size=3_000, backend=backend)
    for name in ("v", "same", "s", "s_too"):
        ref = res.summaries["copy" if name in ("v", "same") else "s"]
        got = res.summaries[name]
        assert got.n == ref.n == 10_001
        np.testing.assert_array_equal(got.mean, ref.mean)
        np.testing.assert_array_equal(got.sd, ref.sd)
    ref_q = res.quantile("copy", QS)
    np.testing.assert_array_equal(res.quantile("same", QS), ref_q)
    if keep:
        assert set(res.outputs) == {"v"}
        assert "v" not in res.sketches and "same" in res.sketches
        # The kept output's exact quantiles and the sketch agree within the sketch's bound.
        exact = res.quantile("v", QS)
        np.testing.assert_allclose(ref_q, exact, rtol=2.0**-12, atol=1e-9)
    else:
        np.testing.assert_array_equal(res.quantile("v", QS), ref_q)


def test_a_shared_output_is_summarised_once_per_chunk(monkeypatch):
    calls: list[str] = []
    summarise = chunks.summarise

    def counting(name, *args, **kwargs):
        calls.append(name)
        return summarise(name, *args, **kwargs)

    monkeypatch.setattr(chunks, "summarise", counting)
    run(_spec(), _model, 5_000, seed=9, keep=False)
    assert sorted(calls) == ["copy", "s", "v"]
