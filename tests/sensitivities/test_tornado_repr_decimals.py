"""A tornado bar's low, high and swing read with one number of decimals in the result's repr."""

from __future__ import annotations

import re
from pathlib import Path

import model
from model.sensitivities.shown import numbers_text

ROOT = Path(__file__).resolve().parents[2]


def _decimals(text: str) -> list[int]:
    numbers = re.findall(r"-?[\d,]+(?:\.(\d+))?(?=%| [A-Z])", text)
    return [len(d) for d in numbers]


def test_numbers_side_by_side_share_their_decimals() -> None:
    assert numbers_text([-0.005261, 0.051302, 0.056564], "%") == ["-0.526%", "5.130%", "5.656%"]
    assert numbers_text([254.5, 155.94, -98.56], "HKD/share") == [
        "254.5 HKD/share",
        "155.9 HKD/share",
        "-98.6 HKD/share",
    ]
    assert numbers_text([1.0, float("nan")], "x") == ["1.000 x", "n/a"]


def test_tornado_repr_rows_read_alike() -> None:
    thesis = model.load_thesis(ROOT / "assumptions" / "examples" / "saas-subscription.yaml")
    tornado = model.sensitivity(thesis, output="margin", year=2029)
    rows = [line for line in repr(tornado).splitlines() if " -> " in line]
    assert rows
    for row in rows:
        values = row.split(": ", 1)[1]
        assert len(set(_decimals(values))) == 1, row
