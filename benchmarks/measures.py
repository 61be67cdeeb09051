"""The measurements, each run in a fresh process by ``benchmarks.run`` (``--measure NAME``).

Every function returns a dict of figures (printed as JSON by the child process). Peak memory
is the process's ``ru_maxrss``: it includes the interpreter and the libraries imported, whose
share is reported as ``base_rss_mib``.
"""

from __future__ import annotations

import statistics
import time
from typing import Any

import numpy as np

from benchmarks.timing import load, paired, rss_mib, timed

KEEP = ["price_2030", "irr"]
ALIBABA = "assumptions/alibaba.yaml"
VALUE = "value_per_share"


def _answer(price: np.ndarray, irr: np.ndarray) -> dict[str, float]:
    p5, p50, p95 = np.quantile(price, [0.05, 0.5, 0.95])
    return {
        "p5": float(p5),
        "p50": float(p50),
        "p95": float(p95),
        "p_irr": float(np.mean(irr > 0.1)),
    }


def burn(n: int, pairs: int) -> dict[str, Any]:
    """A fixed numpy workload (the machine-capacity probe)."""
    from scipy import special

    u = np.random.default_rng(0).random(65536)
    best = min(timed(lambda: [special.ndtri(u) for _ in range(300)]) for _ in range(3))
    return {"seconds": best}


def ref_pair(n: int, pairs: int) -> dict[str, Any]:
    """thesis-ref-v1: engine vs plain numpy (1 core), and both cores vs numpy's draws alone."""
    from benchmarks import workload as w
    from model.engine import run

    spec, source = w.load_spec()
    base = rss_mib()

    def engine() -> Any:
        return run(spec, w.engine_model, n, seed=1, keep=KEEP, progress=False)

    def parallel() -> Any:  # both cores, whatever the load (the target is about both cores)
        opts = {"keep": KEEP, "backend": "parallel", "workers": 2, "progress": False}
        return run(spec, w.engine_model, n, seed=1, **opts)

    def plain() -> Any:
        return w.numpy_plain(n, 1)

    def draws() -> Any:
        return w.numpy_draws(n, 1)

    # Warm-up (first-call costs: imports, tables), and the answers of both versions.
    res = engine()
    out = plain()
    load_before = load()
    one_core = paired(engine, plain, pairs)
    both_cores = paired(parallel, draws, pairs)
    return {
        "n": n,
        "spec": source,
        "load_before": load_before,
        "load_after": load(),
        "one_core": one_core,
        "both_cores": both_cores,
        "engine_answer": _answer(res.outputs["price_2030"], res.outputs["irr"]),
        "numpy_answer": _answer(out["price_2030"], out["irr"]),
        "base_rss_mib": base,
        "peak_rss_mib": rss_mib(),
    }


def ref_peak(n: int, pairs: int) -> dict[str, Any]:
    """thesis-ref-v1: one in-process engine run (its peak memory and time)."""
    from benchmarks import workload as w
    from model.engine import run

    spec, _ = w.load_spec()
    base = rss_mib()
    t = timed(lambda: run(spec, w.engine_model, n, seed=1, keep=KEEP, progress=False))
    return {"n": n, "seconds": t, "base_rss_mib": base, "peak_rss_mib": rss_mib()}


def thesis_scale(n: int, pairs: int, backend: str = "local") -> dict[str, Any]:
    """Alibaba base at ``n`` paths keeping value per share; the rest streamed."""
    import model

    thesis = model.load_thesis(ALIBABA)
    model.simulate(thesis, n_paths=2_000, seed=1, keep=[VALUE], keep_inputs=False)  # warm-up
    base = rss_mib()
    times = []
    result = None
    for _ in range(max(1, pairs)):
        t0 = time.perf_counter()
        result = model.simulate(
            thesis, n_paths=n, seed=1, keep=[VALUE], keep_inputs=False, progress=False,
            backend=backend,
        )  # fmt: skip
        times.append(time.perf_counter() - t0)
    assert result is not None
    summary = result.summary(VALUE)
    return {
        "n": n,
        "seconds": statistics.median(times),
        "times": times,
        "load": load(),
        "value_p50_last": float(summary["p50"].iloc[-1]),
        "base_rss_mib": base,
        "peak_rss_mib": rss_mib(),
    }


def thesis_scale_parallel(n: int, pairs: int) -> dict[str, Any]:
    """:func:`thesis_scale` on the parallel backend (a thread per free core)."""
    return thesis_scale(n, pairs, backend="parallel")


def thesis_parallel(n: int, pairs: int) -> dict[str, Any]:
    """Alibaba base: the parallel backend against in-process, turn about."""
    import model

    thesis = model.load_thesis(ALIBABA)
    opts = {"n_paths": n, "seed": 1, "progress": False}
    model.simulate(thesis, **opts)  # warm-up

    def par() -> Any:
        return model.simulate(thesis, backend="parallel", **opts)

    def loc() -> Any:
        return model.simulate(thesis, **opts)

    return {"n": n, "load": load(), "pair": paired(par, loc, pairs), "peak_rss_mib": rss_mib()}


def dask_ref(n: int, pairs: int) -> dict[str, Any]:
    """thesis-ref-v1 on the engine's own 2-worker Dask cluster vs in-process, turn about."""
    from benchmarks import workload as w
    from model.engine import close_local_client, run

    spec, _ = w.load_spec()

    def remote() -> Any:
        return run(spec, w.engine_model, n, seed=1, keep=KEEP, backend="dask", progress=False)

    def local() -> Any:
        return run(spec, w.engine_model, n, seed=1, keep=KEEP, progress=False)

    first = timed(remote)
    pair = paired(local, remote, pairs)
    close_local_client()
    return {"n": n, "first_call_seconds": first, "load": load(), "pair": pair}


MEASURES = {
    "burn": burn,
    "ref_pair": ref_pair,
    "ref_peak": ref_peak,
    "thesis_scale": thesis_scale,
    "thesis_scale_parallel": thesis_scale_parallel,
    "thesis_parallel": thesis_parallel,
    "dask_ref": dask_ref,
}
