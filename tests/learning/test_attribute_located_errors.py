"""A model error in either vintage of ``thesis attribute NEW --from OLD`` names the file and
line it comes from, as ``thesis validate`` of that file does."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "assumptions" / "templates" / "growth-company.yaml"

CASES = [
    # (old text, new text, needle of the line the error is at, field)
    ("{weight: 1,", "{weight: -1,", "weight: -1", "model.valuation.legs.ev_sales.weight"),
    (
        "value: sales * margin",
        "value: sales * margin / 0",
        "value: sales * margin / 0",
        "model.lines.operating_profit.value",
    ),
]


@pytest.mark.parametrize(("old", "new", "needle", "field"), CASES)
@pytest.mark.parametrize("broken", ["older", "newer"])
def test_model_error_of_a_vintage_is_located(tmp_path, capsys, old, new, needle, field, broken):
    text = TEMPLATE.read_text(encoding="utf-8")
    assert old in text
    bad_text = text.replace(old, new, 1)
    line = next(i for i, s in enumerate(bad_text.splitlines(), 1) if needle in s)
    good = tmp_path / "good.yaml"
    bad = tmp_path / "broken.yaml"
    good.write_text(text, encoding="utf-8")
    bad.write_text(bad_text, encoding="utf-8")
    newer, older = (good, bad) if broken == "older" else (bad, good)
    code = main(["attribute", str(newer), "--from", str(older), "--paths", "500"])
    err = capsys.readouterr().err.strip()
    assert code == 2, err
    assert len(err.splitlines()) == 1, err
    assert re.search(rf"broken\.yaml:{line}: {re.escape(field)}: ", err), err
