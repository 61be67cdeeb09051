"""A thesis read from standard input in a batch report gets a folder named ``stdin``.

``thesis report - other.yaml --out DIR`` wrote the piped thesis' report to ``DIR/-``, a folder
the shell reads as an option or as "the previous folder" (``cd -``, ``rm -r -``); ``thesis
report - -`` was refused with "rename one file", though standard input holds one thesis and
cannot be read twice.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from model.cli.main import main

README = Path(__file__).resolve().parents[2] / "README.md"
TINY = ["--paths", "200", "--seed", "1", "--no-progress", "--no-charts", "-q"]


def _example() -> str:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- readme-example: example.yaml -->\n```yaml\n(.*?)```", text, re.S)
    assert found is not None
    return found.group(1)


def _stdin(monkeypatch, text: str) -> None:
    data = io.BytesIO(text.encode("utf-8"))
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(data, encoding="utf-8"))


def test_the_piped_thesis_gets_a_folder_named_stdin(tmp_path: Path, monkeypatch, capsys) -> None:
    other = tmp_path / "other.yaml"
    other.write_text(_example(), encoding="utf-8")
    _stdin(monkeypatch, _example())
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "reports"
    assert main(["report", "-", str(other), *TINY, "--out", str(out)]) == 0, capsys.readouterr()
    assert sorted(p.name for p in out.iterdir()) == ["other", "stdin"]


def test_standard_input_given_twice_is_refused_as_such(tmp_path: Path, monkeypatch, capsys):
    _stdin(monkeypatch, _example())
    monkeypatch.chdir(tmp_path)
    assert main(["report", "-", "-", *TINY, "--out", str(tmp_path / "r")]) == 2
    err = capsys.readouterr().err
    assert "standard input" in err and "once" in err and "rename" not in err, err
