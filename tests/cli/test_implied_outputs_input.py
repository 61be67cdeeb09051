"""``thesis implied`` and ``thesis outputs`` read a thesis as every other command does: ``-``
for standard input, ``--allow-read DIR`` and ``--repair-correlations`` (the README's
conventions shared by the commands)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "assumptions" / "templates" / "growth-company.yaml"


def _uncertain() -> list[str]:
    from model.inputs.assembly.thesis import load_thesis

    thesis = load_thesis(EXAMPLE)
    return [n for n, a in thesis.assumptions.items() if getattr(a, "dist", None)]


def _stdin(monkeypatch, text: str) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(text.encode()), "utf-8"))


@pytest.mark.parametrize("command", [["outputs"], ["implied", "--solve-for", "SOLVE"]])
def test_reads_the_thesis_from_stdin(monkeypatch, tmp_path, capsys, command):
    argv = [a.replace("SOLVE", _uncertain()[0]) for a in command]
    assert main([argv[0], str(EXAMPLE), *argv[1:]]) == 0
    from_file = capsys.readouterr().out
    monkeypatch.chdir(EXAMPLE.parent)
    _stdin(monkeypatch, EXAMPLE.read_text(encoding="utf-8"))
    assert main([argv[0], "-", *argv[1:]]) == 0
    captured = capsys.readouterr()
    assert captured.out == from_file
    assert "standard input" in captured.err


@pytest.mark.parametrize("command", [["outputs"], ["implied", "--solve-for", "SOLVE"]])
def test_takes_the_thesis_input_options(tmp_path, capsys, command):
    a, b, c = _uncertain()[:3]
    text = EXAMPLE.read_text(encoding="utf-8") + "".join(
        f"  - {{between: [{x}, {y}], rho: {rho}, source: {{estimate: "
        f'"tied by design, for the check"}}}}\n'
        for x, y, rho in ((a, b, 0.9), (b, c, 0.9), (a, c, -0.9))
    )
    text = text.replace("  - {between", "correlations:\n  - {between", 1)
    seeds = tmp_path / "elsewhere"
    seeds.mkdir()
    thesis = tmp_path / "work" / "t.yaml"
    thesis.parent.mkdir()
    thesis.write_text(text + f"seeds_dir: '{seeds}'\n", encoding="utf-8")
    argv = [command[0], str(thesis), *(x.replace("SOLVE", a) for x in command[1:])]
    assert main(argv) == 2
    assert "outside the thesis folder tree" in capsys.readouterr().err
    assert main([*argv, "--allow-read", str(seeds)]) == 2
    assert "not a valid correlation matrix" in capsys.readouterr().err
    assert main([*argv, "--allow-read", str(seeds), "--repair-correlations"]) == 0
