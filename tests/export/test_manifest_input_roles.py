"""A file read in two roles is listed once in a manifest's input files, with both roles.

One facts file may serve as a thesis' ``evidence_file`` and its ``realised_file``; the manifest
listed it once under the first role read, ``evidence``, so nothing said the realised values
came from it too.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

import model
from model.results.manifest import ROLE_SEPARATOR

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.filterwarnings("ignore")
def test_one_facts_file_for_evidence_and_realised_values_is_listed_once_with_both(tmp_path):
    home = tmp_path / "work"
    shutil.copytree(ROOT / "assumptions", home / "assumptions")
    shutil.copytree(ROOT / "seeds", home / "seeds")
    facts = home / "assumptions" / "evidence"
    evidence = (facts / "alibaba-2025q3.yaml").read_text(encoding="utf-8")
    realised = (facts / "alibaba-2022-realised.yaml").read_text(encoding="utf-8")
    both = facts / "facts.yaml"
    both.write_text(evidence + "realised:" + realised.split("realised:", 1)[1], encoding="utf-8")
    thesis = home / "assumptions" / "alibaba.yaml"
    text = thesis.read_text(encoding="utf-8")
    for old in ("evidence/alibaba-2025q3.yaml", "evidence/alibaba-2022-realised.yaml"):
        assert f"_file: {old}" in text
        text = text.replace(f"_file: {old}", "_file: evidence/facts.yaml")
    thesis.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    model.simulate(model.load_thesis(thesis), n_paths=16, seed=3).export(out, charts=False)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    entries = [e for e in manifest["input_files"] if e["path"] == "evidence/facts.yaml"]
    assert len(entries) == 1
    assert entries[0]["role"].split(ROLE_SEPARATOR) == ["evidence", "realised values"]
    assert entries[0]["sha256"] == hashlib.sha256(both.read_bytes()).hexdigest()
