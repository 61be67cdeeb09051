"""``thesis report A B --out DIR -q`` prints nothing on success, as one thesis does."""

from __future__ import annotations

from pathlib import Path

from model.cli.main import main

TEMPLATES = Path(__file__).resolve().parents[2] / "assumptions" / "templates"


def test_several_reports_are_quiet_with_q(tmp_path, capsys):
    paths = [str(TEMPLATES / "growth-company.yaml"), str(TEMPLATES / "binary-event.yaml")]
    args = ["report", *paths, "--out", str(tmp_path / "out"), "--paths", "2000", "--seed", "1"]
    assert main([*args, "--no-charts", "-q"]) == 0
    assert capsys.readouterr().out == ""
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "binary-event",
        "growth-company",
    ]
