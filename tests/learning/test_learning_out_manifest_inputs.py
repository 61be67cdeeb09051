"""The ``--out`` manifest of a learning command lists every file behind its tables.

``thesis update --evidence FILE``, ``attribute --from FILE`` and ``backtest`` wrote a manifest
naming the thesis file alone: a changed evidence file or older vintage gave other tables under
the same record. Each file read is now listed with its sha256, as a report's manifest lists its
own, and a file the command did not read (the previous vintage, for ``update``) is not.
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
from pathlib import Path

import pytest

from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]


def _tree(tmp_path: Path) -> Path:
    home = tmp_path / "work"
    shutil.copytree(ROOT / "assumptions", home / "assumptions")
    shutil.copytree(ROOT / "seeds", home / "seeds")
    return home / "assumptions"


def _listed(out: Path) -> dict[str, dict]:
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return {e["path"]: e for e in manifest["input_files"]}


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _run(*argv: str) -> None:
    assert main([*argv, "--paths", "300", "--seed", "1"]) == 0


@pytest.mark.filterwarnings("ignore")
def test_update_lists_the_evidence_file_given_and_not_the_previous_vintage(tmp_path):
    folder = _tree(tmp_path)
    given = tmp_path / "work" / "assumptions" / "evidence" / "q3-copy.yaml"
    shutil.copyfile(folder / "evidence" / "alibaba-2025q3.yaml", given)
    out = tmp_path / "u"
    _run("update", str(folder / "alibaba.yaml"), "--evidence", str(given), "--out", str(out))
    listed = _listed(out)
    assert listed["evidence/q3-copy.yaml"]["sha256"] == _sha(given)
    assert listed["evidence/q3-copy.yaml"]["role"] == "evidence"
    assert listed["alibaba.yaml"]["role"] == "thesis"
    assert "alibaba-2022.yaml" not in listed  # update never reads the previous vintage


@pytest.mark.filterwarnings("ignore")
def test_attribute_from_a_file_lists_the_older_vintage(tmp_path):
    folder = _tree(tmp_path)
    out = tmp_path / "a"
    older = folder / "alibaba-2022.yaml"
    _run("attribute", str(folder / "alibaba.yaml"), "--from", str(older), "--out", str(out))
    listed = _listed(out)
    assert listed["alibaba-2022.yaml"]["role"] == "previous vintage"
    assert listed["alibaba-2022.yaml"]["sha256"] == _sha(older)


@pytest.mark.filterwarnings("ignore")
def test_backtest_lists_the_realised_values_and_both_vintages(tmp_path):
    folder = _tree(tmp_path)
    out = tmp_path / "b"
    _run("backtest", str(folder / "alibaba.yaml"), "--out", str(out))
    listed = _listed(out)
    realised = "evidence/alibaba-2022-realised.yaml"
    assert listed[realised]["sha256"] == _sha(folder / realised)
    assert {"alibaba.yaml", "alibaba-2022.yaml"} <= set(listed)
    assert all(not Path(p).is_absolute() for p in listed)


@pytest.mark.filterwarnings("ignore")
def test_attribute_from_standard_input_names_it_stdin(tmp_path, monkeypatch):
    # An older vintage piped in has no file: it was listed as ``../<stdin>``, a path beside
    # the thesis folder that names no file. It is named ``<stdin>``, with the bytes piped in.
    folder = _tree(tmp_path)
    older = folder / "alibaba-2022.yaml"
    monkeypatch.chdir(folder.parent)  # a piped thesis resolves its relative paths from here
    piped = io.TextIOWrapper(io.BytesIO(older.read_bytes()), encoding="utf-8")
    monkeypatch.setattr("sys.stdin", piped)
    out = tmp_path / "s"
    _run("attribute", "assumptions/alibaba.yaml", "--from", "-", "--out", str(out))
    listed = _listed(out)
    assert not any(p.endswith("/<stdin>") for p in listed)
    assert listed["<stdin>"]["role"] == "previous vintage"
    assert listed["<stdin>"]["sha256"] == _sha(older)
