"""thesis init --out naming a file (or a folder under a file) is bad input, and the file stays."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.cli.main import main


@pytest.mark.parametrize("under", ["", "sub"])
@pytest.mark.parametrize("template", ["growth", "segments"])
def test_init_out_that_is_a_file(tmp_path: Path, capsys, under: str, template: str) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("mine\n", encoding="utf-8")
    out = blocker / under if under else blocker
    code = main(["init", "Acme", "--out", str(out), "--template", template])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "is a file, not a folder" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert blocker.read_text(encoding="utf-8") == "mine\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
