"""``thesis schema --out`` over a file thesis did not write says so, not "add --force".

``--force`` replaces only a schema file thesis wrote (and nobody changed since), so suggesting
it for someone else's file led to a second refusal.
"""

from __future__ import annotations

from pathlib import Path

from model.cli.main import main


def test_a_file_of_yours_is_refused_without_suggesting_force(tmp_path: Path, capsys) -> None:
    mine = tmp_path / "my.json"
    mine.write_text("mine\n")
    assert main(["schema", "--out", str(mine)]) == 2
    err = capsys.readouterr().err
    assert "thesis did not write it" in err and "--force" not in err, err
    assert mine.read_text() == "mine\n"


def test_a_schema_thesis_wrote_suggests_force_and_force_replaces_it(tmp_path, capsys) -> None:
    target = tmp_path / "s.json"
    assert main(["schema", "--out", str(target)]) == 0
    assert main(["schema", "--out", str(target)]) == 2
    assert "add --force to replace it" in capsys.readouterr().err
    assert main(["schema", "--out", str(target), "--force"]) == 0
