"""``thesis attribute --from OLD``: an OLD without an extension or a folder part names a file when
such a file exists and the thesis has no scenario of that name."""

from __future__ import annotations

import shutil
from pathlib import Path

from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
NEW = str(ROOT / "assumptions" / "alibaba.yaml")
FAST = ["--paths", "200", "--seed", "1"]


def test_a_bare_file_name_is_read_as_the_older_vintage(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(ROOT / "assumptions", tmp_path / "assumptions")
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copy(tmp_path / "assumptions" / "alibaba-2022.yaml", tmp_path / "assumptions" / "old")
    monkeypatch.chdir(tmp_path / "assumptions")
    assert main(["attribute", NEW, "--from", "old", *FAST]) == 0
    assert "Attribution of" in capsys.readouterr().out


def test_a_bare_folder_name_is_refused_as_a_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "vintages").mkdir()
    assert main(["attribute", NEW, "--from", "vintages", *FAST]) == 2
    err = capsys.readouterr().err
    assert "vintages is a folder, not a thesis file" in err and "Traceback" not in err


def test_a_scenario_name_still_wins(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bear").mkdir()  # a folder of that name does not hide the scenario
    assert main(["attribute", NEW, "--from", "bear", *FAST]) == 0
    capsys.readouterr()
