"""The main job (``thesis report``) in this process, phase by phase.

Usage: ``python -m benchmarks.main_job OUT_DIR`` prints one JSON line with the phases (name,
seconds) in the order they ran, the total and the peak memory. Phases are the report job's own
stages (the messages its ``log`` callback receives), plus the imports and the thesis load.
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any

from benchmarks.timing import rss_mib


def phases(out: str) -> dict[str, Any]:
    t0 = time.perf_counter()
    marks: list[tuple[str, float]] = [("imports", t0)]
    import model
    from model.export.job import ReportSettings, build_report, write_report
    from model.scenarios import RunSettings

    marks.append(("load thesis", time.perf_counter()))
    thesis = model.load_thesis("assumptions/alibaba.yaml")

    def log(message: str) -> None:
        marks.append((message, time.perf_counter()))

    settings = ReportSettings(run=RunSettings(seed=2025, progress=False))
    report = build_report(thesis, settings, log=log)
    write_report(report, out, overwrite=True, log=log)
    end = time.perf_counter()
    timeline = [*marks, ("end", end)]
    out_phases = [
        (name, timeline[i + 1][1] - start) for i, (name, start) in enumerate(timeline[:-1])
    ]
    return {"phases": out_phases, "total": end - t0, "peak_rss_mib": rss_mib()}


if __name__ == "__main__":
    print(json.dumps(phases(sys.argv[1])))
