"""A scorecard statement with no value on the central path is refused in words that fit it: a
statement of numbers alone lists no empty set of assumptions, and an overflow is named as a
possible cause, not only a division by zero or a function outside its domain."""

from __future__ import annotations

from pathlib import Path

from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "assumptions" / "templates" / "growth-company.yaml"


def _with_statement(tmp_path: Path, statement: str) -> Path:
    text = EXAMPLE.read_text(encoding="utf-8")
    start = text.index("\nscorecard:\n")
    at = text.index("statement: ", start) + len("statement: ")
    end = text.index("\n", at)
    path = tmp_path / "t.yaml"
    path.write_text(text[:at] + f'"{statement}"' + text[end:], encoding="utf-8")
    return path


def test_an_overflow_of_numbers_alone(tmp_path, capsys):
    assert main(["validate", str(_with_statement(tmp_path, "2 ** 2 ** 2 ** 2 ** 2 > 1"))]) == 2
    message = capsys.readouterr().err
    assert "has no value on the central path" in message
    assert "value: )" not in message and "()" not in message
    assert "too large" in message
