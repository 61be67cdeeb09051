"""A seed document that is a link inside the thesis tree is listed in the manifest by the name
the thesis cites, not by the file the link leads to.

The thesis quotes ``seeds/004_....txt``; when that name was a link to
``seeds/archive/004_....txt`` the manifest listed the archive path, a file the thesis never
names, and dropped the name it does.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

import model

ROOT = Path(__file__).resolve().parents[2]
DOC = "004_ee90e3727d2ffaf9.txt"  # quoted by the evidence file


@pytest.mark.filterwarnings("ignore")
def test_a_linked_seed_document_is_listed_by_the_name_the_thesis_cites(tmp_path):
    home = tmp_path / "work"
    shutil.copytree(ROOT / "assumptions", home / "assumptions")
    shutil.copytree(ROOT / "seeds", home / "seeds")
    seeds = home / "seeds"
    (seeds / "archive").mkdir()
    (seeds / DOC).rename(seeds / "archive" / DOC)
    (seeds / DOC).symlink_to(Path("archive") / DOC)
    thesis = model.load_thesis(home / "assumptions" / "alibaba.yaml")
    out = tmp_path / "out"
    model.simulate(thesis, n_paths=16, seed=3).export(out, charts=False)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    listed = {e["path"]: e for e in manifest["input_files"]}
    entry = listed[f"../seeds/{DOC}"]
    assert f"../seeds/archive/{DOC}" not in listed
    content = (seeds / "archive" / DOC).read_bytes()
    assert entry["sha256"] == hashlib.sha256(content).hexdigest()
    assert entry["bytes"] == len(content)
    assert "outside_tree" not in entry


@pytest.mark.filterwarnings("ignore")
def test_an_index_leading_out_of_the_tree_is_neither_read_nor_listed(tmp_path):
    # The load does not read such an index (it warns and names documents by file); the
    # manifest hashed and listed the file the link leads to, a file of this machine.
    home = tmp_path / "work"
    shutil.copytree(ROOT / "assumptions", home / "assumptions")
    shutil.copytree(ROOT / "seeds", home / "seeds")
    private = tmp_path / "private.txt"
    private.write_text("not part of the thesis\n", encoding="utf-8")
    index = home / "seeds" / "INDEX.md"
    index.unlink()
    index.symlink_to(private)
    thesis = model.load_thesis(home / "assumptions" / "alibaba.yaml")
    out = tmp_path / "out"
    model.simulate(thesis, n_paths=16, seed=3).export(out, charts=False)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    roles = {e["role"] for e in manifest["input_files"]}
    assert "document index" not in roles
    secret = hashlib.sha256(private.read_bytes()).hexdigest()
    assert all(e["sha256"] != secret for e in manifest["input_files"])
    assert "seed document" in roles  # the documents themselves are still listed
