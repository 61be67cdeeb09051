"""The report page says when a fiscal year ends, as the console and the charts do.

With a March year end, the page's run table read "Horizon 2025-2030 (values and returns at
2030)" and its lead "Value per share and returns at 2030", a calendar year to any reader,
while the console said FY2030 (2030-03-31).
"""

from __future__ import annotations


def test_a_march_year_end_is_named(readme_report, page_text):
    page = page_text(readme_report("03-31"))
    assert "Horizon 2025-2030 (fiscal years ending 31 Mar; values and returns at FY2030, " \
        "31 Mar 2030)" in page, page[:2000]  # fmt: skip
    assert "Value per share and returns at FY2030 (31 Mar 2030)." in page


def test_a_calendar_year_reads_as_before(readme_report, page_text):
    page = page_text(readme_report(None))
    assert "Horizon 2025-2030 (values and returns at 2030)" in page
    assert "Value per share and returns at 2030." in page
