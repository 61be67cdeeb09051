"""``--out`` of update, attribute, watch and backtest: refused if it exists, ``--force`` replaces.

As ``thesis report`` and ``run --out``: an earlier output of the command is replaced only with
``--force``, atomically and with a manifest, and a folder holding anything thesis did not write
is refused (exit 2), naming it, with or without ``--force``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
ALIBABA = str(ROOT / "assumptions" / "alibaba.yaml")
EVIDENCE = str(ROOT / "assumptions" / "evidence" / "alibaba-2025q3.yaml")
BANK = str(ROOT / "assumptions" / "examples" / "regional-bank.yaml")

COMMANDS = {
    "update": ["update", ALIBABA, "--evidence", EVIDENCE, "--paths", "1000"],
    "attribute": ["attribute", BANK, "--from", "bear", "--paths", "300"],
    "watch": ["watch", BANK, "--paths", "1000"],
    "backtest": ["backtest", ALIBABA, "--paths", "1000"],
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_an_earlier_output_is_replaced_only_with_force(tmp_path, capsys, command):
    out = tmp_path / "out"
    argv = [*COMMANDS[command], "--seed", "1", "--out", str(out)]
    assert main(argv) == 0
    first = {p.name: p.read_bytes() for p in out.iterdir()}
    assert "manifest.json" in first and any(name.endswith(".csv") for name in first)
    capsys.readouterr()

    assert main(argv) == 2  # an earlier output, no --force
    err = capsys.readouterr().err
    assert "already exists" in err and "--force" in err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == first

    assert main([*argv, "--force"]) == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(first)


@pytest.mark.parametrize("command", ["watch", "update"])
def test_force_never_replaces_a_file_thesis_did_not_write(tmp_path, capsys, command):
    out = tmp_path / "out"
    argv = [*COMMANDS[command], "--seed", "1", "--out", str(out)]
    assert main(argv) == 0
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    capsys.readouterr()
    assert main([*argv, "--force"]) == 2
    assert "notes.txt" in capsys.readouterr().err
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_the_help_names_force(capsys, command):
    with pytest.raises(SystemExit):
        main([command, "--help"])
    assert "--force" in capsys.readouterr().out
