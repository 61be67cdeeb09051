"""A histogram shades the paths below the price only when the values drawn are today's: the
undiscounted year-end values of a thesis with a cost of equity, shaded against today's price,
showed an upside the chart does not measure."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import pytest

import model
from model import charts
from model.charts.style import title_of

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def result():
    thesis = model.load_thesis(ROOT / "assumptions" / "examples" / "japan-conglomerate.yaml")
    return model.simulate(thesis, n_paths=400, seed=1)


def _drawn(result, output=None, **options):
    fig = charts.value_distribution(result, output, **options)
    try:
        ax = fig.axes[0]
        shaded = sum(1 for p in ax.patches if p.get_hatch())
        (price,) = [line for line in ax.get_lines() if line.get_gid() == "price"]
        return shaded, " ".join(price.get_label().split()), " ".join(title_of(fig).split())
    finally:
        plt.close(fig)


def test_year_end_values_are_not_shaded_against_todays_price(result):
    shaded, label, title = _drawn(result)
    assert shaded == 0
    assert label.startswith("Price: ")
    assert "year-end and undiscounted" in title and "above the price" not in title


def test_todays_value_is_shaded_below_the_price(result):
    shaded, _, title = _drawn(result, "value_today")
    assert shaded > 0
    assert "undiscounted" not in title and "above the price" in title


def test_todays_value_of_holding_to_a_year_is_todays_value_too(result):
    year = int(result.years[2])
    shaded, _, title = _drawn(result, "value_today_by_year", year=year)
    assert shaded > 0
    assert "undiscounted" not in title and "above the price" in title
