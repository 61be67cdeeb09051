"""A batch of theses reported on a two-worker local Dask cluster against one after another.

Four copies of the Alibaba thesis (under four names, beside the files it names, with the seeds) are
reported with the default settings, first one after another in this process, then as four
tasks on a two-worker local cluster (the engine's own; started and warmed up before timing).
The folders of both runs are compared byte for byte.
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.timing import ROOT, load, timed

THESES = 4


def _tree(top: Path) -> list[str]:
    shutil.copytree(ROOT / "seeds", top / "seeds")
    # The whole folder: the thesis names its scenario files, evidence and previous vintage.
    shutil.copytree(ROOT / "assumptions", top / "assumptions")
    paths = []
    for i in range(THESES):
        path = top / "assumptions" / f"thesis{i}.yaml"
        shutil.copy(ROOT / "assumptions" / "alibaba.yaml", path)
        paths.append(str(path))
    return paths


def batch_speedup(pairs: int = 1, n_paths: int = 20_000) -> dict[str, Any]:
    from model.engine import close_local_client, local_client
    from model.export.batch import report_many
    from model.export.job import ReportSettings
    from model.results.export import file_hashes
    from model.scenarios import RunSettings

    with tempfile.TemporaryDirectory() as tmp:
        top = Path(tmp)
        paths = _tree(top)
        local = ReportSettings(run=RunSettings(n_paths=n_paths, seed=2025, progress=False))
        remote = ReportSettings(
            run=RunSettings(n_paths=n_paths, seed=2025, progress=False, backend="dask")
        )
        local_client(2)  # start the cluster, then warm its workers up (imports, tables)
        report_many(paths[:2], remote, top / "warm", overwrite=True)
        t_local, t_dask = [], []
        try:
            for _ in range(pairs):
                t_local.append(timed(lambda: report_many(paths, local, top / "a", overwrite=True)))
                t_dask.append(timed(lambda: report_many(paths, remote, top / "b", overwrite=True)))
        finally:
            close_local_client()
        same = all(
            file_hashes(top / "a" / f"thesis{i}") == file_hashes(top / "b" / f"thesis{i}")
            for i in range(THESES)
        )
    a, b = statistics.median(t_local), statistics.median(t_dask)
    speedup = a / b
    text = (
        f"{THESES} theses x {n_paths:,} paths: one after another {a:.1f} s, dask (2 workers) "
        f"{b:.1f} s: speed-up {speedup:.2f}x (pairs: "
        + ", ".join(f"{x:.1f}/{y:.1f}" for x, y in zip(t_local, t_dask, strict=True))
        + f"); folders identical: {same}; {load()}"
    )
    return {"speedup": speedup, "figure": f"{speedup:.2f}x, identical={same}", "text": text}
