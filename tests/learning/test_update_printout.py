"""``thesis update`` prints the evidence in its units, changes of fractions in points, and its
notes on stderr.

On a new thesis the evidence rows showed a margin observed at ``0.15 ± 0.005`` beside a prior
of ``0.1533``, with no unit (a sales figure in EUR bn beside a model in EUR m read as 0.95
against a prior of 0.8936); the change of a margin's median read ``-0.54%`` for a fall of 0.54
percentage points; "given 2 observation(s)"; and the low-sample note went to stdout, against
the rule that notes and warnings go to stderr.
"""

from __future__ import annotations

import re
from pathlib import Path

from model.cli.main import main

README = Path(__file__).resolve().parents[2] / "README.md"

EVIDENCE = """format: 1
evidence:
  sales_2026:
    label: "Sales in 2026"
    quantity: "sales[2026]"
    unit: EUR bn
    value: 0.95
    sd: 0.01
    source: {estimate: "Guidance given at the capital markets day in November"}
  margin_2026:
    label: "Operating margin in 2026"
    quantity: "ebit[2026] / sales[2026]"
    unit: "%"
    value: 0.15
    sd: 0.005
    source: {estimate: "Guidance given at the capital markets day in November"}
"""


def _files(tmp_path: Path) -> tuple[Path, Path]:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- readme-example: example.yaml -->\n```yaml\n(.*?)```", text, re.S)
    assert found is not None
    thesis = tmp_path / "example.yaml"
    thesis.write_text(found.group(1), encoding="utf-8")
    evidence = tmp_path / "evidence.yaml"
    evidence.write_text(EVIDENCE, encoding="utf-8")
    return thesis, evidence


def test_update_prints_units_percentages_and_points(tmp_path: Path, capsys) -> None:
    thesis, evidence = _files(tmp_path)
    argv = ["update", str(thesis), "--evidence", str(evidence), "--paths", "5000", "--seed", "1"]
    assert main(argv) == 0
    captured = capsys.readouterr()
    out, err = captured.out, captured.err
    assert "given 2 observations;" in out and "observation(s)" not in out, out
    # The evidence section: each row with its unit, fractions as percentages.
    sales = next(line for line in out.splitlines() if line.startswith("sales_2026 "))
    assert "EUR bn" in sales, sales
    margin = next(line for line in out.splitlines() if line.startswith("margin_2026 "))
    assert "= 15.00% ± 0.50%" in margin and re.search(r"\b1\d\.\d\d%", margin), margin
    assert "0.1533" not in margin and " 0.15 " not in margin, margin
    # A change of a fraction is in percentage points.
    row = next(line for line in out.splitlines() if line.startswith("margin "))
    assert row.rstrip().endswith(" pp"), row
    # Few effective paths: the note goes to stderr, not into the tables on stdout.
    assert "note: low effective sample" in err and "note:" not in out, (out, err)
