"""An output path that runs through a file is bad input (exit 2), refused before any run,
naming the file; the file is left as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
THESIS = str(ROOT / "assumptions" / "templates" / "growth-company.yaml")
FAST = ["--paths", "1000", "--seed", "1", "--no-progress", "-q"]


@pytest.mark.parametrize(
    "argv",
    [
        ["run", THESIS, *FAST, "--out", "{out}"],
        ["compare", THESIS, *FAST, "--out", "{out}"],
        ["report", THESIS, "--seed", "1", "-q", "--out", "{out}"],
        [
            "report",
            THESIS,
            THESIS.replace("growth-company", "binary-event"),
            "-q",
            "--out",
            "{out}",
        ],
        ["watch", THESIS, "--paths", "1000", "--out", "{out}"],
        ["sources", THESIS, "--csv", "{out}"],
        ["schema", "--out", "{out}"],
    ],
    ids=["run", "compare", "report", "report-many", "watch", "sources", "schema"],
)
def test_out_below_a_file_is_bad_input(tmp_path: Path, capsys, argv: list[str]) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("mine\n", encoding="utf-8")
    out = str(blocker / "sub" / "x")
    code = main([a.replace("{out}", out) for a in argv])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "notes.txt is a file, not a folder" in err, err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert blocker.read_text(encoding="utf-8") == "mine\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
