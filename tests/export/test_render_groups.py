"""Charts drawn by worker processes: the same bytes as drawn here, errors raised here."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest
from matplotlib.figure import Figure

from model.export.render import ChartGroups, fork_ok, render_group


def _figures(tag: str, k: int) -> dict[str, Figure]:
    out = {}
    for j in range(k):
        fig = Figure(figsize=(3, 2), layout="constrained")
        ax = fig.add_subplot()
        ax.plot([0, 1, 2], [j, j * j, 1 + j])
        ax.set_title(f"{tag} {j}")
        out[f"{tag}_{j}"] = fig
    return out


def _groups(root: Path) -> list:
    return [(root / f"g{i}", lambda i=i: _figures(f"g{i}", 1 + i % 3)) for i in range(5)]


def _read(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*.png"))}


def test_workers_write_what_one_process_writes(tmp_path):
    here, there = tmp_path / "here", tmp_path / "there"
    names_here = [render_group(folder, build) for folder, build in _groups(here)]
    with ChartGroups(_groups(there), processes=2) as groups:
        assert len(groups._workers) == (2 if fork_ok() else 0)
        names_there = groups.finish()
    assert names_there == names_here
    assert _read(there) == _read(here)
    assert len(_read(here)) == sum(1 + i % 3 for i in range(5))


def test_an_error_in_a_worker_is_raised_here(tmp_path):
    def broken() -> dict[str, Figure]:
        raise ValueError("no such output: revenue_moon")

    groups = [*_groups(tmp_path), (tmp_path / "bad", broken)]
    with pytest.raises(ValueError, match="revenue_moon"), ChartGroups(groups, processes=2) as g:
        g.finish()


def test_a_lost_worker_costs_time_not_a_chart(tmp_path):
    def killed() -> dict[str, Figure]:
        if os.environ.get("_THESIS_PARENT") != str(os.getpid()):
            os.kill(os.getpid(), signal.SIGKILL)  # a worker dies mid-group
        return _figures("k", 2)

    os.environ["_THESIS_PARENT"] = str(os.getpid())
    try:
        groups = [(tmp_path / "k", killed), *_groups(tmp_path)]
        with ChartGroups(groups, processes=2) as g:
            assert g._workers or not fork_ok()
            names = g.finish()
    finally:
        del os.environ["_THESIS_PARENT"]
    assert names[0] == ["k_0", "k_1"]
    assert (tmp_path / "k" / "k_1.png").stat().st_size > 0


def test_workers_leave_ctrl_c_to_this_process(tmp_path, monkeypatch):
    # Ctrl-C stops the workers from here (leaving the block kills them); a worker never
    # handles it itself, halfway through a chart or holding the groups' counter.
    import sys

    import model.export.render as render

    if sys.platform != "linux" or len(os.sched_getaffinity(0)) < 2:
        pytest.skip("no workers here")
    monkeypatch.setattr(render, "fork_ok", lambda: True)  # (an idle thread of an earlier test)
    me = os.getpid()

    def group(folder, build):
        if os.getpid() == me:
            time.sleep(1.0)  # the workers' turn to take groups
            return ["here"]
        return ["ignored" if signal.getsignal(signal.SIGINT) is signal.SIG_IGN else "taken"]

    monkeypatch.setattr(render, "render_group", group)
    with ChartGroups(_groups(tmp_path), processes=2) as groups:
        names = groups.finish()
    assert {n for g in names for n in g} <= {"ignored", "here"}
    assert ["ignored"] in names
