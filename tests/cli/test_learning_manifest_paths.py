"""``update --resimulate`` draws more paths when too few carry the evidence's weight; its
``--out`` manifest gave ``n_paths`` as the ``--paths`` asked for, not the paths behind the
tables it lists (which ``--json`` gives as ``settings.n_paths``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2] / "assumptions"
ALIBABA = str(ROOT / "alibaba.yaml")
EVIDENCE = str(ROOT / "evidence" / "alibaba-2025q3.yaml")


def test_resimulated_update_manifest_counts_the_paths_used(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "upd"
    args = ["update", ALIBABA, "--evidence", EVIDENCE, "--paths", "200", "--min-ess", "400"]
    args += ["--resimulate", "--seed", "3", "--json", "--out", str(out)]
    assert main(args) == 0
    used = json.loads(capsys.readouterr().out)["settings"]["n_paths"]
    assert used > 200  # resimulated: the premise of the test
    assert json.loads((out / "manifest.json").read_text())["n_paths"] == used
