"""A thesis name is one line of plain text, whatever the line break.

The name heads console tables, chart titles and report pages. Only ``\\n`` and ``\\r`` were
refused, so ``U+2028``, ``U+0085`` and the other characters that consoles, pages and
``str.splitlines`` break lines at went through, as did the direction controls that make a
heading read otherwise than it is written.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from model.cli.main import main
from model.inputs.scalars import one_line_problem


@pytest.fixture()
def thesis(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> Path:
    monkeypatch.chdir(tmp_path)
    assert main(["init", "Title Co", "--out", "t"]) == 0
    capsys.readouterr()
    return next((tmp_path / "t").glob("*.yaml"))


@pytest.mark.parametrize(
    ("escape", "expected"),
    [
        ("\\u2028", "line break"),
        ("\\u2029", "line break"),
        ("\\x85", "line break"),
        ("\\n", "line break"),
        ("\\u202e", "U+202E"),
        ("\\u2067", "U+2067"),
    ],
)
def test_a_name_that_is_not_one_line_is_refused(thesis: Path, capsys, escape, expected) -> None:
    text = thesis.read_text(encoding="utf-8")
    name_line = next(line for line in text.splitlines() if line.strip().startswith("name:"))
    text = text.replace(name_line, f'  name: "Title{escape}Second"', 1)
    thesis.write_text(text, encoding="utf-8")
    assert main(["validate", str(thesis)]) == 2
    err = capsys.readouterr().err
    assert "thesis.name: must be one line of text" in err and expected in err, err


def test_every_line_break_python_knows_is_one() -> None:
    # The YAML reader already refuses the control characters among them (\v, \f, \x1c..):
    # the check itself still knows them, for a name given from Python.
    for brk in "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029":
        assert one_line_problem(f"Title{brk}Second") == "got a line break", repr(brk)


def test_names_in_any_script_stay_one_line() -> None:
    for name in (
        "Nidec 日本電産",
        "Société Générale",
        "שטראוס",
        "삼성전자",
        "A\u200fB",
        "  Acme  ",
    ):
        assert one_line_problem(name) is None, name


def test_init_refuses_a_name_with_a_unicode_line_break(tmp_path: Path, capsys) -> None:
    out = tmp_path / "x"
    assert main(["init", "Title\u2028Second", "--out", str(out)]) == 2
    assert "one line of text" in capsys.readouterr().err
    assert not out.exists()
