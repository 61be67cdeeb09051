"""The page gives the classic bull/base/bear view, as the summary and classic_view.csv do.

The flagship's summary said "weighted value 136.9 HKD, +5.7% vs the price" and "reward-to-risk
1.54"; index.html, the whole report on one page, left the classic view out.
"""

from __future__ import annotations

import re
from pathlib import Path

from model.cli.main import main

BANK = Path(__file__).resolve().parents[2] / "assumptions" / "examples" / "regional-bank.yaml"


def _flat(page: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


def test_the_page_has_the_classic_view_of_the_summary(tmp_path):
    out = tmp_path / "out"
    args = ["--paths", "400", "--seed", "1", "--no-progress", "--no-charts", "-q"]
    assert main(["report", str(BANK), "--out", str(out), *args]) == 0
    summary = (out / "summary.txt").read_text(encoding="utf-8")
    value = re.search(r"weighted value ([\d.,]+) USD, ([+-][\d.]+%) vs the price", summary)
    ratio = re.search(r"reward-to-risk (\S+) =", summary)
    assert value is not None and ratio is not None, summary
    page = _flat((out / "index.html").read_text(encoding="utf-8"))
    assert "Classic view" in page
    assert f"{value.group(1)} USD ({value.group(2)} vs the price" in page, page[:4000]
    assert f"Reward-to-risk {ratio.group(1)}" in page


def test_no_classic_view_without_bull_and_bear(tmp_path):
    out = tmp_path / "out"
    args = ["--paths", "400", "--seed", "1", "--no-progress", "--no-charts", "-q"]
    assert main(["report", str(BANK), "--out", str(out), "--scenarios", "bear", *args]) == 0
    assert "Classic view" not in _flat((out / "index.html").read_text(encoding="utf-8"))
