"""Independent pieces of work computed by forked copies of this process, stopped cleanly.

Rendering a batch of charts is work of this kind: each piece reads what this process holds
(figures, results), and forked workers inherit it instead of receiving it pickled; only the
answers travel back, pickled, each worker through a pipe of its own.

``multiprocessing.Pool`` is not used: a pool stopped by Ctrl-C can wait for ever. A worker
that dies of the signal, or is killed, while it holds the lock of the pool's shared task queue
(an idle worker holds it while it waits for a task) leaves the pool's shutdown waiting for that
lock. Here workers take pieces by a shared counter whose lock is only ever held for an
increment, they ignore Ctrl-C, and the process that started them kills them when it stops
waiting for any reason. A piece a worker could not compute (an error, a lost worker) is
computed again in this process, so its error is raised here with its own traceback.

A Jupyter kernel runs threads of its own (messages, heartbeat, captured output, history). They
do not keep a notebook's report from forking: a worker uses nothing they hold. It sends no
kernel message (:func:`child_start` gives it plain streams on the process's own output), reads
no history, and ends with ``os._exit``. Any other thread does keep workers from forking, since
what it holds (a lock, a half-written buffer) cannot be known.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from types import FrameType
from typing import Any

__all__ = ["bar_class", "child_start", "ctrl_c_held", "fork_ok", "forked_map", "stop_workers"]

#: Threads that may run while workers are forked: the command line's progress ticker draws its
#: bar under its own lock, which a worker never takes (workers print nothing and end with
#: ``os._exit``, flushing no stream).
FORK_SAFE_THREADS = ("thesis-progress",)
#: Modules whose daemon threads may run while workers are forked: a notebook kernel's own.
KERNEL_MODULES = ("ipykernel.", "IPython.")
#: prctl's request for a signal when the parent ends (linux/prctl.h).
_PR_SET_PDEATHSIG = 1
#: Seconds a worker waits for the shared counter before leaving what is left to the others.
_LOCK_WAIT_S = 10.0
#: Seconds between looks at a Ctrl-C Python dropped while the workers were waited for.
_PRESSED_CHECK_S = 0.1


def fork_ok() -> bool:
    """Whether this process may fork workers: Linux, and no thread but the progress ticker
    and a notebook kernel's own."""
    import multiprocessing

    if not sys.platform.startswith("linux"):
        return False
    if "fork" not in multiprocessing.get_all_start_methods():
        return False
    me = threading.current_thread()
    return all(t is me or (t.daemon and _fork_safe(t)) for t in threading.enumerate())


def _fork_safe(thread: threading.Thread) -> bool:
    """Whether ``thread`` is the progress ticker or a notebook kernel's own thread."""
    if thread.name.startswith(FORK_SAFE_THREADS):
        return True
    # A kernel's threads are of its own classes, or plain threads running its functions.
    target = getattr(thread, "_target", None)
    owners = (type(thread).__module__, getattr(target, "__module__", None) or "")
    return any(owner.startswith(KERNEL_MODULES) for owner in owners)


def child_start() -> None:
    """Set up a forked worker: Ctrl-C ignored, and plain streams in place of a kernel's.

    Ctrl-C is for the process that started the worker, which stops it; a worker that process
    could not stop (it was killed, or Ctrl-C came while the worker was being forked) ends with
    it instead of working on, holding the process's output open. In a notebook kernel
    ``sys.stdout`` and ``sys.stderr`` send what is written as kernel messages, under locks the
    kernel's threads take; the worker writes (a warning, say) to the process's own descriptors
    instead, which the kernel shows or logs as it does for any subprocess.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        # Blocked since the fork when forked off another thread (:func:`ctrl_c_held`); one
        # sent meanwhile is dropped now.
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    _die_with_parent()
    for name, fd in (("stdout", 1), ("stderr", 2)):
        stream = getattr(sys, name)
        if type(stream).__module__.startswith(KERNEL_MODULES):
            # Line-buffered: the worker ends with os._exit, which flushes nothing.
            try:
                plain: Any = open(fd, "w", buffering=1, closefd=False, errors="backslashreplace")
            except OSError:  # no such descriptor: the worker's words are lost, not its work
                plain = open(os.devnull, "w")
            setattr(sys, name, plain)


@contextmanager
def ctrl_c_held() -> Iterator[None]:
    """Hold Ctrl-C back while workers are started; raise it (its handler's way) afterwards.

    Between the fork and :func:`child_start` a worker runs Python's own code (the fork hooks
    of ``threading``, ``random`` and ``logging``, the start of ``multiprocessing``), and so does
    this process around the fork; a Ctrl-C sent to the terminal's group and raised there is
    printed ("Exception ignored", a traceback) and dropped, or leaves a worker started but not
    yet recorded, which nothing stops. In the main thread the Ctrl-C handler is replaced for
    the block by one that only notes the signal: workers forked meanwhile inherit it until
    they ignore Ctrl-C, and the handler replaced is run here once the block ends, so the
    caller, whose workers are all recorded by then, stops them. (A signal mask would not do
    in this process: with another thread running, the progress ticker's or a notebook
    kernel's, the kernel hands the signal to that thread and Python raises it in this one.)
    Forking from another thread, where handlers cannot be replaced, the signal is blocked in
    the forking thread instead, and so in the workers until :func:`child_start`.
    """
    if threading.current_thread() is not threading.main_thread():
        with _sigint_blocked():
            yield
        return
    previous = signal.getsignal(signal.SIGINT)
    if not callable(previous):  # ignored, or the system's action: nothing raised in Python
        yield
        return
    came: list[int] = []

    def noted(signum: int, frame: FrameType | None) -> None:
        came.append(signum)

    # Installed and put back inside the try: a Ctrl-C Python raises while setting a handler
    # leaves the previous one in place.
    try:
        signal.signal(signal.SIGINT, noted)
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if came:
            previous(signal.SIGINT, None)


@contextmanager
def _sigint_blocked() -> Iterator[None]:
    """SIGINT blocked in this thread for the block (as it was before, after it)."""
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - no POSIX signal masks
        yield
        return
    was = signal.pthread_sigmask(signal.SIG_BLOCK, ())  # read, not changed
    try:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        yield
    finally:
        if signal.SIGINT not in was:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _die_with_parent() -> None:
    """Have the kernel kill this worker when the process that forked it ends (Linux)."""
    import ctypes
    import multiprocessing

    parent = multiprocessing.parent_process()
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # no prctl: the parent's own kill is all there is
        return
    if parent is not None and os.getppid() != parent.pid:
        os._exit(0)  # it ended before the request above was made


@cache
def bar_class(auto: bool = False) -> Any:
    """tqdm's progress bar (``tqdm.auto``'s with ``auto``) without tqdm's monitor thread.

    tqdm starts a thread, on the first bar, that watches every bar and outlives them; a thread
    left running keeps a later report from forking its workers (:func:`fork_ok`), so its charts
    would be drawn one after another. The toolkit's bars are redrawn by their owners and need
    no monitor.
    """
    if auto:
        from tqdm.auto import tqdm
    else:
        from tqdm import tqdm
    return type("Bar", (tqdm,), {"monitor_interval": 0, "__module__": __name__})


def forked_map(fn: Callable[[int], Any], n: int, processes: int) -> list[Any]:
    """``[fn(0), ..., fn(n - 1)]``, computed by ``processes`` forked workers.

    Parameters
    ----------
    fn : callable
        Computes piece ``i``; its answer must pickle. Workers inherit it (it is not pickled).
    n : int
        Number of pieces.
    processes : int
        Workers to fork (at most ``n``). The caller checks :func:`fork_ok` first.

    Returns
    -------
    list
        The answers in piece order, the same as computing them here one by one.
    """
    with _ctrl_c_kept() as pressed:
        done = _gather(fn, n, processes, pressed)
    # A piece a worker failed on (or took with it) is computed here: its error, if any, is
    # raised here.
    return [done[i] if i in done else fn(i) for i in range(n)]


@contextmanager
def _ctrl_c_kept() -> Iterator[list[int]]:
    """Raise on leaving a Ctrl-C that Python dropped inside (under Python's own handler).

    Python prints and drops an exception raised in a weak-reference callback or a finalizer,
    and starting and stopping workers runs many (``multiprocessing`` tidies its processes,
    pipes and locks so): a Ctrl-C landing in one would be lost, and a caller's loop of maps
    would go on for ever, after "Exception ignored" and a traceback. It is remembered here
    (the list yielded is not empty once pressed), not printed, and raised when the block ends
    without it. A handler of the caller's own (the command line's, a notebook's) is left to
    do its work.
    """
    pressed: list[int] = []
    if (
        threading.current_thread() is not threading.main_thread()
        or signal.getsignal(signal.SIGINT) is not signal.default_int_handler
    ):
        yield pressed
        return

    leaving: list[bool] = []

    def noted(signum: int, frame: FrameType | None) -> None:
        pressed.append(signum)
        if not leaving:
            raise KeyboardInterrupt

    hook = sys.unraisablehook

    def unraisable(info: Any) -> None:
        if not (isinstance(info.exc_value, KeyboardInterrupt) and pressed):
            hook(info)  # (one of ours is raised on leaving, not printed)

    # Set and put back inside the try, the handler last: a Ctrl-C Python raises while a
    # handler is being set leaves nothing of this block's in place.
    try:
        sys.unraisablehook = unraisable
        signal.signal(signal.SIGINT, noted)
        yield pressed
    finally:
        try:
            leaving.append(True)  # (from here a Ctrl-C is only noted)
        finally:
            sys.unraisablehook = hook
            signal.signal(signal.SIGINT, signal.default_int_handler)
    if pressed:
        raise KeyboardInterrupt


def _gather(fn: Callable[[int], Any], n: int, processes: int, pressed: list[int]) -> dict[int, Any]:
    """The answers the workers computed, by piece (in a function of its own so that the
    workers, pipes and their finalizers are gone when it returns); a Ctrl-C dropped meanwhile
    (``pressed``, see :func:`_ctrl_c_kept`) ends the wait within a tenth of a second."""
    import multiprocessing
    from multiprocessing.connection import wait

    ctx = multiprocessing.get_context("fork")
    workers: list[Any] = []
    readers: list[Any] = []
    done: dict[int, Any] = {}
    try:
        with ctrl_c_held():  # (raised once every worker started is recorded)
            cursor = ctx.Value("i", 0)
            for _ in range(min(processes, n)):
                reader, writer = ctx.Pipe(duplex=False)
                worker = ctx.Process(target=_work, args=(fn, n, cursor, writer), daemon=True)
                workers.append(worker)
                readers.append(reader)
                worker.start()
                writer.close()  # the worker's end only: its exit is seen as the end of the pipe
        pending = list(readers)
        while pending:
            if pressed:
                raise KeyboardInterrupt
            for ready in wait(pending, timeout=_PRESSED_CHECK_S):
                conn: Any = ready
                try:
                    i, ok, answer = pickle.loads(conn.recv_bytes())
                except (EOFError, OSError):
                    pending.remove(conn)
                    continue
                if ok:
                    done[i] = answer
    finally:
        stop_workers(workers, readers)
    return done


def stop_workers(workers: list[Any], readers: list[Any]) -> None:
    """Kill the workers still running, wait for each to end, close the pipes they wrote to.

    A Ctrl-C meanwhile is held until all are done (:func:`ctrl_c_held`): one raised halfway
    would leave the rest running, or ended but never waited for.
    """
    with ctrl_c_held():
        for worker in workers:
            if worker.pid is None:
                continue  # never started (it failed to): nothing to stop or join
            if worker.is_alive():
                worker.kill()
            worker.join()
        for reader in readers:
            reader.close()


def _work(fn: Callable[[int], Any], n: int, cursor: Any, conn: Any) -> None:
    """A worker: take pieces in turn, send each answer (or that it failed)."""
    child_start()  # (Ctrl-C is for the process that started the workers, which kills them)
    try:
        lock = cursor.get_lock()
        while lock.acquire(timeout=_LOCK_WAIT_S):  # (a worker lost holding it: stop here)
            i = cursor.value
            cursor.value = i + 1
            lock.release()
            if i >= n:
                break
            try:
                data = pickle.dumps((i, True, fn(i)))
            except Exception:  # computed again by the parent, which raises it
                data = pickle.dumps((i, False, None))
            conn.send_bytes(data)
    finally:
        conn.close()
        # No exit handlers and no flushing of streams inherited from the parent (a buffered
        # line of the parent's must not be printed twice).
        os._exit(0)
