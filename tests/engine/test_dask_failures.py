"""Dask failures end in one line, in seconds: bad addresses, nothing or a stranger listening,
lost workers (their chunks run again) and workers that keep dying (reported, not a TypeError).

Everything runs on the loopback interface, and every test is bounded in time.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import cloudpickle
import dask
import distributed
import numpy as np
import pytest

import model.engine.execution.backends as backends
import model.engine.execution.cluster as cluster
from model.engine import ModelSpec, Variable, from_params, run
from model.engine.execution.cluster import (
    SchedulerAddressError,
    check_scheduler_address,
    cluster_failure,
)
from model.errors import EngineError

pytestmark = [pytest.mark.dask]

#: Upper bound of every connection failure in these tests (the probe's limit is 1 s here).
FAST_S = 8.0


def small_spec() -> ModelSpec:
    return ModelSpec(
        (Variable("a", from_params("normal", {"mean": 1.0, "sd": 2.0})),), years=(2025,)
    )


# ---------------------------------------------------------------------- addresses


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("tcp://10.0.0.5:8786", "tcp://10.0.0.5:8786"),
        ("10.0.0.5:8786", "tcp://10.0.0.5:8786"),
        ("TLS://sched.example.org:8786", "tls://sched.example.org:8786"),
        ("tcp://[::1]:8786", "tcp://[::1]:8786"),
        ("  tcp://localhost:1  ", "tcp://localhost:1"),
    ],
)
def test_good_addresses_are_normalised(address, expected):
    assert check_scheduler_address(address) == expected


@pytest.mark.parametrize(
    ("address", "says"),
    [
        ("foo://bar", "unknown scheme 'foo'"),
        ("tcp://127.0.0.1", "no port"),
        ("tcp://127.0.0.1:99999", "from 1 to 65535"),
        ("tcp://127.0.0.1:0", "from 1 to 65535"),
        ("tcp://127.0.0.1:http", "from 1 to 65535"),
        ("tcp://:8786", "expected tcp://HOST:PORT"),
        ("tcp://a b:8786", "expected tcp://HOST:PORT"),
        ("tcp://::1:8786", "in brackets"),
        ("", "must be text"),
        (8786, "must be text"),
    ],
)
def test_bad_addresses_are_refused_naming_the_address(address, says):
    with pytest.raises(SchedulerAddressError, match=says) as err:
        check_scheduler_address(address)
    assert "\n" not in str(err.value)
    if isinstance(address, str) and address:
        assert repr(address) in str(err.value)


def test_a_bad_address_fails_before_any_chunk():
    calls = []

    def fn(x):
        calls.append(1)
        return {"v": x["a"]}

    with pytest.raises(SchedulerAddressError, match="foo://bar"):
        run(small_spec(), fn, 5_000, seed=1, backend="dask", scheduler="foo://bar")
    assert calls == []


# ---------------------------------------------------------------------- nothing or a stranger


@pytest.fixture
def short_timeout(monkeypatch):
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT_S", 1.0)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def tcp_server(greeting: bytes | None) -> Iterator[int]:
    """A TCP server on loopback that accepts and then says ``greeting`` (or nothing)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(0.2)
    held: list[socket.socket] = []
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            if greeting is not None:
                conn.sendall(greeting)
            held.append(conn)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield server.getsockname()[1]
    finally:
        stop.set()
        thread.join(5)
        for conn in held:
            conn.close()
        server.close()


def run_against(address: str) -> tuple[str, float]:
    t0 = time.perf_counter()
    with pytest.raises(EngineError) as err:
        run(small_spec(), None, 5_000, seed=1, backend="dask", scheduler=address)
    return str(err.value), time.perf_counter() - t0


def test_nothing_listening_fails_at_once_with_what_to_check(short_timeout):
    address = f"tcp://127.0.0.1:{free_port()}"
    message, seconds = run_against(address)
    assert seconds < FAST_S
    assert address in message and "connection refused" in message
    assert "scheduler is running" in message and "\n" not in message


def test_an_unknown_host_is_named(short_timeout):
    message, seconds = run_against("tcp://no-such-host.invalid:8786")
    assert seconds < FAST_S + 10  # name resolution has its own timeout
    assert "unknown host 'no-such-host.invalid'" in message


def test_a_silent_program_on_the_port_fails_in_seconds(short_timeout):
    with tcp_server(None) as port:
        message, seconds = run_against(f"tcp://127.0.0.1:{port}")
    assert seconds < FAST_S
    assert f"tcp://127.0.0.1:{port}" in message
    assert "did not answer as a Dask scheduler" in message


def test_a_program_speaking_another_protocol_fails_in_seconds(short_timeout):
    with tcp_server(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n") as port:
        message, seconds = run_against(f"tcp://127.0.0.1:{port}")
    assert seconds < FAST_S
    assert f"tcp://127.0.0.1:{port}" in message and "Dask scheduler" in message


def test_cluster_failures_are_one_line():
    killed = distributed.KilledWorker("thesis-chunks-x", "tcp://127.0.0.1:1", allowed_failures=1)
    text = str(cluster_failure(killed, "tcp://h:1", "chunk 3 (paths 3000..3999)"))
    assert "died" in text and "chunk 3" in text and "tcp://h:1" in text and "\n" not in text
    assert "lost again and again" in str(cluster_failure(None, None, "chunk 1"))
    other = cluster_failure(RuntimeError("first\nsecond"), "tcp://h:1", "chunk 1")
    assert "RuntimeError: first" in str(other) and "second" not in str(other)


# ---------------------------------------------------------------------- workers that die


def slow_model(x):
    """Slow enough that a worker can be killed while chunks are running."""
    time.sleep(0.15)
    return {"v": x["a"] * 2.0}


def mark_then_slow(x):
    """Writes the worker's pid to a file named by the path, so a test can kill it mid-run."""
    marker = Path(os.environ["THESIS_TEST_MARK_DIR"]) / f"{os.getpid()}-{x.start}"
    marker.write_text("")
    return slow_model(x)


def suicidal(x):
    """Kills its own worker process on the chunk at path 3000, every time it is tried."""
    if x.start == 3000:
        os.kill(os.getpid(), signal.SIGKILL)
    return {"v": x["a"]}


@pytest.fixture(scope="module")
def by_value():
    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    yield
    cloudpickle.unregister_pickle_by_value(sys.modules[__name__])


@contextmanager
def process_cluster(n_workers: int, tmp_path: Path, **config) -> Iterator[distributed.Client]:
    env = {"THESIS_TEST_MARK_DIR": str(tmp_path)}
    with (
        dask.config.set(config),
        distributed.LocalCluster(
            n_workers=n_workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            env=env,
        ) as lc,
        distributed.Client(lc, set_as_default=False) as client,
    ):
        yield client


def kill_a_worker_once_chunks_run(client, tmp_path: Path, result: dict) -> None:
    deadline = time.monotonic() + 60
    while not any(tmp_path.iterdir()) and "done" not in result:
        if time.monotonic() > deadline:
            return
        time.sleep(0.05)
    pid = int(next(tmp_path.iterdir()).name.split("-")[0])
    os.kill(pid, signal.SIGKILL)
    result["killed"] = pid


def run_while_killing(client, tmp_path: Path) -> tuple[object, dict]:
    result: dict = {}
    killer = threading.Thread(
        target=kill_a_worker_once_chunks_run, args=(client, tmp_path, result), daemon=True
    )
    killer.start()
    try:
        res = run(small_spec(), mark_then_slow, 24_000, seed=4, backend="dask", client=client,
                  chunk_size=1_000)  # fmt: skip
    finally:
        result["done"] = True
        killer.join(70)
    return res, result


@pytest.mark.slow
@pytest.mark.parametrize("n_workers", [2, 1])
def test_a_worker_killed_mid_run_has_its_chunks_run_again(
    by_value, tmp_path, n_workers, monkeypatch
):
    # Two workers: Dask runs the dead worker's chunks elsewhere. One: the scattered run plan
    # dies with it, and the engine submits the lost chunks again.
    submits = []
    real_submit = backends._submit
    monkeypatch.setattr(backends, "_submit", lambda *a: submits.append(1) or real_submit(*a))
    local = run(small_spec(), slow_model, 24_000, seed=4, chunk_size=1_000)
    with process_cluster(n_workers, tmp_path) as client:
        remote, killing = run_while_killing(client, tmp_path)
    assert "killed" in killing
    assert len(submits) == (1 if n_workers == 2 else 2)
    np.testing.assert_array_equal(remote.outputs["v"], local.outputs["v"])
    assert remote.n_valid == 24_000


@pytest.mark.slow
@pytest.mark.parametrize("n_workers", [2, 1])
def test_a_worker_that_keeps_dying_is_reported_in_one_line(by_value, tmp_path, n_workers):
    # Two workers: Dask gives up on the chunk (KilledWorker). One: the run plan dies with the
    # worker each time, and the engine gives up after submitting the lost chunks again.
    config = {"distributed.scheduler.allowed-failures": 1}
    with process_cluster(n_workers, tmp_path, **config) as client:
        address = client.scheduler.address
        t0 = time.perf_counter()
        with pytest.raises(EngineError) as err:
            run(small_spec(), suicidal, 6_000, seed=1, backend="dask", client=client,
                chunk_size=1_000)  # fmt: skip
        seconds = time.perf_counter() - t0
    text = str(err.value)
    # Dask blames every task that was on a dying worker, so the chunk named may be a neighbour.
    assert "again and again" in text and re.search(r"paths \d+\.\.\d+", text)
    assert "\n" not in text
    assert address in text
    assert "FutureCancelledError" not in text and "not iterable" not in text
    assert seconds < 120
