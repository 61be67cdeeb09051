"""update, attribute, watch and backtest take --allow-read and --repair-correlations, as every
command that reads a thesis does."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.cli.main import main

OLD = {"as_of": "2022-06-30", "first": 2022, "last": 2026, "price": 100}

FAST = ["--paths", "64", "--seed", "1"]


@pytest.fixture
def outside_previous(tmp_path: Path, write_vintage) -> tuple[Path, Path]:
    """A thesis whose previous: vintage lies in a sibling folder, outside its tree."""
    (tmp_path / "old").mkdir()
    (tmp_path / "new").mkdir()
    write_vintage(tmp_path / "old" / "ex.yaml", **OLD)
    new = write_vintage(tmp_path / "new" / "example.yaml", extra_top="previous: ../old/ex.yaml")
    return new, tmp_path / "old"


COMMANDS = {
    "watch": ([], None),
    "attribute": (["--from", "{old}/ex.yaml"], None),
    "update": ([], "has no evidence"),
    "backtest": ([], "a backtest needs realised values"),
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_allow_read_reaches_the_learning_commands(outside_previous, capsys, command):
    new, old = outside_previous
    extra, after_loading = COMMANDS[command]
    argv = [command, str(new), *FAST, *(a.format(old=old) for a in extra)]
    assert main(argv) == 2
    assert "outside the thesis folder tree" in capsys.readouterr().err
    code = main([*argv, "--allow-read", str(old), "--repair-correlations"])
    err = capsys.readouterr().err
    assert "outside the thesis folder tree" not in err and "unrecognized" not in err
    if after_loading is None:
        assert code == 0, err
    else:  # read, then refused for what the small thesis lacks
        assert code == 2 and after_loading in err
