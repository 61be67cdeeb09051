"""The README's account of ``input_files`` names the learning commands whose ``--out`` manifest
lists them, as ``thesis update``, ``attribute``, ``watch`` and ``backtest`` do.

It named the manifests of ``report``, ``run``, ``compare``, ``sensitivity`` and
``result.export`` alone, so a reader could not tell that a learning command's manifest records
the evidence, realised values or older vintage behind its tables.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]


def _sentence() -> str:
    text = " ".join(ROOT.joinpath("README.md").read_text(encoding="utf-8").split())
    start = text.index("The manifests of `thesis report`")
    return text[start : text.index("An edited input thus shows", start)]


@pytest.mark.filterwarnings("ignore")
def test_the_readme_names_the_learning_commands_whose_manifest_lists_input_files(tmp_path):
    home = tmp_path / "work"
    shutil.copytree(ROOT / "assumptions", home / "assumptions")
    shutil.copytree(ROOT / "seeds", home / "seeds")
    out = tmp_path / "w"
    argv = ["watch", str(home / "assumptions" / "alibaba.yaml"), "--out", str(out)]
    assert main([*argv, "--paths", "300", "--seed", "1"]) == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert any(e["role"] == "thesis" for e in manifest["input_files"])
    sentence = _sentence()
    for command in ("update", "attribute", "watch", "backtest"):
        assert f"`{command}`" in sentence, command
    assert "`--evidence`" in sentence and "`<stdin>`" in sentence
