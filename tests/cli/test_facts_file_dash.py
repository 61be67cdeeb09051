"""``--evidence -`` and ``--realised -``: these files are read from disk only, so ``-`` is refused
at once, naming the option and what to give, instead of a late '-: file not found'."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
ALIBABA = str(ROOT / "assumptions" / "alibaba.yaml")


@pytest.mark.parametrize(
    "argv", [["update", ALIBABA, "--evidence", "-"], ["backtest", ALIBABA, "--realised", "-"]]
)
def test_dash_is_refused_naming_the_option(capsys, argv):
    with pytest.raises(SystemExit) as stop:
        main([*argv, "--paths", "50"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    option = argv[2]
    assert err.startswith(f"error: argument {option}: '-' (standard input) is not read for")
    assert "name the file" in err and err.count("\n") == 1 and "file not found" not in err
