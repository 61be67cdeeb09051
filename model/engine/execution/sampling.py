"""Uniform designs: plain Monte Carlo, Latin hypercube and scrambled Sobol.

A :class:`Sampler` turns a run's random dimensions (one :class:`Stream` per variable, process
or event) into uniforms for any range of paths, identically whatever range a chunk asks for.

How chunking meets stratification: blocks of :data:`~model.engine.draws.rng.BLOCK_SIZE` paths are
the unit of every design.

* ``mc``: each stream and block is its own PCG64 generator; a chunk jumps to its first path
  with ``advance``, so any chunk boundaries give the same numbers.
* ``lhs``: each stream is Latin-hypercube stratified within each block (over the block's
  paths; the last block of a run may be shorter and is stratified over its own paths). A chunk
  that covers part of a block computes the whole block's design and keeps its slice.
* ``sobol``: each block is an independently scrambled Sobol point set over all random
  dimensions jointly (2**16 points: a power of two, so balanced; the last, shorter block uses
  the first points). Blocks are therefore independent randomised-QMC replicates, which is what
  makes batch-means standard errors across blocks valid. Because the dimensions are joint,
  adding a quantity to a Sobol run changes the design of the others (dimensions are assigned
  in sorted-key order); MC and LHS streams are independent of each other. The scenarios of one
  comparison therefore share one design over the union of their streams (``companions``).

Iman-Conover correlation also works on whole blocks (see :mod:`model.engine.draws.correlation`).
"""

from __future__ import annotations

import threading
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from model.engine.draws import correlation as corr
from model.engine.draws.rng import BLOCK_SIZE, TINY, block_uniforms, blocks, stream
from model.engine.spec import CopulaMethod, Method
from model.errors import EngineError

FloatArray = NDArray[np.float64]

SOBOL_KEY = "design:sobol"
#: scipy's Sobol generator supports this many dimensions.
SOBOL_MAX_DIMS = 21201


def var_key(name: str) -> str:
    """Stream key of a static variable."""
    return "v:" + name


def proc_key(name: str) -> str:
    """Stream key of a process's shocks."""
    return "p:" + name


def event_key(name: str) -> str:
    """Stream key of an event's occurrences."""
    return "e:" + name


@dataclass(frozen=True)
class Stream:
    """A random quantity: ``key`` names its stream, ``dims`` uniforms per path."""

    key: str
    dims: int


@dataclass(frozen=True)
class CopulaPlan:
    """Correlation to apply: stream keys in matrix order and the prepared matrix."""

    keys: tuple[str, ...]
    method: CopulaMethod
    spearman: FloatArray
    factor: FloatArray | None  # Gaussian copula square root


_cache = threading.local()


def release_thread_buffers() -> None:
    """Drop this thread's scratch buffer and cached block design (end of a run)."""
    for name in ("scratch", "entry"):
        if hasattr(_cache, name):
            delattr(_cache, name)


def _scratch(shape: tuple[int, int]) -> FloatArray:
    """This thread's reusable uniform buffer, grown as needed."""
    size = shape[0] * shape[1]
    buf = getattr(_cache, "scratch", None)
    if buf is None or buf.size < size:
        buf = np.empty(size)
        _cache.scratch = buf
    return buf[:size].reshape(shape)


@dataclass(frozen=True, eq=False)
class Sampler:
    """Uniforms of every stream for any path range of a run.

    Parameters
    ----------
    root : SeedSequence
        The run's root seed.
    method : Method
    streams : tuple of Stream
    n_paths : int
        Total paths of the run (LHS and Sobol stratify the last, partial block over the paths
        it actually has).
    copula : CopulaPlan, optional
    companions : tuple of Stream
        Streams of other scenarios of the same comparison: a Sobol' design is built over these
        and ``streams`` together (each stream keeps its columns), so that a scenario fixing or
        drawing one more quantity leaves the others' points unchanged. No uniforms are made
        for them; MC and LHS ignore them.
    """

    root: np.random.SeedSequence
    method: Method
    streams: tuple[Stream, ...]
    n_paths: int
    copula: CopulaPlan | None = None
    companions: tuple[Stream, ...] = ()
    _dims: dict[str, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_dims", {s.key: s.dims for s in self.streams})
        if self.method is Method.SOBOL:
            total = sum(s.dims for s in self._design_streams())
            if total > SOBOL_MAX_DIMS:
                raise EngineError(
                    f"sobol supports at most {SOBOL_MAX_DIMS} random dimensions; "
                    f"this spec has {total}"
                )

    @property
    def whole_blocks(self) -> bool:
        """True when a block's uniforms depend on the whole block (not just each path)."""
        return self.method is not Method.MC or (
            self.copula is not None and self.copula.method is CopulaMethod.IMAN_CONOVER
        )

    def block_len(self, block: int) -> int:
        """Number of paths of the run in ``block``."""
        return min(BLOCK_SIZE, self.n_paths - block * BLOCK_SIZE)

    def uniforms(self, start: int, stop: int, *, scratch: bool = False) -> dict[str, FloatArray]:
        """Uniforms for global paths ``[start, stop)``.

        Parameters
        ----------
        start, stop : int
        scratch : bool
            Write into this thread's reusable buffer instead of fresh memory. The result is
            then only valid until the thread's next ``scratch`` call (chunk evaluation uses
            it: fresh memory costs a page fault per 4 KiB, a visible share of a chunk's time).

        Returns
        -------
        dict
            Stream key -> ndarray of shape ``(dims, stop - start)``, values in ``(0, 1)``,
            with the correlation applied.
        """
        m = stop - start
        rows = sum(s.dims for s in self.streams)
        # One buffer for every stream (rows are views).
        buf = _scratch((rows, m)) if scratch else np.empty((rows, m))
        out, row = {}, 0
        for s in self.streams:
            out[s.key] = buf[row : row + s.dims]
            row += s.dims
        pos = 0
        for b, lo, hi in blocks(start, stop):
            if self.whole_blocks:
                design = self._block_design(b)
                for key, arr in out.items():
                    arr[:, pos : pos + hi - lo] = design[key][:, lo:hi]
            else:
                for s in self.streams:
                    block_uniforms(
                        self.root, s.key, b, s.dims, lo, hi, out=out[s.key][:, pos : pos + hi - lo]
                    )
            pos += hi - lo
        if self.copula is not None and self.copula.method is CopulaMethod.GAUSSIAN:
            self._gaussian(out)
        return out

    # ---- designs ------------------------------------------------------------------------
    def _gaussian(self, u: dict[str, FloatArray]) -> None:
        plan = self.copula
        assert plan is not None and plan.factor is not None
        rows = corr.apply_gaussian([u[k][0] for k in plan.keys], plan.factor)
        for k, row in zip(plan.keys, rows, strict=True):
            u[k][0] = row

    def _block_design(self, block: int) -> dict[str, FloatArray]:
        """Whole-block uniforms (LHS, Sobol or Iman-Conover), cached per thread."""
        cache_key = (id(self), block)
        hit = getattr(_cache, "entry", None)
        if hit is not None and hit[0] == cache_key and hit[1] is self:
            return hit[2]
        m = self.block_len(block)
        design = self._make_design(block, m)
        if self.copula is not None and self.copula.method is CopulaMethod.IMAN_CONOVER:
            rows = corr.apply_iman_conover(
                [design[k][0] for k in self.copula.keys], self.copula.spearman
            )
            for k, row in zip(self.copula.keys, rows, strict=True):
                design[k] = design[k].copy()
                design[k][0] = row
        _cache.entry = (cache_key, self, design)
        return design

    def _make_design(self, block: int, m: int) -> dict[str, FloatArray]:
        if self.method is Method.MC:
            return {
                s.key: block_uniforms(self.root, s.key, block, s.dims, 0, m) for s in self.streams
            }
        from scipy.stats import qmc  # on first use: scipy.stats is slow to import

        if self.method is Method.LHS:
            design = {}
            for s in self.streams:
                gen = np.random.Generator(stream(self.root, s.key, block))
                pts = qmc.LatinHypercube(d=s.dims, rng=gen).random(m)
                design[s.key] = np.maximum(np.ascontiguousarray(pts.T), TINY)
            return design
        return self._sobol(block, m)

    def _design_streams(self) -> tuple[Stream, ...]:
        """The streams a Sobol' design spans: this run's and its companions', by key."""
        extra = [c for c in self.companions if c.key not in self._dims]
        return tuple(sorted([*self.streams, *extra], key=lambda s: s.key))

    def _sobol(self, block: int, m: int) -> dict[str, FloatArray]:
        ordered = self._design_streams()
        total = sum(s.dims for s in ordered)
        if total == 0:
            return {}
        from scipy.stats import qmc

        gen = np.random.Generator(stream(self.root, SOBOL_KEY, block))
        with warnings.catch_warnings():
            # A shorter last block uses a prefix of the point set; scipy warns about balance.
            warnings.simplefilter("ignore", UserWarning)
            pts = qmc.Sobol(d=total, scramble=True, rng=gen).random(m)
        pts = np.maximum(np.ascontiguousarray(pts.T), TINY)
        design, col = {}, 0
        for s in ordered:
            if s.key in self._dims:
                design[s.key] = pts[col : col + s.dims]
            col += s.dims
        return design


def make_copula(
    keys: Sequence[str],
    method: CopulaMethod,
    spearman: FloatArray,
    names: Sequence[str],
    repair: bool,
) -> CopulaPlan:
    """Prepare the correlation of ``keys`` (stream keys of the variables ``names``)."""
    factor = None
    if method is CopulaMethod.GAUSSIAN:
        factor = corr.gaussian_factor(spearman, names, repair=repair)
    return CopulaPlan(keys=tuple(keys), method=method, spearman=spearman, factor=factor)
