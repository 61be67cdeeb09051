"""The vintage part of a report's learning, computed by a forked process during the runs.

The vintage waterfall (``2**k`` runs of the thesis mixed with its previous vintage) and the
backtest (one run of the previous vintage) read the thesis, the previous vintage, the realised
values, the path counts and the seed, and nothing of the report's own runs. With a seed given,
all of that is known once the thesis is loaded, so :class:`VintageAhead` forks a worker then,
which computes that part on the second core while this process runs the scenarios and the
sensitivity (a single core's work for most of their time). :func:`build_learning` takes the
worker's answer when it asks for exactly what the worker computed.

The worker makes the same calls with the same arguments as this process would, so the answer is
the same; its warnings are recorded and raised here when the answer is taken. Where forking is
not safe or not possible (not Linux, other threads running, one core, no seed given, no previous
vintage), or when the worker fails, is lost, or answered another question, this process computes
the part itself when it is needed, so an error is raised here with its own traceback.
"""

from __future__ import annotations

import os
import pickle
import sys
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from model.export.job import ReportSettings
    from model.learning.backtests import Backtest
    from model.learning.vintages import Attribution

__all__ = ["VintageAhead", "VintagePart", "vintage_part"]

#: What identifies a vintage part: previous, realised, paths a waterfall run, backtest paths, seed.
Question = tuple[Any, Any, int, int, Any]


@dataclass(frozen=True)
class VintagePart:
    """The vintage waterfall and the backtest, with what :func:`build_learning` says of them."""

    previous: str | None = None
    attribution: Attribution | None = None
    backtest: Backtest | None = None
    said: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    caught: tuple[Any, ...] = field(default=(), repr=False)


def vintage_part(
    thesis: Any,
    previous: Any,
    realised: Any,
    learning_paths: int,
    n_paths: int,
    seed: Any,
    say: Any = None,
) -> VintagePart:
    """The vintage waterfall from the previous vintage and that vintage's backtest.

    ``say`` is called with a message as each of the two starts; the messages are also kept in
    the answer (``said``), with what was left out and why (``notes``).
    """
    from pathlib import Path

    from model.errors import ThesisModelError
    from model.inputs.assembly.evidence import load_realised, previous_vintage, thesis_realised
    from model.inputs.assembly.thesis import load_thesis
    from model.learning import attribute, backtest

    said: list[str] = []
    notes: list[str] = []

    def tell(message: str) -> None:
        said.append(message)
        if say is not None:
            say(message)

    old = Path(previous) if previous else previous_vintage(thesis)
    vintage: Any = old
    if old is not None:
        try:  # read once for the waterfall and the backtest
            vintage = load_thesis(old)
        except ThesisModelError:
            pass  # each of them says what is wrong with the file, as it would alone
    attribution = None
    if old is not None:
        tell(f"what changed since {old.name} (Shapley over groups, {learning_paths:,} paths a run)")
        try:
            attribution = attribute(thesis, from_=vintage, n_paths=learning_paths, seed=seed)
        except ThesisModelError as exc:
            notes.append(f"no vintage waterfall from {old.name}: {exc}")
    facts = load_realised(realised, thesis) if realised else thesis_realised(thesis)
    tested = None
    if facts and old is not None:
        tell(f"backtest of {old.name} on {len(facts)} realised value(s)")
        tested = backtest(vintage, facts, n_paths=n_paths, seed=seed)
    elif facts:
        notes.append("realised values but no previous vintage: no backtest")
    name = None if old is None else old.name
    return VintagePart(name, attribution, tested, tuple(said), tuple(notes))


class VintageAhead:
    """A worker computing a report's vintage part while this process runs the scenarios.

    Use as a context manager around the report: the worker starts on entry (when it can and
    there is a previous vintage), :meth:`take` returns its answer, and leaving the block stops
    it if it is still running.

    Parameters
    ----------
    thesis : Thesis
        The loaded thesis, as the report's base run will carry it.
    settings : ReportSettings
        The report's settings.
    """

    def __init__(self, thesis: Any, settings: ReportSettings) -> None:
        self.thesis = thesis
        self.question: Question | None = None
        seed = settings.run.seed
        if settings.learning and isinstance(seed, int) and not isinstance(seed, bool):
            paths = min(settings.learning_paths, settings.run.n_paths)
            self.question = (settings.previous, settings.realised, paths, settings.run.n_paths,
                             seed)  # fmt: skip
        self._worker: Any = None
        self._reader: Any = None

    def __enter__(self) -> VintageAhead:
        from model._forks import ctrl_c_held
        from model.engine.execution.backends import default_workers
        from model.export.render import fork_ok

        if self.question is None or default_workers() < 2 or not fork_ok():
            return self
        try:
            from model.inputs.assembly.evidence import previous_vintage

            if not (self.question[0] or previous_vintage(self.thesis)):
                return self  # nothing to compute ahead
            import multiprocessing

            from model.engine.execution.runner import prepare_tables

            # The inverse-CDF tables the base case's runs need, built (on every core) before
            # the fork, are the worker's too: the two vintages share most of their shapes.
            prepare_tables([self.thesis.to_spec()], self.question[3])
            _import_for_worker(self.thesis)

            ctx = multiprocessing.get_context("fork")
            with ctrl_c_held():  # (raised once the worker started is recorded)
                reader, writer = ctx.Pipe(duplex=False)
                worker = ctx.Process(target=_work, args=(self.thesis, self.question, writer))
                worker.daemon = True
                worker.start()
                writer.close()  # the worker's end only: its exit is seen as the end of the pipe
                self._worker, self._reader = worker, reader
        except Exception:  # no worker: the part is computed here when needed
            return self
        except BaseException:  # Ctrl-C: a worker started is stopped
            self._stop()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop()

    def _stop(self) -> None:
        if self._worker is not None:
            from model._forks import stop_workers

            stop_workers([self._worker], [self._reader])
        self._worker = self._reader = None

    def take(self, thesis: Any, question: Question) -> VintagePart | None:
        """The worker's answer when it answers ``question`` about ``thesis`` (None otherwise).

        The warnings the worker's computation raised are raised here, as they would have been
        had this process computed the part.
        """
        if self._worker is None:
            return None
        if thesis is not self.thesis or question != self.question:
            self._stop()  # another question: its answer would not serve
            return None
        try:
            part = pickle.loads(self._reader.recv_bytes())
        except Exception:  # a lost or failed worker: computed here instead
            part = None
        finally:
            self._stop()
        if not isinstance(part, VintagePart):
            return None
        replay(part.caught)
        return part


def _import_for_worker(thesis: Any) -> None:
    """Import what the worker's runs use and this process imports for its own runs and its
    learning part anyway (the attribution, the backtest, a line model): imported once here
    before the fork, not again in the worker."""
    import importlib

    section = getattr(thesis, "model_section", None)
    lines = isinstance(section, Mapping) and str(section.get("kind", "lines")) == "lines"
    names = ["model.learning", "model.valuation.custom", "model.valuation.finance.today"]
    for name in [*names, *(["model.valuation.lines"] if lines else [])]:
        importlib.import_module(name)


def replay(caught: tuple[Any, ...]) -> None:
    """Raise warnings recorded elsewhere (message, category, file, line) as if raised here."""
    for message, category, filename, lineno in caught:
        warnings.warn_explicit(message, category, filename, lineno, **_origin(filename))


def _origin(filename: str) -> dict[str, Any]:
    """The module of ``filename`` and its registry of warnings shown, as ``warnings.warn``
    would use them there (so the filters match by module, and a warning shown once is not
    shown again); nothing for a file no module was loaded from."""
    for module in list(sys.modules.values()):
        if getattr(module, "__file__", None) == filename:
            registry = module.__dict__.setdefault("__warningregistry__", {})
            return {"module": module.__name__, "registry": registry}
    return {}


def _work(thesis: Any, question: Question, conn: Any) -> None:
    """The worker: compute the part, send it pickled (or an empty message when it failed)."""
    from model._forks import child_start

    child_start()  # (Ctrl-C is the parent's to handle: it stops the worker, which says nothing)
    try:
        data = b""
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                part = vintage_part(thesis, *question)
            seen = tuple((w.message, w.category, w.filename, w.lineno) for w in caught)
            data = pickle.dumps(replace(part, caught=seen))
        except BaseException:  # computed again by the parent, which raises it
            data = b""
        conn.send_bytes(data)
    finally:
        conn.close()
        # No exit handlers and no flushing of streams inherited from the parent.
        os._exit(0)
