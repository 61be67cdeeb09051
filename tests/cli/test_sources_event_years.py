"""``thesis sources`` says the years an event is limited to.

An event with ``years: [2027, 2028]`` was listed as "30% a year", as if it could happen in any
model year; the years are named as the thesis names them (FY2028 for a June year end).
"""

from __future__ import annotations

from pathlib import Path

from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
MINER = ROOT / "assumptions" / "examples" / "copper-miner.yaml"


def test_event_years_are_listed(tmp_path: Path, monkeypatch, capsys) -> None:
    text = MINER.read_text(encoding="utf-8")
    assert "    repeatable: false\n" in text
    path = tmp_path / "miner.yaml"
    path.write_text(
        text.replace(
            "    repeatable: false\n", "    repeatable: false\n    years: [2028, 2029]\n", 1
        ),
        encoding="utf-8",
    )
    monkeypatch.setenv("COLUMNS", "200")
    assert main(["sources", str(path)]) == 0
    row = next(line for line in capsys.readouterr().out.splitlines() if "mine_outage" in line)
    # Years that end on 30 June: fiscal years, named as the rest of the output names them.
    assert "a year in FY2028, FY2029 only" in row
