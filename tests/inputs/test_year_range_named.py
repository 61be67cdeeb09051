"""A year outside the range a thesis may name is refused with that range, not with "expected a
year such as 2025" (2500 is a year too, and the message gave no hint of the limits)."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.cli.main import main
from model.inputs.scalars import FIRST_YEAR, LAST_YEAR

ROOT = Path(__file__).resolve().parents[2]
STARTER = ROOT / "model" / "cli" / "starters" / "growth.yaml"


@pytest.mark.parametrize("year", [1850, 2500])
def test_the_range_is_named(tmp_path, capsys, year):
    text = STARTER.read_text(encoding="utf-8")
    first = text.split("horizon: {first: ")[1].split(",")[0]
    assert f"horizon: {{first: {first}," in text
    path = tmp_path / "t.yaml"
    path.write_text(text.replace(f"horizon: {{first: {first},", f"horizon: {{first: {year},"))
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.rstrip().endswith(
        f"thesis.horizon.first: expected a year from {FIRST_YEAR} to {LAST_YEAR}, got {year}"
    )
