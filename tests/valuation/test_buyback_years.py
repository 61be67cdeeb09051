"""A buyback spent over a negative number of years is refused at its line.

``buyback_years: -3`` was taken as "all in year 1", as 0 is, without a word: a programme the
thesis spread over three years retired its shares at once.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from model.cli.main import main

README = Path(__file__).resolve().parents[2] / "README.md"
COUNT = "      shares: shares_2025\n"


def _thesis(tmp_path: Path, years: str) -> Path:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- readme-example: example.yaml -->\n```yaml\n(.*?)```", text, re.S)
    assert found is not None and COUNT in found.group(1)
    wired = f"{COUNT}      buyback: sales_2025 / 10\n      buyback_years: {years}\n"
    path = tmp_path / "t.yaml"
    path.write_text(found.group(1).replace(COUNT, wired), encoding="utf-8")
    return path


@pytest.mark.parametrize("command", ["validate", "run"])
def test_negative_buyback_years_are_an_error_at_their_line(tmp_path, capsys, command) -> None:
    path = _thesis(tmp_path, "-3")
    args = [command, str(path)] + (["--paths", "2000", "-q"] if command == "run" else [])
    assert main(args) == 2
    err = capsys.readouterr().err
    line = path.read_text(encoding="utf-8").splitlines().index("      buyback_years: -3") + 1
    assert f"t.yaml:{line}: model.blocks.count.buyback_years:" in err, err
    assert "below zero" in err and "Traceback" not in err, err


@pytest.mark.parametrize("years", ["0", "3"])
def test_zero_or_more_years_validate(tmp_path, capsys, years) -> None:
    assert main(["validate", str(_thesis(tmp_path, years))]) == 0, capsys.readouterr().err
