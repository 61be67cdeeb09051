"""The report page says when a fiscal year ends, as the console and the charts do.

With a March year end, the page's run table read "Horizon 2025-2030 (values and returns at
2030)" and its lead "Value per share and returns at 2030", a calendar year to any reader,
while the console said FY2030 (2030-03-31). The lead names today's value when the tables hold
it: "Value per share" above a table of today's value misnamed what was measured.
"""

from __future__ import annotations


def test_a_march_year_end_is_named(readme_report, page_text):
    page = page_text(readme_report("03-31"))
    assert "Horizon 2025-2030 (fiscal years ending 31 Mar; values and returns at FY2030, " \
        "31 Mar 2030)" in page, page[:2000]  # fmt: skip
    assert "Value today of holding to FY2030 (31 Mar 2030), and the returns to it." in page


def test_a_calendar_year_reads_as_before(readme_report, page_text):
    page = page_text(readme_report(None))
    assert "Horizon 2025-2030 (values and returns at 2030)" in page
    assert "Value today of holding to 2030, and the returns to it." in page


def test_the_lead_names_todays_value_only_when_the_run_states_it(readme_report, page_text):
    # The example values on a DCF at its WACC, so its tables hold today's value; on multiples
    # alone (no cost of equity) they hold the year-end value per share, and the lead says so.
    def multiples_alone(text: str) -> str:
        dcf = "      dcf: {weight: w_dcf, discount_rate: wacc, terminal_growth: long_growth}\n"
        assert dcf in text
        return text.replace(dcf, "").replace("w_pe, multiple", "1, multiple")

    page = page_text(readme_report(None, multiples_alone))
    assert "Value per share and returns at 2030." in page
    assert "Value today of holding" not in page
