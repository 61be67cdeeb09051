"""The value histogram says when its spike at zero is the floor of the value per share (equity
below zero), as the fan chart does, for the year it draws."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import model
from model import charts

SAAS = Path(__file__).resolve().parents[2] / "assumptions" / "examples" / "saas-subscription.yaml"


def _footnote(fig) -> str:
    return " ".join(t.get_text() for t in fig.texts)


@pytest.fixture(scope="module")
def indebted(tmp_path_factory):
    text = SAAS.read_text(encoding="utf-8").replace("value: 1100\n", "value: -6000\n", 1)
    path = tmp_path_factory.mktemp("floor") / "indebted.yaml"
    path.write_text(text, encoding="utf-8")
    return model.simulate(model.load_thesis(path), n_paths=2_000, seed=1, progress=False)


def test_the_floor_is_named_for_the_year_drawn(indebted):
    year = indebted.years[2]
    share = np.mean(indebted.final("value_per_share", year) <= 0.0)
    assert share > 0
    note = _footnote(charts.value_distribution(indebted, "value_per_share", year=year))
    assert (
        "floored at zero where the equity value is below zero: "
        f"on {share:.0%} of paths in FY{year}." in note  # its years end on 31 January
    )


def test_todays_value_names_the_floor_of_the_exit_year(indebted):
    share = np.mean(indebted.final("value_per_share") <= 0.0)
    note = _footnote(charts.value_distribution(indebted, "value_today"))
    assert share > 0
    assert f"on {share:.0%} of paths in FY{indebted.exit_year}." in note


def test_no_floor_no_note():
    result = model.simulate(model.load_thesis(SAAS), n_paths=2_000, seed=1, progress=False)
    assert "floored" not in _footnote(charts.value_distribution(result))
    assert "floored" not in _footnote(charts.value_distribution(result, "value_today"))
