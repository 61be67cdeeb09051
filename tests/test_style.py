"""The code base stays ruff-clean: lint rules and formatting are part of the test suite."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TARGETS = ["model", "tests", "benchmarks"]


def _ruff(*args: str) -> subprocess.CompletedProcess[str]:
    # Prefer the ruff installed beside this interpreter (the dev extra), else the one on PATH.
    exe = Path(sys.executable).with_name("ruff")
    cmd = str(exe) if exe.exists() else shutil.which("ruff")
    if cmd is None:
        pytest.fail("ruff is not installed: install the project with its dev extra")
    return subprocess.run(
        [cmd, *args, *TARGETS], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_ruff_lint_is_clean() -> None:
    done = _ruff("check", "--no-cache")
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff_format_is_clean() -> None:
    done = _ruff("format", "--check", "--no-cache")
    assert done.returncode == 0, done.stdout + done.stderr
