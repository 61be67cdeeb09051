"""The vintage waterfall and backtest computed by a worker during a report's runs."""

from __future__ import annotations

import os
import sys
import warnings

import pytest
from test_thesis_sections import REALISED

import model.export.ahead as ahead
import model.export.render as render
import model.learning as learning
from model.export.job import ReportSettings, build_report, report_folder, write_report
from model.inputs.assembly.thesis import load_thesis
from model.results.export import file_hashes
from model.scenarios import RunSettings

RUN = RunSettings(n_paths=1_000, seed=11)
SETTINGS = ReportSettings(run=RUN, learning_paths=300, charts=False)


@pytest.fixture()
def forkable(monkeypatch):
    """Workers may be forked here (a thread an earlier test left idle would forbid it)."""
    if sys.platform != "linux" or len(os.sched_getaffinity(0)) < 2:
        pytest.skip("needs fork and 2 cores")
    monkeypatch.setattr(render, "fork_ok", lambda: True)


can_fork = pytest.mark.usefixtures("forkable")


@pytest.fixture()
def new(vintage_pair, write_vintage):
    _, path = vintage_pair
    write_vintage(path, extra_top=REALISED)
    return path


@pytest.fixture()
def here(monkeypatch):
    """Counts the vintage parts computed in this process (a worker's calls are its own)."""
    calls = []
    original = ahead.vintage_part
    me = os.getpid()

    def counted(*args, **kwargs):
        if os.getpid() == me:
            calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(ahead, "vintage_part", counted)
    return calls


def _alone(new, tmp_path, monkeypatch, settings=SETTINGS):
    """The report with every part computed in this process, written to ``tmp_path/alone``."""
    with monkeypatch.context() as m:
        m.setattr(render, "fork_ok", lambda: False)
        report = build_report(new, settings)
    return report, write_report(report, tmp_path / "alone")


@can_fork
def test_the_worker_answers_and_the_folder_is_the_same(new, here, tmp_path, monkeypatch):
    alone, folder = _alone(new, tmp_path, monkeypatch)
    assert len(here) == 1
    here.clear()
    said = []
    report, together = report_folder(new, tmp_path / "together", SETTINGS, log=said.append)
    assert here == []  # the worker's answer was taken
    assert file_hashes(together) == file_hashes(folder)
    assert report.notes == alone.notes
    assert report.learning.attribution.summary().equals(alone.learning.attribution.summary())
    assert report.learning.backtest.summary().equals(alone.learning.backtest.summary())
    # the messages of the part still come in their place
    changed = next(i for i, s in enumerate(said) if s.startswith("what changed since"))
    assert said[changed + 1].startswith("backtest of")
    assert said.index("writing tables and charts") > changed
    # build_report takes it too
    here.clear()
    built = build_report(new, SETTINGS)
    assert here == [] and built.learning.attribution.summary().equals(
        alone.learning.attribution.summary()
    )


@can_fork
def test_a_warning_of_the_worker_is_raised_here(new, here, monkeypatch):
    original = learning.attribute

    def warns(*args, **kwargs):
        warnings.warn("a word from the waterfall", UserWarning, stacklevel=2)
        return original(*args, **kwargs)

    monkeypatch.setattr(learning, "attribute", warns)
    with pytest.warns(UserWarning, match="a word from the waterfall"):
        build_report(new, SETTINGS)
    assert here == []


@can_fork
def test_a_failed_worker_leaves_the_part_to_this_process(new, here, tmp_path, monkeypatch):
    _, folder = _alone(new, tmp_path, monkeypatch)
    here.clear()
    original, me = learning.backtest, os.getpid()

    def fails_in_worker(*args, **kwargs):
        if os.getpid() != me:
            raise RuntimeError("lost")
        return original(*args, **kwargs)

    monkeypatch.setattr(learning, "backtest", fails_in_worker)
    _, together = report_folder(new, tmp_path / "together", SETTINGS)
    assert len(here) == 1
    assert file_hashes(together) == file_hashes(folder)


@can_fork
def test_a_killed_worker_leaves_the_part_to_this_process(new, here):
    thesis = load_thesis(new)
    with ahead.VintageAhead(thesis, SETTINGS) as early:
        assert early._worker is not None
        early._worker.kill()
        early._worker.join()
        assert early.take(thesis, early.question) is None


@can_fork
def test_an_error_of_the_part_is_raised_here_with_its_own_traceback(new, here, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("a broken backtest")

    monkeypatch.setattr(learning, "backtest", broken)
    with pytest.raises(ValueError, match="a broken backtest"):
        build_report(new, SETTINGS)
    assert len(here) == 1


def test_no_seed_or_no_learning_starts_nothing(new):
    thesis = load_thesis(new)
    unseeded = ReportSettings(run=RunSettings(n_paths=1_000), learning_paths=300)
    with ahead.VintageAhead(thesis, unseeded) as early:
        assert early._worker is None and early.question is None
    off = ReportSettings(run=RUN, learning=False)
    with ahead.VintageAhead(thesis, off) as early:
        assert early._worker is None


@can_fork
def test_another_question_is_not_answered(new):
    thesis = load_thesis(new)
    with ahead.VintageAhead(thesis, SETTINGS) as early:
        assert early._worker is not None
        other = (*early.question[:-1], 12)
        assert early.take(thesis, other) is None
        assert early._worker is None  # stopped once asked
    with ahead.VintageAhead(thesis, SETTINGS) as early:
        assert early.take(load_thesis(new), early.question) is None


def test_without_a_previous_vintage_no_worker_starts(vintage_pair):
    _, new = vintage_pair
    with ahead.VintageAhead(load_thesis(new), SETTINGS) as early:
        assert early._worker is None


def _word() -> None:
    warnings.warn("a word said once", UserWarning, stacklevel=1)


def test_a_warning_already_shown_here_is_not_shown_again():
    # As if this process had raised it: a warning of one place is shown once (until the
    # filters change, which Python counts as a new start).
    _word()  # where the replayed warning says it was raised: _word's line
    line = _word.__code__.co_firstlineno + 1
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("default")
        _word()
        ahead.replay(((UserWarning("a word said once"), UserWarning, __file__, line),))
        ahead.replay(((UserWarning("another word"), UserWarning, __file__, line),))
    assert [str(w.message) for w in seen] == ["a word said once", "another word"]
    assert {w.filename for w in seen} == {__file__}


@can_fork
def test_a_warning_of_no_module_is_shown_too(new, here, monkeypatch):
    original = learning.backtest

    def warns(*args, **kwargs):
        warnings.warn_explicit("a word from nowhere", UserWarning, "nowhere.py", 1)
        return original(*args, **kwargs)

    monkeypatch.setattr(learning, "backtest", warns)
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("default")
        build_report(new, SETTINGS)
    assert here == []
    assert [str(w.message) for w in seen].count("a word from nowhere") == 1
