"""The page lists the paths the model's checks flagged, as the summary does.

The copper miner's summary said "stress: invalid_ev_ebitda on 1,021, invalid_dcf on 5,881,
negative_value on 4,360 of 20,000 paths" (kept in every figure); index.html, the whole report
on one page to mail, said nothing of them.
"""

from __future__ import annotations

import re
from pathlib import Path

from model.cli.main import main

COPPER = Path(__file__).resolve().parents[2] / "assumptions" / "examples" / "copper-miner.yaml"


def test_the_page_gives_the_flagged_paths_of_each_scenario(tmp_path):
    out = tmp_path / "out"
    args = ["--paths", "400", "--seed", "1", "--no-progress", "--no-charts", "-q"]
    assert main(["report", str(COPPER), "--out", str(out), "--scenarios", "stress", *args]) == 0
    summary = (out / "summary.txt").read_text(encoding="utf-8")
    line = next(x for x in summary.splitlines() if x.startswith("  stress: "))
    counts = dict(re.findall(r"(\w+) on (\d+(?:,\d{3})*)", line))
    assert counts, summary
    page = (out / "index.html").read_text(encoding="utf-8")
    table = page.split('id="flagged"', 1)
    assert len(table) == 2, "no table of flagged paths on the page"
    rows = table[1].split("</table>", 1)[0]
    for check, n in counts.items():
        assert re.search(rf"<td>stress</td><td>{check}</td><td class=\"num\">{n}</td>", rows), rows


def test_one_flagged_path_in_twenty_thousand_is_not_shown_as_none():
    from types import SimpleNamespace

    from model.export.html_report import _flagged

    run = SimpleNamespace(invalid={"invalid_pe": 1, "negative_value": 0}, n_paths=20_000)
    report = SimpleNamespace(comparison=SimpleNamespace(results={"bear": run}))
    table = _flagged(report)  # a stand-in with only what the table reads
    assert '<td class="num">1</td><td class="num">0.005%</td>' in table, table
    assert "negative_value" not in table
