"""A tornado of a percentage output gives its swing in percentage points: the swing is a
difference of two percentages (3.08% -> 24.35% is a swing of 21.27 pp, not of 21.27%)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import matplotlib.pyplot as plt
import pytest

import model
from model import charts
from model.export.console import print_tornado

THESIS = Path(__file__).resolve().parents[2] / "assumptions" / "templates" / "growth-company.yaml"


@pytest.fixture(scope="module")
def thesis():
    return model.load_thesis(THESIS)


@pytest.fixture(scope="module")
def returns(thesis):
    return model.sensitivity(thesis, output="return_annual")


def test_repr_gives_the_swing_in_points(returns):
    rows = [line for line in repr(returns).splitlines() if " -> " in line]
    assert rows
    for row in rows:
        assert re.search(r"%\s->\s.*%\s\(swing -?[\d.,]+ pp\)$", row), row


def test_the_notebook_view_and_the_printout_give_points(returns):
    assert "swing (pp)" in returns._repr_html_()
    out = io.StringIO()
    print_tornado(returns, out)
    swings = re.findall(r"swing [+-][\d.,]+( pp)?", out.getvalue())
    assert swings and all(s == " pp" for s in swings), out.getvalue()


def test_the_chart_title_gives_the_largest_swing_in_points(returns):
    fig = charts.tornado_chart(returns)
    title = fig._suptitle.get_text() if fig._suptitle else fig.axes[0].get_title()
    assert re.search(r"largest swing \([\d.]+ pp\)", " ".join(title.split())), title
    plt.close(fig)


def test_other_units_keep_their_unit(thesis):
    value = model.sensitivity(thesis, output="value_per_share")
    assert " pp)" not in repr(value)
    assert "swing (pp)" not in value._repr_html_()
