"""Resource limits of a run: a minimum chunk size and a memory estimate checked before running.

A run's memory is what it keeps per path plus the working set of the chunks in flight:

* every kept output and kept input holds ``width x 8`` bytes a path (``width`` is 1 for a
  static quantity, the number of years for a per-year one);
* every output, kept or not, holds its per-unit statistics (a count, a sum and a sum of squares
  per year and per unit of :data:`~model.engine.summaries.units.UNIT` paths);
* each chunk in flight holds its uniforms, inputs and outputs (twice, for the model's
  intermediate arrays).

:func:`estimate_memory` evaluates the model once on the central path to learn its outputs and
their shapes, and :func:`check_memory` refuses a run whose estimate exceeds the memory
available to the process (:func:`available_memory`), saying how many paths would fit. The
estimate counts the engine's own arrays only; what a caller derives from the result comes on
top (callers that hold several runs at once multiply it, see ``runs``).
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from model.errors import EngineError, ResourceLimitError

__all__ = [
    "MIN_CHUNK_SIZE",
    "MemoryEstimate",
    "ResourceLimitError",
    "available_memory",
    "check_chunk_size",
    "check_memory",
    "estimate_memory",
    "format_bytes",
]

#: Smallest chunk a run accepts. Each chunk pays a fixed cost (sampling set-up, the model call,
#: validation, its statistics) of the order of a millisecond; below about a thousand paths that
#: cost dominates, and the memory saved is negligible (a thousand paths of a ten-year model with
#: fifty outputs take 4 MB).
MIN_CHUNK_SIZE = 1000
#: Bytes of one value.
_FLOAT = 8
#: Copies of a chunk's inputs and outputs alive at once (the model's own intermediates).
_WORKING_COPIES = 2


def check_chunk_size(value: Any) -> int:
    """A chunk size as an int of at least :data:`MIN_CHUNK_SIZE` paths.

    Raises
    ------
    EngineError
        Naming the value and the minimum.
    """
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value <= 0:
        raise EngineError(f"chunk_size must be a positive integer (got {value!r})")
    if value < MIN_CHUNK_SIZE:
        raise EngineError(
            f"chunk_size must be at least {MIN_CHUNK_SIZE} paths (got {int(value)}): smaller "
            "chunks only multiply the fixed cost of each chunk"
        )
    return int(value)


def format_bytes(n: float) -> str:
    """``1536`` -> ``'1.5 KB'`` (powers of 1024, one decimal); past a thousand petabytes in
    powers of ten (``'1.4e+18 PB'``), no number a reader has to count the digits of."""
    for unit in ("bytes", "KB", "MB", "GB", "TB", "PB"):
        if abs(n) < 1024 or unit == "PB":
            if unit == "bytes":
                return f"{n:.0f} {unit}"
            return f"{n:.1f} {unit}" if abs(n) < 1e4 else f"{n:.2g} {unit}"
        n /= 1024
    raise AssertionError("unreachable")  # pragma: no cover


# ---------------------------------------------------------------------- available memory


def _meminfo_available() -> int | None:
    try:
        text = Path("/proc/meminfo").read_text()
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith("MemAvailable:"):
            return int(line.split()[1]) * 1024
    return None


def _cgroup_room() -> int | None:
    """Room left under a cgroup v2 memory limit (containers), if one is set."""
    base = Path("/sys/fs/cgroup")
    try:
        limit = (base / "memory.max").read_text().strip()
        if limit == "max":
            return None
        return max(0, int(limit) - int((base / "memory.current").read_text()))
    except (OSError, ValueError):
        return None


def _address_space_room() -> int | None:
    """Room left under ``ulimit -v`` (RLIMIT_AS), if one is set."""
    try:
        import resource
    except ImportError:  # not on POSIX
        return None
    soft, _ = resource.getrlimit(resource.RLIMIT_AS)
    if soft == resource.RLIM_INFINITY:
        return None
    used = 0
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmSize:"):
                used = int(line.split()[1]) * 1024
    return max(0, soft - used)


def available_memory() -> int | None:
    """Bytes of memory this process can still use, or None when it cannot be told.

    The system's available memory (``psutil`` when installed, else ``/proc/meminfo``, else
    ``os.sysconf``), lowered by a container's cgroup limit and by ``ulimit -v``.
    """
    found: list[int] = []
    system = None
    if "psutil" in sys.modules or _importable("psutil"):
        with contextlib.suppress(Exception):
            import psutil

            system = int(psutil.virtual_memory().available)
    if system is None:
        system = _meminfo_available()
    if system is None:
        with contextlib.suppress(ValueError, OSError, AttributeError):
            system = os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    for room in (system, _cgroup_room(), _address_space_room()):
        if room is not None:
            found.append(room)
    return min(found) if found else None


def _importable(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None


# ---------------------------------------------------------------------- the estimate


@dataclass(frozen=True)
class MemoryEstimate:
    """Memory of a run: ``per_path`` bytes a path (times ``runs``) plus ``fixed`` bytes.

    Attributes
    ----------
    n_paths : int
        Paths of each run.
    per_path : float
        Bytes a path of one run keeps (kept outputs and inputs, per-unit statistics).
    fixed : float
        Bytes of the chunks in flight, whatever the number of paths.
    runs : int
        Runs held at once (e.g. every scenario of a comparison).
    n_kept : int
        Kept outputs and inputs.
    available : int or None
        Bytes available when the estimate was made.
    chunk : int
        Paths per chunk (0: not known).
    """

    n_paths: int
    per_path: float
    fixed: float
    runs: int = 1
    n_kept: int = 0
    available: int | None = None
    chunk: int = 0

    @property
    def total(self) -> float:
        """Estimated bytes of the whole run."""
        return self.runs * self.n_paths * self.per_path + self.fixed

    @property
    def max_paths(self) -> int | None:
        """Most paths a run could have and fit in the available memory (None: unknown)."""
        if self.available is None:
            return None
        room = self.available - self.fixed
        if room <= 0:
            return 0
        return int(room // (self.runs * self.per_path)) if self.per_path > 0 else sys.maxsize

    @property
    def fits(self) -> bool:
        """Whether the estimate is within the available memory (True when that is unknown)."""
        return self.available is None or self.total <= self.available

    def message(self) -> str:
        """One line saying what does not fit and how many paths would."""
        each, per_run = (f" in each of {self.runs} runs", " a run") if self.runs > 1 else ("", "")
        fit = self.max_paths
        fit_text = "not even one path fits" if not fit else f"at most {fit:,} paths{per_run} fit"
        advice = "run fewer paths or keep fewer outputs"
        if not fit and self.chunk:  # the chunk is what does not fit, not the paths
            fit_text = f"chunks of {self.chunk:,} paths alone do not fit"
            advice = "use smaller chunks (--chunk-size, chunk_size=)"
        return (
            f"{self.n_paths:,} paths{each} need about {format_bytes(self.total)} of memory "
            f"({format_bytes(self.per_path)} a path for {self.n_kept} kept outputs and inputs, "
            f"plus {format_bytes(self.fixed)} for the chunks in flight), but about "
            f"{format_bytes(self.available or 0)} is available: {fit_text}; {advice}"
        )


def _widths(arrays: Mapping[str, Any]) -> dict[str, int]:
    return {k: int(np.prod(np.shape(v)[1:], dtype=np.int64)) for k, v in arrays.items()}


def estimate_memory(
    spec: Any,
    fn: Any,
    n_paths: int,
    *,
    keep: frozenset[str] | None = None,
    keep_inputs: frozenset[str] | None = frozenset(),
    chunk: int,
    in_flight: int = 1,
    runs: int = 1,
) -> MemoryEstimate:
    """Estimate a run's memory (see the module notes).

    Parameters
    ----------
    spec : ModelSpec
    fn : callable or None
        The model function; evaluated once, on the central path, to learn its outputs. If that
        fails, the run itself will say why: the estimate then counts the inputs alone.
    n_paths : int
        Paths of the run.
    keep, keep_inputs : frozenset of str or None
        Kept outputs and inputs (None: all), as in :func:`~model.engine.run`.
    chunk : int
        Paths per chunk.
    in_flight : int
        Chunks computed at once (threads or workers).
    runs : int
        Runs of this size held at once.

    Returns
    -------
    MemoryEstimate
    """
    from model.engine.execution.chunks import split_outputs
    from model.engine.execution.deterministic import deterministic_inputs
    from model.engine.summaries.units import UNIT

    inputs = deterministic_inputs(spec, None, n_paths=1)
    in_widths = _widths(dict(inputs))
    out_widths: dict[str, int] = {}
    try:
        raw = dict(inputs) if fn is None else fn(inputs)
        outputs, _ = split_outputs(raw, 1, spec.n_years)
        out_widths = _widths(outputs)
    except Exception:  # the run reports it, with the chunk and path
        out_widths = {}
    kept = {k: w for k, w in out_widths.items() if keep is None or k in keep}
    kept_in = {k: w for k, w in in_widths.items() if keep_inputs is None or k in keep_inputs}
    per_path = float(_FLOAT * (sum(kept.values()) + sum(kept_in.values())))
    # Per-unit statistics: an int64 count, a sum and a sum of squares per year.
    per_path += sum(_FLOAT * (1 + 2 * w) for w in out_widths.values()) / UNIT
    n_uniform = len(spec.variables) + max(spec.n_years - 1, 0) * (
        len(spec.processes) + len(spec.events)
    )
    per_chunk_path = n_uniform + sum(in_widths.values()) + sum(out_widths.values())
    fixed = _WORKING_COPIES * _FLOAT * per_chunk_path * min(chunk, n_paths) * max(in_flight, 1)
    return MemoryEstimate(
        n_paths=int(n_paths),
        per_path=float(per_path),
        fixed=float(fixed),
        runs=int(runs),
        n_kept=len(kept) + len(kept_in),
        available=available_memory(),
        chunk=int(min(chunk, n_paths)),
    )


def check_memory(estimate: MemoryEstimate) -> MemoryEstimate:
    """Raise :class:`ResourceLimitError` if the estimate does not fit; else return it."""
    if not estimate.fits:
        raise ResourceLimitError(estimate.message())
    return estimate
