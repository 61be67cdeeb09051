"""An implied value of a pure number (unit ``1``) is printed without a stray "1" as its unit.

``thesis implied`` on the event starter's ``licensed`` flag printed "licensed = 0.6845 1",
"at 0 1" and "range searched 0 1 .. 1 1": the unit ``1`` written after each figure.
"""

from __future__ import annotations

from pathlib import Path

from model.cli.main import main


def test_a_pure_number_has_no_unit_after_it(tmp_path: Path, capsys) -> None:
    assert main(["init", "Helix Bio", "--template", "event", "--out", str(tmp_path)]) == 0
    path = tmp_path / "helix-bio.yaml"
    assert 'licensed:\n    unit: "1"\n' in path.read_text(encoding="utf-8")
    capsys.readouterr()
    argv = ["implied", str(path), "--solve-for", "licensed", "--bounds", "0", "1"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "licensed = 0." in out, out
    for text in (" 1 (", " 0 1", " 1 1", "1 .. "):
        assert text not in out, (text, out)
    searched = next(line for line in out.splitlines() if "range searched" in line)
    assert searched.split()[-3:] == ["0", "..", "1"], searched
