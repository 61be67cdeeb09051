"""The command line's progress bar: a tqdm bar on stderr for commands that take a while.

A command is a few stages (load the thesis, run each scenario, write the export), each taking
seconds; the engine's own bar measures paths within one run, and a run of 20,000 paths is a
single chunk, so it never gets to draw. :class:`StageBar` counts the command's stages
instead and keeps its elapsed time ticking from a background thread while a stage works. It
appears only when the command has run for :data:`SHOW_AFTER_S` seconds, only when stderr is
a terminal, and never with ``--no-progress``, ``--quiet`` or ``--json``; it clears itself when
the command ends, so the terminal keeps only the summary.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from types import TracebackType
from typing import Any, TextIO

__all__ = ["SHOW_AFTER_S", "StageBar", "wanted"]

#: Seconds a command runs before the bar appears (the README's "a couple of seconds").
SHOW_AFTER_S = 2.0
#: Seconds between redraws of the elapsed time.
TICK_S = 0.5
#: Columns and rows assumed for a terminal that does not report its size.
FALLBACK_SIZE = (80, 24)


def _width(stream: TextIO) -> int:
    """Columns of the terminal behind ``stream`` (0 when unknown)."""
    try:
        return max(os.get_terminal_size(stream.fileno()).columns, 0)
    except (AttributeError, OSError, ValueError):
        return 0


def wanted(args: Any, stream: TextIO | None = None) -> bool:
    """Whether a command with these arguments shows a bar: on a terminal, not asked to be quiet."""
    if any(getattr(args, flag, False) for flag in ("no_progress", "quiet", "json")):
        return False
    stream = sys.stderr if stream is None else stream
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


class StageBar:
    """A bar over a command's stages; a no-op unless ``enabled``.

    Parameters
    ----------
    total : int
        Number of stages.
    enabled : bool
        Draw at all (see :func:`wanted`).
    stream : text stream, optional
        Where to draw (stderr by default).
    show_after : float, optional
        Seconds before the bar appears (:data:`SHOW_AFTER_S` by default).

    Use as a context manager; call :meth:`stage` as each stage starts.
    """

    def __init__(
        self,
        total: int,
        *,
        enabled: bool,
        stream: TextIO | None = None,
        show_after: float | None = None,
    ) -> None:
        self.total = max(int(total), 1)
        self.enabled = enabled
        self.stream = sys.stderr if stream is None else stream
        self.show_after = SHOW_AFTER_S if show_after is None else show_after
        self.done = 0
        self.text = "starting"
        self._bar: Any = None
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._t0 = time.perf_counter()

    def __enter__(self) -> StageBar:
        if self.enabled:
            self._thread = threading.Thread(target=self._run, name="thesis-progress", daemon=True)
            self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def stage(self, text: str) -> None:
        """A new stage starts: the previous one is done."""
        with self._lock:
            if self.text != "starting":
                self.done = min(self.done + 1, self.total)
            self.text = text
            if self._bar is not None:  # shown at once, not at the next tick: short stages count
                self._bar.n = self.done
                self._bar.set_description_str(text, refresh=False)
                self._bar.refresh()

    def close(self) -> None:
        """Stop the ticker and clear the bar."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        with self._lock:
            if self._bar is not None:
                self._bar.close()
                self._bar = None

    @property
    def shown(self) -> bool:
        """Whether the bar has been drawn."""
        return self._bar is not None

    def _run(self) -> None:
        if self._stop.wait(max(self.show_after - (time.perf_counter() - self._t0), 0.0)):
            return
        from model._forks import bar_class

        width = _width(self.stream)
        with self._lock:
            self._bar = bar_class()(
                total=self.total,
                initial=self.done,
                desc=self.text,
                file=self.stream,
                leave=False,
                unit="stage",
                bar_format="{desc}: {bar} {n_fmt}/{total_fmt} stages [{elapsed}]",
                # A terminal that reports no size (a fresh pseudo-terminal) gets 80 x 24; tqdm
                # would draw nothing in 0 x 0.
                ncols=width or FALLBACK_SIZE[0],
                nrows=None if width else FALLBACK_SIZE[1],
                dynamic_ncols=bool(width),
            )
            # Elapsed time counts from the command's start, not from the bar's appearance.
            self._bar.start_t -= time.perf_counter() - self._t0
        while not self._stop.wait(TICK_S):
            with self._lock:
                bar = self._bar
                if bar is None:
                    return
                bar.n = self.done
                bar.set_description_str(self.text, refresh=False)
                bar.refresh()
