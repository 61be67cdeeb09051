"""The vintage worker is forked with the modules of its runs already imported.

This process imports the learning part, the line model and today's valuation for its own
runs anyway; imported before the fork, the worker does not import them a second time. Seen
in a fresh interpreter, where nothing has imported them before.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import sys
from model.export.ahead import VintageAhead
from model.inputs.assembly.thesis import load_thesis
from model.export.job import ReportSettings
from model.scenarios import RunSettings

names = ("model.learning", "model.valuation.lines", "model.valuation.finance.today")
# The loader of the report's own loads: model.load_thesis builds the model for its warnings.
thesis = load_thesis("assumptions/alibaba.yaml")
before = [n in sys.modules for n in names]
with VintageAhead(thesis, ReportSettings(run=RunSettings(seed=1, n_paths=200))) as ahead:
    started = ahead._worker is not None
    print(before, [n in sys.modules for n in names], started)
"""


def test_the_worker_is_forked_after_its_imports() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True,
        check=True, timeout=120,
    )  # fmt: skip
    line = out.stdout.strip()
    if line.endswith("False"):  # no worker (one core): nothing is imported ahead of it
        return
    assert line == "[False, False, False] [True, True, True] True"
