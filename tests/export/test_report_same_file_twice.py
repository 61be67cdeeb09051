"""``thesis report A.yaml A.yaml``: the same file given twice is called that, not a clash of two
theses' folder names to settle by renaming one file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
TINY = ["--paths", "200", "--seed", "7", "--no-progress", "--no-charts"]


def _report(args: list[str], out: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["report", *args, *TINY, "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    assert not out.exists()
    return err


def test_same_path_twice_is_said_to_be_given_twice(tmp_path, capsys) -> None:
    thesis = str(ROOT / "assumptions" / "alibaba.yaml")
    err = _report([thesis, thesis], tmp_path / "out", capsys)
    assert "given twice" in err and "alibaba.yaml" in err, err
    assert "rename" not in err and "share the report folder" not in err, err


def test_one_file_under_two_spellings_is_given_twice(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    other = os.path.join("assumptions", "..", "assumptions", "alibaba.yaml")
    err = _report(["assumptions/alibaba.yaml", other], tmp_path / "out", capsys)
    assert "given twice" in err and other in err, err
    assert "rename" not in err, err


def test_two_files_of_one_name_still_share_the_folder(tmp_path, capsys) -> None:
    (tmp_path / "b").mkdir()
    copy = tmp_path / "b" / "alibaba.yaml"
    copy.write_text((ROOT / "assumptions" / "alibaba.yaml").read_text("utf-8"), "utf-8")
    thesis = str(ROOT / "assumptions" / "alibaba.yaml")
    err = _report([thesis, str(copy)], tmp_path / "out", capsys)
    assert "share the report folder" in err and "rename one file" in err, err
