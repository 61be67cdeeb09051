"""``thesis attribute --paths 1`` agrees in number: "2 runs of 1 path", not "1 paths"."""

from __future__ import annotations

from pathlib import Path

from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
THESIS = str(ROOT / "assumptions" / "templates" / "growth-company.yaml")


def test_one_path_is_singular(capsys):
    assert main(["attribute", THESIS, "--from", "bear", "--paths", "1", "--seed", "1"]) == 0
    head = capsys.readouterr().out.splitlines()[0]
    assert " of 1 path " in head and "1 paths" not in head
