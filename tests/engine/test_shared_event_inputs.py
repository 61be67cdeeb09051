"""The event check's specs share the steps before their events, with the inputs unchanged.

:func:`~model.engine.execution.deterministic.stacked_outputs` computes the static variables,
static derived quantities and processes once for specs that differ only in their events; every
spec's inputs must be those :func:`deterministic_inputs` gives it alone, bit for bit and in
the same order, for every thesis and scenario, with the event check's probes and certain
events, at the centre and at rows of ties, zeros, negative zeros and extreme values.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

import model
from model.engine.execution.deterministic import _shared_inputs, deterministic_inputs
from model.scenarios.run import _apply
from model.valuation.checks import _probe, _rows, _variants

THESES = sorted(
    str(p)
    for p in Path("assumptions").rglob("*.yaml")
    if not {"scenarios", "evidence"} & set(p.parts)
)


def _specs(thesis):
    """The specs the event check stacks: the thesis as it is and with a probe per target,
    each as it is and with every event certain; plus an odd one out (another years axis)."""
    spec = thesis.to_spec()
    targets = dict.fromkeys(eff.target for ev in spec.events for eff in ev.effects)
    probes = [_probe(spec, t, 2.5) for t in targets]
    return [v for s in [spec, *probes] for v in _variants(s)]


def _same(a, b):
    assert list(a) == list(b)
    for k in a:
        x, y = np.asarray(a[k]), np.asarray(b[k])
        assert x.shape == y.shape and x.dtype == y.dtype, k
        assert x.tobytes() == y.tobytes(), k


def _row_sets(spec):
    yield _rows(spec)
    yield None
    # ties, zeros of both signs and the ends of each distribution, odd row counts
    rows = {}
    for v in spec.variables:
        ends = np.asarray(v.dist.ppf(np.array([0.0, 1e-9, 0.5, 0.5, 1 - 1e-9])), dtype=float)
        rows[v.name] = np.where(np.isfinite(ends), ends, v.dist.central())
    yield rows
    zeros = {v.name: np.array([0.0, -0.0, 0.0]) for v in spec.variables[:3]}
    yield zeros


@pytest.mark.parametrize("path", THESES)
def test_shared_inputs_are_each_specs_own(path, monkeypatch):
    from model.engine.execution import deterministic

    calls = []
    plain = deterministic._with_events
    monkeypatch.setattr(deterministic, "_with_events", lambda *a: calls.append(1) or plain(*a))
    thesis = model.load_thesis(path)
    for scenario in thesis.scenarios:
        specs = _specs(_apply(thesis, scenario))
        for rows in _row_sets(specs[0]):
            n = None if rows is not None else 4
            try:
                alone = [deterministic_inputs(s, rows, n_paths=n) for s in specs]
            except Exception as exc:  # a row the model's inputs refuse: refused alike
                with pytest.raises(type(exc)):
                    _shared_inputs(specs, rows, n)
                continue
            shared = _shared_inputs(specs, rows, n)
            assert len(shared) == len(alone)
            for a, b in zip(shared, alone, strict=True):
                _same(a, b)
    assert calls  # the shared route was taken


def test_a_spec_that_differs_beyond_its_events_is_computed_on_its_own():
    thesis = model.load_thesis("assumptions/alibaba.yaml")
    spec = thesis.to_spec()
    certain = _variants(spec)[1]
    other = dataclasses.replace(spec, processes=tuple(spec.processes))  # equal, not the same
    shared = _shared_inputs([spec, other, certain, spec], _rows(spec), None)
    for got, s in zip(shared, [spec, other, certain, spec], strict=True):
        _same(got, deterministic_inputs(s, _rows(spec)))


def test_the_event_check_still_refuses_and_accepts_as_before():
    from model.valuation import build_model
    from model.valuation.checks import check_event_effects

    for path in THESES:
        thesis = model.load_thesis(path)
        for scenario in thesis.scenarios:
            one = _apply(thesis, scenario)
            check_event_effects(one, build_model(one))  # the shipped theses pass


def test_values_that_are_not_static_variables_are_refused_as_before():
    from model.errors import EngineError

    thesis = model.load_thesis("assumptions/alibaba.yaml")
    specs = _specs(thesis)
    names = [specs[0].events[0].name, specs[0].processes[0].name, "no_such_input"]
    for name in names:
        with pytest.raises(EngineError) as plain:
            deterministic_inputs(specs[1], {name: 1.0})
        with pytest.raises(EngineError) as shared:
            _shared_inputs(specs, {name: 1.0}, None)
        assert str(shared.value) == str(plain.value)
