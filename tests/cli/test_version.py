"""``thesis --version`` and ``python -m model``: the version comes from one place."""

from __future__ import annotations

import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

import model
from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]


def test_version_flag_prints_the_package_version(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"thesis-model {model.__version__}"


def test_installed_metadata_carries_the_same_version():
    # pyproject.toml reads the version from model.__version__, so the two cannot drift.
    assert metadata.version("thesis-model") == model.__version__


@pytest.mark.parametrize("module", ["model", "model.cli"])
def test_python_dash_m_runs_the_command_line(module):
    done = subprocess.run(
        [sys.executable, "-m", module, "--version"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"thesis-model {model.__version__}"
    usage = subprocess.run(
        [sys.executable, "-m", module], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert usage.returncode == 2  # a command is required: usage error, as for `thesis`
    assert "COMMAND" in usage.stdout + usage.stderr
