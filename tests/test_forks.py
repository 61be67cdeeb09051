"""Work computed by forked workers: the answers of one process, errors raised here, and Ctrl-C
that stops it at any moment."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
import weakref

import pytest

from model._forks import fork_ok, forked_map

pytestmark = pytest.mark.skipif(
    sys.platform != "linux" or not fork_ok(), reason="forked workers need Linux"
)
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_answers_come_in_order_from_the_workers():
    me = os.getpid()

    def piece(i):
        time.sleep(0.01)
        return i * i, os.getpid(), signal.getsignal(signal.SIGINT) is signal.SIG_IGN

    out = forked_map(piece, 12, 2)
    assert [a for a, _, _ in out] == [i * i for i in range(12)]
    assert all(pid != me for _, pid, _ in out)  # none left over for this process
    assert all(ignored for _, _, ignored in out)  # Ctrl-C is this process's


def test_a_piece_a_worker_fails_is_computed_here_and_its_error_raised_here():
    me = os.getpid()

    def flaky(i):
        if i == 3 and os.getpid() != me:
            raise RuntimeError("only there")
        return i

    assert forked_map(flaky, 6, 2) == list(range(6))

    def broken(i):
        if i == 4:
            raise ValueError("piece 4 is wrong")
        return i

    with pytest.raises(ValueError, match="piece 4 is wrong"):
        forked_map(broken, 6, 2)


def test_a_lost_worker_costs_time_never_an_answer():
    me = os.getpid()

    def dies(i):
        if i == 2 and os.getpid() != me:
            os._exit(1)  # a worker lost halfway (killed, out of memory)
        return -i

    assert forked_map(dies, 8, 2) == [-i for i in range(8)]


@pytest.mark.slow
@pytest.mark.parametrize(("pieces", "seconds"), [(40, 0.02), (2, 0.0)])
def test_ctrl_c_stops_it_at_any_moment(tmp_path, pieces, seconds):
    # A pool of workers sharing a task queue could wait for ever once a worker died of Ctrl-C
    # holding the queue's lock; here every moment ends with KeyboardInterrupt, quickly. With
    # two pieces of no work, most moments fall while workers are forked or tidied away.
    script = tmp_path / "busy.py"
    script.write_text(
        textwrap.dedent(
            f"""
            import signal, sys, time
            from model._forks import forked_map

            # (Python's own handler, though this test's runner may have Ctrl-C ignored)
            signal.signal(signal.SIGINT, signal.default_int_handler)

            def piece(i):
                t = time.perf_counter()
                while time.perf_counter() - t < {seconds}:
                    pass
                return b"x" * 200_000

            try:
                while True:
                    forked_map(piece, {pieces}, 2)
            except KeyboardInterrupt:
                sys.exit(130)
            """
        )
    )
    for k in range(12):
        proc = subprocess.Popen(
            [sys.executable, str(script)], cwd=ROOT, start_new_session=True,
            stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        time.sleep(1.0 + 0.09 * k)
        os.killpg(proc.pid, signal.SIGINT)  # as a terminal's Ctrl-C: the whole group
        try:
            _, err = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            pytest.fail(f"still running 30 s after Ctrl-C (moment {k})")
        assert proc.returncode == 130, err
        assert "Traceback" not in err, err


def _in_fresh_process(code: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a new interpreter (no thread left over from other tests)."""
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=ROOT, capture_output=True, text=True, timeout=timeout,
    )  # fmt: skip


def test_a_notebook_kernels_own_threads_do_not_keep_workers_from_forking():
    # A kernel's threads are of its own classes (a heartbeat) or plain threads running its
    # functions (captured output); any other thread still keeps workers from forking.
    done = _in_fresh_process(
        """
        import threading
        from model._forks import fork_ok

        stop = threading.Event()
        Heartbeat = type("Heartbeat", (threading.Thread,), {"__module__": "ipykernel.heartbeat"})
        def watch_pipe():
            stop.wait()
        watch_pipe.__module__ = "ipykernel.iostream"
        def elsewhere():
            stop.wait()

        print(fork_ok())
        Heartbeat(target=stop.wait, daemon=True).start()
        threading.Thread(target=watch_pipe, daemon=True).start()
        print(fork_ok())
        threading.Thread(target=elsewhere, daemon=True).start()
        print(fork_ok())
        stop.set()
        """
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "True", "False"]


def test_a_worker_forked_in_a_kernel_writes_past_the_kernels_streams():
    # In a kernel, sys.stderr sends what is written through locks the kernel's threads take;
    # one held at the moment of the fork stays held in the worker for ever. A worker's warning
    # must not wait for it: the worker writes to the process's own descriptor instead.
    done = _in_fresh_process(
        """
        import sys, threading, warnings
        from model._forks import forked_map

        held = threading.Lock()
        held.acquire()  # as a kernel thread holding the stream's lock when the workers fork

        class OutStream:  # (flushing here, before each fork, takes no lock)
            def write(self, text):
                with held:
                    return len(text)
            def flush(self):
                pass

        OutStream.__module__ = "ipykernel.iostream"
        sys.stderr = OutStream()

        def piece(i):
            warnings.warn(f"piece {i} says so")
            return i

        print(forked_map(piece, 4, 2) == [0, 1, 2, 3])
        """,
        timeout=30,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True"]
    assert "piece 0 says so" in done.stderr or "piece 1 says so" in done.stderr


def _gone(pid: int) -> bool:
    """Whether process ``pid`` has ended (a zombie no one reaped counts as ended)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True


def test_workers_end_with_the_process_that_forked_them(tmp_path):
    # A worker its parent could not stop (the parent was killed, or Ctrl-C came while the
    # worker was being forked) must not work on, holding the parent's output open.
    marks = tmp_path / "workers"
    marks.mkdir()
    proc = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(
            f"""
            import os, time
            from model._forks import forked_map

            def piece(i):
                open(os.path.join({str(marks)!r}, str(os.getpid())), "w").close()
                time.sleep(3)
                return i

            forked_map(piece, 20, 2)
            """
        )],
        cwd=ROOT, start_new_session=True, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while len(list(marks.iterdir())) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    workers = [int(p.name) for p in marks.iterdir()]
    assert len(workers) == 2
    proc.kill()  # the parent, not its workers
    proc.wait()
    deadline = time.monotonic() + 5
    while not all(_gone(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    alive = [pid for pid in workers if not _gone(pid)]
    for pid in alive:
        os.kill(pid, signal.SIGKILL)
    assert not alive
    proc.stderr.close()


def test_ctrl_c_while_forking_a_worker_is_a_keyboard_interrupt(monkeypatch):
    # Ctrl-C can land inside os.fork: that worker never starts, and stopping the pool must
    # raise the KeyboardInterrupt, not fail on joining a process that was never started.
    import multiprocessing.context as mpc

    start = mpc.ForkProcess.start
    calls = []

    def interrupted_second(self):
        calls.append(self)
        if len(calls) == 2:
            raise KeyboardInterrupt
        start(self)

    monkeypatch.setattr(mpc.ForkProcess, "start", interrupted_second)
    with pytest.raises(KeyboardInterrupt):
        forked_map(lambda i: i, 8, 2)
    assert calls[0].exitcode is not None  # the started worker was stopped and joined


def test_ctrl_c_in_a_worker_before_it_ignores_it_is_dropped_quietly():
    # Python's own fork hooks run in the worker before it ignores Ctrl-C; a Ctrl-C sent to the
    # terminal's group at that moment printed "Exception ignored ... KeyboardInterrupt" there.
    # Here each worker is sent one from such a hook: it is held back, then dropped.
    done = _in_fresh_process(
        """
        import os, signal
        from model._forks import forked_map

        signal.signal(signal.SIGINT, signal.default_int_handler)
        me = os.getpid()
        os.register_at_fork(
            after_in_child=lambda: os.kill(os.getpid(), signal.SIGINT)
        )
        out = forked_map(lambda i: (i, os.getpid() != me), 6, 2)
        assert [i for i, _ in out] == list(range(6)), out
        assert any(there for _, there in out), out  # the workers computed them
        print("done")
        """
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "done"
    assert done.stderr == ""


def test_ctrl_c_here_while_a_worker_is_forked_is_raised_here():
    # A Ctrl-C landing in this process's own fork hooks was printed and dropped, and the map
    # went on; it is raised once the worker has started, and the workers are stopped.
    done = _in_fresh_process(
        """
        import os, signal, sys
        from model._forks import forked_map

        signal.signal(signal.SIGINT, signal.default_int_handler)
        sent = []

        def once():
            if not sent:
                sent.append(1)
                os.kill(os.getpid(), signal.SIGINT)

        os.register_at_fork(after_in_parent=once)
        try:
            forked_map(lambda i: i, 6, 2)
        except KeyboardInterrupt:
            sys.exit(130)
        """
    )
    assert done.returncode == 130, done.stderr
    assert done.stderr == ""


def test_a_ctrl_c_python_dropped_in_a_callback_is_raised_on_leaving():
    # Python prints and drops what a weak-reference callback raises: a Ctrl-C landing in one
    # (multiprocessing tidies its processes and pipes in such callbacks) would be lost.
    from model._forks import _ctrl_c_kept

    class Thing:
        pass

    dropped = []

    def unraisable(info):
        dropped.append(info.exc_type)

    def failing(_):
        raise ValueError("a callback's own error")

    finished = False
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)  # Python's own
    hook, sys.unraisablehook = sys.unraisablehook, unraisable
    try:
        with pytest.raises(KeyboardInterrupt), _ctrl_c_kept() as pressed:
            other = Thing()
            ref = weakref.ref(other, failing)
            del other  # an error of another kind still reaches the caller's hook
            assert dropped == [ValueError]
            thing = Thing()
            ref = weakref.ref(thing, lambda _: os.kill(os.getpid(), signal.SIGINT))
            del thing  # the callback runs here; Python drops what it raises
            assert ref() is None
            assert pressed  # seen, for a wait to end on
            assert dropped == [ValueError]  # and not printed: it is raised on leaving
            finished = True
        restored = signal.getsignal(signal.SIGINT), sys.unraisablehook
    finally:
        sys.unraisablehook = hook
        signal.signal(signal.SIGINT, previous)
    assert finished  # the block ran to its end: the KeyboardInterrupt came on leaving
    assert restored == (signal.default_int_handler, unraisable)


def test_a_handler_of_the_callers_own_is_left_in_place():
    from model._forks import _ctrl_c_kept

    seen = []

    def mine(signum, frame):
        seen.append(signum)

    previous = signal.signal(signal.SIGINT, mine)
    try:
        with _ctrl_c_kept() as pressed:
            assert signal.getsignal(signal.SIGINT) is mine
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.01)
        assert seen == [signal.SIGINT]
        assert not pressed
    finally:
        signal.signal(signal.SIGINT, previous)


@pytest.mark.parametrize("pool", ["map", "chart groups"])
def test_ctrl_c_given_to_another_thread_while_a_worker_is_forked_is_raised_after(pool):
    # With another thread running (a terminal's progress ticker, a notebook kernel's), the
    # kernel may hand Ctrl-C to that thread and Python raises it in the forking one, in the
    # middle of starting a worker: printed and dropped there, or raised before the worker was
    # recorded, which then ran on with nothing to stop it.
    done = _in_fresh_process(
        f"""
        import multiprocessing, os, signal, sys, threading, time
        from pathlib import Path
        from model._forks import forked_map
        from model.export.render import ChartGroups

        signal.signal(signal.SIGINT, signal.default_int_handler)
        other = threading.Thread(
            target=threading.Event().wait, name="thesis-progress", daemon=True
        )
        other.start()
        sent = []

        def once():
            if not sent:
                sent.append(1)
                signal.pthread_kill(other.ident, signal.SIGINT)
                time.sleep(0.05)  # (taken by the other thread, raised in this one)

        os.register_at_fork(after_in_parent=once)
        try:
            if {pool!r} == "map":
                forked_map(lambda i: i, 6, 2)
            else:
                with ChartGroups([(Path("a"), dict), (Path("b"), dict)], processes=2) as g:
                    g.finish()
        except KeyboardInterrupt:
            print(len(multiprocessing.active_children()))  # workers left running
            sys.exit(130)
        """
    )
    assert done.returncode == 130, done.stderr
    assert done.stdout.strip() == "0"
    assert done.stderr == ""


def test_held_ctrl_c_runs_the_handler_replaced_once_the_block_ends():
    from model._forks import ctrl_c_held

    seen = []

    def mine(signum, frame):
        seen.append(signum)

    previous = signal.signal(signal.SIGINT, mine)
    try:
        with ctrl_c_held():
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.01)
            assert seen == []  # held back
            inside = signal.getsignal(signal.SIGINT)
        assert seen == [signal.SIGINT]
        assert inside is not mine
        assert signal.getsignal(signal.SIGINT) is mine
    finally:
        signal.signal(signal.SIGINT, previous)


def test_held_off_the_main_thread_blocks_and_then_restores_the_mask():
    from model._forks import ctrl_c_held

    masks = []

    def forking_thread():
        masks.append(signal.pthread_sigmask(signal.SIG_BLOCK, ()))
        with ctrl_c_held():
            masks.append(signal.pthread_sigmask(signal.SIG_BLOCK, ()))
        masks.append(signal.pthread_sigmask(signal.SIG_BLOCK, ()))

    thread = threading.Thread(target=forking_thread)
    thread.start()
    thread.join()
    before, inside, after = masks
    assert signal.SIGINT not in before
    assert signal.SIGINT in inside
    assert after == before


def test_ctrl_c_while_workers_are_stopped_stops_them_all_first():
    # A Ctrl-C while the first worker was waited for left the others running, or ended and
    # never waited for; it is raised once all are stopped and their pipes closed.
    from model._forks import stop_workers

    joined, closed = [], []

    class Worker:
        pid = 1

        def is_alive(self):
            return False

        def join(self):
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.01)  # (Python runs the handler here)
            joined.append(self)

    class Reader:
        def close(self):
            closed.append(self)

    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with pytest.raises(KeyboardInterrupt):
            stop_workers([Worker(), Worker()], [Reader(), Reader()])
    finally:
        signal.signal(signal.SIGINT, previous)
    assert len(joined) == 2
    assert len(closed) == 2
