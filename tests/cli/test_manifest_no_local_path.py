"""A shared export folder names its thesis by file name and hash, never by where it lives."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from model.cli.main import main
from model.results.manifest import thesis_info

ROOT = Path(__file__).resolve().parents[2]


def _private_copy(tmp_path: Path) -> Path:
    """The flagship thesis and its seed documents under a directory only this author has."""
    home = tmp_path / "ana-private-work"
    shutil.copytree(ROOT / "assumptions", home / "assumptions")
    shutil.copytree(ROOT / "seeds", home / "seeds")
    return home / "assumptions" / "alibaba.yaml"


def test_thesis_info_names_the_file_not_its_folder(tmp_path):
    from model.inputs import load_thesis

    path = _private_copy(tmp_path)
    info = thesis_info(load_thesis(path))
    assert info["file"] == "alibaba.yaml"
    # The hash (of the thesis and its scenario files) identifies the content wherever it lives.
    assert info["file_hash"] == load_thesis(ROOT / "assumptions" / "alibaba.yaml").file_hash
    assert len(info["file_hash"]) == 64
    assert str(tmp_path) not in json.dumps(info)


def test_run_and_sensitivity_manifests_hold_no_local_path(tmp_path, capsys):
    path = _private_copy(tmp_path)
    fast = ["--seed", "4", "--no-progress"]
    run_out, sens_out = tmp_path / "shared-run", tmp_path / "shared-sens"
    run = ["run", str(path), "--paths", "200", *fast, "--out", str(run_out), "--no-charts"]
    assert main(run) == 0
    assert main(["sensitivity", str(path), *fast, "--out", str(sens_out)]) == 0
    for folder in (run_out, sens_out):
        text = (folder / "manifest.json").read_text(encoding="utf-8")
        assert str(tmp_path) not in text and "ana-private-work" not in text
        assert json.loads(text)["thesis"]["file"] == "alibaba.yaml"
    # The toolkit still recognises the folder as its own: --force replaces it.
    assert main([*run, "--force"]) == 0
    capsys.readouterr()
