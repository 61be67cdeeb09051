"""The tornado says its value is a year-end one, not discounted, next to today's values.

The summary's table of scenarios gives today's value (base median 145 HKD, p95 214 HKD for the
flagship), and the tornado under it a "central case (deterministic): 254.5" of value per share
at the end of 2030, undiscounted: read together, the central case sat above the 95th
percentile. The page's "Tornado (deterministic central case 254 HKD)" said nothing of its basis.
"""

from __future__ import annotations


def _report(readme_report, page_text, end: str | None, where: str = ".") -> tuple[str, str]:
    out = readme_report(end, where=where)
    return page_text(out), (out / "summary.txt").read_text(encoding="utf-8")


def test_the_summary_says_the_central_case_is_not_discounted(readme_report, page_text):
    _, summary = _report(readme_report, page_text, None)
    line = next(x for x in summary.splitlines() if "central case (deterministic)" in x)
    assert line.endswith("(year-end value, not discounted)"), line


def test_the_page_names_the_tornado_basis_and_its_fiscal_year(readme_report, page_text):
    page, _ = _report(readme_report, page_text, "06-30")
    assert (
        "Tornado of value per share at the end of FY2030 (30 Jun 2030), not discounted "
        "(deterministic central case" in page
    ), page
    page, _ = _report(readme_report, page_text, None, "calendar")
    assert "Tornado of value per share at the end of 2030, not discounted (deterministic" in page
