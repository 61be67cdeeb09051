"""``--json`` with ``--out``: stdout holds the JSON document and nothing else.

The line naming the folder written goes to stderr then, as notes do, so that the output can be
piped into a JSON reader.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
BANK = str(ROOT / "assumptions" / "examples" / "regional-bank.yaml")


@pytest.mark.parametrize(
    "argv",
    [["watch", BANK, "--paths", "500"], ["attribute", BANK, "--from", "bear", "--paths", "300"]],
    ids=["watch", "attribute"],
)
def test_stdout_is_json_only(tmp_path, capsys, argv):
    out = tmp_path / "out"
    assert main([*argv, "--seed", "1", "--json", "--out", str(out)]) == 0
    captured = capsys.readouterr()
    doc = json.loads(captured.out)
    assert doc["kind"] == argv[0] and doc["written"] == str(out)
    assert f"wrote {out}" in captured.err and (out / "manifest.json").is_file()
