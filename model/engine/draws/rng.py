"""Seeds and random streams.

One root seed per run, normalised by :func:`handle_seed`, determines everything. Paths are
grouped in fixed blocks of :data:`BLOCK_SIZE` (a constant, independent of the chunk size a run
uses) and every random quantity has its own stream per block::

    SeedSequence(root.entropy, spawn_key=(*root.spawn_key, *name_key(key), block))

The stream depends only on the root entropy, the quantity's name and the block index. This is
why keyed ``spawn_key`` values are used rather than ``SeedSequence.spawn``: ``spawn`` numbers
children in the order they are requested, so a stream would depend on how many streams were
created before it (declaration order, number of variables, chunking, which worker asked
first). With keyed streams

* the same seed gives the same draws whatever the chunk size, worker count or backend;
* adding or removing a quantity leaves every other quantity's draws unchanged;
* two scenarios run with the same seed share the random numbers of every name they have in
  common (common random numbers), which sharpens comparisons between them.

Name keys come from BLAKE2b (stable across processes and Python versions), never ``hash()``,
which is salted per process.

Within a block, dimension ``d`` of a stream (e.g. year ``d + 1`` of a process) uses draws
``d * BLOCK_SIZE .. (d + 1) * BLOCK_SIZE - 1`` of the PCG64 generator, so a chunk can jump
straight to its paths with ``PCG64.advance`` (one 64-bit draw per double in
``Generator.random``) and a year's draws do not depend on the length of the horizon.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

import numpy as np
from numpy.typing import NDArray

from model.errors import EngineError

__all__ = [
    "BLOCK_SIZE",
    "TINY",
    "SeedLike",
    "block_uniforms",
    "blocks",
    "handle_seed",
    "name_key",
    "stream",
]

#: Paths per block: the unit of random streams and of LHS / Sobol stratification. Large
#: enough that creating streams (about 20 us each) is negligible next to filling them.
BLOCK_SIZE = 2**16

#: Uniforms are kept in [TINY, 1): ``Generator.random`` can return exactly 0 (probability
#: 2**-53), whose inverse CDF is infinite for unbounded families.
TINY = 2.0**-60

SeedLike = int | np.integer | np.random.SeedSequence | np.random.Generator | None


def handle_seed(seed: Any) -> np.random.SeedSequence:
    """Normalise a user seed to the run's root :class:`numpy.random.SeedSequence`.

    Parameters
    ----------
    seed : int, SeedSequence, Generator or None
        ``None`` draws fresh entropy from the operating system (recorded in the result so the
        run can be repeated). A ``Generator`` is asked for 128 bits, which advances it: two
        runs given the same Generator object differ, as with any draw from it; the bits are
        recorded as one integer, a seed that repeats the run.

    Returns
    -------
    numpy.random.SeedSequence

    Raises
    ------
    EngineError
        For negative integers, booleans or other types.
    """
    if isinstance(seed, np.random.SeedSequence):
        return seed
    if seed is None:
        return np.random.SeedSequence()
    if isinstance(seed, np.random.Generator):
        words = seed.integers(0, 2**32, size=4, dtype=np.uint64)
        # One integer, not the list of words: the entropy a result records is then a seed
        # (int) that repeats the run. SeedSequence reads an int as its 32-bit words, least
        # significant first, and pads its pool with zero words, so the draws are the same.
        return np.random.SeedSequence(sum(int(w) << (32 * i) for i, w in enumerate(words)))
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer):
        raise EngineError(f"seed must be an int, SeedSequence, Generator or None (got {seed!r})")
    if seed < 0:
        raise EngineError(f"seed must be >= 0 (got {seed})")
    return np.random.SeedSequence(int(seed))


@lru_cache(maxsize=4096)
def name_key(name: str) -> tuple[int, int, int, int]:
    """Stable 128-bit key of a name as four 32-bit words (BLAKE2b digest).

    Cached: a run asks for the same few names once per stream and block.
    """
    digest = hashlib.blake2b(name.encode("utf-8"), digest_size=16).digest()
    w = np.frombuffer(digest, dtype="<u4")
    return int(w[0]), int(w[1]), int(w[2]), int(w[3])


def stream(root: np.random.SeedSequence, key: str, block: int) -> np.random.PCG64:
    """The bit generator of quantity ``key`` in path block ``block``."""
    ss = np.random.SeedSequence(
        root.entropy,
        spawn_key=(*root.spawn_key, *name_key(key), int(block)),
        pool_size=root.pool_size,
    )
    return np.random.PCG64(ss)


def blocks(start: int, stop: int) -> Iterator[tuple[int, int, int]]:
    """Split global paths ``[start, stop)`` into ``(block, local_lo, local_hi)`` pieces."""
    p = start
    while p < stop:
        b = p // BLOCK_SIZE
        lo = p - b * BLOCK_SIZE
        hi = min(stop - b * BLOCK_SIZE, BLOCK_SIZE)
        yield b, lo, hi
        p = b * BLOCK_SIZE + hi


#: Start states of block streams kept for reuse (:func:`_block_generator`); under 1 KiB each.
#: A report runs every scenario with the same seed, so each asks for the same streams again.
STATE_CACHE_SIZE = 8192
_states: dict[tuple[Any, ...], Any] = {}
_local = threading.local()


def _block_generator(
    root: np.random.SeedSequence, key: str, block: int
) -> tuple[np.random.Generator, np.random.PCG64]:
    """A generator and its bit generator at the start of :func:`stream` ``(root, key, block)``.

    Creating a stream hashes its seed (about 13 us); a chunk asks for every stream of each
    block it touches, and neighbouring chunks share blocks. The stream's start state is
    therefore kept, by everything the stream depends on, and set on this thread's own bit
    generator (about 1 us): the draws are the same as a fresh stream's.
    """
    entropy: Any = root.entropy
    # A number and a sequence of numbers stay apart: the key never merges two seeds.
    if isinstance(entropy, int | np.integer):
        seed: Any = int(entropy)
    elif np.ndim(entropy) == 1:
        seed = tuple(map(int, entropy))
    else:  # (an entropy of another shape: its streams are seeded each time, as before)
        bitgen = stream(root, key, block)
        return np.random.Generator(bitgen), bitgen
    ident = (seed, root.spawn_key, root.pool_size, key, int(block))
    state = _states.get(ident)
    if state is None:
        state = stream(root, key, block).state
        if len(_states) >= STATE_CACHE_SIZE:
            _states.clear()
        _states[ident] = state
    pair = getattr(_local, "pair", None)
    if pair is None:
        bitgen = np.random.PCG64(0)
        pair = _local.pair = (np.random.Generator(bitgen), bitgen)
    pair[1].state = state
    return pair


def block_uniforms(
    root: np.random.SeedSequence,
    key: str,
    block: int,
    dims: int,
    lo: int,
    hi: int,
    out: NDArray[np.float64] | None = None,
) -> NDArray[np.float64]:
    """Plain Monte Carlo uniforms of paths ``[lo, hi)`` of one block.

    Returns
    -------
    ndarray, shape (dims, hi - lo)
        Row ``d`` holds dimension ``d``; values in ``[TINY, 1)``.
    """
    if out is None:
        out = np.empty((dims, hi - lo))
    gen, bitgen = _block_generator(root, key, block)
    pos = 0
    for d in range(dims):
        target = d * BLOCK_SIZE + lo
        bitgen.advance(target - pos)
        row = out[d]
        gen.random(out=row)
        # ``random`` returns multiples of 2**-53, so 0 is the only value below TINY: checking
        # the row while it is in cache costs a fraction of raising every value to TINY.
        if row.size and row.min() == 0.0:
            np.maximum(row, TINY, out=row)
        pos = target + (hi - lo)
    return out
