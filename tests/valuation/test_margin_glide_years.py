"""A margin glide over a negative number of years is refused at its line.

``years: -2`` (a stray minus, or a start year subtracted the wrong way) was taken as "the
target from year 1", as ``years: 0`` is, without a word: a glide the thesis meant to last two
years jumped to its target at once.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from model.cli.main import main

README = Path(__file__).resolve().parents[2] / "README.md"


def _thesis(tmp_path: Path, years: str) -> Path:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- readme-example: example.yaml -->\n```yaml\n(.*?)```", text, re.S)
    assert found is not None
    assert "      years: 3\n" in found.group(1)
    path = tmp_path / "t.yaml"
    path.write_text(found.group(1).replace("      years: 3\n", f"      years: {years}\n"))
    return path


@pytest.mark.parametrize("command", ["validate", "run"])
@pytest.mark.parametrize("years", ["-2", "-0.5"])
def test_negative_years_are_an_error_at_their_line(tmp_path, capsys, command, years) -> None:
    path = _thesis(tmp_path, years)
    args = [command, str(path)] + (["--paths", "2000", "-q"] if command == "run" else [])
    assert main(args) == 2
    err = capsys.readouterr().err
    line = path.read_text(encoding="utf-8").splitlines().index(f"      years: {years}") + 1
    assert f"t.yaml:{line}: model.blocks.margin.years:" in err, err
    assert "below zero" in err and "Traceback" not in err, err


@pytest.mark.parametrize("years", ["0", "1", "2.5"])
def test_zero_or_more_years_run(tmp_path, capsys, years) -> None:
    assert main(["validate", str(_thesis(tmp_path, years))]) == 0, capsys.readouterr().err
