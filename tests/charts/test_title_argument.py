"""A chart's ``title=`` that is not text is named, not a type error from a regular expression."""

from __future__ import annotations

from pathlib import Path

import pytest

import model
from model import charts
from model.charts import ChartOptionError

THESIS = Path(__file__).resolve().parents[2] / "assumptions" / "templates" / "growth-company.yaml"


@pytest.mark.parametrize("bad", [5, ["Sales"], b"Sales"])
def test_a_title_that_is_not_text_is_named(bad):
    result = model.simulate(model.load_thesis(THESIS), n_paths=200, seed=1, progress=False)
    for chart in (charts.fan_chart, charts.value_distribution, charts.convergence):
        with pytest.raises(ChartOptionError, match="title must be text"):
            chart(result, title=bad)
    assert charts.fan_chart(result, title="Sales of Example Silicon").axes
