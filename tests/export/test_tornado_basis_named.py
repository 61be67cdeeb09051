"""The tornado says which value it swings: today's, on the basis of the values beside it.

The summary's table of scenarios gives today's value (base median 145 HKD, p95 214 HKD for the
flagship), and the tornado under it once gave a "central case (deterministic): 254.5" of value
per share at the end of 2030, undiscounted, without saying so: read together, the central case
sat above the 95th percentile. The tornado now swings today's value of holding to the exit
year, as the table does, and the page and the summary name that basis with its dates.
"""

from __future__ import annotations


def _report(readme_report, page_text, end: str | None, where: str = ".") -> tuple[str, str]:
    out = readme_report(end, where=where)
    return page_text(out), (out / "summary.txt").read_text(encoding="utf-8")


def test_the_summary_says_the_central_case_is_todays_value(readme_report, page_text):
    _, summary = _report(readme_report, page_text, None)
    line = next(x for x in summary.splitlines() if "central case (deterministic)" in x)
    assert line.endswith("(value today, at the cost of equity)"), line


def test_the_page_names_the_tornado_basis_and_its_fiscal_year_end(readme_report, page_text):
    page, _ = _report(readme_report, page_text, "06-30")
    assert (
        "Tornado of value today (2025-06-30) of holding to 2030-06-30, at the cost of equity "
        "(deterministic central case" in page
    ), page
    page, _ = _report(readme_report, page_text, None, "calendar")
    assert "Tornado of value today (2025-06-30) of holding to 2030-12-31, at the cost" in page


def test_the_summary_heads_the_tornado_with_words_not_an_output_name(readme_report, page_text):
    _, summary = _report(readme_report, page_text, "06-30")
    line = next(x for x in summary.splitlines() if "drivers of" in x)
    assert "drivers of today's value of holding to FY2030 (2030-06-30)" in line, line
    assert "value_today_by_year" not in line
