"""A single-file output (``schema --out``, ``sources --csv``) in a folder that does not exist
is bad input (exit 2) naming the folder; nothing is created."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
THESIS = str(ROOT / "assumptions" / "alibaba.yaml")


@pytest.mark.parametrize(
    "argv",
    [
        ["schema", "--out", "{missing}/schema.json"],
        ["sources", THESIS, "--csv", "{missing}/sources.csv"],
        ["outputs", THESIS, "--csv", "{missing}/outputs.csv"],
    ],
)
def test_a_file_in_a_missing_folder_is_bad_input(argv, tmp_path, capsys):
    missing = tmp_path / "no-such-folder"
    code = main([a.format(missing=missing) for a in argv])
    err = capsys.readouterr().err
    assert code == 2
    assert f"there is no folder {missing}" in err and "Traceback" not in err
    assert not missing.exists()
