"""A chart's notes name a fiscal year as the rest of the output does: "FY2031", not "2031".

The footnote of a value histogram said "floored at zero ... on 6% of paths in 2033", a fan
chart's "No spread in 2026" and a tornado's event "from 2028" for a thesis whose years end on
31 March, where the title, the axis and the console say FY2033.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pytest

import model
from model import charts
from model.charts import lines, paths

ROOT = Path(__file__).resolve().parents[2]
#: Years ending 30 June; an event that can happen; value floored at zero on some paths.
MINER = ROOT / "assumptions" / "examples" / "copper-miner.yaml"


@pytest.fixture(scope="module")
def june():
    thesis = model.load_thesis(MINER)
    return thesis, model.simulate(thesis, n_paths=400, seed=5)


def test_floored_note_names_the_fiscal_year(june) -> None:
    _, result = june
    note = lines.floored_note(result, "value_per_share")
    assert note is not None
    year = int(note.split(" in FY", 1)[1][:4])
    assert year in result.years
    assert f"in {year}" not in note
    one = lines.floored_note(result, "value_per_share", year)
    assert one is not None and one.endswith(f"in FY{year}.")


def test_flat_years_are_named_as_fiscal_years(june) -> None:
    _, result = june
    years = [2026, 2027]
    lo, med, hi = np.array([5.0, 4.0]), np.array([5.0, 5.0]), np.array([5.0, 6.0])
    note = paths._flat_note(result, years, lo, med, hi, "AUD m")
    assert note is not None and note.startswith("No spread in FY2026 (")


def test_tornado_event_years_are_fiscal_years(june) -> None:
    thesis, result = june
    tornado = model.sensitivity(thesis, method="tornado")
    event = next(b for b in tornado.bars if b.kind == "event")
    for fig in (charts.tornado_chart(tornado, result=result), charts.tornado_chart(tornado)):
        try:
            texts = [t.get_text() for t in fig.axes[0].texts]
            assert f"from FY{event.event_year}" in texts
            assert f"from {event.event_year}" not in texts
        finally:
            plt.close(fig)
