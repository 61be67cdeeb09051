"""The report's blend draws today's value against the price, as its tables give it.

The blend's tables (``blend/returns.csv``) are on today's value when the thesis has a cost of
equity, and the base case's charts start with today's value against the price; the blend's
charts drew only the undiscounted year-end value, against today's price. Its histogram of
today's value states the median and the share of paths above the price, which must be those of
the blended paths themselves.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

import model
from model.export import job_parts
from model.scenarios import blend

THESIS = str(Path(__file__).resolve().parents[2] / "assumptions" / "alibaba.yaml")


@pytest.mark.filterwarnings("ignore")
def test_the_blend_histogram_of_todays_value() -> None:
    thesis = model.load_thesis(THESIS)
    comparison = model.compare(thesis, ["base", "bull", "bear"], n_paths=300, seed=7,
                               progress=False)  # fmt: skip
    blended = blend(comparison)
    figures = job_parts._blend(SimpleNamespace(blend=blended))
    assert list(figures) == ["value_today_histogram", "value_histogram", "value_cdf"]
    # The title wraps where it must: read as one line.
    title = " ".join(t.get_text() for t in figures["value_today_histogram"].texts)
    title = " ".join(title.split())
    value = blended.outputs["value_today"]
    assert f"median {np.median(value):.1f} HKD" in title
    above = float(np.mean(value > blended.price))
    assert f"{above:.0%} of paths above the price of 129.5 HKD" in title
