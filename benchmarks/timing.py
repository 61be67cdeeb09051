"""Timing helpers for a shared, noisy machine: paired turns, medians, load, peak memory."""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def rss_mib() -> float:
    """Peak resident memory of this process so far (``ru_maxrss`` is KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load() -> str:
    """The machine's load averages (1, 5, 15 min) and its cores, as text."""
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:
        return "load n/a"
    return f"load {one:.2f} / {five:.2f} / {fifteen:.2f} on {os.cpu_count()} cores"


def timed(fn: Callable[[], Any]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def paired(a: Callable[[], Any], b: Callable[[], Any], pairs: int) -> dict[str, Any]:
    """Time ``a`` and ``b`` turn about, ``pairs`` times, alternating which goes first.

    Each pair gives a ratio ``t_a / t_b`` measured under (nearly) the same load; the median
    ratio and its range are robust to load that drifts during the measurement.
    """
    ta: list[float] = []
    tb: list[float] = []
    for i in range(pairs):
        if i % 2:
            y, x = timed(b), timed(a)
        else:
            x, y = timed(a), timed(b)
        ta.append(x)
        tb.append(y)
    ratios = [x / y for x, y in zip(ta, tb, strict=True)]
    return {
        "a": ta,
        "b": tb,
        "ratios": ratios,
        "ratio": statistics.median(ratios),
        "ratio_min": min(ratios),
        "ratio_max": max(ratios),
        "a_median": statistics.median(ta),
        "b_median": statistics.median(tb),
    }


def child(module: str, *args: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run ``python -m module args`` in a fresh process; its last stdout line is JSON."""
    cmd = [sys.executable, "-m", module, *args]
    proc = subprocess.run(
        cmd, cwd=ROOT, capture_output=True, text=True, check=False, env=env or os.environ.copy()
    )
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd[2:])} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def capacity() -> float:
    """Cores' worth of work two processes get right now (2.0: two free cores)."""
    alone = child("benchmarks.run", "--measure", "burn")["seconds"]
    cmd = [sys.executable, "-m", "benchmarks.run", "--measure", "burn"]
    procs = [subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, text=True) for _ in range(2)]
    both = [json.loads(p.communicate()[0].strip().splitlines()[-1])["seconds"] for p in procs]
    return 2 * alone / max(both)


#: Environment variables :func:`bytecode_cached` sets or lifts.
_BYTECODE_VARS = ("PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")


@contextmanager
def bytecode_cached() -> Iterator[dict[str, str] | None]:
    """Fresh processes started inside keep compiled bytecode, as Python does by default.

    A shell that sets ``PYTHONDONTWRITEBYTECODE`` (some CI images and containers do) makes every
    fresh process compile the toolkit's modules again, about 0.3 s that no user's second run
    pays. Inside, that setting is lifted and the compiled files go to a temporary folder (the
    source tree gets no ``__pycache__``), which the caller warms with an untimed run before it
    times anything. Yields the environment as it was when it changed anything (to time the
    uncached case too), else None.
    """
    if not os.environ.get("PYTHONDONTWRITEBYTECODE"):
        yield None
        return
    before = os.environ.copy()
    with tempfile.TemporaryDirectory(prefix="thesis-bench-pyc-") as tmp:
        del os.environ["PYTHONDONTWRITEBYTECODE"]
        os.environ.setdefault("PYTHONPYCACHEPREFIX", tmp)
        try:
            yield before
        finally:
            for name in _BYTECODE_VARS:
                if name in before:
                    os.environ[name] = before[name]
                else:
                    os.environ.pop(name, None)


def fmt_ratio(r: dict[str, Any]) -> str:
    return f"{r['ratio']:.2f}x (range {r['ratio_min']:.2f}-{r['ratio_max']:.2f})"
