"""The folder's README.txt dates what it measures: the year end and the price.

With a June year end, README.txt said values are "at the exit year 2030" and described "Year-end
2030" tables and charts, a calendar year to any reader, while the summary said 2030-06-30;
and it measured returns "from the thesis' price of 129.5 HKD" without the price's date, which
for the flagship is nine months before the valuation date.
"""

from __future__ import annotations

import re


def _index(readme_report, end: str | None) -> str:
    dated = "    unit: EUR/share\n    date: 2025-06-27\n"
    out = readme_report(end, edit=lambda body: body.replace("    unit: EUR/share\n", dated))
    return (out / "README.txt").read_text(encoding="utf-8")


def test_a_june_year_end_and_the_price_date_are_named(readme_report):
    index = _index(readme_report, "06-30")
    flat = " ".join(index.split())
    assert "at the end of FY2030 (2030-06-30) unless a file says otherwise" in flat, index[:800]
    assert "from the thesis' price 38.0 EUR on 2025-06-27." in flat, index[:800]
    assert "Value today (held to FY2030) and dated returns" in index, index
    assert not re.search(r"(?<!FY)2030 value", index), index


def test_a_calendar_year_keeps_its_bare_year(readme_report):
    index = _index(readme_report, None)
    flat = " ".join(index.split())
    assert "at the end of 2030 unless a file says otherwise" in flat, index[:800]
    assert "Value today (held to 2030) and dated returns" in index, index
