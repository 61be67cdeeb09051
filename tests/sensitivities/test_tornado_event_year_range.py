"""A tornado's ``event_year`` outside the years events can happen in is said to be so.

Events happen from year 1 on, so with a horizon of 2025..2027 an event can be swung to happen
in 2026 or 2027. ``event_year=2025`` was refused as "outside the thesis horizon (2026..2027)",
a horizon the thesis does not have.
"""

from __future__ import annotations

import warnings

import pytest

import model
from model.errors import HorizonError

EVENT = """\
events:
  halving:
    label: "Sales of the first line halve"
    annual_prob: 0.2
    repeatable: false
    effects:
      - {target: a, op: multiply, by: 0.5}
    source: {estimate: "An illustrative halving of the first line"}
model:
"""


@pytest.fixture()
def with_event(tmp_path, linear_text):
    path = tmp_path / "linear_event.yaml"
    path.write_text(linear_text.replace("model:\n", EVENT, 1), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # no cost of equity: year-end values
        return model.load_thesis(path)


@pytest.mark.parametrize("year", [2025, 2030])
def test_a_year_no_event_can_happen_in_is_named_as_such(with_event, year):
    with pytest.raises(HorizonError) as caught:
        model.sensitivity(with_event, output="sales", event_year=year)
    assert (
        str(caught.value) == f"year {year} is outside the years events can happen in (2026..2027)"
    )
    assert "thesis horizon" not in str(caught.value)


def test_a_year_events_can_happen_in_swings_the_event_from_then(with_event):
    found = model.sensitivity(with_event, output="sales", year=2027, event_year=2026)
    bar = next(b for b in found.bars if b.input == "halving")
    # a halves from 10 to 5 in 2026 and stays so: sales = a + 2 b falls by 5 at the centre
    assert bar.event_year == 2026
    assert bar.swing == pytest.approx(-5.0)
