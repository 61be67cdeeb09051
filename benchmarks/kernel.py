"""The main job built from a notebook: ``report_folder`` run inside a Jupyter kernel.

A kernel runs threads of its own (messages, heartbeat, captured output); the report must still
draw its charts in forked workers there (see :mod:`model._forks`). The time is measured inside
the kernel, from the first import to the written folder, so the kernel's own start is left out.
Needs the notebooks extra (``jupyter_client`` and ``ipykernel``); without it nothing is measured.
"""

from __future__ import annotations

import json
from typing import Any

from benchmarks.timing import ROOT

_CELL = """
import json, time
t0 = time.perf_counter()
import model
from model._forks import fork_ok
from model.export.job import ReportSettings, report_folder
from model.scenarios import RunSettings
thesis = model.load_thesis("assumptions/alibaba.yaml")
settings = ReportSettings(run=RunSettings(seed=2025, progress=False))
report_folder(thesis, {out!r}, settings, overwrite=True)
print(json.dumps({{"seconds": time.perf_counter() - t0, "forks": fork_ok()}}))
"""


def kernel_report(out: str) -> dict[str, Any] | None:
    """Seconds of the README's report built in a fresh kernel, and whether it could fork."""
    try:
        from jupyter_client.manager import start_new_kernel
    except ImportError:
        return None
    km, kc = start_new_kernel(kernel_name="python3", cwd=str(ROOT))
    try:
        printed: list[str] = []

        def keep(msg: dict[str, Any]) -> None:
            if msg["msg_type"] == "stream" and msg["content"]["name"] == "stdout":
                printed.append(msg["content"]["text"])
            elif msg["msg_type"] == "error":
                raise RuntimeError("\n".join(msg["content"]["traceback"]))

        kc.execute_interactive(_CELL.format(out=out), output_hook=keep, timeout=600)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    result: dict[str, Any] = json.loads("".join(printed).strip().splitlines()[-1])
    return result
