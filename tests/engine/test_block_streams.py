"""Block uniforms from kept stream states equal those of a freshly seeded stream, bit for bit.

:func:`~model.engine.draws.rng.block_uniforms` keeps each stream's start state and sets it on a
per-thread generator; the plain way seeds a new stream for every call. They must agree for
every kind of seed (numbers, big numbers, sequences, spawn keys, pool sizes), in any order of
calls, when the kept states are dropped, and on several threads at once.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from model.engine.draws import rng
from model.engine.draws.rng import BLOCK_SIZE, TINY, handle_seed, stream

ROOTS = [
    np.random.SeedSequence(0),
    np.random.SeedSequence(5),
    np.random.SeedSequence([5]),
    np.random.SeedSequence(np.uint64(5)),
    np.random.SeedSequence(2**100 + 5),
    np.random.SeedSequence([1, 2, 3]),
    np.random.SeedSequence(np.array([[1, 2], [3, 4]])),  # numpy takes any shape
    np.random.SeedSequence(5, spawn_key=(3,)),
    np.random.SeedSequence(5, spawn_key=(3, 1)),
    np.random.SeedSequence(5, pool_size=8),
    handle_seed(np.random.default_rng(4)),
]
CALLS = [
    ("var:a", 0, 1, 0, 5),
    ("var:a", 0, 1, 5, 1_001),
    ("proc:g", 1, 3, 100, 1_001),
    ("event:e", 7, 5, BLOCK_SIZE - 3, BLOCK_SIZE),
    ("var:a", 2, 2, 0, 0),
]


def plain(root, key, block, dims, lo, hi):
    """A fresh stream, advanced to each dimension's paths."""
    bitgen = stream(root, key, block)
    gen = np.random.Generator(bitgen)
    out = np.empty((dims, hi - lo))
    pos = 0
    for d in range(dims):
        bitgen.advance(d * BLOCK_SIZE + lo - pos)
        gen.random(out=out[d])
        pos = d * BLOCK_SIZE + hi
    return np.maximum(out, TINY)


def check_all(order: list[tuple]) -> None:
    for root, call in order:
        got = rng.block_uniforms(root, *call)
        want = plain(root, *call)
        assert got.tobytes() == want.tobytes(), (root, call)


def all_calls() -> list[tuple]:
    return [(root, call) for root in ROOTS for call in CALLS]


def test_kept_states_give_the_fresh_streams_draws() -> None:
    rng._states.clear()
    calls = all_calls()
    check_all(calls)  # every state made
    shuffled = [calls[i] for i in np.random.default_rng(1).permutation(len(calls))]
    check_all(shuffled)  # every state reused, in another order


def test_seeds_that_look_alike_keep_their_own_streams() -> None:
    rng._states.clear()
    draws = {}
    for root in ROOTS:
        draws[repr(root)] = rng.block_uniforms(root, "var:a", 0, 1, 0, 64).tobytes()
        assert draws[repr(root)] == plain(root, "var:a", 0, 1, 0, 64).tobytes()
    # Distinct seeds give distinct streams unless numpy itself makes them equal.
    fresh = {repr(r): plain(r, "var:a", 0, 1, 0, 64).tobytes() for r in ROOTS}
    for a in fresh:
        for b in fresh:
            assert (draws[a] == draws[b]) == (fresh[a] == fresh[b])


def test_a_full_cache_is_emptied_and_refilled(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rng, "STATE_CACHE_SIZE", 3)
    rng._states.clear()
    check_all(all_calls())
    assert len(rng._states) <= 3


def test_threads_draw_what_one_thread_draws() -> None:
    rng._states.clear()
    calls = all_calls() * 3
    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(lambda rc: rng.block_uniforms(rc[0], *rc[1]).tobytes(), calls))
    assert got == [plain(root, *call).tobytes() for root, call in calls]


def test_uniforms_written_into_a_given_array() -> None:
    root = ROOTS[1]
    out = np.full((3, 20), np.nan)
    rng.block_uniforms(root, "proc:g", 4, 3, 10, 30, out=out)
    assert out.tobytes() == plain(root, "proc:g", 4, 3, 10, 30).tobytes()
