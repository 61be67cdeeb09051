"""Seeded regression values of the engine, recorded from the current implementation.

These pin the exact random streams (keyed seeding, block layout, inverse CDFs, designs): a
change here changes every user's results for a given seed, so it must be deliberate. Floats
are compared to 1e-12 relative, which allows for last-digit differences of libm across
platforms but nothing else.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest

from model.engine import Effect, Event, ModelSpec, Process, Variable, from_params, run, sample
from model.engine.draws.rng import name_key

RTOL = 1e-12


def _load_workload():
    # By path: the repository root need not be importable when pytest runs.
    path = Path(__file__).resolve().parents[2] / "benchmarks" / "workload.py"
    spec = importlib.util.spec_from_file_location("thesis_ref_v1_workload", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


workload = _load_workload()

SPEC = ModelSpec(
    (
        Variable("n", from_params("normal", {"mean": 1.0, "sd": 2.0})),
        Variable("b", from_params("beta", {"mean": 0.358, "sd": 0.02})),
        Variable("l", from_params("lognormal", {"ci90": [6.5, 8.2]})),
        Variable("t", from_params("triangular", {"min": 18, "mode": 23.5, "max": 32.1})),
        Variable("p", from_params("pert", {"min": 0, "mode": 1, "max": 4})),
        Variable("d", from_params("discrete", {"values": [1, 2, 3], "probs": [0.2, 0.5, 0.3]})),
        Variable("u", from_params("uniform", {"min": 0, "max": 1})),
    ),
    processes=(Process("g", "n", 0.1, 0.5, 0.0),),
    events=(Event("e", 0.3, False, (Effect("l", "multiply", 0.5),)),),
    years=(2025, 2026, 2027),
)

# First three numbers of each input (static: paths 0..2; per-year: path 0, years 0..2).
EXPECTED = {
    "mc": {
        "n": [-0.12698449090974728, -1.7757705021756927, 2.291785057710106],
        "b": [0.36309982574881156, 0.3466595391622623, 0.3581974326593189],
        "l": [7.455401717516901, 3.7277008587584506, 3.7277008587584506],
        "t": [27.404408715765552, 22.8703878467636, 23.377281107820316],
        "p": [0.7315361487024592, 1.0414531187013032, 2.2608643176290033],
        "d": [1.0, 2.0, 2.0],
        "u": [0.7053755933461174, 0.810399439932361, 0.7707719958709178],
        "g": [0.0, 0.10997384100084184, 0.01515394902292112],
        "e": [0.0, 1.0, 1.0],
    },
    "lhs": {
        "n": [2.700924214986249, 0.2208344228711716, 2.0332390421413455],
        "b": [0.3469465454618517, 0.3533223863018683, 0.31295694842730637],
        "t": [22.467363161486173, 24.475432966017358, 29.435828402985983],
        "u": [0.34164889009723043, 0.42824277420186546, 0.7101038814292526],
        "g": [0.0, 1.257201007660611, 1.8876913343878852],
    },
    "sobol": {
        "n": [3.020269211168368, 0.9152489531585064, -1.0393677155875878],
        "b": [0.33353294576456977, 0.37108715465146025, 0.3884840405102109],
        "u": [0.30179768055677414, 0.685468103736639, 0.7547015966847539],
        "g": [0.0, 1.663158683583057, 2.207025103985508],
    },
}


@pytest.mark.parametrize("method", sorted(EXPECTED))
def test_seeded_draws(method):
    s = sample(SPEC, 5, seed=12345, method=method)
    for name, values in EXPECTED[method].items():
        np.testing.assert_allclose(np.ravel(s[name])[:3], values, rtol=RTOL, err_msg=name)


def test_name_key():
    assert name_key("market0") == (3996095397, 3700524676, 1455040333, 3456940585)


def test_benchmark_workload_summary():
    spec = workload.spec_in_python()
    res = run(spec, workload.engine_model, 100_000, seed=2025, keep=list(workload.OUTPUTS))
    assert res.summaries["price_2030"].mean == pytest.approx(257.9052647958663, rel=RTOL)
    assert res.summaries["price_2030"].sd == pytest.approx(60.03900078162687, rel=RTOL)
    assert res.summaries["irr"].mean == pytest.approx(0.16012790649962874, rel=RTOL)
    assert float(np.median(res.outputs["price_2030"])) == pytest.approx(256.5329912767976, rel=RTOL)
    lhs = run(spec, workload.engine_model, 100_000, seed=2025, keep=False, method="lhs")
    assert lhs.summaries["price_2030"].mean == pytest.approx(257.92875840128335, rel=RTOL)
