"""``thesis run --paths 1`` runs one drawn path (another seed draws another), so neither its
help nor the README may call it deterministic: a reader would take its numbers for the central
case."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
THESIS = str(ROOT / "assumptions" / "templates" / "growth-company.yaml")


def _value(seed: str, capsys) -> float:
    assert main(["run", THESIS, "--paths", "1", "--seed", seed, "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    (row,) = [r for r in doc["returns"] if r["year"] == doc["exit_year"]]
    return float(row["value_p50"])


def test_one_path_is_a_draw_and_is_not_called_deterministic(capsys):
    assert _value("1", capsys) != _value("2", capsys)  # a draw, not the central case
    with pytest.raises(SystemExit):
        main(["run", "--help"])
    helptext = " ".join(capsys.readouterr().out.split())
    assert "1 path" in helptext and "deterministic" not in helptext
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (row,) = [line for line in readme.splitlines() if line.startswith("| `thesis run PATH")]
    assert "`--paths 1`" in row and "deterministic" not in row
