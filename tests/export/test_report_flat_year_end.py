"""A report whose year-end value is one number on every path while today's value varies (a
distressed miner paying out dividends: the year-end equity is floored at zero, the
dividends on the way are not) keeps the headline sensitivity of today's value and notes
only the flat year-end one."""

from __future__ import annotations

import json
from pathlib import Path

from model.cli.main import main

EXAMPLE = Path(__file__).resolve().parents[2] / "assumptions" / "examples" / "copper-miner.yaml"
EDITS = (
    ("    value: 4.20\n", "    value: 0.30\n"),
    ("    value: -650\n", "    value: -30000\n"),
    ('* (1 - tax_rate) + fcf"\n', '* (1 - tax_rate) + fcf - dividends"\n'),
)
DIVIDENDS = "    dividends:\n      value: 0.5 * max(earnings, 0)\n      role: dividends\n"


def _distressed(tmp_path: Path) -> Path:
    text = EXAMPLE.read_text(encoding="utf-8")
    for old, new in EDITS:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    anchor = "    net_cash:\n"
    assert text.count(anchor) == 1
    text = text.replace(anchor, DIVIDENDS + anchor)
    path = tmp_path / "distressed.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_flat_year_end_value_keeps_the_headline_sensitivity(tmp_path, capsys):
    folder = tmp_path / "out"
    args = ["--paths", "2000", "--seed", "1", "--no-progress", "--no-charts", "--out", str(folder)]
    code = main(["report", str(_distressed(tmp_path)), *args])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "no sensitivity: the base case's" not in out, out
    assert "no year-end sensitivity: the base case's value_per_share is one number" in out, out
    names = {p.stem for p in (folder / "sensitivity").iterdir()}
    assert {"tornado", "rank_correlation"} <= names, names
    assert not {"year_end_tornado", "year_end_rank_correlation"} & names, names
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["sensitivity"]["output"] == "value_today_by_year"
