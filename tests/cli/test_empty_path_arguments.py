"""An empty file or folder argument (``--out ""``, a PATH of ``""``, say from an unset shell
variable) is refused as bad input, not read as the current folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
THESIS = str(ROOT / "assumptions" / "alibaba.yaml")


@pytest.mark.parametrize(
    "argv",
    [
        ["run", ""],
        ["validate", " "],
        ["report", THESIS, "--out", ""],
        ["run", THESIS, "--out", ""],
        ["sources", THESIS, "--csv", ""],
        ["outputs", THESIS, "--csv", ""],
        ["schema", "--out", ""],
        ["init", "Acme", "--out", ""],
        ["implied", THESIS, "--solve-for", "wacc", "--chart", ""],
        ["update", THESIS, "--evidence", ""],
        ["backtest", THESIS, "--realised", ""],
        ["attribute", THESIS, "--from", ""],
    ],
)
def test_an_empty_path_is_refused(argv, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2
    captured = capsys.readouterr()
    assert "empty" in captured.err and "Traceback" not in captured.err
    assert captured.out == "" and list(tmp_path.iterdir()) == []
