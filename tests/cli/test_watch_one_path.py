"""``thesis watch`` splits the paths by each observable's outcome: one path has nothing to split,
so ``--paths 1`` is refused saying so, not blamed on the thesis."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.cli.main import main

THESIS = str(Path(__file__).resolve().parents[2] / "assumptions" / "alibaba.yaml")


def test_watch_refuses_one_path_naming_the_minimum(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["watch", THESIS, "--paths", "1"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "--paths" in err and "at least 2" in err and "split" in err


def test_watch_runs_on_two_paths(capsys):
    assert main(["watch", THESIS, "--paths", "2", "--seed", "1"]) == 0
    assert "Watch list" in capsys.readouterr().out
