"""The steps after the static derived quantities are one function, whoever calls it.

:func:`~model.engine.execution.chunks.assemble_inputs` ends with
:func:`~model.engine.execution.chunks.finish_inputs`, and the event check calls it on inputs
whose processes are already computed. Given the same static values, it must give the inputs of
a run's chunk bit for bit, in the same order, with random shocks and occurrences and with the
processes computed by it or beforehand, on every shipped thesis.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

import model
from model.engine.execution.chunks import Inputs, assemble_inputs, finish_inputs
from model.engine.execution.sampling import event_key, proc_key, var_key

THESES = sorted(
    str(p)
    for p in Path("assumptions").rglob("*.yaml")
    if not {"scenarios", "evidence"} & set(p.parts)
)


def _same(a, b):
    assert list(a) == list(b)
    for k in a:
        x, y = np.asarray(a[k]), np.asarray(b[k])
        assert x.shape == y.shape and x.dtype == y.dtype, k
        assert x.tobytes() == y.tobytes(), k


def _draws(spec, n, seed):
    """Static values with ties and zeros of both signs, and uniforms for shocks and events."""
    rng = np.random.default_rng(seed)
    values = {}
    for v in spec.variables:
        x = np.asarray(v.dist.ppf(rng.random(n)), dtype=float)
        if n >= 5:
            x[:2] = x[2]  # a tie
        values[v.name] = x
    for v in spec.variables[:2] if n == 7 else ():
        values[v.name][3:5] = [0.0, -0.0]
    ny = spec.n_years
    u = {proc_key(p.name): rng.random((ny - 1, n)) for p in spec.processes}
    u |= {event_key(e.name): rng.random((ny - 1, n)) for e in spec.events}
    return values, u


def test_stream_keys_are_unchanged():
    # The keys name the random streams: another key would draw other numbers.
    assert (var_key("x"), proc_key("x"), event_key("x")) == ("v:x", "p:x", "e:x")


def _both_ways(spec, values, u, n, start):
    """Static values first, then finish_inputs computing the processes or taking them made."""
    static = dataclasses.replace(spec, events=(), processes=(), derived=spec.static_derived)
    base = assemble_inputs(static, values, u, n, start)
    inputs = Inputs(dict(base._data), n, spec.years, start)
    yield finish_inputs(spec, inputs, dict(base._data), u, spec.processes)
    # processes computed beforehand, as the event check has them
    before = dataclasses.replace(spec, events=(), derived=spec.static_derived)
    ready = assemble_inputs(before, values, u, n, start)
    inputs = Inputs(dict(ready._data), n, spec.years, start)
    yield finish_inputs(spec, inputs, dict(base._data), u, ())


@pytest.mark.parametrize("path", THESES)
@pytest.mark.parametrize("n", [1, 6, 7])
def test_finish_inputs_completes_a_chunk_bit_for_bit(path, n):
    spec = model.load_thesis(path).to_spec()
    values, u = _draws(spec, n, seed=n)
    start = 11
    try:
        whole = assemble_inputs(spec, values, u, n, start)
    except Exception as exc:  # values the model refuses: refused alike, with the same words
        with pytest.raises(type(exc)) as caught:
            list(_both_ways(spec, values, u, n, start))
        assert str(caught.value) == str(exc)
        return
    for inputs in _both_ways(spec, values, u, n, start):
        _same(inputs, whole)
