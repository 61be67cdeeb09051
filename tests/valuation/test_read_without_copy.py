"""Blocks and legs read whole lines as read-only views: the same bits as the copies they had."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import model
from model.valuation.lines import LineModel
from model.valuation.lines.nodes import BlockNode, Expr


def _outputs(thesis, n: int, seed: int, chunk_size: int | None = None) -> dict[str, bytes]:
    kw = {} if chunk_size is None else {"chunk_size": chunk_size}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = model.simulate(thesis, n_paths=n, seed=seed, progress=False, **kw)
    return {k: np.ascontiguousarray(v).tobytes() for k, v in result.outputs.items()}


@pytest.mark.parametrize(("n", "chunk_size"), [(1, None), (3, None), (2_501, 1_000)])
def test_reading_without_a_copy_gives_the_same_bits(monkeypatch, n, chunk_size) -> None:
    thesis = model.load_thesis("assumptions/alibaba.yaml")
    fast = _outputs(thesis, n, 5, chunk_size)
    monkeypatch.setattr(Expr, "read", Expr.evaluate)  # every read a fresh copy, as before
    plain = _outputs(thesis, n, 5, chunk_size)
    assert fast.keys() == plain.keys()
    for name in fast:
        assert fast[name] == plain[name], name


def _line_model() -> LineModel:
    cash = {"type": "net_cash", "start": "x", "inflow": "flow", "rate": "rate"}
    section = {
        "kind": "lines",
        "currency": "USD bn",
        "lines": {"flow": {"value": "capex0 * (1 + g)"}},
        "blocks": {"cash": {**cash, "dividends": "deficit"}},
    }
    units = {"x": "USD bn", "capex0": "USD bn", "g": "%", "rate": "%", "deficit": "USD m"}
    return LineModel.from_config(section, price=10.0, years=(2025, 2026, 2027), units=units)


def test_a_whole_line_is_read_as_a_read_only_view_laid_out_as_the_copy() -> None:
    m = _line_model()
    inputs = {
        "x": np.array([1.0, -0.0, 3.0]),
        "capex0": np.array([[2.0, -0.0, 0.5], [0.0, 1.0, 7.0], [3.0, 3.0, -1.0]]),
        "g": np.array([0.5, 0.0, -2.0]),
        "rate": 0.1,
        "deficit": np.array([250.0, -0.0, 1.0]),
    }
    env = m.run_lines(inputs)
    node = next(n for n in m.built.nodes if isinstance(n, BlockNode))
    T = len(env.years)
    flow = node.params["inflow"]
    read, copy = flow.read(env, T), flow.evaluate(env, T)
    assert np.shares_memory(read, env.lines["flow"]) and not np.shares_memory(copy, read)
    assert read.shape == copy.shape and read.strides == copy.strides
    assert read.dtype == copy.dtype and read.flags.c_contiguous
    assert read.tobytes() == copy.tobytes()
    assert not read.flags.writeable
    with pytest.raises(ValueError, match="read-only"):
        read[0, 0] = 1.0
    # Part of a line (a recursion's year), a broadcast input and a scaled value are copies
    # of their own, as evaluate makes them.
    parts = ((flow, T - 1), (node.params["start"], T), (node.params["dividends"], T))
    assert node.params["dividends"].factor != 1.0
    for expr, K in parts:
        got, want = expr.read(env, K), expr.evaluate(env, K)
        assert got.flags.writeable and got.flags.owndata and not np.shares_memory(got, want)
        assert got.tobytes() == want.tobytes() and got.strides == want.strides
