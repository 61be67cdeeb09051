"""The main job (``thesis report``) in this process, phase by phase.

Usage: ``python -m benchmarks.main_job OUT_DIR`` prints one JSON line with the phases (name,
wall seconds, CPU seconds of this process and its chart renderers) in the order they ran, the
total, the peak memory and the machine's load before and after. Phases are the report job's own
stages (the messages its ``log`` callback receives), plus the imports and the thesis load. The
charts are drawn by worker processes from "writing tables and charts" on (see
:mod:`model.export.render`); their CPU time is counted when they end, in "rendering charts".
"""

from __future__ import annotations

import json
import resource
import sys
import time
from typing import Any

from benchmarks.timing import load, rss_mib


def _cpu() -> float:
    """CPU seconds of this process and its finished children (the chart renderers)."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def phases(out: str) -> dict[str, Any]:
    load_before = load()
    t0 = time.perf_counter()
    marks: list[tuple[str, float, float]] = [("imports", t0, _cpu())]
    import model
    from model.export.job import ReportSettings, report_folder
    from model.scenarios import RunSettings

    marks.append(("load thesis", time.perf_counter(), _cpu()))
    thesis = model.load_thesis("assumptions/alibaba.yaml")

    def log(message: str) -> None:
        marks.append((message, time.perf_counter(), _cpu()))

    settings = ReportSettings(run=RunSettings(seed=2025, progress=False))
    report_folder(thesis, out, settings, overwrite=True, log=log)
    end = time.perf_counter()
    timeline = [*marks, ("end", end, _cpu())]
    out_phases = [
        (name, timeline[i + 1][1] - start, timeline[i + 1][2] - cpu)
        for i, (name, start, cpu) in enumerate(timeline[:-1])
    ]
    return {
        "phases": out_phases,
        "total": end - t0,
        "cpu": timeline[-1][2] - marks[0][2],
        "peak_rss_mib": rss_mib(),
        "load_before": load_before,
        "load_after": load(),
    }


if __name__ == "__main__":
    print(json.dumps(phases(sys.argv[1])))
