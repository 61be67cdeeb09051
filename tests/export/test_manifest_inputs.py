"""An export's manifest traces every file the thesis load (and a report) read, not the thesis
file alone.

The manifest named the thesis file and one hash of it and its scenario files; an edited
evidence file, seed article or previous vintage gave a different report under the same record.
Each input is now listed under ``input_files`` with its own sha256, by a path relative to the thesis
file's folder.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

import model
from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]


def _tree(tmp_path: Path) -> Path:
    """A private copy of the flagship thesis tree; returns the thesis file."""
    home = tmp_path / "ana-private-work"
    shutil.copytree(ROOT / "assumptions", home / "assumptions")
    shutil.copytree(ROOT / "seeds", home / "seeds")
    return home / "assumptions" / "alibaba.yaml"


def _run_manifest(thesis: Path, out: Path, **load: object) -> dict:
    loaded = model.load_thesis(thesis, **load)
    model.simulate(loaded, n_paths=64, seed=3).export(out, charts=False)
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def _hashes(manifest: dict) -> dict[str, str]:
    return {e["path"]: e["sha256"] for e in manifest["input_files"]}


@pytest.mark.filterwarnings("ignore")
def test_an_edited_input_changes_its_own_hash_and_no_other(tmp_path):
    thesis = _tree(tmp_path)
    folder = thesis.parent
    first = _run_manifest(thesis, tmp_path / "r0")
    before = _hashes(first)
    edits = {
        "scenarios/alibaba-scenarios.yaml": b"\n# reviewed\n",
        "evidence/alibaba-2025q3.yaml": b"\n# reviewed\n",
        "../seeds/004_ee90e3727d2ffaf9.txt": b"\n",  # the article the evidence quotes
    }
    for i, (rel, extra) in enumerate(edits.items(), start=1):
        assert rel in before, rel
        path = folder / rel
        path.write_bytes(path.read_bytes() + extra)
        after = _hashes(_run_manifest(thesis, tmp_path / f"r{i}"))
        changed = {p for p in before if before[p] != after.get(p)}
        assert changed == {rel}
        # The recorded hash is that of the file's bytes, as sha256sum gives it.
        assert after[rel] == hashlib.sha256(path.read_bytes()).hexdigest()
        before = after
    # What the load never reads is not listed: the previous vintage is a report's input.
    assert "alibaba-2022.yaml" not in before
    assert first["thesis"].keys() == {"file", "file_hash", "name"}


@pytest.mark.filterwarnings("ignore")
def test_inputs_are_relative_sorted_and_the_same_on_every_export(tmp_path):
    thesis = _tree(tmp_path)
    a = _run_manifest(thesis, tmp_path / "a")
    b = _run_manifest(thesis, tmp_path / "b")
    assert a["input_files"] == b["input_files"]
    paths = [e["path"] for e in a["input_files"]]
    assert paths == sorted(paths)
    assert {"alibaba.yaml", "scenarios/alibaba-scenarios.yaml", "../seeds/INDEX.md"} <= set(paths)
    assert not any(p.startswith("/") for p in paths)
    assert str(tmp_path) not in json.dumps(a) and "ana-private-work" not in json.dumps(a)
    for entry in a["input_files"]:
        data = (thesis.parent / entry["path"]).read_bytes()
        assert entry["bytes"] == len(data)


@pytest.mark.filterwarnings("ignore")
def test_a_file_outside_the_thesis_tree_is_named_by_file_name_only(tmp_path):
    thesis = _tree(tmp_path)
    library = tmp_path / "shared-library"
    shutil.move(thesis.parents[1] / "seeds", library)
    text = thesis.read_text(encoding="utf-8")
    thesis.write_text(text.replace("\nscenario_files:", "\nseeds_dir: ../../shared-library\n"
                                   "scenario_files:", 1), encoding="utf-8")  # fmt: skip
    manifest = _run_manifest(thesis, tmp_path / "out", allow_read=[library])
    outside = [e for e in manifest["input_files"] if e.get("outside_tree")]
    assert {e["path"] for e in outside} >= {"003_c54d60cc8747594a.txt", "INDEX.md"}
    assert all("/" not in e["path"] for e in outside)
    assert str(tmp_path) not in json.dumps(manifest) and "shared-library" not in json.dumps(
        manifest
    )


@pytest.mark.filterwarnings("ignore")
def test_a_report_lists_the_previous_vintage_and_its_learning_inputs(tmp_path, capsys):
    thesis = _tree(tmp_path)
    out = tmp_path / "report"
    args = ["--paths", "200", "--seed", "1", "--no-progress", "--no-charts", "-q"]
    assert main(["report", str(thesis), "--out", str(out), *args]) == 0
    capsys.readouterr()
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    roles = {e["path"]: e["role"] for e in manifest["input_files"]}
    assert roles["alibaba.yaml"] == "thesis"
    assert roles["alibaba-2022.yaml"] == "previous vintage"
    assert roles["evidence/alibaba-2025q3.yaml"] == "evidence"
    assert roles["evidence/alibaba-2022-realised.yaml"] == "realised values"
    assert roles["../seeds/INDEX.md"] == "document index"
    assert str(tmp_path) not in json.dumps(manifest)
    # Editing the previous vintage changes its hash in the next report.
    old = thesis.parent / "alibaba-2022.yaml"
    old.write_bytes(old.read_bytes() + b"\n# reviewed\n")
    assert main(["report", str(thesis), "--out", str(out), "--force", *args]) == 0
    capsys.readouterr()
    again = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    changed = {p for p, h in _hashes(manifest).items() if _hashes(again).get(p) != h}
    assert changed == {"alibaba-2022.yaml"}


def test_a_thesis_with_no_file_behind_it_lists_no_input_files():
    from types import SimpleNamespace

    from model.results.manifest import input_files

    assert input_files(SimpleNamespace(path=None)) == []
