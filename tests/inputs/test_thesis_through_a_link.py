"""A thesis file reached through a link (``ln -s ~/theses/alibaba.yaml .``) reads what it names
relative to its own folder, where its tree is: its scenario files, seeds folder, previous
vintage and evidence are found, not looked for next to the link and then refused as outside
the tree."""

from __future__ import annotations

from pathlib import Path

from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]


def test_a_linked_thesis_finds_its_scenario_files_and_vintages(tmp_path, capsys):
    link = tmp_path / "work" / "mine.yaml"
    link.parent.mkdir()
    link.symlink_to(ROOT / "assumptions" / "alibaba.yaml")
    assert main(["validate", str(link), "-q"]) == 0, capsys.readouterr().err
    assert "error" not in capsys.readouterr().err


def test_a_linked_starter_finds_its_seeds_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["init", "Linked", "--template", "segments", "--out", "t"]) == 0
    link = tmp_path / "elsewhere" / "linked.yaml"
    link.parent.mkdir()
    link.symlink_to(tmp_path / "t" / "linked.yaml")
    capsys.readouterr()
    assert main(["validate", str(link), "-q"]) == 0, capsys.readouterr().err
