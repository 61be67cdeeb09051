"""``thesis implied --chart`` in a folder that does not exist is bad input (exit 2) naming the
folder, refused before the work, with nothing created: as for every single-file output."""

from __future__ import annotations

from pathlib import Path

from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
THESIS = str(ROOT / "assumptions" / "templates" / "growth-company.yaml")


def _solve_for() -> str:
    from model.inputs.assembly.thesis import load_thesis

    thesis = load_thesis(THESIS)
    return next(n for n, a in thesis.assumptions.items() if getattr(a, "dist", None))


def test_a_chart_in_a_missing_folder_is_bad_input(tmp_path, capsys):
    missing = tmp_path / "no-such-folder"
    chart = missing / "implied.png"
    code = main(["implied", THESIS, "--solve-for", _solve_for(), "--chart", str(chart)])
    captured = capsys.readouterr()
    assert code == 2
    assert f"there is no folder {missing}" in captured.err and "Traceback" not in captured.err
    assert captured.out == ""  # refused before the work
    assert not missing.exists()


def test_a_chart_below_a_file_is_bad_input(tmp_path, capsys):
    a_file = tmp_path / "notes.txt"
    a_file.write_text("mine\n", encoding="utf-8")
    code = main(["implied", THESIS, "--solve-for", _solve_for(), "--chart", str(a_file / "x.png")])
    captured = capsys.readouterr()
    assert code == 2 and captured.out == ""
    assert a_file.read_text(encoding="utf-8") == "mine\n"
