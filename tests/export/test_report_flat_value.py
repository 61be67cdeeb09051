"""A report whose base case values the share at one number on every path (a tax rate of 150%
leaves nothing for the shareholders) is written in full, with a note that there is nothing
for a sensitivity to explain: not refused with a message about an output the user never
chose."""

from __future__ import annotations

import json
from pathlib import Path

from model.cli.main import main

TEMPLATE = Path(__file__).resolve().parents[2] / "assumptions" / "templates" / "binary-event.yaml"
TAX = '  tax_rate:\n    unit: "%"\n    value: 0.30\n'


def test_a_value_that_never_varies_is_reported_without_a_sensitivity(tmp_path, capsys):
    text = TEMPLATE.read_text(encoding="utf-8")
    assert TAX in text
    path = tmp_path / "flat.yaml"
    path.write_text(text.replace(TAX, TAX.replace("0.30", "1.5")), encoding="utf-8")
    folder = tmp_path / "out"
    args = ["--paths", "200", "--seed", "1", "--no-progress", "--no-charts", "--out", str(folder)]
    code = main(["report", str(path), *args])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "does not vary" not in err and "choose another output" not in err + out
    assert "no sensitivity: the base case's value_today_by_year is one number" in out, out
    assert not (folder / "sensitivity").exists()
    assert json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["sensitivity"] is None
