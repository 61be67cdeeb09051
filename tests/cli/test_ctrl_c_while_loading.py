"""Ctrl-C while the command line itself is still loading (before its handler is set; a second
on a busy machine) is one line, ``interrupted``, and exit code 130, as at any later moment."""

from __future__ import annotations

import subprocess
import sys

from model.cli.main import EXIT_INTERRUPTED

# The interruption is raised by the import of the command line's main module, as a Ctrl-C
# landing there would.
PROGRAM = """
import builtins, sys
real = builtins.__import__
def interrupted(name, *args, **kwargs):
    if name == "model.cli.main":
        raise KeyboardInterrupt
    return real(name, *args, **kwargs)
builtins.__import__ = interrupted
from model.cli import run
sys.exit(run())
"""


def test_ctrl_c_during_the_imports_is_one_line_and_exit_130():
    proc = subprocess.run(
        [sys.executable, "-c", PROGRAM], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == EXIT_INTERRUPTED == 130
    assert proc.stderr == "interrupted\n"


def test_the_entry_point_runs_the_command():
    proc = subprocess.run(
        [sys.executable, "-m", "model", "--version"], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0 and proc.stdout.strip()
