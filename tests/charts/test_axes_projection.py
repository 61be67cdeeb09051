"""A chart drawn on axes of another projection than a plain 2-D one is refused with the
library's error: 3-D axes made ``fan_chart`` and ``tornado_chart`` fail inside matplotlib
(``Axes3D.fill_between() missing 3 required positional arguments``), and polar axes gave
``value_distribution`` a meaningless round histogram."""

from __future__ import annotations

from pathlib import Path

import pytest
from matplotlib.figure import Figure

import model
from model import charts
from model.charts.style import new_axes
from model.errors import WrongKindError

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "assumptions" / "templates" / "growth-company.yaml"


@pytest.fixture(scope="module")
def thesis():
    return model.load_thesis(TEMPLATE)


@pytest.fixture(scope="module")
def result(thesis):
    return model.simulate(thesis, n_paths=1000, seed=1)


@pytest.fixture(scope="module")
def tornado(thesis):
    return model.sensitivity(thesis)


@pytest.mark.parametrize("projection", ["3d", "polar", "mollweide"])
def test_new_axes_refuses_other_projections(projection):
    ax = Figure().add_subplot(projection=projection)
    with pytest.raises(WrongKindError, match="plain 2-D matplotlib Axes") as info:
        new_axes(ax)
    assert f"projection {projection!r}" in str(info.value)
    assert type(ax).__name__ in str(info.value)


@pytest.mark.parametrize(
    "draw",
    [
        lambda r, tor, ax: charts.fan_chart(r, "value_per_share", ax=ax),
        lambda r, tor, ax: charts.value_distribution(r, ax=ax),
        lambda r, tor, ax: charts.tornado_chart(tor, ax=ax),
    ],
)
@pytest.mark.parametrize("projection", ["3d", "polar"])
def test_charts_refuse_axes_of_another_projection(result, tornado, draw, projection):
    with pytest.raises(WrongKindError, match=f"projection {projection!r}"):
        draw(result, tornado, Figure().add_subplot(projection=projection))
    fig = Figure()
    assert draw(result, tornado, fig.add_subplot()) is fig  # plain axes still work
