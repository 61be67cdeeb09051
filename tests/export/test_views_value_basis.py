"""The report's views charts draw the headline's value: today's, when the thesis states it.

The views table gives today's value of holding to 2030 (base median about 145 HKD against a
price of 129.5); its charts drew the undiscounted 2030 value per share (base mean about 225
HKD) and, a year-end value against today's price being no upside, no P(> price). Each box is
labelled with its median, which must be the median of today's value of that scenario's paths.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

import model
from model.export import job, job_parts
from model.scenarios import scenario_names

THESIS = str(Path(__file__).resolve().parents[2] / "assumptions" / "alibaba.yaml")


@pytest.mark.filterwarnings("ignore")
def test_the_views_charts_draw_todays_value() -> None:
    thesis = model.load_thesis(THESIS)
    comparison = model.compare(thesis, scenario_names(THESIS), n_paths=200, seed=7, progress=False)
    views, tags = job._views_of(comparison)
    assert views is not None
    report = SimpleNamespace(
        views=views, view_tags=tags, exit_year=comparison.first.exit_year, base=comparison["base"]
    )
    figures = job_parts._views(report)
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
