"""The benchmark times fresh processes with bytecode cached, as Python keeps it by default, even
in a shell that turns the cache off; the shell's environment comes back unchanged afterwards."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

TIMING = Path(__file__).resolve().parents[1] / "benchmarks" / "timing.py"


def _timing():  # loaded by path: the repository root need not be importable
    spec = importlib.util.spec_from_file_location("bench_timing", TIMING)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_shell_without_bytecode_gets_a_temporary_cache_then_its_own_settings(
    tmp_path, monkeypatch
):
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    monkeypatch.delenv("PYTHONPYCACHEPREFIX", raising=False)
    (tmp_path / "probe_mod.py").write_text("X = 1\n")
    with _timing().bytecode_cached() as before:
        assert before is not None and before["PYTHONDONTWRITEBYTECODE"] == "1"
        assert "PYTHONDONTWRITEBYTECODE" not in os.environ
        prefix = Path(os.environ["PYTHONPYCACHEPREFIX"])
        assert prefix.is_dir()
        subprocess.run([sys.executable, "-c", "import probe_mod"], cwd=tmp_path, check=True)
        assert list(prefix.rglob("probe_mod*.pyc"))  # the child kept its bytecode there
        assert not (tmp_path / "__pycache__").exists()  # and not beside the source
    assert os.environ["PYTHONDONTWRITEBYTECODE"] == "1"
    assert "PYTHONPYCACHEPREFIX" not in os.environ
    assert not prefix.exists()


@pytest.mark.parametrize("prefix", [None, "keep"])
def test_a_shell_that_keeps_bytecode_is_left_alone(tmp_path, monkeypatch, prefix):
    monkeypatch.delenv("PYTHONDONTWRITEBYTECODE", raising=False)
    if prefix is None:
        monkeypatch.delenv("PYTHONPYCACHEPREFIX", raising=False)
    else:
        monkeypatch.setenv("PYTHONPYCACHEPREFIX", str(tmp_path))
    env = os.environ.copy()
    with _timing().bytecode_cached() as before:
        assert before is None
        assert os.environ == env
    assert os.environ == env


def test_a_prefix_the_shell_chose_is_kept(tmp_path, monkeypatch):
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    monkeypatch.setenv("PYTHONPYCACHEPREFIX", str(tmp_path))
    with _timing().bytecode_cached():
        assert os.environ["PYTHONPYCACHEPREFIX"] == str(tmp_path)
        assert "PYTHONDONTWRITEBYTECODE" not in os.environ
    assert os.environ["PYTHONDONTWRITEBYTECODE"] == "1"
    assert os.environ["PYTHONPYCACHEPREFIX"] == str(tmp_path)
