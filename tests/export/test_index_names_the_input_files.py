"""A report's index says that its manifest hashes every input file, not the thesis alone.

The manifest lists each file the load read under ``input_files``; the report's ``README.txt`` still
described it as holding the "thesis hash", so a reader looking for the hash of an evidence file or
a seed article was told it is not there.
"""

from __future__ import annotations

import json
from pathlib import Path

from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]


def test_the_index_line_of_the_manifest_names_the_input_files(tmp_path):
    out = tmp_path / "r"
    thesis = ROOT / "assumptions" / "examples" / "saas-subscription.yaml"
    assert (
        main(["report", str(thesis), "--paths", "500", "--seed", "5", "--out", str(out), "-q"]) == 0
    )
    lines = (out / "README.txt").read_text(encoding="utf-8").splitlines()
    at = lines.index("  manifest.json")
    text = lines[at + 1].strip()
    assert "input file" in text
    assert "thesis hash" not in text
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["input_files"]) > 1  # what the line promises is there
