"""A report's charts drawn and rendered by worker processes while this process writes tables.

Drawing a chart and rendering it to PNG (laying out and rasterising its text, lines and patches
with Agg, then compressing the image) is most of a report's time, and every chart is
independent of the tables and of the other charts. :class:`ChartGroups` hands the charts, in
groups (one group per folder of charts, built by one call such as
:func:`model.charts.standard_charts`), to forked worker processes as soon as the runs are done;
they inherit the results instead of receiving them pickled, draw each group, render each chart
with :func:`model.charts.style.render_png` and write it (atomically) into its folder, while
this process writes the tables. When its tables are written this process takes the groups no
worker has started yet, then waits for the rest.

Every chart is drawn and rendered once, from a fresh figure, by the same code whichever process
does it, so the files are byte-identical to drawing and saving the charts one by one here.
Where forking is not safe or not possible (not Linux, other threads running, one core), every
group is drawn here when :meth:`ChartGroups.finish` is called. A group a worker could not
finish (an error, a worker killed) is drawn again here, so an error is raised here with its
own traceback, and a lost worker costs time, never a chart.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from model._forks import child_start, ctrl_c_held, fork_ok, stop_workers

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["ChartGroup", "ChartGroups", "fork_ok", "render_group"]

#: A folder of charts and the call that draws them (chart name -> figure, in order).
ChartGroup = tuple[Path, Callable[[], Mapping[str, "Figure"]]]

#: Seconds this process waits for the shared counter before drawing what is left itself.
_LOCK_WAIT_S = 10.0


def render_group(folder: Path, build: Callable[[], Mapping[str, Figure]]) -> list[str]:
    """Draw a group, render each chart to PNG and write it as ``folder/<name>.png``.

    Returns
    -------
    list of str
        The chart names, in the group's order (the folder is made only when there is one).
    """
    from model._files import atomic_write_bytes
    from model.charts.style import render_png

    figures = build()
    if figures:
        folder.mkdir(parents=True, exist_ok=True)
    names = []
    for name, fig in figures.items():
        atomic_write_bytes(folder / f"{name}.png", render_png(fig))
        names.append(str(name))
    return names


class ChartGroups:
    """Draw and write groups of charts in worker processes while the caller does other work.

    Use as a context manager: workers start on entry, :meth:`finish` (inside the block) draws
    what is left and returns every group's chart names; leaving the block stops any worker
    still running (after an error in the caller's own work, say).

    Parameters
    ----------
    groups : sequence of (folder, build)
        Each group's folder and the call that draws its charts. Workers take groups in this
        order, so put the largest first.
    processes : int, optional
        Worker processes (default: one per core of this process, at most one per group). No
        worker is started with fewer than 2 cores or where forking is not safe.
    """

    def __init__(self, groups: Sequence[ChartGroup], processes: int | None = None) -> None:
        self.groups = list(groups)
        self.processes = processes
        self._workers: list[Any] = []
        self._readers: list[Any] = []
        self._cursor: Any = None

    def __enter__(self) -> ChartGroups:
        from model.engine.execution.backends import default_workers

        n = min(self.processes or default_workers(), len(self.groups))
        if n < 2 or not fork_ok():
            return self
        import multiprocessing

        ctx = multiprocessing.get_context("fork")
        try:
            with ctrl_c_held():  # (raised once every worker started is recorded)
                self._cursor = ctx.Value("i", 0)
                for _ in range(n):
                    reader, writer = ctx.Pipe(duplex=False)
                    worker = ctx.Process(
                        target=_work, args=(self.groups, self._cursor, writer), daemon=True
                    )
                    self._workers.append(worker)
                    self._readers.append(reader)
                    worker.start()
                    writer.close()  # the worker's end only: its exit ends the pipe
        except BaseException:  # (Ctrl-C among them): the workers started are stopped
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        stop_workers(self._workers, self._readers)
        self._workers, self._readers = [], []

    def _take(self) -> int | None:
        """The next group no process has started, claimed for this one (None when none)."""
        lock = self._cursor.get_lock()
        if not lock.acquire(timeout=_LOCK_WAIT_S):
            return None  # a worker died holding it: what it left undone is drawn below
        try:
            i = self._cursor.value
            if i >= len(self.groups):
                return None
            self._cursor.value = i + 1
            return int(i)
        finally:
            lock.release()

    def finish(self) -> list[list[str]]:
        """Draw the groups no worker has started, wait for the others; names per group."""
        done: dict[int, list[str]] = {}
        if not self._workers:
            return [render_group(folder, build) for folder, build in self.groups]
        while (i := self._take()) is not None:
            done[i] = render_group(*self.groups[i])
        for reader in self._readers:
            while True:
                try:
                    i, names = reader.recv()
                except (EOFError, OSError):
                    break
                if names is not None:
                    done[i] = names
        for worker in self._workers:
            worker.join()
        # A group a worker failed on (or took with it) is drawn here: its error, if any, is
        # raised here with its own traceback.
        return [
            done[i] if i in done else render_group(folder, build)
            for i, (folder, build) in enumerate(self.groups)
        ]


def _work(groups: list[ChartGroup], cursor: Any, conn: Any) -> None:
    """A worker: take groups in turn, draw and write each, report its chart names."""
    child_start()  # (Ctrl-C is for the process that started the workers: it kills them)
    try:
        while True:
            with cursor.get_lock():
                i = cursor.value
                if i >= len(groups):
                    break
                cursor.value = i + 1
            try:
                names: list[str] | None = render_group(*groups[i])
            except Exception:  # redone by the parent, which raises it there
                names = None
            conn.send((i, names))
    finally:
        conn.close()
        # No exit handlers and no flushing of streams inherited from the parent (a buffered
        # line of the parent's must not be printed twice).
        os._exit(0)
