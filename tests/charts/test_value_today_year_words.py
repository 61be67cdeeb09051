"""A chart of today's value of holding to a year end names that year end, "Value today of
holding to 2030", not "Value today of holding to each year end in 2030"."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import model
from model.charts import text as words

TEMPLATE = Path(__file__).resolve().parents[2] / "assumptions" / "templates" / "binary-event.yaml"


def test_the_value_today_of_a_year_end_is_named_by_it() -> None:
    result = model.simulate(model.load_thesis(TEMPLATE), n_paths=200, seed=1, progress=False)
    assert words.value_words(result, "value_today_by_year", 2030) == (
        "Value today of holding to 2030"
    )
    assert words.value_label(result, "value_today_by_year", 2030).startswith(
        "Value today of holding to 2030 ("
    )
    # Other outputs keep "in <year>".
    assert words.value_words(result, "value_per_share", 2030).endswith(" in 2030")
