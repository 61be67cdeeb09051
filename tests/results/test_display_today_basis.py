"""The notebook view of a run on today's basis names what its headline holds: today's value."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import numpy as np

import model

SAAS = Path(__file__).resolve().parents[2] / "assumptions" / "examples" / "saas-subscription.yaml"


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_headline_is_labelled_value_today_with_its_real_dates() -> None:
    result = model.simulate(model.load_thesis(SAAS), n_paths=4_000, seed=2)
    text = _text(result._repr_html_())
    today = np.median(result.final("value_today"))
    year_end = np.median(result.final("value_per_share"))
    # The median shown is today's value (about half the year-end value here), so it must not be
    # called the value per share; the return runs from the price's date to 31 January 2031.
    assert f"value today, median {today:.2f} USD/share" in text
    assert abs(today - year_end) > 5
    assert "value per share, median" not in text
    assert "annual return from 2025-09-30 to 2031-01-31, median" in text


def test_the_comparison_view_labels_and_draws_the_value_its_table_holds() -> None:
    # The table of a comparison holds today's value: its header says so (not "value per share
    # in 2030"), and each sparkline draws today's value against the price, not the year end.
    thesis = model.load_thesis(SAAS)
    comparison = model.compare(thesis, n_paths=2_000, seed=2)
    html = comparison._repr_html_()
    text = _text(html)
    year = comparison.first.exit_year
    assert f"Value today (held to FY{year}) (USD/share; price" in text  # a January year end
    assert f"Value per share in {year}" not in text
    base = comparison["base"]
    today, year_end = np.median(base.final("value_today")), np.median(base.final("value_per_share"))
    assert f"{today:.2f}" in text and abs(today - year_end) > 5
    from model.results.display import HIST_TAIL, svg_histogram
    from model.results.display.views import SPARK_WIDTH

    values = [r.final("value_today_by_year") for r in comparison.results.values()]
    low, high = np.quantile(np.concatenate(values), [HIST_TAIL, 1.0 - HIST_TAIL])
    spark = svg_histogram(values[0], marker=comparison.first.price, width=SPARK_WIDTH, height=22,
                          limits=(float(low), float(high)), labels=False)  # fmt: skip
    assert spark in html


def test_the_classic_view_says_its_values_are_todays() -> None:
    # Bull, base and bear stand for their median value today (held to the exit year): the view
    # says so rather than "medians in 2031", which reads as year-end values.
    comparison = model.compare(model.load_thesis(SAAS), n_paths=2_000, seed=2)
    view = comparison.classic_view()
    year = comparison.first.exit_year
    base = np.median(comparison["base"].final("value_today"))
    assert view.today and view.table.set_index("scenario").loc["base", "value"] == base
    assert f"medians of today's value (held to FY{year}) weighted" in repr(view)
    assert f"Classic view: today's value (held to FY{year})" in unescape(view._repr_html_())
