"""A run seeded by a ``numpy.random.Generator`` records a seed that repeats it.

The 128 bits asked of the Generator were recorded as a list of four words, which no run
accepts as a seed (nor ``thesis --seed``): the run could not be repeated from its result.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

import model
from model.engine import ModelSpec, Variable, from_params, run

TEMPLATE = Path(__file__).resolve().parents[2] / "assumptions" / "templates" / "growth-company.yaml"
SPEC = ModelSpec(
    variables=(
        Variable("x", from_params("normal", {"mean": 0, "sd": 1})),
        Variable("y", from_params("lognormal", {"ci90": [6.5, 8.2]})),
    ),
    years=(2025,),
)


def _model(inputs):
    return {"z": inputs["x"] + inputs["y"]}


def test_the_recorded_entropy_of_a_generator_seed_repeats_the_run():
    first = run(SPEC, _model, n_paths=5000, seed=np.random.default_rng(11), keep=["z"])
    entropy = first.seed_entropy
    assert isinstance(entropy, int) and 0 <= entropy < 2**128
    again = run(SPEC, _model, n_paths=5000, seed=entropy, keep=["z"])
    np.testing.assert_array_equal(again.outputs["z"], first.outputs["z"])


def test_a_generator_seed_draws_what_its_four_words_drew():
    # The same 128 bits as before, read as one integer: the draws of a Generator seed are
    # unchanged (SeedSequence reads an int as 32-bit words, least significant first).
    words = np.random.default_rng(11).integers(0, 2**32, size=4, dtype=np.uint64)
    by_words = np.random.SeedSequence([int(w) for w in words])
    got = run(SPEC, _model, n_paths=5000, seed=np.random.default_rng(11), keep=["z"])
    want = run(SPEC, _model, n_paths=5000, seed=by_words, keep=["z"])
    np.testing.assert_array_equal(got.outputs["z"], want.outputs["z"])


def test_a_thesis_run_seeded_by_a_generator_repeats_from_its_result():
    thesis = model.load_thesis(TEMPLATE)
    first = model.simulate(thesis, n_paths=2000, seed=np.random.default_rng(3))
    again = model.simulate(thesis, n_paths=2000, seed=first.seed_entropy)
    assert again.summary()["mean"].equals(first.summary()["mean"])
