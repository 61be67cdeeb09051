"""The page's scenario table shows a View column only when a scenario has a view.

A thesis without views (every example but the flagship) showed an empty View column on every
row of the page's headline table.
"""

from __future__ import annotations

import re
from pathlib import Path

from model.cli.main import main

BANK = Path(__file__).resolve().parents[2] / "assumptions" / "examples" / "regional-bank.yaml"


def test_no_view_column_on_the_page_without_views(tmp_path):
    out = tmp_path / "out"
    args = ["--paths", "400", "--seed", "1", "--no-progress", "--no-charts", "-q"]
    assert main(["report", str(BANK), "--out", str(out), *args]) == 0
    page = (out / "index.html").read_text(encoding="utf-8")
    table = page.split('id="scenarios"', 1)[1].split("</table>", 1)[0]
    heads = re.findall(r"<th>([^<]*)</th>", table)
    assert heads[:2] == ["Scenario", "Weight"], heads
    assert all(row.count("<td") == len(heads) for row in table.split("<tr>")[2:]), table
