"""The report's views charts draw the headline's value: today's, when the thesis states it.

The views table gives today's value of holding to 2030 (base median about 145 HKD against a
price of 129.5); its charts drew the undiscounted 2030 value per share (base mean about 225
HKD) and, a year-end value against today's price being no upside, no P(> price). Each box is
labelled with its median, which must be the median of today's value of that scenario's paths.
"""

from __future__ import annotations

import numpy as np


def test_the_views_charts_draw_todays_value(alibaba_views) -> None:
    views, figures = alibaba_views
    for name in ("views_value", "views_value_cdf"):
        axes = figures[name].axes
        assert any(ax.get_xlabel().startswith("Value today") for ax in axes), name
    texts = [t.get_text() for ax in figures["views_value"].axes for t in ax.texts]
    medians = {t.split("\n")[0] for t in texts if t.startswith("median ")}
    expected = {
        f"median {np.median(views[n].final('value_today_by_year')):.1f} HKD"
        for n in views.scenarios
    }
    assert medians == expected
    assert sum("P(> price)" in t for t in texts) == len(views.scenarios)
