"""The command line with the user's files and servers: nothing it did not write is replaced,
failures are one line with their exit code, Ctrl-C is one line at any moment, resources are
checked before running. Reproductions of issue classes: foreign folders and files, links,
concurrent writers, huge --paths, tiny chunks, bad or silent scheduler addresses."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from model.cli import parsers
from model.cli.main import guarded
from model.errors import ThesisModelError

ROOT = Path(__file__).resolve().parents[2]
THESIS = str(ROOT / "assumptions" / "alibaba.yaml")
FAST = ["--paths", "300", "--seed", "4", "--no-progress", "--no-charts"]


@pytest.fixture
def main(monkeypatch):
    from model.cli import main as cli

    for name, add in (("run", parsers.add_run), ("compare", parsers.add_compare)):
        if name not in cli.COMMANDS:
            monkeypatch.setitem(cli.COMMANDS, name, add)
    return cli.main


def one_line(err: str) -> str:
    """The error line: one, the last, after any warnings and notes met on the way."""
    lines = [line for line in err.splitlines() if line.strip()]
    assert lines and all(line.startswith(("warning: ", "note: ")) for line in lines[:-1]), err
    assert "Traceback" not in err and "internal error" not in err
    return lines[-1]


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


# ---------------------------------------------------------------------- folders


def test_a_fake_manifest_does_not_make_a_folder_an_export(main, tmp_path, capsys):
    # The reproduction: {} in manifest.json and a user's file; --force must not delete.
    target = tmp_path / "P"
    (target / "src").mkdir(parents=True)
    (target / "manifest.json").write_text("{}")
    (target / "src" / "a.js").write_text("x")
    before = tree(target)
    assert main(["run", THESIS, *FAST, "--out", str(target), "--force"]) == 2
    line = one_line(capsys.readouterr().err)
    assert "refusing to replace" in line and "manifest.json" in line and "src/" in line
    assert tree(target) == before


def test_files_added_or_changed_in_an_export_are_named_and_kept(main, tmp_path, capsys):
    target = tmp_path / "run"
    assert main(["run", THESIS, *FAST, "--out", str(target)]) == 0
    (target / "notes.txt").write_text("my notes")
    (target / "extra").mkdir()
    with (target / "summary.csv").open("a") as f:
        f.write("my row\n")
    before = tree(target)
    capsys.readouterr()
    assert main(["run", THESIS, *FAST, "--out", str(target), "--force"]) == 2
    line = one_line(capsys.readouterr().err)
    assert "notes.txt" in line and "extra/" in line and "summary.csv (changed)" in line
    assert tree(target) == before
    # Once the user's files are gone the export is replaced.
    (target / "notes.txt").unlink()
    (target / "extra").rmdir()
    (target / "summary.csv").unlink()
    assert main(["run", THESIS, *FAST, "--out", str(target), "--force"]) == 0


def test_a_hand_edited_manifest_is_foreign(main, tmp_path, capsys):
    target = tmp_path / "run"
    assert main(["run", THESIS, *FAST, "--out", str(target)]) == 0
    body = json.loads((target / "manifest.json").read_text())
    assert body["format"] == 3 and len(body["self_sha256"]) == 64
    body["note"] = "mine"
    (target / "manifest.json").write_text(json.dumps(body, indent=2, sort_keys=True) + "\n")
    capsys.readouterr()
    assert main(["run", THESIS, *FAST, "--out", str(target), "--force"]) == 2
    assert "no manifest.json written by thesis" in one_line(capsys.readouterr().err)


def test_out_that_is_a_link_stays_a_link(main, tmp_path, capsys):
    real = tmp_path / "exports" / "run1"
    real.mkdir(parents=True)
    link = tmp_path / "latest"
    link.symlink_to(real)
    assert main(["run", THESIS, *FAST, "--out", str(link)]) == 0
    assert main(["run", THESIS, *FAST[:-1], "--seed", "5", "--out", str(link), "--force"]) == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert json.loads((real / "manifest.json").read_text())["seed_entropy"] == "5"
    assert sorted(p.name for p in real.parent.iterdir()) == ["run1"]  # no leftovers


def test_out_that_is_a_file_or_a_link_to_one_is_refused(main, tmp_path, capsys):
    mine = tmp_path / "mine.txt"
    mine.write_text("keep")
    link = tmp_path / "link"
    link.symlink_to(mine)
    for out in (mine, link):
        assert main(["run", THESIS, *FAST, "--out", str(out), "--force"]) == 2
        assert "not a folder" in one_line(capsys.readouterr().err)
    assert mine.read_text() == "keep" and link.is_symlink()


def test_a_second_writer_fails_fast_naming_the_first(main, tmp_path, capsys):
    target = tmp_path / "run"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(target)],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        t0 = time.perf_counter()
        assert main(["run", THESIS, *FAST, "--out", str(target)]) == 1
        assert time.perf_counter() - t0 < 10
        line = one_line(capsys.readouterr().err)
        assert f"cannot write to {target}" in line and f"process {holder.pid}" in line
    finally:
        holder.kill()
        holder.wait()
    assert main(["run", THESIS, *FAST, "--out", str(target)]) == 0  # the dead holder's lock


HOLD_LOCK = """
import sys, time
from pathlib import Path
from model._files import target_lock
with target_lock(Path(sys.argv[1]).absolute()):
    print("locked", flush=True)
    time.sleep(120)
"""


# ---------------------------------------------------------------------- single files


def test_sources_csv_never_overwrites_what_thesis_did_not_write(tmp_path, capsys):
    from model.cli.main import main

    thesis_copy = tmp_path / "copy.yaml"
    before = Path(THESIS).read_bytes()
    # The thesis file itself.
    assert main(["sources", THESIS, "--csv", THESIS]) == 2
    assert "it is the thesis file" in one_line(capsys.readouterr().err)
    assert Path(THESIS).read_bytes() == before
    # A user's file, and a link to it.
    mine = tmp_path / "mine.csv"
    mine.write_text("my,data\n")
    link = tmp_path / "link.csv"
    link.symlink_to(mine)
    for target in (mine, link):
        assert main(["sources", THESIS, "--csv", str(target)]) == 2
        assert "thesis did not write it" in one_line(capsys.readouterr().err)
    assert mine.read_text() == "my,data\n"
    # Its own file is replaced; the same file changed by the user is not.
    own = tmp_path / "ledger.csv"
    assert main(["sources", THESIS, "--csv", str(own)]) == 0
    first = own.read_bytes()
    assert main(["sources", THESIS, "--csv", str(own)]) == 0
    assert own.read_bytes() == first
    own.write_bytes(first + b"my row\n")
    capsys.readouterr()
    assert main(["sources", THESIS, "--csv", str(own)]) == 2
    assert "changed since thesis wrote it" in one_line(capsys.readouterr().err)
    assert own.read_bytes() == first + b"my row\n"
    assert not thesis_copy.exists()


def test_sources_csv_dash_writes_only_the_csv_to_stdout(capsys):
    from model.cli.main import main

    assert main(["sources", THESIS, "--csv", "-"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("name,item,scenario,source,value,")
    assert "assumptions (" not in out  # no ledger text mixed in
    assert not Path("-").exists()


def test_a_killed_csv_write_leaves_a_file_the_next_run_recognises(tmp_path, monkeypatch):
    # The record lists the old and the new hash while the file is replaced.
    import model._folders as folders

    target = tmp_path / "t.csv"
    folders.write_owned_file(target, b"one\n")
    real = folders.atomic_write_bytes

    def write_then_die(path, data):
        real(path, data)
        raise KeyboardInterrupt  # killed after the rename, before the record is final

    monkeypatch.setattr(folders, "atomic_write_bytes", write_then_die)
    with pytest.raises(KeyboardInterrupt):
        folders.write_owned_file(target, b"two\n")
    monkeypatch.undo()
    folders.write_owned_file(target, b"three\n")
    assert target.read_bytes() == b"three\n"


# ---------------------------------------------------------------------- resources


def test_huge_paths_are_refused_up_front_saying_what_fits(main, capsys):
    t0 = time.perf_counter()
    assert main(["run", THESIS, "--paths", str(10**12), "--seed", "1", "--no-progress"]) == 2
    line = one_line(capsys.readouterr().err)
    assert time.perf_counter() - t0 < 60
    assert "1,000,000,000,000 paths need about" in line and "at most" in line


def test_a_report_counts_every_run_it_holds(main, tmp_path, capsys, monkeypatch):
    import model.engine.execution.limits as limits

    # Enough for one scenario of 200,000 paths but not for all of them at once.
    monkeypatch.setattr(limits, "available_memory", lambda: 2 * 2**30)
    argv = ["report", THESIS, "--paths", "200000", "--seed", "1", "--no-progress"]
    assert main([*argv, "--out", str(tmp_path / "r")]) == 2
    line = one_line(capsys.readouterr().err)
    assert "in each of" in line and "paths a run fit" in line
    assert not (tmp_path / "r").exists()


@pytest.mark.parametrize("size", ["1", "999"])
def test_tiny_chunks_are_refused(main, capsys, size):
    # --chunk-size 1 ran for minutes: refused as a usage error, before the thesis loads.
    with pytest.raises(SystemExit) as stop:
        main(["run", THESIS, *FAST, "--chunk-size", size])
    assert stop.value.code == 2
    assert "at least 1000" in one_line(capsys.readouterr().err)
    from model.scenarios import RunSettings

    with pytest.raises(ThesisModelError, match="at least 1000"):
        RunSettings(chunk_size=int(size))


# ---------------------------------------------------------------------- Dask addresses


@pytest.mark.parametrize("address", ["foo://bar", "tcp://127.0.0.1", "tcp://127.0.0.1:70000"])
def test_invalid_scheduler_addresses_exit_2_naming_them(main, capsys, address):
    argv = ["run", THESIS, *FAST, "--backend", "dask", "--scheduler", address]
    assert main(argv) == 2
    assert repr(address) in one_line(capsys.readouterr().err)


@pytest.mark.dask
def test_a_scheduler_address_with_nothing_behind_fails_in_seconds(main, capsys):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    t0 = time.perf_counter()
    argv = ["run", THESIS, *FAST, "--backend", "dask", "--scheduler", f"tcp://127.0.0.1:{port}"]
    assert main(argv) == 1
    assert time.perf_counter() - t0 < 30  # the thesis loads first; the connection fails at once
    line = one_line(capsys.readouterr().err)
    assert f"tcp://127.0.0.1:{port}" in line and "connection refused" in line


@pytest.mark.dask
def test_a_scheduler_address_served_by_another_program_fails_in_seconds(main, capsys):
    import model.engine.execution.cluster as cluster

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(4)
    held: list[socket.socket] = []
    accepting = threading.Thread(target=lambda: held.append(server.accept()[0]), daemon=True)
    accepting.start()
    address = f"tcp://127.0.0.1:{server.getsockname()[1]}"
    try:
        t0 = time.perf_counter()
        argv = ["run", THESIS, *FAST, "--backend", "dask", "--scheduler", address]
        assert main(argv) == 1
        assert time.perf_counter() - t0 < 30 + cluster.CONNECT_TIMEOUT_S
    finally:
        for conn in held:
            conn.close()
        server.close()
    line = one_line(capsys.readouterr().err)
    assert address in line and "did not answer as a Dask scheduler" in line


# ---------------------------------------------------------------------- failures and Ctrl-C


def test_out_of_memory_is_a_one_line_run_failure(capsys):
    def body() -> int:
        raise MemoryError("Unable to allocate 43.7 GiB")

    assert guarded(body) == 1
    line = one_line(capsys.readouterr().err)
    assert line.startswith("error: run failed: out of memory") and "43.7 GiB" in line


def test_importing_the_command_line_loads_no_numerical_library():
    # Ctrl-C while numpy or pandas load (seconds on a busy machine) must meet the handler.
    code = "import sys, model.cli.main; print(sorted({'numpy', 'pandas'} & set(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "[]"


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT")
def test_ctrl_c_at_any_moment_is_one_line_and_exit_130(tmp_path):
    # From start-up imports to the export. (Before the interpreter runs the program's first
    # line, about 0.2 s, Python itself owns Ctrl-C.)
    argv = [sys.executable, "-m", "model", "run", THESIS, "--paths", "3000", "--seed", "1"]
    argv += ["--no-progress", "--out", str(tmp_path / "out"), "--force"]
    for delay in (0.4, 0.8, 1.2, 1.4, 1.6, 2.0, 3.0, 5.0, 8.0):
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        time.sleep(delay)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=120)
        if proc.returncode == 0:
            break  # finished before the signal: later delays would only repeat this
        assert proc.returncode == 130, (delay, err)
        # One line, "interrupted", and no traceback. A Ctrl-C that lands once the command is
        # done, while it prints its warnings (the thesis' dated price), leaves those before.
        *before, last = err.splitlines(keepends=True)
        assert last == "interrupted\n", (delay, err)
        assert all(line.startswith("warning: ") for line in before), (delay, err)
        leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.")]
        assert leftovers in ([], [".out.lock"]), leftovers  # a dead run's lock, reused next


def _program(tmp_path: Path, body: str) -> subprocess.CompletedProcess[str]:
    """Run ``thesis validate`` as the program, its command replaced by ``body``."""
    script = tmp_path / "program.py"
    script.write_text(
        "import atexit, ctypes, sys\n"
        "import model.cli.main as cli\n"
        f"{body}\n"
        "sys.argv = ['thesis', 'validate', 'x.yaml']\n"
        "sys.exit(cli.main())\n"
    )
    return subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=60, cwd=ROOT
    )


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT")
def test_ctrl_c_swallowed_by_a_library_still_ends_the_program_with_130(tmp_path):
    # An optional import inside a library's ``except ImportError`` can eat the KeyboardInterrupt;
    # the user still asked to stop.
    body = (
        "def command(args):\n"
        "    ctypes.pythonapi.PyRun_SimpleString(\n"
        "        b'import os, signal, time\\n'\n"
        "        b'os.kill(os.getpid(), signal.SIGINT)\\ntime.sleep(2)\\n')\n"
        "    return 0\n"
        "cli._run_command = command"
    )
    proc = _program(tmp_path, body)
    assert proc.returncode == 130, proc.stderr
    assert proc.stderr.endswith("interrupted\n")


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT")
def test_ctrl_c_turned_into_a_base_exception_by_a_native_library_is_still_ctrl_c(tmp_path):
    # A native extension can turn the KeyboardInterrupt raised inside its callback into an
    # error of its own that is not an ``Exception`` (pydantic-core's Rust code panics with a
    # ``PanicException``, a ``BaseException``); once Ctrl-C was pressed, it is Ctrl-C.
    body = (
        "import os, signal, time\n"
        "class Panic(BaseException):\n"
        "    pass\n"
        "def command(args):\n"
        "    try:\n"
        "        os.kill(os.getpid(), signal.SIGINT)\n"
        "        time.sleep(5)\n"
        "    except KeyboardInterrupt as exc:\n"
        "        raise Panic('Error building schema validator: KeyboardInterrupt') from exc\n"
        "    return 0\n"
        "cli._run_command = command"
    )
    proc = _program(tmp_path, body)
    assert proc.returncode == 130, proc.stderr
    assert proc.stderr == "interrupted\n"


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT")
def test_ctrl_c_inside_pydantic_is_raised_once_its_code_returns(tmp_path):
    # pydantic-core's Rust schema builder calls back into pydantic and panics on a
    # KeyboardInterrupt (printing the panic itself); Ctrl-C pressed there waits for it.
    body = (
        "import os, signal, time\n"
        "inside = {'__name__': 'pydantic._internal._fake', 'os': os, 'signal': signal,\n"
        "          'time': time}\n"
        "exec('def build():\\n'\n"
        "     '    os.kill(os.getpid(), signal.SIGINT)\\n'\n"
        "     '    end = time.monotonic() + 0.5\\n'\n"
        "     '    while time.monotonic() < end:\\n'\n"
        "     '        pass\\n'\n"
        "     '    print(\"built\", flush=True)\\n', inside)\n"
        "def command(args):\n"
        "    inside['build']()\n"
        "    time.sleep(10)\n"
        "    return 0\n"
        "cli._run_command = command"
    )
    started = time.perf_counter()
    proc = _program(tmp_path, body)
    assert proc.returncode == 130, proc.stderr
    assert proc.stderr == "interrupted\n"
    assert proc.stdout == "built\n"  # not interrupted inside
    assert time.perf_counter() - started < 8  # but at once after


def test_a_native_panic_without_ctrl_c_is_a_one_line_internal_error(tmp_path):
    body = (
        "class Panic(BaseException):\n"
        "    pass\n"
        "def command(args):\n"
        "    raise Panic('index out of bounds')\n"
        "cli._run_command = command"
    )
    proc = _program(tmp_path, body)
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.startswith("error: internal error (Panic: index out of bounds)")
    assert proc.stderr.count("\n") == 1


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT")
def test_ctrl_c_inside_a_callback_python_cannot_raise_from_still_stops_at_once(tmp_path):
    # A Ctrl-C that lands in a ``__del__`` (or an ``os.fork`` hook) is one CPython can only
    # print as "Exception ignored in ..."; the program says one line and stops there.
    body = (
        "import os, signal, time\n"
        "class Dropped:\n"
        "    def __del__(self):\n"
        "        os.kill(os.getpid(), signal.SIGINT)\n"
        "        time.sleep(1)\n"
        "def command(args):\n"
        "    Dropped()\n"
        "    time.sleep(20)\n"
        "    return 0\n"
        "cli._run_command = command"
    )
    started = time.perf_counter()
    proc = _program(tmp_path, body)
    assert proc.returncode == 130, proc.stderr
    assert proc.stderr == "interrupted\n"
    assert time.perf_counter() - started < 15  # stopped at once, not after the 20 s sleep


def test_the_program_ends_after_its_exit_handlers_without_interpreter_shutdown(tmp_path):
    # Late in CPython's shutdown Ctrl-C reverts to its default action (killed by SIGINT,
    # no message); the program ends before that moment, once the exit handlers have run.
    body = (
        "class Late:\n"
        "    def __del__(self):\n"
        "        print('shutdown reached', flush=True)\n"
        "late = Late()\n"
        "atexit.register(lambda: print('exit handlers ran'))\n"
        "cli._run_command = lambda args: 3"
    )
    proc = _program(tmp_path, body)
    assert proc.returncode == 3, proc.stderr
    assert proc.stdout == "exit handlers ran\n"


def test_temporary_files_of_a_dead_writer_are_removed_on_the_next_write(tmp_path):
    import model._folders as folders

    target = tmp_path / "t.csv"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()  # fmt: skip
    stale = tmp_path / f".t.csv.{dead}.0123456789ab.tmp"
    stale.write_bytes(b"half")
    live = tmp_path / f".t.csv.{os.getpid()}.0123456789ab.tmp"  # a writer still running
    live.write_bytes(b"busy")
    mine = tmp_path / ".t.csv.notes.tmp"  # not the pattern: a user's file
    mine.write_bytes(b"keep")
    folders.write_owned_file(target, b"data\n")
    assert not stale.exists() and live.exists() and mine.exists()


def test_outputs_csv_follows_the_same_rule(tmp_path, capsys):
    from model.cli.main import main

    mine = tmp_path / "mine.csv"
    mine.write_text("keep\n")
    assert main(["outputs", THESIS, "--csv", str(mine)]) == 2
    assert "thesis did not write it" in one_line(capsys.readouterr().err)
    assert mine.read_text() == "keep\n"
    assert main(["outputs", THESIS, "--csv", THESIS]) == 2
    assert "it is the thesis file" in one_line(capsys.readouterr().err)
    own = tmp_path / "outputs.csv"
    assert main(["outputs", THESIS, "--csv", str(own)]) == 0
    assert main(["outputs", THESIS, "--csv", str(own)]) == 0
    capsys.readouterr()
    assert main(["outputs", THESIS, "--csv", "-"]) == 0
    assert capsys.readouterr().out == own.read_text()
