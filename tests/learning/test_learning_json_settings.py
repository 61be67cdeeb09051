"""``--json`` of update, attribute, watch and backtest: one document like ``run --json``'s,
with the run's settings and seed, so a script can repeat or check the figures it reads.

The settings block is the one ``thesis run --json`` prints for the same run (the same thesis,
paths and seed), key for key; the tables follow under the names of their CSV files in
``--out``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
BANK = str(ROOT / "assumptions" / "examples" / "regional-bank.yaml")
ALIBABA = str(ROOT / "assumptions" / "alibaba.yaml")
OLD = str(ROOT / "assumptions" / "alibaba-2022.yaml")
EVIDENCE = str(ROOT / "assumptions" / "evidence" / "alibaba-2025q3.yaml")


def _json(capsys: pytest.CaptureFixture[str], argv: list[str]) -> dict:
    assert main([*argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize(
    ("argv", "ran", "kind", "tables"),
    [
        (["watch", BANK, "--paths", "400", "--seed", "7"], BANK, "watch",
         ("watch", "watch_outcomes")),
        (["attribute", BANK, "--from", "bear", "--paths", "300", "--seed", "7"], BANK,
         "attribute", ("attribution", "groups")),
        (["backtest", ALIBABA, "--paths", "400", "--seed", "7"], OLD, "backtest",
         ("backtest",)),
        (["update", ALIBABA, "--evidence", EVIDENCE, "--paths", "400", "--seed", "7",
          "--min-ess", "10"], ALIBABA, "update", ("prior_posterior", "evidence")),
    ],
    ids=["watch", "attribute", "backtest", "update"],
)  # fmt: skip
def test_learning_json_carries_the_run_settings_and_seed(capsys, argv, ran, kind, tables):
    doc = _json(capsys, argv)
    paths = argv[argv.index("--paths") + 1]
    run = _json(capsys, ["run", ran, "--paths", paths, "--seed", "7"])
    assert doc["format"] == run["format"] and doc["kind"] == kind
    # The thesis run: for a backtest, the older vintage the newer one names.
    assert doc["thesis"]["file"].endswith(Path(ran).name) and doc["thesis"]["name"]
    assert doc["settings"] == run["settings"]
    assert doc["settings"]["seed_entropy"] == 7 and doc["settings"]["n_paths"] == int(paths)
    for name in tables:
        assert isinstance(doc[name], list) and doc[name], name
    assert doc["written"] is None


def test_the_folder_written_is_named_in_the_document(tmp_path, capsys):
    out = tmp_path / "w"
    doc = _json(capsys, ["watch", BANK, "--paths", "300", "--seed", "1", "--out", str(out)])
    assert doc["written"] == str(out) and (out / "manifest.json").is_file()
