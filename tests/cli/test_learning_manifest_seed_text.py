"""A learning command's ``--out`` manifest records its seed as ``seed_entropy`` text, as every
other manifest does. It held the seed only as a JSON number, which readers that keep numbers
as doubles (jq, JavaScript, many pipelines) round once it passes 2**53, as a drawn 128-bit
seed always does, so the run could not be repeated from the manifest."""

from __future__ import annotations

import json
from pathlib import Path

from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2] / "assumptions"
ALIBABA = str(ROOT / "alibaba.yaml")
BIG_SEED = 2**100 + 7  # past 2**53: a double cannot hold it


def test_learning_manifest_holds_the_exact_seed_as_text(tmp_path: Path) -> None:
    out = tmp_path / "bt"
    args = ["backtest", ALIBABA, "--paths", "200", "--seed", str(BIG_SEED), "--out", str(out)]
    assert main(args) == 0
    manifest = json.loads((out / "manifest.json").read_text(), parse_int=float)
    # Read as a double-only reader would: the text survives, the number does not.
    assert manifest["seed_entropy"] == str(BIG_SEED)
    assert manifest["seed_spawn_key"] == []
    assert int(manifest["seed_entropy"]) == BIG_SEED
