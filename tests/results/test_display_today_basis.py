"""The notebook view of a run on today's basis names what its headline holds: today's value."""

from __future__ import annotations

import re
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
