"""Streaming quantiles of outputs that are not kept per path, with a stated error bound.

An output that is not kept is summarised as it streams: its mean and sd exactly (per-unit
sums, see :mod:`model.engine.execution.chunks`) and its quantiles through a
:class:`QuantileSketch`, a
histogram on the floating-point grid itself.

The grid
--------
A bucket holds the values whose magnitude shares its sign, binary exponent and first
:data:`MANTISSA_BITS` mantissa bits, so every bucket ``[L, U)`` has ``U - L <= 2**-M L``
(``M = MANTISSA_BITS``): a relative grid, like a log-scale histogram but computed with one
integer shift of the value's bits instead of a logarithm. Magnitudes below :data:`ZERO_BELOW`
(including 0) share the lowest bucket, which stands for 0. Counts are integers, so merging
chunk histograms is exact and order-free: the sketch is bit-identical whatever the chunking,
the order in which chunks finish, or the backend. The sketch also keeps the exact smallest and
largest value seen (a minimum and a maximum merge exactly and in any order too). Memory is one
count per occupied bucket range per output and year (a few thousand for values spanning a few
powers of two), independent of the paths.

Error bound
-----------
:meth:`QuantileSketch.quantile` follows numpy's default (linear) definition: with
``h = (n - 1) q`` it interpolates between the order statistics of ranks ``floor(h)`` and
``ceil(h)``, each replaced by the midpoint of its bucket (0 for the lowest bucket), moved
into ``[min(x), max(x)]`` if it lies outside. Therefore::

    |sketch(q) - numpy.quantile(x, q)|
        <= 2**-(M+1) * max(|x_(floor h)|, |x_(ceil h)|) + ZERO_BELOW

i.e. a relative error of at most ``2**-13 = 1.2e-4`` with ``M = 12`` (0.024 HKD on a value of
200 HKD), far below the Monte Carlo standard error of a percentile at any practical number of
paths. No quantile lies outside the values seen: an output that is the same on every path
gets exactly that value, and one with a point mass at 0 gets exactly 0 within the mass.
``tests/engine/test_sketch.py`` checks the bound on skewed, signed and point-mass samples,
``tests/engine/test_sketch_exact_ends.py`` the exact ends.

Why not a library sketch (t-digest, KLL, DDSketch packages): their merges depend on the order
of insertion or use randomness, so results would change with chunking and backend, and the
rank-error bound of t-digest / KLL says nothing about the value error near a point mass.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

__all__ = ["MANTISSA_BITS", "ZERO_BELOW", "QuantileSketch", "column_sketch"]

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

#: Mantissa bits that name a bucket: relative bucket width at most ``2**-12``.
MANTISSA_BITS = 12
_SHIFT = 52 - MANTISSA_BITS
#: Magnitudes below this share the lowest bucket, which stands for 0 (absolute error at most
#: this much there).
ZERO_BELOW = 2.0**-40
# The bucket just below ZERO_BELOW's own: ZERO_BELOW is a power of two, so the lowest bucket
# ends exactly there and its values lie within ZERO_BELOW of 0.
_ZERO_KEY = (int(np.array(ZERO_BELOW).view(np.int64)) >> _SHIFT) - 1
#: The sign bit's weight among the keys (a negative value's key is its magnitude's less this).
_SIGN = 1 << (63 - _SHIFT)
_SIGN_BIT = np.uint64(1 << 63)
#: A chunk whose keys span more buckets than this is counted with ``np.unique`` instead of a
#: dense ``bincount`` (values spread over many powers of two).
_DENSE_MAX = 1 << 18


@dataclass
class _Side:
    """Counts of one sign's magnitude buckets: ``counts[i]`` is bucket key ``lo + i``."""

    lo: int = 0
    counts: IntArray = field(default_factory=lambda: np.zeros(0, np.int64))

    def add_keys(self, keys: IntArray) -> None:
        if keys.size == 0:
            return
        lo, hi = int(keys.min()), int(keys.max())
        if hi - lo < _DENSE_MAX:
            counts = np.bincount(keys - lo).astype(np.int64, copy=False)
        else:
            uniq, cnt = np.unique(keys, return_counts=True)
            self._add_sparse(uniq, cnt)
            return
        self.merge(_Side(lo, counts))

    def _add_sparse(self, keys: IntArray, cnt: IntArray) -> None:
        # Split into dense runs so that a wide spread does not allocate the whole range.
        breaks = np.flatnonzero(np.diff(keys) > 1024) + 1
        for ks, cs in zip(np.split(keys, breaks), np.split(cnt, breaks), strict=True):
            dense = np.zeros(int(ks[-1] - ks[0]) + 1, np.int64)
            dense[ks - ks[0]] = cs
            self.merge(_Side(int(ks[0]), dense))

    def merge(self, other: _Side) -> None:
        if other.counts.size == 0:
            return
        if self.counts.size == 0:
            self.lo, self.counts = other.lo, other.counts.copy()
            return
        lo = min(self.lo, other.lo)
        hi = max(self.lo + self.counts.size, other.lo + other.counts.size)
        if lo == self.lo and hi == self.lo + self.counts.size:
            self.counts[other.lo - lo : other.lo - lo + other.counts.size] += other.counts
            return
        out = np.zeros(hi - lo, np.int64)
        out[self.lo - lo : self.lo - lo + self.counts.size] += self.counts
        out[other.lo - lo : other.lo - lo + other.counts.size] += other.counts
        self.lo, self.counts = lo, out

    def buckets(self) -> tuple[FloatArray, IntArray]:
        """Midpoints of the occupied buckets (magnitudes, ascending) and their counts."""
        nz = np.flatnonzero(self.counts)
        keys = self.lo + nz
        lower = (keys << _SHIFT).view(np.float64)
        upper = ((keys + 1) << _SHIFT).view(np.float64)
        # The lowest bucket stands for 0: an output that is 0 on a share of paths (a point
        # mass) then has quantiles of exactly 0 there, within the bound (< ZERO_BELOW).
        middle = np.where(keys == _ZERO_KEY, 0.0, (lower + upper) / 2.0)
        return middle, self.counts[nz]


def _keys(magnitudes: FloatArray) -> IntArray:
    keys = np.ascontiguousarray(magnitudes).view(np.int64) >> _SHIFT
    np.maximum(keys, _ZERO_KEY, out=keys)
    return keys


def _extreme(a: float, b: float, pick: np.ufunc) -> float:
    """The smaller (``np.minimum``) or larger (``np.maximum``) of two values, with -0.0 read
    as 0.0 so that the result does not depend on which came first; NaN stays NaN."""
    return float(pick(a, b)) + 0.0


@dataclass
class QuantileSketch:
    """Mergeable histogram of one column of values (see the module notes for the bound).

    Attributes
    ----------
    pos, neg : _Side
        Counts of the non-negative values' and the negative values' magnitude buckets.
    n : int
        Values counted.
    low, high : float
        The exact smallest and largest value counted (``inf`` and ``-inf`` while empty):
        every quantile lies between them.
    """

    pos: _Side = field(default_factory=_Side)
    neg: _Side = field(default_factory=_Side)
    n: int = 0
    low: float = math.inf
    high: float = -math.inf

    def add(self, values: FloatArray) -> None:
        """Count finite values (any shape; NaN and infinities must have been rejected)."""
        x = np.asarray(values, dtype=np.float64).ravel()
        if x.size == 0:
            return
        smallest, largest = x.min(), x.max()
        if smallest >= 0.0:
            self.pos.add_keys(_keys(x))
        else:
            negative = x < 0.0
            self.pos.add_keys(_keys(x[~negative]))
            self.neg.add_keys(_keys(-x[negative]))
        self.n += x.size
        self.low = _extreme(self.low, smallest, np.minimum)
        self.high = _extreme(self.high, largest, np.maximum)

    def merge(self, other: QuantileSketch) -> None:
        """Add another sketch's counts (exact; order does not matter)."""
        self.pos.merge(other.pos)
        self.neg.merge(other.neg)
        self.n += other.n
        self.low = _extreme(self.low, other.low, np.minimum)
        self.high = _extreme(self.high, other.high, np.maximum)

    def _table(self) -> tuple[FloatArray, IntArray]:
        nv, nc = self.neg.buckets()
        pv, pc = self.pos.buckets()
        values = np.concatenate([-nv[::-1], pv])
        # A bucket's midpoint may lie beyond the values seen (a constant output, the lowest or
        # highest bucket): the exact extremes are nearer to every value the bucket holds.
        np.clip(values, self.low, self.high, out=values)
        cum = np.cumsum(np.concatenate([nc[::-1], pc]))
        return values, cum

    def quantile(self, q: float | FloatArray) -> FloatArray:
        """Quantiles at ``q`` (numpy's linear definition, within the stated bound).

        Returns
        -------
        ndarray
            Shaped like ``q``; NaN when the sketch is empty.
        """
        qa = np.asarray(q, dtype=np.float64)
        if self.n == 0:
            return np.full(qa.shape, np.nan)
        values, cum = self._table()
        h = (self.n - 1) * qa
        lo = np.floor(h)
        below = values[np.searchsorted(cum, lo, side="right")]
        above = values[np.searchsorted(cum, np.minimum(lo + 1, self.n - 1), side="right")]
        # Clipped again: the interpolation's rounding may step past an end by one ulp.
        out = np.clip(below + (h - lo) * (above - below), self.low, self.high) + 0.0
        return np.asarray(out, dtype=np.float64)


def column_sketch(year_major: FloatArray) -> list[QuantileSketch]:
    """One sketch per row of a ``(width, m)`` array (rows are years).

    Rows of finite, non-negative values (most outputs) are counted together: their keys are
    offset so that each row owns its own range of one ``bincount``. Finite rows of both signs
    are counted together too, each owning a range per sign (see :func:`_signed_rows`). The
    counts are exactly those of :meth:`QuantileSketch.add` row by row, which the other rows
    still use.
    """
    ym = np.asarray(year_major, dtype=np.float64)
    width, m = ym.shape
    out = [QuantileSketch() for _ in range(width)]
    if m == 0:
        return out
    low, high = ym.min(axis=1), ym.max(axis=1)
    # The bits of a non-negative float order like the float, so a row's key range is that of
    # its smallest and largest value (NaN fails ``>=``, so rows holding one go the slow way).
    fast = (low >= 0.0) & np.isfinite(high)
    lo = _keys(low)
    span = _keys(high) - lo + 1
    fast &= span <= _DENSE_MAX
    for r in np.flatnonzero(fast & (span == 1)):  # one bucket (a constant row): nothing to count
        out[r].pos = _Side(int(lo[r]), np.full(1, m, dtype=np.int64))
        out[r].n = m
    rows = np.flatnonzero(fast & (span > 1))
    if rows.size:
        keys = ym[rows] if rows.size < width else ym
        keys = np.right_shift(keys.view(np.int64), _SHIFT)
        for i, r in enumerate(rows):
            if low[r] < ZERO_BELOW:  # only these rows hold keys below the zero bucket
                np.maximum(keys[i], _ZERO_KEY, out=keys[i])
        size = span[rows]
        starts = np.cumsum(size) - size
        keys -= (lo[rows] - starts)[:, None]
        counts = np.bincount(keys.ravel(), minlength=int(size.sum()))
        # Each row's side is its own slice of the one count: the slices do not overlap, so a
        # merge that adds into one in place leaves the others as they are (no copy needed).
        for r, a, b in zip(rows, starts, starts + size, strict=True):
            out[r].pos = _Side(int(lo[r]), counts[a:b])
            out[r].n = m
    signed = ~fast & (low < 0.0) & np.isfinite(low) & np.isfinite(high)
    slow = ~fast & ~signed
    if signed.any():
        slow[_signed_rows(ym, np.flatnonzero(signed), low, high, out)] = True
    for r in np.flatnonzero(slow):
        out[r].add(ym[r])
    for r in np.flatnonzero(~slow):  # (``add`` kept the others' extremes)
        out[r].low, out[r].high = float(low[r]) + 0.0, float(high[r]) + 0.0
    return out


def _signed_rows(
    ym: FloatArray, rows: IntArray, low: FloatArray, high: FloatArray, out: list[QuantileSketch]
) -> IntArray:
    """Count finite rows holding negative values in one ``bincount``; return the rows left.

    A value's bits shifted as for :func:`_keys` give its magnitude key when it is positive and
    that key less ``2**23`` when it is negative, so the smallest of them is the negative side's
    smallest key, and the smallest read as unsigned is the positive side's. Each row owns two
    ranges of the count, one per side, each from the side's smallest to its largest key: the
    sides :meth:`QuantileSketch.add` makes of the row. Rows left to ``add``: ``-0.0`` or
    negative values below :data:`ZERO_BELOW` (``add`` counts those on different sides),
    and sides wider than :data:`_DENSE_MAX` buckets.
    """
    whole = rows.size == ym.shape[0]
    keys = np.right_shift((ym if whole else ym[rows]).view(np.int64), _SHIFT)
    smallest = keys.min(axis=1)
    neg_lo = smallest + _SIGN
    pos_lo = keys.view(np.uint64).min(axis=1)
    has_pos = pos_lo < _SIGN_BIT
    pos_lo = np.maximum(np.where(has_pos, pos_lo, 0).astype(np.int64), _ZERO_KEY)
    pos_size = np.where(has_pos, _keys(np.maximum(high[rows], 0.0)) - pos_lo + 1, 0)
    neg_size = _keys(-low[rows]) - neg_lo + 1
    ok = (neg_lo >= _ZERO_KEY) & (pos_size <= _DENSE_MAX) & (neg_size <= _DENSE_MAX)
    if not ok.all():
        keys, pos_lo, pos_size, neg_lo, neg_size = (
            v[ok] for v in (keys, pos_lo, pos_size, neg_lo, neg_size)
        )
    # Negative values' keys become their magnitude key plus 2**23, above every positive one.
    np.bitwise_and(keys, 2 * _SIGN - 1, out=keys)
    np.maximum(keys, _ZERO_KEY, out=keys)  # positive values below the zero bucket
    size = pos_size + neg_size
    pos_at = np.cumsum(size) - size
    neg_at = pos_at + pos_size
    pos_shift = (pos_lo - pos_at)[:, None]
    neg_extra = ((neg_lo + _SIGN - neg_at) - (pos_lo - pos_at))[:, None]
    negative = np.right_shift(keys, 23)  # 1 for a negative value, 0 otherwise
    np.multiply(negative, neg_extra, out=negative)
    keys -= pos_shift
    keys -= negative
    counts = np.bincount(keys.ravel(), minlength=int(size.sum()))
    m = ym.shape[1]
    for i, r in enumerate(rows[ok]):
        sketch = out[r]
        if pos_size[i]:
            a = pos_at[i]
            sketch.pos = _Side(int(pos_lo[i]), counts[a : a + pos_size[i]])
        a = neg_at[i]
        sketch.neg = _Side(int(neg_lo[i]), counts[a : a + neg_size[i]])  # (as column_sketch)
        sketch.n = m
    return rows[~ok]
