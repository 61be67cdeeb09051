"""``thesis report A B --out DIR`` checks what one thesis' report checks before anything runs.

Memory for every run a thesis' report holds, and the claim on each report folder (a second
command writing one fails at once, naming the first), were checked for one thesis only: with
several, a batch too large for memory started and a second writer ran every report before
failing, with the library's ``overwrite=True`` in its message instead of ``--force``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "assumptions" / "templates"
PATHS = [str(TEMPLATES / "growth-company.yaml"), str(TEMPLATES / "binary-event.yaml")]

HOLD_LOCK = """
import sys, time
from pathlib import Path
from model._files import target_lock
with target_lock(Path(sys.argv[1]).absolute()):
    print("locked", flush=True)
    time.sleep(120)
"""


@pytest.fixture
def no_reports(monkeypatch):
    """Any report that starts fails the test: each check must come before the runs."""
    import model.export.batch as batch

    def started(*args, **kwargs):
        raise AssertionError("a report ran before the checks refused the command")

    monkeypatch.setattr(batch, "report_files", started)


def _error_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert lines and all(line.startswith(("warning: ", "note: ")) for line in lines[:-1]), err
    assert "Traceback" not in err
    return lines[-1]


def test_a_batch_that_cannot_fit_in_memory_is_refused_before_running(
    tmp_path, capsys, monkeypatch, no_reports
):
    import model.engine.execution.limits as limits
    from model.cli.main import main

    # Room for one scenario of 100,000 paths (about 100 MB each), not for all a report holds.
    monkeypatch.setattr(limits, "available_memory", lambda: 400 * 2**20)
    out = tmp_path / "out"
    argv = ["report", *PATHS, "--out", str(out), "--paths", "100000", "--seed", "1"]
    assert main([*argv, "--no-progress", "--no-charts"]) == 2
    line = _error_line(capsys.readouterr().err)
    assert "100,000 paths in each of" in line and "paths a run fit" in line
    assert not out.exists()  # refused before any folder was made


def test_a_second_writer_of_a_batch_fails_at_once_naming_the_first(tmp_path, capsys, no_reports):
    from model.cli.main import main

    out = tmp_path / "out"
    target = out / "binary-event"  # the second thesis' folder: held by another command
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(target)],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        t0 = time.perf_counter()
        argv = ["report", *PATHS, "--out", str(out), "--paths", "2000", "--seed", "1"]
        assert main([*argv, "--no-progress", "--no-charts", "-q"]) == 1
        assert time.perf_counter() - t0 < 30
        line = _error_line(capsys.readouterr().err)
        assert f"cannot write to {target}" in line and f"process {holder.pid}" in line
    finally:
        holder.kill()
        holder.wait()


def test_a_batch_that_fails_before_writing_leaves_no_empty_folder(tmp_path, capsys, monkeypatch):
    import model.export.batch as batch
    from model.cli.main import main
    from model.errors import EngineError

    def broken(*args, **kwargs):
        raise EngineError("run failed: a broken chunk")

    monkeypatch.setattr(batch, "report_files", broken)
    out = tmp_path / "new" / "out"
    argv = ["report", *PATHS, "--out", str(out), "--paths", "2000", "--seed", "1"]
    assert main([*argv, "--no-progress", "--no-charts", "-q"]) != 0
    # One error line per report not written (after the line saying none was), no traceback.
    err = capsys.readouterr().err
    assert "Traceback" not in err and "none written" in err
    assert "a broken chunk" in _error_line(err.splitlines()[-1])
    assert not out.exists()  # the folders' locks made it; nothing was written in it
