"""The folder's README.txt dates what it measures: the year end and the price.

With a June year end, README.txt said values are "at the exit year 2030" and described "Year-end
2030" tables and charts, a calendar year to any reader, while the summary said 2030-06-30;
and it measured returns "from the thesis' price of 129.5 HKD" without the price's date, which
for the flagship is nine months before the valuation date.
"""

from __future__ import annotations

import re
from pathlib import Path

from model.cli.main import main

README = Path(__file__).resolve().parents[2] / "README.md"


def _index(tmp_path: Path, end: str | None) -> str:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- readme-example: example.yaml -->\n```yaml\n(.*?)```", text, re.S)
    assert found is not None
    dated = "    unit: EUR/share\n    date: 2025-06-27\n"
    body = found.group(1).replace("    unit: EUR/share\n", dated)
    if end:
        body = body.replace("as_of: 2025-06-30", f'as_of: 2025-06-30\n  fiscal_year_end: "{end}"')
    path = tmp_path / "example.yaml"
    path.write_text(body, encoding="utf-8")
    out = tmp_path / "out"
    args = ["--paths", "200", "--seed", "1", "--no-progress", "--no-charts", "-q"]
    assert main(["report", str(path), "--out", str(out), *args]) == 0
    return (out / "README.txt").read_text(encoding="utf-8")


def test_a_june_year_end_and_the_price_date_are_named(tmp_path):
    index = _index(tmp_path, "06-30")
    flat = " ".join(index.split())
    assert "at the end of FY2030 (2030-06-30) unless a file says otherwise" in flat, index[:800]
    assert "from the thesis' price 38.0 EUR on 2025-06-27." in flat, index[:800]
    assert "Value today (held to FY2030) and dated returns" in index, index
    assert not re.search(r"(?<!FY)2030 value", index), index


def test_a_calendar_year_keeps_its_bare_year(tmp_path):
    index = _index(tmp_path, None)
    flat = " ".join(index.split())
    assert "at the end of 2030 unless a file says otherwise" in flat, index[:800]
    assert "Value today (held to 2030) and dated returns" in index, index
