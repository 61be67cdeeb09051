"""The page's scenario table says which year end today's value is held to.

With a June year end, the run table read "values and returns at FY2030, 30 Jun 2030" while the
scenario table just under it headed its columns "Value today (held to 2030)": a calendar year
to any reader, six months after the date the values are held to.
"""

from __future__ import annotations


def test_a_june_year_end_heads_the_scenario_table(readme_report, page_text):
    page = page_text(readme_report("06-30"))
    assert "Value today (held to FY2030, 30 Jun 2030) p5" in page, page[:3000]
    assert "held to 2030)" not in page


def test_a_calendar_year_heads_it_as_before(readme_report, page_text):
    page = page_text(readme_report(None))
    assert "Value today (held to 2030) p5" in page
