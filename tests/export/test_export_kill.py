"""Kill tests: an export killed at any moment leaves the complete old or the complete new export,
and the next run cleans up after it.

A writer runs in a subprocess and is killed with SIGKILL either at a named point (the
``THESIS_PAUSE_AT`` hook of :mod:`model._folders`) or after a random delay. The target is then
checked: every file listed in an intact manifest, nothing else, and the manifest of one of the
two exports.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from model._folders import PAUSE_VARIABLE, clean_leftovers, foreign_entries, read_manifest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")

ROOT = Path(__file__).resolve().parents[2]
FILES = 12

#: Writes an export named by argv[2] into argv[1] (replacing an earlier one), file by file.
WRITER = f"""
import hashlib, sys, time
from pathlib import Path
from model._folders import export_folder, manifest_text

target, tag = sys.argv[1], sys.argv[2]
pause = float(sys.argv[3]) if len(sys.argv) > 3 else 0.0

def write(root: Path) -> None:
    files = []
    for i in range({FILES}):
        sub = root / ("charts" if i % 3 == 0 else "")
        sub.mkdir(exist_ok=True)
        path = sub / f"table{{i}}.csv"
        data = (f"{{tag}},{{i}}\\n" * (50 + i)).encode()
        path.write_bytes(data)
        files.append({{"path": path.relative_to(root).as_posix(),
                       "sha256": hashlib.sha256(data).hexdigest()}})
        time.sleep(pause)
    (root / "manifest.json").write_text(manifest_text({{"tag": tag, "files": files}}))

export_folder(target, write, overwrite=True)
print("done", flush=True)
"""


def env(**extra: str) -> dict[str, str]:
    out = {k: v for k, v in os.environ.items() if k not in (PAUSE_VARIABLE, "THESIS_NO_EXCHANGE")}
    out["PYTHONPATH"] = str(ROOT) + os.pathsep + out.get("PYTHONPATH", "")
    return {**out, **extra}


def start(target: Path, tag: str, *args: str, **extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(target), tag, *args],
        env=env(**extra),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def export(target: Path, tag: str, **extra: str) -> None:
    proc = start(target, tag, **extra)
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err


def wait_for_pause(proc: subprocess.Popen[str], point: str) -> None:
    assert proc.stderr is not None
    line = proc.stderr.readline()  # blocks until the writer pauses (or dies)
    assert line.strip() == f"paused at {point}", line + proc.stderr.read()


def kill(proc: subprocess.Popen[str]) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=30)


def tag_of(target: Path) -> str | None:
    """The tag of the complete export at ``target``; fails if it is anything else."""
    if not target.exists():
        return None
    manifest = read_manifest(target)
    assert manifest is not None, f"no intact manifest in {target}"
    assert foreign_entries(target) == [], foreign_entries(target)
    assert len(manifest["files"]) == FILES
    return manifest["tag"]


def leftovers(target: Path) -> list[str]:
    return sorted(p.name for p in target.parent.iterdir() if p.name.startswith(f".{target.name}."))


@pytest.mark.parametrize("point", ["locked", "staged", "manifested", "swapped"])
def test_killed_at_each_point_leaves_old_or_new_and_the_next_run_cleans(tmp_path, point):
    target = tmp_path / "out"
    export(target, "old")
    proc = start(target, "new", **{PAUSE_VARIABLE: point})
    wait_for_pause(proc, point)
    kill(proc)
    # Before the exchange the target is the old export; after it, the new one.
    assert tag_of(target) == ("new" if point == "swapped" else "old")
    export(target, "next")
    assert tag_of(target) == "next"
    assert leftovers(target) == []


def test_killed_before_the_first_export_leaves_no_target(tmp_path):
    target = tmp_path / "out"
    proc = start(target, "new", **{PAUSE_VARIABLE: "manifested"})
    wait_for_pause(proc, "manifested")
    kill(proc)
    assert not target.exists()
    export(target, "next")
    assert tag_of(target) == "next" and leftovers(target) == []


def test_killed_at_random_moments(tmp_path):
    # Slow writes (20 ms a file) so that kills land while files are written and swapped.
    rng = random.Random(13)
    target = tmp_path / "out"
    export(target, "v0")
    seen = {"v0"}
    for k in range(1, 9):
        proc = start(target, f"v{k}", "0.02")
        time.sleep(rng.uniform(0.05, 0.9))
        kill(proc)
        found = tag_of(target)
        assert found in seen | {f"v{k}"}, found
        seen.add(f"v{k}")
    export(target, "last")
    assert tag_of(target) == "last" and leftovers(target) == []


def test_without_an_exchange_a_kill_between_renames_is_undone_by_the_next_run(tmp_path):
    # Systems without an atomic exchange rename the old folder aside first: killed there, the
    # target is missing until the next writer puts the old export back, before anything else.
    target = tmp_path / "out"
    export(target, "old")
    proc = start(target, "new", **{PAUSE_VARIABLE: "swapped", "THESIS_NO_EXCHANGE": "1"})
    wait_for_pause(proc, "swapped")
    kill(proc)
    assert not target.exists()
    assert any(name.startswith(".out.old-") for name in leftovers(target))
    clean_leftovers(target)  # what the next writer does first, under the lock
    assert tag_of(target) == "old" and leftovers(target) == [".out.lock"]  # the dead writer's
    export(target, "next", THESIS_NO_EXCHANGE="1")
    assert tag_of(target) == "next" and leftovers(target) == []


def test_a_leftover_holding_foreign_files_is_left_alone(tmp_path):
    target = tmp_path / "out"
    stray = tmp_path / ".out.tmp-123456abcdef"
    stray.mkdir()
    (stray / "mine.txt").write_text("a user's file")
    export(target, "one")
    assert (stray / "mine.txt").read_text() == "a user's file"


def test_a_second_writer_fails_at_once_naming_the_first(tmp_path):
    target = tmp_path / "out"
    export(target, "old")
    first = start(target, "first", **{PAUSE_VARIABLE: "staged"})
    wait_for_pause(first, "staged")
    t0 = time.perf_counter()
    second = start(target, "second")
    _, err = second.communicate(timeout=60)
    assert second.returncode != 0 and time.perf_counter() - t0 < 20
    assert f"process {first.pid}" in err and "is writing it" in err
    kill(first)
    assert tag_of(target) == "old"


@pytest.mark.slow
def test_the_cli_killed_mid_export_keeps_the_old_export(tmp_path):
    target = tmp_path / "run"
    thesis = ROOT / "assumptions" / "alibaba.yaml"
    cmd = [sys.executable, "-m", "model", "run", str(thesis), "--paths", "1000", "--seed"]
    tail = ["--no-charts", "--no-progress", "--out", str(target), "--force"]
    subprocess.run([*cmd, "1", *tail], env=env(), check=True, capture_output=True, timeout=300)
    old = json.loads((target / "manifest.json").read_text())
    for point in ("staged", "manifested"):
        proc = subprocess.Popen(
            [*cmd, "2", *tail],
            env=env(**{PAUSE_VARIABLE: point}),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        wait_for_pause(proc, point)
        kill(proc)
        assert foreign_entries(target) == []
        assert json.loads((target / "manifest.json").read_text()) == old
    done = subprocess.run([*cmd, "3", *tail], env=env(), capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert json.loads((target / "manifest.json").read_text())["seed_entropy"] == "3"
    assert leftovers(target) == []
