"""Theses whose names differ only in case would share one report folder on macOS or Windows.

``thesis report Acme.yaml acme.yaml --out DIR`` wrote ``DIR/Acme`` and ``DIR/acme``: one
folder on a case-insensitive file system (the default on macOS and Windows), so the second
report replaced the first, or the run failed on its own lock, after both had been simulated.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from model.cli.main import main

README = Path(__file__).resolve().parents[2] / "README.md"


def _example() -> str:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- readme-example: example.yaml -->\n```yaml\n(.*?)```", text, re.S)
    assert found is not None
    return found.group(1)


def test_names_differing_in_case_are_refused_before_running(tmp_path: Path, capsys) -> None:
    first, second = tmp_path / "a" / "Acme.yaml", tmp_path / "b" / "acme.yaml"
    for path in (first, second):
        path.parent.mkdir()
        path.write_text(_example(), encoding="utf-8")
    out = tmp_path / "reports"
    argv = ["report", str(first), str(second), "--paths", "200", "--seed", "1", "--no-charts"]
    assert main([*argv, "--no-progress", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "share the report folder" in err and "ignore case" in err, err
    assert not out.exists()


def test_names_differing_in_unicode_form_are_refused(tmp_path: Path, capsys) -> None:
    # "Société" typed (composed) and as macOS stores it (decomposed): one folder there.
    composed = unicodedata.normalize("NFC", "Société")
    decomposed = unicodedata.normalize("NFD", "Société")
    assert composed != decomposed
    first, second = tmp_path / "a" / f"{composed}.yaml", tmp_path / "b" / f"{decomposed}.yaml"
    for path in (first, second):
        path.parent.mkdir()
        path.write_text(_example(), encoding="utf-8")
    argv = ["report", str(first), str(second), "--paths", "200", "--seed", "1", "--no-charts"]
    assert main([*argv, "--no-progress", "--out", str(tmp_path / "reports")]) == 2
    assert "share the report folder" in capsys.readouterr().err
