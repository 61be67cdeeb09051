"""Combining chunk results into a :class:`RunResult`.

Standard errors
---------------
* Mean, plain Monte Carlo: ``sd / sqrt(n)``.
* Mean, LHS and Sobol: batch means over blocks. Blocks are independent randomised designs, so
  the spread of block means measures the estimator's error; it needs at least
  :data:`MIN_BATCHES` complete blocks, otherwise ``sd / sqrt(n)`` is reported (an upper bound
  for LHS in practice, conservative for Sobol).
* Quantile ``q``: the asymptotic formula ``sqrt(q (1 - q) / n) / f(x_q)``, with the density
  estimated by the difference quotient of empirical quantiles ``(Q(q + h) - Q(q - h)) / 2h``
  and Bofinger's bandwidth ``h``. Quantiles need the per-path values, so only kept outputs
  have them; outputs that are not kept are summarised by their streaming mean, sd and se.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy import special

from model.engine.chunks import UNIT, ChunkResult, Fragment, unit_len, unit_stats
from model.engine.rng import BLOCK_SIZE
from model.engine.spec import Backend, Method
from model.errors import EngineError

FloatArray = NDArray[np.float64]

#: Complete blocks needed before LHS / Sobol standard errors use batch means.
MIN_BATCHES = 8


@dataclass(frozen=True)
class OutputSummary:
    """Streaming summary of one output.

    ``mean``, ``sd`` and ``se`` are floats for ``(n_paths,)`` outputs and arrays of shape
    ``(n_years,)`` for per-year outputs.
    """

    name: str
    per_year: bool
    n: int
    mean: Any
    sd: Any
    se: Any
    se_method: str


@dataclass(frozen=True)
class SkippedChunk:
    """A chunk that failed under ``on_chunk_error="skip"``."""

    index: int
    start: int
    stop: int
    reason: str


@dataclass(frozen=True)
class RunResult:
    """Outcome of :func:`model.engine.run`.

    Attributes
    ----------
    outputs : dict of name -> ndarray
        Kept outputs, shape ``(n_valid,)`` or ``(n_valid, n_years)`` (skipped paths removed).
    inputs : dict of name -> ndarray
        Kept inputs (see ``keep_inputs``).
    summaries : dict of name -> OutputSummary
        Mean, sd and standard error of every output, kept or not.
    seed_entropy, seed_spawn_key :
        Root seed: ``SeedSequence(seed_entropy, spawn_key=seed_spawn_key)`` repeats the run.
    n_paths, n_valid : int
        Paths run, and paths that completed (fewer when chunks were skipped).
    method, backend, chunk_size, block_size :
        Settings of the run.
    invalid : dict of name -> int
        Paths flagged by the model's ``_invalid_<name>`` diagnostics.
    skipped : tuple of SkippedChunk
    elapsed : float
        Wall-clock seconds.
    years : tuple of int
    converged : bool or None
        Whether a precision target was met (None without a target).
    """

    outputs: dict[str, FloatArray]
    inputs: dict[str, FloatArray]
    summaries: dict[str, OutputSummary]
    seed_entropy: Any
    seed_spawn_key: tuple[int, ...]
    n_paths: int
    n_valid: int
    method: Method
    backend: Backend
    chunk_size: int
    block_size: int
    invalid: dict[str, int]
    skipped: tuple[SkippedChunk, ...]
    elapsed: float
    years: tuple[int, ...] = ()
    converged: bool | None = None

    def seed(self) -> np.random.SeedSequence:
        """The root seed, to repeat the run."""
        return np.random.SeedSequence(self.seed_entropy, spawn_key=self.seed_spawn_key)

    def _kept(self, name: str) -> FloatArray:
        if name in self.outputs:
            return self.outputs[name]
        if name in self.inputs:
            return self.inputs[name]
        raise EngineError(f"output {name!r} was not kept per path; pass keep=[..., {name!r}] "
                          f"(kept: {', '.join(self.outputs) or 'none'})")

    def quantile(self, name: str, q: float | Sequence[float]) -> Any:
        """Empirical quantile(s) of a kept output (per year for per-year outputs)."""
        return np.quantile(self._kept(name), q, axis=0)

    def quantile_se(self, name: str, q: float) -> Any:
        """Standard error of the ``q`` quantile (asymptotic formula; see module notes)."""
        x = self._kept(name)
        n = x.shape[0]
        z = float(special.ndtri(q))
        phi = math.exp(-z * z / 2) / math.sqrt(2 * math.pi)
        h = n ** -0.2 * (4.5 * phi**4 / (2 * z * z + 1) ** 2) ** 0.2
        lo, hi = max(q - h, 1.0 / n), min(q + h, 1.0 - 1.0 / n)
        qa = np.quantile(x, [lo, hi], axis=0)
        return (qa[1] - qa[0]) / (hi - lo) * math.sqrt(q * (1 - q) / n)

    def probability(self, name: str, threshold: float, above: bool = True) -> tuple[float, float]:
        """``P(output > threshold)`` (or ``<`` when ``above=False``) of a static kept output.

        Returns
        -------
        (p, se) : floats, with ``se = sqrt(p (1 - p) / n)``.
        """
        x = self._kept(name)
        p = float(np.mean(x > threshold if above else x < threshold))
        return p, math.sqrt(p * (1 - p) / x.shape[0])

    def summary(self, quantiles: Sequence[float] = (0.05, 0.5, 0.95)) -> Any:
        """One row per output (and year): mean, sd, se, quantiles and their se.

        Returns
        -------
        pandas.DataFrame
        """
        import pandas as pd

        rows = []
        for name, s in self.summaries.items():
            labels = [f"{name}[{y}]" for y in self.years] if s.per_year else [name]
            qs = {}
            if name in self.outputs:
                for q in quantiles:
                    qs[q] = (np.atleast_1d(self.quantile(name, q)),
                             np.atleast_1d(self.quantile_se(name, q)))
            for i, label in enumerate(labels):
                row: dict[str, Any] = {"output": label, "n": s.n,
                                       "mean": np.atleast_1d(s.mean)[i],
                                       "sd": np.atleast_1d(s.sd)[i],
                                       "se": np.atleast_1d(s.se)[i]}
                for q, (val, se) in qs.items():
                    row[f"p{100 * q:g}"] = val[i]
                    row[f"p{100 * q:g}_se"] = se[i]
                rows.append(row)
        return pd.DataFrame(rows).set_index("output")


@dataclass
class _OutputAcc:
    width: int
    per_year: bool
    count: NDArray[np.int64]
    total: FloatArray
    m2: FloatArray
    pending: dict[int, list[Fragment]] = field(default_factory=dict)


class Accumulator:
    """Collects chunk results (in any order) and reduces them deterministically."""

    def __init__(self, n_total: int, n_years: int):
        self.n_total = n_total
        self.n_years = n_years
        self.n_units = -(-n_total // UNIT)
        self.acc: dict[str, _OutputAcc] = {}
        self.kept: dict[str, FloatArray] = {}
        self.kept_inputs: dict[str, FloatArray] = {}
        self.invalid: dict[str, int] = {}
        self.skipped: list[SkippedChunk] = []
        self.done_paths = 0

    def grow(self, n_total: int) -> None:
        """Extend the run to ``n_total`` paths (convergence); the old total is whole units."""
        if self.n_total % UNIT:
            raise EngineError("internal: can only extend runs of whole units")
        self.n_total = n_total
        self.n_units = -(-n_total // UNIT)
        for a in self.acc.values():
            extra = self.n_units - a.count.shape[0]
            a.count = np.concatenate([a.count, np.zeros(extra, np.int64)])
            a.total = np.concatenate([a.total, np.zeros((a.width, extra))], axis=1)
            a.m2 = np.concatenate([a.m2, np.zeros((a.width, extra))], axis=1)
        for store in (self.kept, self.kept_inputs):
            for k, v in store.items():
                new = np.empty((n_total, *v.shape[1:]))
                new[: v.shape[0]] = v
                store[k] = new

    def _output(self, name: str, ndim: int) -> _OutputAcc:
        a = self.acc.get(name)
        width = self.n_years if ndim == 2 else 1
        if a is None:
            a = _OutputAcc(width, ndim == 2, np.zeros(self.n_units, np.int64),
                           np.zeros((width, self.n_units)), np.zeros((width, self.n_units)))
            self.acc[name] = a
        elif a.per_year != (ndim == 2):
            raise EngineError(f"output {name!r} changes shape between chunks")
        return a

    def add(self, res: ChunkResult) -> None:
        """Merge one successful chunk."""
        if set(res.ndim) != set(self.acc) and self.acc:
            missing = set(self.acc) ^ set(res.ndim)
            raise EngineError(f"chunk {res.index} returned a different set of outputs "
                              f"(differs in {', '.join(sorted(missing))})")
        for name, ndim in res.ndim.items():
            a = self._output(name, ndim)
            st = res.stats.get(name)
            if st is not None:
                k = st.count.shape[0]
                a.count[st.first: st.first + k] = st.count
                a.total[:, st.first: st.first + k] = st.total
                a.m2[:, st.first: st.first + k] = st.m2
            for frag in res.fragments.get(name, []):
                pieces = a.pending.setdefault(frag.unit, [])
                pieces.append(frag)
                if sum(f.values.shape[1] for f in pieces) == unit_len(frag.unit, self.n_total):
                    self._stitch(a, frag.unit)
        for store, src in ((self.kept, res.kept), (self.kept_inputs, res.kept_inputs)):
            for name, arr in src.items():
                if name not in store:
                    store[name] = np.empty((self.n_total, *arr.shape[1:]))
                store[name][res.start: res.stop] = arr
        for name, c in res.invalid.items():
            self.invalid[name] = self.invalid.get(name, 0) + c
        self.done_paths += res.stop - res.start

    def _stitch(self, a: _OutputAcc, unit: int) -> None:
        pieces = sorted(a.pending.pop(unit), key=lambda f: f.start)
        values = np.concatenate([f.values for f in pieces], axis=1)
        st = unit_stats(np.ascontiguousarray(values), unit, [values.shape[1]])
        a.count[unit] = st.count[0]
        a.total[:, unit] = st.total[:, 0]
        a.m2[:, unit] = st.m2[:, 0]

    def skip(self, res: ChunkResult) -> None:
        """Record a failed chunk that the run goes on without."""
        self.skipped.append(SkippedChunk(res.index, res.start, res.stop, res.error or ""))

    def summaries(self, method: Method) -> dict[str, OutputSummary]:
        """Reduce unit statistics (in unit order) to per-output summaries."""
        out = {}
        for name, a in self.acc.items():
            for unit in sorted(a.pending):  # units left incomplete by skipped chunks
                self._stitch(a, unit)
            out[name] = _reduce(name, a, method)
        return out

    def valid_mask(self) -> NDArray[np.bool_] | None:
        """Paths to keep (None when nothing was skipped)."""
        if not self.skipped:
            return None
        mask = np.ones(self.n_total, dtype=bool)
        for s in self.skipped:
            mask[s.start: s.stop] = False
        return mask


def _reduce(name: str, a: _OutputAcc, method: Method) -> OutputSummary:
    count = a.count.astype(np.float64)
    n = int(a.count.sum())
    if n == 0:
        nan = np.full(a.width, np.nan)
        return OutputSummary(name, a.per_year, 0, nan, nan, nan, "none")
    mean = a.total.sum(axis=1) / n
    with np.errstate(invalid="ignore", divide="ignore"):
        unit_mean = np.where(count > 0, a.total / np.maximum(count, 1.0), 0.0)
    dev = unit_mean - mean[:, None]
    m2 = a.m2.sum(axis=1) + (count * dev * dev).sum(axis=1)
    sd = np.sqrt(m2 / max(n - 1, 1))
    se = sd / math.sqrt(n)
    se_method = "iid"
    per_block = BLOCK_SIZE // UNIT
    full_blocks = a.count.shape[0] // per_block
    if method is not Method.MC and full_blocks:
        bc = a.count[: full_blocks * per_block].reshape(full_blocks, per_block).sum(axis=1)
        ok = bc == BLOCK_SIZE
        if ok.sum() >= MIN_BATCHES:
            bt = a.total[:, : full_blocks * per_block].reshape(a.width, full_blocks, per_block)
            bmeans = bt.sum(axis=2)[:, ok] / BLOCK_SIZE
            se = bmeans.std(axis=1, ddof=1) / math.sqrt(int(ok.sum()))
            se_method = "batch-means"
    if not a.per_year:
        return OutputSummary(name, False, n, float(mean[0]), float(sd[0]), float(se[0]),
                             se_method)
    return OutputSummary(name, True, n, mean, sd, se, se_method)


def make_result(acc: Accumulator, method: Method, backend: Backend, chunk_size: int,
                root: np.random.SeedSequence, elapsed: float, years: tuple[int, ...],
                converged: bool | None) -> RunResult:
    """Assemble the final :class:`RunResult`."""
    summaries = acc.summaries(method)
    mask = acc.valid_mask()
    kept, kept_in = acc.kept, acc.kept_inputs
    if mask is not None:
        kept = {k: v[mask] for k, v in kept.items()}
        kept_in = {k: v[mask] for k, v in kept_in.items()}
    n_valid = acc.n_total - sum(s.stop - s.start for s in acc.skipped)
    return RunResult(
        outputs=kept, inputs=kept_in, summaries=summaries,
        seed_entropy=root.entropy, seed_spawn_key=tuple(root.spawn_key),
        n_paths=acc.n_total, n_valid=n_valid, method=method, backend=backend,
        chunk_size=chunk_size, block_size=BLOCK_SIZE, invalid=dict(acc.invalid),
        skipped=tuple(sorted(acc.skipped, key=lambda s: s.index)), elapsed=elapsed,
        years=years, converged=converged)

