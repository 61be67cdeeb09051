"""Evidence that cannot meet the run is reported at its entry's line in the evidence file.

A quantity that does not parse, names nothing the run has, has no year, lies off the horizon,
is a statement, is in a unit that cannot convert, is undefined on every path or is observed far
from every path was reported with no file or line (the checks run when the evidence meets the
run, after the file is read); a bad unit went through unlocated, and a bad sd was located at the
entry with its field named twice.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from model.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "assumptions" / "templates" / "growth-company.yaml"
ENTRY = """format: 1
evidence:
  sales_now:
    label: "Sales this year"
    quantity: "{quantity}"
    unit: "{unit}"
    value: {value}
    sd: {sd}
    source: {{estimate: "The company's own guidance this quarter"}}
"""
GOOD = {"quantity": "sales[2026]", "unit": "TWD bn", "value": 22, "sd": 1}
CASES = [
    ({"quantity": "sales[2026"}, "quantity", "never closed"),
    ({"quantity": "nope[2026]"}, "quantity", "unknown output 'nope'"),
    ({"quantity": "sales"}, "quantity", "select a year"),
    ({"quantity": "sales[2040]"}, "quantity", "outside the thesis horizon"),
    ({"quantity": "sales[2026] > 3"}, "quantity", "true/false statement"),
    ({"unit": "USD bn"}, "quantity", "cannot convert"),
    ({"quantity": "sales[2026] / 0"}, "quantity", "has no value on any path"),
    ({"value": 1e9}, "quantity", "incompatible with every simulated path"),
    ({"unit": "TWD zz"}, "unit", "unknown unit"),
    ({"sd": 0}, "sd", "needs a measurement sd > 0"),
]


@pytest.mark.parametrize(("change", "key", "words"), CASES)
def test_update_names_the_entry(tmp_path, capsys, change, key, words):
    text = ENTRY.format(**{**GOOD, **change})
    evidence = tmp_path / "ev.yaml"
    evidence.write_text(text, encoding="utf-8")
    line = next(i for i, s in enumerate(text.splitlines(), 1) if s.startswith(f"    {key}:"))
    args = ["update", str(TEMPLATE), "--evidence", str(evidence), "--paths", "2000"]
    assert main(args) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    assert re.search(rf"ev\.yaml:{line}: evidence\.sales_now(\.{key})?: ", err), err
    assert words in err
    assert "evidence.sales_now: evidence.sales_now" not in err, err


def test_good_evidence_still_updates(tmp_path, capsys):
    evidence = tmp_path / "ev.yaml"
    evidence.write_text(ENTRY.format(**GOOD), encoding="utf-8")
    assert main(["update", str(TEMPLATE), "--evidence", str(evidence), "--paths", "2000"]) == 0
