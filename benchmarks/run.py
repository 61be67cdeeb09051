"""Speed and memory benchmark: the engine, a thesis at scale, start-up, and the main job.

Usage (from the repository root)::

    python -m benchmarks.run                  # everything (several minutes)
    python -m benchmarks.run --quick          # smaller sizes, fewer turns
    python -m benchmarks.run --only engine,startup
    python -m benchmarks.run --main-job       # the README's main job, phase by phase

Sections (``--only``):

engine
    thesis-ref-v1 (``benchmarks/thesis-ref-v1.yaml``, model in ``benchmarks/workload.py``) at
    10^6 and 10^7 paths. The engine (one core) and the plain hand-written numpy version (year
    5 only, each draw consumed as it is made: :func:`benchmarks.workload.numpy_plain`) are timed
    turn about in one process, alternating which goes first; the figure is the median of the
    paired ratios, with their range. Then the engine on both cores (``parallel``) against
    numpy's random draws alone on one core (the one-core random-number floor), paired the same
    way. Peak memory of an in-process run is measured in a process of its own.
thesis
    The Alibaba base case at 10^6 and 10^7 paths keeping value per share (every other output
    streamed: exact mean and sd, sketched quantiles), time and peak memory, each size in a
    fresh process (10^6 also on both cores, with the parallel backend); and the parallel
    backend against in-process on a thesis run, paired.
startup
    ``thesis --help``, and ``import model; load_thesis(...)`` plus a first 10,000-path run,
    each in fresh processes (median of five, after one untimed turn of each), timed from the
    interpreter's start.
main
    The main job (README command 1): wall time of the command (median of three, after one
    untimed small report), a phase
    breakdown from one in-process run, and the same report built inside a Jupyter kernel
    (median of three; :mod:`benchmarks.kernel`).
dask
    thesis-ref-v1 at 10^7 on the engine's own two-worker Dask cluster against in-process, and a
    batch of theses reported on a local cluster against one after another.

Fresh processes keep compiled bytecode as Python does by default: where the shell sets
``PYTHONDONTWRITEBYTECODE``, it is lifted for them and the bytecode kept in a temporary folder
(:func:`benchmarks.timing.bytecode_cached`); the start-up section then also times the first run
without it.

Every section prints the machine's load averages when it starts and ends: on a shared machine,
figures move with other users' work, paired ratios much less so.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.timing import ROOT, bytecode_cached, capacity, child, fmt_ratio, load

#: (target, measured, met) rows collected for the final table.
Row = tuple[str, str, bool | None]


def _measure(what: str, n: int = 0, pairs: int = 5) -> dict[str, Any]:
    return child("benchmarks.run", "--measure", what, "--n", str(n), "--pairs", str(pairs))


def _header(title: str) -> None:
    print(f"\n== {title} ==   [{load()}]", flush=True)


def engine_section(sizes: list[int], pairs: int) -> list[Row]:
    rows: list[Row] = []
    for n in sizes:
        _header(f"thesis-ref-v1, {n:,} paths")
        print(f"machine capacity now: {capacity():.2f} cores of 2 (two processes vs one)")
        r = _measure("ref_pair", n, pairs)
        one, two = r["one_core"], r["both_cores"]
        print(f"spec: {r['spec']}")
        print(
            f"engine 1 core {one['a_median']:.3f} s vs plain numpy {one['b_median']:.3f} s: "
            f"ratio {fmt_ratio(one)} over {len(one['ratios'])} pairs"
        )
        print(
            f"engine 2 cores {two['a_median']:.3f} s vs numpy draws alone (1 core) "
            f"{two['b_median']:.3f} s: ratio {fmt_ratio(two)}"
        )
        print("  paired ratios 1 core: " + " ".join(f"{x:.2f}" for x in one["ratios"]))
        print("  paired ratios 2 cores: " + " ".join(f"{x:.2f}" for x in two["ratios"]))
        for who in ("engine", "numpy"):
            a = r[f"{who}_answer"]
            print(
                f"  {who:<6} price_2030 p5/p50/p95 {a['p5']:.1f}/{a['p50']:.1f}/{a['p95']:.1f}"
                f"  P(irr > 10%) {a['p_irr']:.4f}"
            )
        print(f"  load before {r['load_before']}; after {r['load_after']}")
        peak = _measure("ref_peak", n)
        print(
            f"engine in-process alone: {peak['seconds']:.3f} s, peak RSS "
            f"{peak['peak_rss_mib']:.0f} MiB (after imports {peak['base_rss_mib']:.0f} MiB)"
        )
        if n == 10**6:
            rows.append(
                (
                    "ref-v1 1e6: engine <= 1.15x plain numpy (1 core, median of pairs)",
                    fmt_ratio(one),
                    one["ratio"] <= 1.15,
                )
            )
        rows.append(
            (
                f"ref-v1 {n:.0e}: engine on 2 cores below numpy draws on 1",
                f"{two['a_median']:.3f} s vs {two['b_median']:.3f} s, {fmt_ratio(two)}",
                two["ratio"] < 1.0,
            )
        )
    return rows


def thesis_section(sizes: list[int], pairs: int, parallel_n: int) -> list[Row]:
    rows: list[Row] = []
    for n in sizes:
        _header(f"Alibaba base, {n:,} paths, keep=['value_per_share']")
        r = _measure("thesis_scale", n, 3 if n <= 10**6 else 1)
        print(
            f"time {r['seconds']:.2f} s (median of {len(r['times'])}: "
            + " ".join(f"{t:.2f}" for t in r["times"])
            + f"), peak RSS {r['peak_rss_mib']:.0f} MiB (after imports {r['base_rss_mib']:.0f})"
            f", value p50 {r['value_p50_last']:.1f}; {r['load']}"
        )
        if n == 10**6:
            rows.append(("Alibaba 1e6: <= 2.5 s", f"{r['seconds']:.2f} s", r["seconds"] <= 2.5))
            rows.append(
                (
                    "Alibaba 1e6: <= 1 GiB peak",
                    f"{r['peak_rss_mib']:.0f} MiB",
                    r["peak_rss_mib"] <= 1024,
                )
            )
            _header(f"Alibaba base, {n:,} paths, keep=['value_per_share'], backend='parallel'")
            two = _measure("thesis_scale_parallel", n, 3)
            print(
                f"time {two['seconds']:.2f} s (median of {len(two['times'])}), peak RSS "
                f"{two['peak_rss_mib']:.0f} MiB, value p50 {two['value_p50_last']:.1f}; "
                f"{two['load']}"
            )
            rows.append(
                (
                    "Alibaba 1e6 on both cores (backend='parallel'): <= 2.5 s",
                    f"{two['seconds']:.2f} s, {two['peak_rss_mib']:.0f} MiB",
                    two["seconds"] <= 2.5,
                )
            )
        if n == 10**7:
            rows.append(
                (
                    "Alibaba 1e7: <= 2 GiB peak",
                    f"{r['peak_rss_mib']:.0f} MiB",
                    r["peak_rss_mib"] <= 2048,
                )
            )
    _header(f"Alibaba base, {parallel_n:,} paths: parallel vs in-process")
    r = _measure("thesis_parallel", parallel_n, pairs)
    p = r["pair"]
    print(
        f"parallel {p['a_median']:.2f} s vs in-process {p['b_median']:.2f} s: ratio "
        f"{fmt_ratio(p)}; {r['load']}"
    )
    rows.append(
        (
            f"thesis run {parallel_n:.0e}: parallel never slower than in-process",
            f"{fmt_ratio(p)} (time ratio)",
            p["ratio"] <= 1.0,
        )
    )
    return rows


_FIRST_RUN = """
import time
t0, c0 = time.perf_counter(), time.process_time()
import model
thesis = model.load_thesis("assumptions/alibaba.yaml")
t1 = time.perf_counter()
model.simulate(thesis, n_paths=10_000, seed=1, progress=False)
t2, c2 = time.perf_counter(), time.process_time()
print(f'{{"load": {t1 - t0}, "run": {t2 - t1}, "total": {t2 - t0}, "cpu": {c2 - c0}}}')
"""


def _thesis_command() -> list[str]:
    script = Path(sys.executable).with_name("thesis")
    return [str(script)] if script.exists() else [sys.executable, "-m", "model.cli"]


def _children_cpu() -> float:
    import resource

    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _first_run(env: dict[str, str] | None = None) -> dict[str, float]:
    proc = subprocess.run(
        [sys.executable, "-c", _FIRST_RUN], cwd=ROOT, capture_output=True, text=True, env=env
    )
    if proc.returncode:
        raise SystemExit(proc.stderr)
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


def startup_section(repeat: int, uncached: dict[str, str] | None = None) -> list[Row]:
    """``thesis --help`` and a first run, each ``repeat`` times in fresh processes, after one
    untimed turn of each (it fills the bytecode and file caches a user's second run finds
    full); with ``uncached`` (the shell's environment, which keeps no bytecode), the first run
    also as that environment runs it, for information."""
    _header("start-up (fresh processes)")
    subprocess.run([*_thesis_command(), "--help"], cwd=ROOT, capture_output=True, check=True)
    _first_run()
    helps, cpus = [], []
    for _ in range(repeat):
        c0 = _children_cpu()
        t0 = time.perf_counter()
        subprocess.run([*_thesis_command(), "--help"], cwd=ROOT, capture_output=True, check=True)
        helps.append(time.perf_counter() - t0)
        cpus.append(_children_cpu() - c0)
    firsts = [_first_run() for _ in range(repeat)]
    h = statistics.median(helps)
    total = statistics.median(f["total"] for f in firsts)
    print(
        "thesis --help: " + " ".join(f"{x:.3f}" for x in helps) + f" s, median {h:.3f} s "
        f"(CPU time {statistics.median(cpus):.3f} s: what a quiet machine's wall time tends to)"
    )
    print(
        "import + load_thesis + 10,000-path run: "
        + " ".join(f"{f['load']:.2f}+{f['run']:.2f}" for f in firsts)
        + f" s, median total {total:.3f} s (CPU time "
        + f"{statistics.median(f['cpu'] for f in firsts):.3f} s)"
    )
    if uncached is not None:
        plain = [_first_run(uncached)["total"] for _ in range(3)]
        print(
            "  the same without cached bytecode (this shell sets PYTHONDONTWRITEBYTECODE): "
            + " ".join(f"{x:.2f}" for x in plain)
            + f" s, median {statistics.median(plain):.3f} s"
        )
    print(f"[{load()}]")
    return [
        ("thesis --help <= 0.3 s (median)", f"{h:.3f} s", h <= 0.3),
        ("import + load_thesis + first 10k run <= 1.2 s", f"{total:.3f} s", total <= 1.2),
    ]


def main_section(repeat: int) -> list[Row]:
    """The main job's wall time (median of ``repeat``) and its phases."""

    _header("main job (README command 1)")
    walls = []
    with tempfile.TemporaryDirectory() as tmp:
        # One untimed small report first: it fills the bytecode and file caches, as a user's
        # first command after installing does for every later one.
        warm = ["--paths", "2000", "--out", str(Path(tmp) / "warm"), "--force", "--no-progress"]
        subprocess.run(
            [*_thesis_command(), "report", "assumptions/alibaba.yaml", *warm],
            cwd=ROOT,
            capture_output=True,
            check=True,
        )
        for i in range(repeat):
            out = Path(tmp) / f"out{i}"
            cmd = [*_thesis_command(), "report", "assumptions/alibaba.yaml", "--seed", "2025"]
            t0 = time.perf_counter()
            subprocess.run(
                [*cmd, "--out", str(out), "--force", "--no-progress"],
                cwd=ROOT,
                capture_output=True,
                check=True,
            )
            walls.append(time.perf_counter() - t0)
        wall = statistics.median(walls)
        print("wall: " + " ".join(f"{x:.2f}" for x in walls) + f" s, median {wall:.2f} s")
        print(f"[{load()}]")
        r = child("benchmarks.main_job", str(Path(tmp) / "phases"))
        from benchmarks.kernel import kernel_report

        kernel = [kernel_report(str(Path(tmp) / f"kernel{i}")) for i in range(repeat)]
    print("phases (one in-process run): wall s, CPU s (this process and its chart renderers)")
    for name, seconds, cpu in r["phases"]:
        print(f"  {name:<44}{seconds:>8.2f}{cpu:>8.2f}")
    print(
        f"  {'total':<44}{r['total']:>8.2f}{r['cpu']:>8.2f}   peak RSS {r['peak_rss_mib']:.0f} MiB"
    )
    print(f"  [{r['load_before']} before; {r['load_after']} after]")
    rows: list[Row] = [("main job <= 6 s wall (median)", f"{wall:.2f} s", wall <= 6.0)]
    if all(k is not None for k in kernel):
        seconds = [k["seconds"] for k in kernel if k is not None]
        forks = all(k is not None and k["forks"] for k in kernel)
        in_kernel = statistics.median(seconds)
        print(
            "built in a Jupyter kernel (report_folder, from the first import): "
            + " ".join(f"{x:.2f}" for x in seconds)
            + f" s, median {in_kernel:.2f} s; chart workers forked: {'yes' if forks else 'no'}"
        )
        rows.append(("main job in a notebook kernel (median)", f"{in_kernel:.2f} s", None))
    print(f"[{load()}]")
    return rows


def dask_section(pairs: int) -> list[Row]:
    rows: list[Row] = []
    _header("Dask: thesis-ref-v1 at 1e7 on the engine's own 2-worker cluster")
    r = _measure("dask_ref", 10**7, pairs)
    p = r["pair"]
    print(
        f"in-process {p['a_median']:.2f} s vs dask {p['b_median']:.2f} s: speed-up "
        f"{fmt_ratio(p)}; first call (starts the cluster) {r['first_call_seconds']:.2f} s"
    )
    try:
        from benchmarks.batch import batch_speedup
    except ImportError:
        return rows
    _header("Dask: a batch of theses, 2-worker local cluster vs one after another")
    b = batch_speedup(pairs=max(1, pairs // 2))
    print(b["text"])
    rows.append(("batch of >= 4 theses: dask >= 1.6x", b["figure"], b["speedup"] >= 1.6))
    return rows


def _print_table(rows: list[Row]) -> None:
    print(f"\n== targets ==   [{load()}]")
    width = max(len(t) for t, _, _ in rows) + 2
    for target, measured, met in rows:
        verdict = "-" if met is None else ("met" if met else "NOT met")
        print(f"{target:<{width}}{measured:<44}{verdict}")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--only", default="engine,thesis,startup,main,dask", help="sections to run")
    ap.add_argument("--main-job", action="store_true", help="only the main job with its phases")
    ap.add_argument("--quick", action="store_true", help="10^6 only, 3 pairs, no dask")
    ap.add_argument("--pairs", type=int, default=5, help="paired turns per comparison (>= 5)")
    ap.add_argument("--measure", help=argparse.SUPPRESS)
    ap.add_argument("--n", type=int, default=0, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.measure:
        from benchmarks.measures import MEASURES

        print(json.dumps(MEASURES[args.measure](args.n, args.pairs)))
        return
    sections = {s.strip() for s in args.only.split(",")}
    if args.main_job:
        sections = {"main"}
    sizes = [10**6] if args.quick else [10**6, 10**7]
    pairs = 3 if args.quick else args.pairs
    if args.quick:
        sections.discard("dask")
    print(
        f"thesis-model benchmark   [{load()}]   python {sys.version.split()[0]}, pid {os.getpid()}"
    )
    rows: list[Row] = []
    with bytecode_cached() as uncached:
        if uncached is not None:
            print(
                "bytecode: this shell sets PYTHONDONTWRITEBYTECODE; the processes timed here keep "
                "it in a temporary folder, as Python does by default (each section warms it first)"
            )
        if "engine" in sections:
            rows += engine_section(sizes, pairs)
        if "thesis" in sections:
            rows += thesis_section(sizes, pairs, 200_000)
        if "startup" in sections:
            rows += startup_section(5, uncached)
        if "main" in sections:
            rows += main_section(3)
        if "dask" in sections:
            rows += dask_section(pairs)
    _print_table(rows)


if __name__ == "__main__":
    main()
