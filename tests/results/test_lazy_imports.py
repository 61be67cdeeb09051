"""A first run in a fresh process leaves pandas, scipy.stats and matplotlib unimported.

They cost most of a notebook's start-up and a plain run never needs them: tables load pandas,
charts matplotlib, when asked for.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("pandas", "scipy.stats", "matplotlib")

_SCRIPT = """
import json, sys
import model
seen = {"import": [m for m in HEAVY if m in sys.modules]}
thesis = model.load_thesis("assumptions/alibaba.yaml")
seen["load"] = [m for m in HEAVY if m in sys.modules]
result = model.simulate(thesis, n_paths=2_000, seed=1, progress=False)
seen["run"] = [m for m in HEAVY if m in sys.modules]
result.summary("value_per_share")
seen["summary"] = [m for m in HEAVY if m in sys.modules]
print(json.dumps(seen))
"""


def _stages() -> dict[str, list[str]]:
    code = f"HEAVY = {HEAVY!r}\n{_SCRIPT}"
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_first_run_leaves_heavy_modules_unimported() -> None:
    seen = _stages()
    assert seen["import"] == []
    assert seen["load"] == []
    assert seen["run"] == []
    # A table is a DataFrame: asking for one brings pandas in, and it works.
    assert "pandas" in seen["summary"]
