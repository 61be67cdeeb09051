"""``thesis implied --chart FILE.png --force`` replaces a chart thesis wrote, never a file of
the user's: as ``schema --out`` and ``sources --csv`` do. Without ``--force`` an existing file
is refused, and the message says how to replace a chart of thesis."""

from __future__ import annotations

from pathlib import Path

from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
JAPAN = str(ROOT / "assumptions" / "examples" / "japan-conglomerate.yaml")
ARGS = ["implied", JAPAN, "--solve-for", "holding_discount"]


def test_force_replaces_a_chart_thesis_wrote(tmp_path, capsys):
    chart = tmp_path / "implied.png"
    assert main([*ARGS, "--chart", str(chart)]) == 0
    assert main([*ARGS, "--chart", str(chart)]) == 2
    assert "--force" in capsys.readouterr().err
    assert main([*ARGS, "--chart", str(chart), "--force"]) == 0
    assert chart.read_bytes().startswith(b"\x89PNG")


def test_force_never_replaces_a_file_of_the_user(tmp_path, capsys):
    chart = tmp_path / "mine.png"
    chart.write_bytes(b"my own picture")
    assert main([*ARGS, "--chart", str(chart), "--force"]) == 2
    captured = capsys.readouterr()
    assert "thesis did not write it" in captured.err
    assert captured.out == ""  # refused before the work, not after printing the answer
    assert chart.read_bytes() == b"my own picture"


def test_a_file_of_the_user_is_refused_without_suggesting_force(tmp_path, capsys):
    # --force would be refused too: the message says why at once.
    chart = tmp_path / "mine.png"
    chart.write_bytes(b"my own picture")
    assert main([*ARGS, "--chart", str(chart)]) == 2
    err = capsys.readouterr().err
    assert "thesis did not write it" in err
    assert "--force" not in err.replace("error: --chart", "")


def test_a_folder_where_the_chart_goes_is_named_a_folder(tmp_path, capsys):
    folder = tmp_path / "charts.png"
    folder.mkdir()
    assert main([*ARGS, "--chart", str(folder), "--force"]) == 2
    err = capsys.readouterr().err
    assert "is a folder" in err
    assert "did not write" not in err and "add --force" not in err
    assert folder.is_dir() and not any(folder.iterdir())
