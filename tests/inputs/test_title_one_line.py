"""The thesis' name and company head tables, charts and pages: one line, of sensible length."""

from __future__ import annotations

import pytest

from model.cli.main import main

NAMES = {
    "line break": ('"Acme\\nRobotics"', "must be one line of text"),
    "block": ("|\n    Acme\n    Robotics", "must be one line of text"),
    "too long": ('"' + "a" * 201 + '"', "must be at most 200 characters (got 201)"),
}


@pytest.fixture
def thesis(tmp_path):
    assert main(["init", "acme", "--out", str(tmp_path), "--template", "growth"]) == 0
    return tmp_path / "acme.yaml"


@pytest.mark.parametrize("key", ["name", "company"])
@pytest.mark.parametrize("case", sorted(NAMES))
def test_a_heading_that_is_not_one_short_line_is_refused_at_its_line(thesis, capsys, key, case):
    written, message = NAMES[case]
    text = thesis.read_text(encoding="utf-8")
    old = f'  {key}: "acme"\n'
    assert old in text
    thesis.write_text(text.replace(old, f"  {key}: {written}\n"), encoding="utf-8")
    capsys.readouterr()
    assert main(["validate", str(thesis), "-q"]) == 2
    err = capsys.readouterr().err
    line = 11 if key == "name" else 12
    assert f"acme.yaml:{line}: thesis.{key}: {message}" in err
    assert "Traceback" not in err


def test_a_name_of_200_characters_is_accepted(thesis, capsys):
    text = thesis.read_text(encoding="utf-8")
    thesis.write_text(text.replace('  name: "acme"\n', f'  name: "{"a" * 200}"\n'))
    assert main(["validate", str(thesis), "-q"]) == 0
