"""``watch`` and ``attribute --json`` name the output explained and its year; today's value has
one value per path and no year, so its year is null, as in update's table and the printed
heading (``value_today``, not ``value_today[2030]``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
BANK = str(ROOT / "assumptions" / "examples" / "regional-bank.yaml")
FAST = ["--paths", "300", "--seed", "2", "--json"]


@pytest.mark.parametrize(
    ("argv", "output", "year"),
    [
        (["watch", BANK], "value_today", None),
        (["attribute", BANK, "--from", "bear"], "value_today", None),
        (["attribute", BANK, "--from", "bear", "--output", "value_per_share"],
         "value_per_share", 2030),
    ],
    ids=["watch", "attribute", "attribute-per-year"],
)  # fmt: skip
def test_the_year_of_a_one_value_output_is_null(capsys, argv, output, year):
    assert main([*argv, *FAST]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["output"] == output and doc["year"] == year
