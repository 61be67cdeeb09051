"""Combining chunk results into a :class:`RunResult`.

Standard errors
---------------
* Mean, plain Monte Carlo: ``sd / sqrt(n)``.
* Mean, LHS and Sobol: batch means over blocks. Blocks are independent randomised designs, so
  the spread of block means measures the estimator's error; it needs at least
  :data:`MIN_BATCHES` complete blocks, otherwise ``sd / sqrt(n)`` is reported (an upper bound
  for LHS in practice, conservative for Sobol).
  Intervals use Student's t with ``blocks - 1`` degrees of freedom (``OutputSummary.df``)
  for batch means, the normal quantile otherwise (:meth:`OutputSummary.interval`).
* Quantile ``q``: the asymptotic formula ``sqrt(q (1 - q) / n) / f(x_q)``, with the density
  estimated by the difference quotient of empirical quantiles ``(Q(q + h) - Q(q - h)) / 2h``
  and Hall and Sheather's bandwidth ``h`` (:func:`model.engine.summaries.stats.quantile_se`, the one
  formula of the engine and the results). Kept outputs use their exact empirical quantiles;
  outputs that are not kept use their streaming quantile sketch
  (:mod:`model.engine.summaries.sketch`, error bound stated there) for the quantiles and for
  ``Q(q +- h)``.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeVar

import numpy as np
from numpy.typing import NDArray

from model.engine.draws.rng import BLOCK_SIZE
from model.engine.execution.chunks import ChunkResult
from model.engine.spec import Backend, Method
from model.engine.summaries.sketch import QuantileSketch
from model.engine.summaries.stats import critical_value, quantile_se
from model.engine.summaries.units import UNIT, Fragment, unit_len, unit_stats
from model.errors import EngineError

FloatArray = NDArray[np.float64]

#: Complete blocks needed before LHS / Sobol standard errors use batch means.
MIN_BATCHES = 8

V = TypeVar("V")


class SeMethod(StrEnum):
    """How the standard error of a mean was estimated (see the module notes)."""

    #: ``sd / sqrt(n)``: independent paths (plain Monte Carlo), or too few blocks for batches.
    IID = "iid"
    #: Spread of the means of independent blocks (LHS and Sobol with enough blocks).
    BATCH_MEANS = "batch-means"
    #: No completed path (every chunk skipped).
    NONE = "none"


class ReadOnlyMap(Mapping[str, V]):
    """An immutable, picklable mapping (the dict it wraps is copied and never exposed)."""

    __slots__ = ("_data",)

    def __init__(self, data: Mapping[str, V] | None = None):
        self._data = dict(data or {})

    def __getitem__(self, key: str) -> V:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __repr__(self) -> str:
        return f"ReadOnlyMap({self._data!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (ReadOnlyMap, (self._data,))


def _frozen(arr: Any) -> FloatArray:
    out = np.asarray(arr, dtype=np.float64)
    out.setflags(write=False)
    return out


#: Rows of a run's summary shown in a notebook.
MAX_HTML_ROWS = 40


@dataclass(frozen=True)
class OutputSummary:
    """Streaming summary of one output.

    Attributes
    ----------
    name : str
    per_year : bool
        Whether the output has one value per path and year.
    n : int
        Paths summarised.
    mean, sd, se : ndarray
        Read-only arrays: shape ``()`` for ``(n_paths,)`` outputs (``float(s.mean)`` gives the
        number) and ``(n_years,)`` for per-year outputs.
    se_method : SeMethod
        How ``se`` was estimated; ``iid`` for an LHS or Sobol' run means too few complete
        blocks for batch means, so ``sd / sqrt(n)`` (conservative) was used.
    df : int or None
        Degrees of freedom of ``se`` (batch means: complete blocks - 1); None for ``iid``.
    """

    name: str
    per_year: bool
    n: int
    mean: FloatArray
    sd: FloatArray
    se: FloatArray
    se_method: SeMethod
    df: int | None = None

    def __post_init__(self) -> None:
        for attr in ("mean", "sd", "se"):
            object.__setattr__(self, attr, _frozen(getattr(self, attr)))
        object.__setattr__(self, "se_method", SeMethod(self.se_method))

    def interval(self, level: float = 0.95) -> tuple[FloatArray, FloatArray]:
        """Confidence interval of the mean: ``mean -+ c se``.

        ``c`` is Student's t quantile with ``df`` degrees of freedom for batch-means errors
        (few blocks give wide intervals, as they should), the normal quantile otherwise.

        Parameters
        ----------
        level : float
            Coverage in (0, 1).

        Returns
        -------
        (low, high) : ndarrays shaped like ``mean``
        """
        if not 0.0 < level < 1.0:
            raise EngineError(f"the coverage level must lie in (0, 1) (got {level})")
        c = critical_value(level, self.df)
        return _frozen(self.mean - c * self.se), _frozen(self.mean + c * self.se)


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

    The mappings are read-only (:class:`ReadOnlyMap`) and so are the arrays they hold; copy
    an array (``np.array(x)``) to change it.

    Attributes
    ----------
    outputs : mapping of name -> ndarray
        Kept outputs, shape ``(n_valid,)`` or ``(n_valid, n_years)`` (skipped paths removed).
    inputs : mapping of name -> ndarray
        Kept inputs (see ``keep_inputs``).
    summaries : mapping of name -> OutputSummary
        Mean, sd and standard error of every output, kept or not.
    seed_entropy, seed_spawn_key :
        Root seed: ``SeedSequence(seed_entropy, spawn_key=seed_spawn_key)`` repeats the run.
    n_paths, n_valid : int
        Paths run, and paths that completed (fewer when chunks were skipped).
    method, backend, chunk_size, block_size :
        Settings of the run.
    invalid : mapping of name -> int
        Paths flagged by the model's ``_invalid_<name>`` diagnostics.
    skipped : tuple of SkippedChunk
    elapsed : float
        Wall-clock seconds.
    years : tuple of int
    converged : bool or None
        Whether a precision target was met (None without a target).
    sketches : mapping of name -> tuple of QuantileSketch
        Streaming quantile sketches of the outputs not kept (one per year, or one).
    """

    outputs: Mapping[str, FloatArray]
    inputs: Mapping[str, FloatArray]
    summaries: Mapping[str, OutputSummary]
    seed_entropy: Any
    seed_spawn_key: tuple[int, ...]
    n_paths: int
    n_valid: int
    method: Method
    backend: Backend
    chunk_size: int
    block_size: int
    invalid: Mapping[str, int]
    skipped: tuple[SkippedChunk, ...]
    elapsed: float
    years: tuple[int, ...] = ()
    converged: bool | None = None
    sketches: Mapping[str, tuple[QuantileSketch, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "sketches", ReadOnlyMap({k: tuple(v) for k, v in self.sketches.items()})
        )
        for attr in ("outputs", "inputs"):
            arrays = {k: _frozen(v) for k, v in getattr(self, attr).items()}
            object.__setattr__(self, attr, ReadOnlyMap(arrays))
        object.__setattr__(self, "summaries", ReadOnlyMap(self.summaries))
        object.__setattr__(
            self, "invalid", ReadOnlyMap({k: int(v) for k, v in self.invalid.items()})
        )
        object.__setattr__(self, "skipped", tuple(self.skipped))
        object.__setattr__(self, "years", tuple(self.years))

    def seed(self) -> np.random.SeedSequence:
        """The root seed, to repeat the run."""
        return np.random.SeedSequence(self.seed_entropy, spawn_key=self.seed_spawn_key)

    def _kept(self, name: str) -> FloatArray:
        if name in self.outputs:
            return self.outputs[name]
        if name in self.inputs:
            return self.inputs[name]
        raise EngineError(
            f"output {name!r} was not kept per path; pass keep=[..., {name!r}] "
            f"(kept: {', '.join(self.outputs) or 'none'})"
        )

    def quantile(self, name: str, q: float | Sequence[float]) -> FloatArray:
        """Empirical quantile(s) of an output (per year for per-year outputs).

        Exact for kept outputs (and kept inputs); from the streaming sketch for the others,
        within the bound stated in :mod:`model.engine.summaries.sketch` (relative ``1.2e-4``).

        Parameters
        ----------
        name : str
            An output (or kept input).
        q : float or sequence of float
            Probabilities in ``[0, 1]``.

        Returns
        -------
        ndarray
            Always an array, of shape ``np.shape(q) + per_year_shape``: ``()`` for one ``q``
            of a static output, ``(n_years,)`` for one ``q`` of a per-year output,
            ``(len(q),)`` or ``(len(q), n_years)`` for several.
        """
        sketches = self._sketched(name)
        if sketches is not None:
            qa = np.asarray(q, dtype=np.float64)
            cols = [s.quantile(qa) for s in sketches]
            if not self.summaries[name].per_year:
                return np.asarray(cols[0], dtype=np.float64)
            return np.stack(cols, axis=-1)
        return np.asarray(np.quantile(self._kept(name), q, axis=0), dtype=np.float64)

    def _sketched(self, name: str) -> tuple[QuantileSketch, ...] | None:
        if name in self.outputs or name in self.inputs:
            return None
        return self.sketches.get(name)

    def quantile_se(self, name: str, q: float) -> FloatArray:
        """Standard error of the ``q`` quantile (:func:`model.engine.summaries.stats.quantile_se`).

        Returns
        -------
        ndarray
            Shape ``()`` for a static output, ``(n_years,)`` for a per-year one.
        """
        sketches = self._sketched(name)
        if sketches is None:
            x = self._kept(name)
            return np.asarray(quantile_se(x, [q])[0], dtype=np.float64)
        from model.engine.summaries.stats import hall_sheather_bandwidth

        n = self.summaries[name].n
        if n < 2:
            return np.asarray(np.nan)
        h = float(hall_sheather_bandwidth([q], n)[0])
        lo, hi = max(q - h, 0.0), min(q + h, 1.0)
        ends = self.quantile(name, [lo, hi])
        return np.asarray(
            (ends[1] - ends[0]) * math.sqrt(q * (1 - q) / n) / (hi - lo), dtype=np.float64
        )

    def probability(
        self, name: str, threshold: float, above: bool = True, *, year: int | None = None
    ) -> tuple[float, float]:
        """``P(output > threshold)`` (or ``<`` when ``above=False``) of a kept output.

        Parameters
        ----------
        name : str
            A kept output (or kept input).
        threshold : float
        above : bool
        year : int, optional
            Calendar year; required for a per-year output, refused for a static one.

        Returns
        -------
        (p, se) : floats, with ``se = sqrt(p (1 - p) / n)``.
        """
        x = self._kept(name)
        if x.ndim == 2:
            if year is None or year not in self.years:
                raise EngineError(
                    f"output {name!r} is per year: pass year= one of {list(self.years)}"
                )
            x = x[:, self.years.index(year)]
        elif year is not None:
            raise EngineError(f"output {name!r} has one value per path; it takes no year")
        p = float(np.mean(x > threshold if above else x < threshold))
        return p, math.sqrt(p * (1 - p) / x.shape[0])

    def summary(self, quantiles: Sequence[float] = (0.05, 0.5, 0.95)) -> Any:
        """One row per output and year: mean, sd and quantiles, each with its standard error.

        Columns follow the project's naming: ``n``, ``mean``, ``mean_se``, ``sd``, then each
        quantile as a percentile (``p5``, ``p2.5``) followed by its ``_se`` (quantiles only for
        kept outputs).

        Column ``se_method`` says how each ``se`` was estimated: ``batch-means``, or ``iid``
        (independent paths; for an LHS or Sobol' run, the conservative fallback when it has
        fewer complete blocks than batch means need). Quantiles of outputs not kept come from
        their streaming sketch.

        Returns
        -------
        pandas.DataFrame
            Index ``(output, year)``; an output with one value per path is reported at the
            last year (``None`` for a run without years).
        """
        import pandas as pd

        rows = []
        last = self.years[-1] if self.years else None
        for name, s in self.summaries.items():
            years = list(self.years) if s.per_year else [last]
            qs = {}
            if name in self.outputs or name in self.sketches:
                for q in quantiles:
                    qs[q] = (
                        np.atleast_1d(self.quantile(name, q)),
                        np.atleast_1d(self.quantile_se(name, q)),
                    )
            for i, year in enumerate(years):
                row: dict[str, Any] = {
                    "output": name,
                    "year": year,
                    "n": s.n,
                    "mean": np.atleast_1d(s.mean)[i],
                    "mean_se": np.atleast_1d(s.se)[i],
                    "sd": np.atleast_1d(s.sd)[i],
                    "se_method": s.se_method.value,
                }
                for q, (val, se) in qs.items():
                    label = f"p{round(100.0 * q, 6):g}"
                    row[label] = val[i]
                    row[f"{label}_se"] = se[i]
                rows.append(row)
        return pd.DataFrame(rows).set_index(["output", "year"])

    def __repr__(self) -> str:
        years = f"{self.years[0]}..{self.years[-1]}" if self.years else "no years"
        skipped = f", {len(self.skipped)} chunks skipped" if self.skipped else ""
        return (
            f"RunResult({self.n_valid:,} of {self.n_paths:,} paths, {years}, "
            f"{len(self.summaries)} outputs ({len(self.outputs)} kept per path), "
            f"method={self.method.value!r}, seed_entropy={self.seed_entropy}{skipped}, "
            f"{self.elapsed:.2f} s)"
        )

    def _repr_html_(self) -> str:
        import html

        table = self.summary(quantiles=())
        shown = table.head(MAX_HTML_ROWS)
        more = len(table) - len(shown)
        note = f"<div>{more} more rows: .summary()</div>" if more > 0 else ""
        body = shown.to_html(float_format=lambda v: f"{v:.5g}", border=0)
        return f"<div><b>{html.escape(repr(self))}</b>{body}{note}</div>"


@dataclass
class _OutputAcc:
    width: int
    per_year: bool
    count: NDArray[np.int64]
    total: FloatArray
    m2: FloatArray
    pending: dict[int, list[Fragment]] = field(default_factory=dict)
    sketches: list[QuantileSketch] | None = None


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
            a = _OutputAcc(
                width,
                ndim == 2,
                np.zeros(self.n_units, np.int64),
                np.zeros((width, self.n_units)),
                np.zeros((width, self.n_units)),
            )
            self.acc[name] = a
        elif a.per_year != (ndim == 2):
            raise EngineError(f"output {name!r} changes shape between chunks")
        return a

    def add(self, res: ChunkResult) -> None:
        """Merge one successful chunk."""
        if set(res.ndim) != set(self.acc) and self.acc:
            missing = set(self.acc) ^ set(res.ndim)
            raise EngineError(
                f"chunk {res.index} returned a different set of outputs "
                f"(differs in {', '.join(sorted(missing))})"
            )
        for name, ndim in res.ndim.items():
            a = self._output(name, ndim)
            st = res.stats.get(name)
            if st is not None:
                k = st.count.shape[0]
                a.count[st.first : st.first + k] = st.count
                a.total[:, st.first : st.first + k] = st.total
                a.m2[:, st.first : st.first + k] = st.m2
            chunk_sketches = res.sketches.get(name)
            if chunk_sketches is not None:
                if a.sketches is None:
                    a.sketches = [QuantileSketch() for _ in range(a.width)]
                for total, part in zip(a.sketches, chunk_sketches, strict=True):
                    total.merge(part)
            for frag in res.fragments.get(name, []):
                pieces = a.pending.setdefault(frag.unit, [])
                pieces.append(frag)
                if sum(f.values.shape[1] for f in pieces) == unit_len(frag.unit, self.n_total):
                    self._stitch(a, frag.unit)
        for store, src in ((self.kept, res.kept), (self.kept_inputs, res.kept_inputs)):
            for name, arr in src.items():
                if name not in store:
                    store[name] = np.empty((self.n_total, *arr.shape[1:]))
                store[name][res.start : res.stop] = arr
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
            mask[s.start : s.stop] = False
        return mask


def _reduce(name: str, a: _OutputAcc, method: Method) -> OutputSummary:
    count = a.count.astype(np.float64)
    n = int(a.count.sum())
    if n == 0:
        nan = np.full(a.width, np.nan) if a.per_year else np.array(np.nan)
        return OutputSummary(name, a.per_year, 0, nan, nan, nan, SeMethod.NONE)
    mean = a.total.sum(axis=1) / n
    with np.errstate(invalid="ignore", divide="ignore"):
        unit_mean = np.where(count > 0, a.total / np.maximum(count, 1.0), 0.0)
    dev = unit_mean - mean[:, None]
    m2 = a.m2.sum(axis=1) + (count * dev * dev).sum(axis=1)
    sd = np.sqrt(m2 / max(n - 1, 1))
    se = sd / math.sqrt(n)
    se_method = SeMethod.IID
    df: int | None = None
    per_block = BLOCK_SIZE // UNIT
    full_blocks = a.count.shape[0] // per_block
    if method is not Method.MC and full_blocks:
        bc = a.count[: full_blocks * per_block].reshape(full_blocks, per_block).sum(axis=1)
        ok = bc == BLOCK_SIZE
        if ok.sum() >= MIN_BATCHES:
            bt = a.total[:, : full_blocks * per_block].reshape(a.width, full_blocks, per_block)
            bmeans = bt.sum(axis=2)[:, ok] / BLOCK_SIZE
            se = bmeans.std(axis=1, ddof=1) / math.sqrt(int(ok.sum()))
            se_method = SeMethod.BATCH_MEANS
            df = int(ok.sum()) - 1
    if not a.per_year:
        return OutputSummary(name, False, n, mean[0], sd[0], se[0], se_method, df)
    return OutputSummary(name, True, n, mean, sd, se, se_method, df)


def make_result(
    acc: Accumulator,
    method: Method,
    backend: Backend,
    chunk_size: int,
    root: np.random.SeedSequence,
    elapsed: float,
    years: tuple[int, ...],
    converged: bool | None,
) -> RunResult:
    """Assemble the final :class:`RunResult`."""
    summaries = acc.summaries(method)
    mask = acc.valid_mask()
    kept, kept_in = acc.kept, acc.kept_inputs
    if mask is not None:
        kept = {k: v[mask] for k, v in kept.items()}
        kept_in = {k: v[mask] for k, v in kept_in.items()}
    n_valid = acc.n_total - sum(s.stop - s.start for s in acc.skipped)
    return RunResult(
        outputs=kept,
        inputs=kept_in,
        summaries=summaries,
        seed_entropy=root.entropy,
        seed_spawn_key=tuple(root.spawn_key),
        n_paths=acc.n_total,
        n_valid=n_valid,
        method=method,
        backend=backend,
        chunk_size=chunk_size,
        block_size=BLOCK_SIZE,
        invalid=dict(acc.invalid),
        skipped=tuple(sorted(acc.skipped, key=lambda s: s.index)),
        elapsed=elapsed,
        years=years,
        converged=converged,
        sketches={k: tuple(a.sketches) for k, a in acc.acc.items() if a.sketches is not None},
    )
