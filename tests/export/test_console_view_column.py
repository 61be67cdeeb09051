"""The scenario table shows a view column only when a scenario has a view.

A thesis without views (every example but the flagship) printed a "view" column of dashes in
every row of its summary: a column about a feature the thesis does not use.
"""

from __future__ import annotations

from pathlib import Path

from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
BANK = ROOT / "assumptions" / "examples" / "regional-bank.yaml"


def _heading(out: str) -> str:
    return next(x for x in out.splitlines() if x.strip().startswith("scenario "))


def test_no_view_column_without_views(capsys):
    args = ["--paths", "500", "--seed", "1", "--no-progress"]
    assert main(["compare", str(BANK), *args]) == 0
    out = capsys.readouterr().out
    heading = _heading(out)
    assert " view " not in heading and "P(up)" in heading, out
    assert "—" not in next(x for x in out.splitlines() if x.strip().startswith("base ")), out
