"""The report's views chart of returns runs over real dates, as its tables and comparison do.

A return over whole model years from the first model year, without the dividends, is not the
return of buying at the thesis price on the price's own date; every thesis run states the dated
total return, and the views chart shows it.
"""

from __future__ import annotations


def test_the_views_return_chart_is_the_dated_return_from_the_price_date(alibaba_views) -> None:
    figure = alibaba_views[1]["views_return"]
    labels = [ax.get_xlabel() + ax.get_ylabel() for ax in figure.axes]
    # The price is dated 17 February 2025; the exit year ends on 31 December 2030.
    assert any("17 Feb 2025 to 31 Dec 2030" in label for label in labels)
