"""Several specs evaluated in one call of the model give each the outputs of its own call."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np

import model
from model.engine.execution.deterministic import evaluate, stacked_outputs
from model.valuation import build_model


def _variants():
    thesis = model.load_thesis(Path("assumptions/alibaba.yaml"))
    spec = thesis.to_spec()
    certain = tuple(dataclasses.replace(ev, annual_prob=1.0) for ev in spec.events)
    assert certain  # the example has events, so the two specs differ
    return spec, dataclasses.replace(spec, events=certain), build_model(thesis)


def test_each_spec_gets_the_outputs_of_its_own_call():
    spec, certain, fn = _variants()
    first = spec.variables[0]
    rows = {first.name: np.asarray(first.dist.ppf(np.array([0.1, 0.5, 0.9])))}
    stacked = stacked_outputs([spec, certain, spec], fn, rows)
    assert stacked is not None and len(stacked) == 3
    for got, s in zip(stacked, (spec, certain, spec), strict=True):
        alone = evaluate(s, rows, fn)
        assert set(got) == set(alone)
        for name, arr in alone.items():
            assert np.array_equal(got[name], arr, equal_nan=True), name
    # the certain events move some output: the stack did not blur the specs together
    assert any(not np.array_equal(stacked[0][k], stacked[1][k]) for k in stacked[0])


def test_outputs_without_a_path_axis_are_not_split():
    spec, certain, _ = _variants()

    def one_number(inputs):
        return {"total": np.float64(inputs.n_paths)}

    assert stacked_outputs([spec, certain], one_number, n_paths=2) is None
