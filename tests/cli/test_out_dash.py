"""``--out -`` is refused as bad input (exit 2): ``-`` means standard input or output on this
command line, and no folder named ``-`` is created."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
THESIS = str(ROOT / "assumptions" / "templates" / "growth-company.yaml")


@pytest.mark.parametrize(
    "argv",
    [
        ["run", THESIS],
        ["compare", THESIS],
        ["sensitivity", THESIS],
        ["report", THESIS],
        ["report", THESIS, THESIS.replace("growth-company", "binary-event")],
        ["update", THESIS],
        ["attribute", THESIS, "--from", "bear"],
        ["watch", THESIS],
        ["backtest", THESIS],
        ["init", "Acme Robotics"],
    ],
    ids=lambda argv: "-".join(a for a in argv[:3] if not a.startswith("/")),
)
def test_out_dash_is_bad_input(tmp_path: Path, monkeypatch, capsys, argv: list[str]) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exc:
        main([*argv, "--out", "-"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "argument --out: '-' (standard output) cannot take a folder of files" in err
    assert list(tmp_path.iterdir()) == []


def test_a_folder_called_dash_can_still_be_named(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["init", "Acme Robotics", "--out", "./-"]) == 0
    assert [p.name for p in (tmp_path / "-").iterdir()] == ["acme-robotics.yaml"]
