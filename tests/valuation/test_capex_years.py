"""A capital-spending programme or an existing asset life of negative years is refused at its
line.

``programme_years: -2`` ran the maintenance rate from year 0 and ``existing_life: -2`` dropped
the existing charge at once, both without a word: a stray minus in a number of years.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from model.cli.main import main

README = Path(__file__).resolve().parents[2] / "README.md"
ANCHOR = "    count:                               # the line 'shares' (role shares)\n"
BLOCKS = {
    "programme_years": (
        "    capex:\n      type: capex_schedule\n      programme: 0.1 * sales\n"
        "      programme_years: {years}\n      maintenance: 0.03 * sales\n      life: 5\n"
    ),
    "existing_life": (
        "    capex:\n      type: capex_schedule\n      capex: 0.04 * sales\n      life: 5\n"
        "      existing_depreciation: 0.02 * sales_2025\n      existing_life: {years}\n"
    ),
}


def _thesis(tmp_path: Path, key: str, years: str) -> Path:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- readme-example: example.yaml -->\n```yaml\n(.*?)```", text, re.S)
    assert found is not None and ANCHOR in found.group(1)
    body = found.group(1).replace(ANCHOR, BLOCKS[key].format(years=years) + ANCHOR)
    path = tmp_path / "t.yaml"
    path.write_text(body, encoding="utf-8")
    return path


@pytest.mark.parametrize("key", list(BLOCKS))
def test_negative_years_are_an_error_at_their_line(tmp_path, capsys, key) -> None:
    path = _thesis(tmp_path, key, "-2")
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    line = path.read_text(encoding="utf-8").splitlines().index(f"      {key}: -2") + 1
    assert f"t.yaml:{line}: model.blocks.capex.{key}:" in err, err
    assert "below zero" in err and "Traceback" not in err, err


@pytest.mark.parametrize("key", list(BLOCKS))
@pytest.mark.parametrize("years", ["0", "3"])
def test_zero_or_more_years_validate(tmp_path, capsys, key, years) -> None:
    assert main(["validate", str(_thesis(tmp_path, key, years))]) == 0, capsys.readouterr().err
