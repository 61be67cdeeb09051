"""Blocks and legs read whole lines as read-only views, and a block's own new arrays are stored
as they are: the same bits as with the copies made before."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import model
from model.valuation.lines import LineModel, nodes
from model.valuation.lines.nodes import BlockNode, Expr, sole_owner


def _outputs(thesis, n: int, seed: int, chunk_size: int | None = None) -> dict[str, bytes]:
    kw = {} if chunk_size is None else {"chunk_size": chunk_size}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = model.simulate(thesis, n_paths=n, seed=seed, progress=False, **kw)
    return {k: np.ascontiguousarray(v).tobytes() for k, v in result.outputs.items()}


@pytest.mark.parametrize(("n", "chunk_size"), [(1, None), (3, None), (2_501, 1_000)])
@pytest.mark.parametrize("copy", ["reads", "outputs", "both"])
def test_reading_and_storing_without_a_copy_gives_the_same_bits(
    monkeypatch, n, chunk_size, copy
) -> None:
    thesis = model.load_thesis("assumptions/alibaba.yaml")
    fast = _outputs(thesis, n, 5, chunk_size)
    if copy in ("reads", "both"):  # every read a fresh copy, as before
        monkeypatch.setattr(Expr, "read", Expr.evaluate)
    if copy in ("outputs", "both"):  # every block output copied as it is stored, as before
        monkeypatch.setattr(nodes, "sole_owner", lambda value, shape, others: False)
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


def test_a_block_output_is_stored_as_it_is_only_when_nothing_else_holds_it() -> None:
    fresh = np.arange(12.0).reshape(4, 3).copy()
    assert sole_owner(fresh, (4, 3), [np.zeros((4, 3)), np.zeros(4), 2.0])
    assert not sole_owner(fresh, (4, 3), [fresh])  # the same array as a parameter or output
    assert not sole_owner(fresh, (4, 3), [fresh[:, 1]])  # another output is a view of it
    assert not sole_owner(fresh, (4, 3), [np.zeros(2), fresh[0]])
    assert not sole_owner(fresh[:, :2], (4, 2), [])  # a view of something else
    assert not sole_owner(np.asfortranarray(fresh), (4, 3), [])  # not laid out as a copy
    assert not sole_owner(fresh.astype(np.float32), (4, 3), [])
    assert not sole_owner(fresh, (4, 2), [])
    locked = fresh.copy()
    locked.flags.writeable = False
    assert not sole_owner(locked, (4, 3), [])


def test_a_block_s_own_outputs_are_stored_without_a_copy(monkeypatch) -> None:
    returned: dict[str, np.ndarray] = {}
    real = BlockNode.block

    class Spy:
        def __init__(self, block):
            self.block = block

        def compute(self, arrays, ctx):
            result = self.block.compute(arrays, ctx)
            returned.update(result.values)
            return result

    monkeypatch.setattr(BlockNode, "block", property(lambda self: Spy(real.fget(self))))
    m = _line_model()
    inputs = {"x": np.array([1.0, 2.0]), "capex0": 1.0, "g": 0.1, "rate": 0.1, "deficit": 3.0}
    env = m.run_lines(inputs)
    node = next(n for n in m.built.nodes if isinstance(n, BlockNode))
    assert returned.keys() == node.slots.keys()
    for slot, line in node.slots.items():
        assert env.lines[line] is returned[slot]  # the net cash block's arrays are its own
    # Every stored line is an array of its own: none shares memory with another line.
    lines = list(env.lines.values())
    for i, a in enumerate(lines):
        assert a.flags.c_contiguous and a.base is None
        assert not any(np.shares_memory(a, b) for b in lines[i + 1 :])
