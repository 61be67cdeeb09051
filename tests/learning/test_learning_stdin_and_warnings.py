"""The learning commands read a thesis as every command does: ``-`` is standard input, and the
thesis' numbers that look like slips (a margin of 40 meaning 40%) are warned about."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
BANK = ROOT / "assumptions" / "examples" / "regional-bank.yaml"


def test_watch_reads_the_thesis_from_standard_input(monkeypatch, capsys):
    data = BANK.read_bytes()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    monkeypatch.chdir(BANK.parent)
    assert main(["watch", "-", "--paths", "500", "--seed", "1"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("Watch list for value_today")
    assert "thesis read from standard input" in captured.err


@pytest.mark.parametrize(
    "argv",
    [["watch", "--paths", "500"], ["attribute", "--from", "bear", "--paths", "300"]],
    ids=["watch", "attribute"],
)
def test_a_whole_percentage_in_the_thesis_is_warned(tmp_path, capsys, argv):
    # The fee ratio written as 22 (meaning 22%): a run warns at its line, and so do these.
    text = BANK.read_text(encoding="utf-8")
    slip = text.replace(
        '  fee_ratio:\n    unit: "%"\n    value: 0.22', '  fee_ratio:\n    unit: "%"\n    value: 22'
    )
    assert slip != text
    path = tmp_path / "bank.yaml"
    path.write_text(slip, encoding="utf-8")
    main([argv[0], str(path), *argv[1:], "--seed", "1"])
    err = capsys.readouterr().err
    assert "fee_ratio" in err and "0.22" in err, err
