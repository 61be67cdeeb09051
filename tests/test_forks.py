"""Work computed by forked workers: the answers of one process, errors raised here, and Ctrl-C
that stops it at any moment."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

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
def test_ctrl_c_stops_it_at_any_moment(tmp_path):
    # A pool of workers sharing a task queue could wait for ever once a worker died of Ctrl-C
    # holding the queue's lock; here every moment ends with KeyboardInterrupt, quickly.
    script = tmp_path / "busy.py"
    script.write_text(
        textwrap.dedent(
            """
            import sys, time
            from model._forks import forked_map

            def piece(i):
                t = time.perf_counter()
                while time.perf_counter() - t < 0.02:
                    pass
                return b"x" * 200_000

            try:
                while True:
                    forked_map(piece, 40, 2)
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
