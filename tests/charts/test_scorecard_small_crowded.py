"""A scorecard of 10 claims in 10 scenarios drawn at 6 x 4 inches (exported at that size, or on
a caller's figure of that size) keeps its text apart: each claim's row has a line per scenario
thinner than a line of text, so the probabilities, written over one another, are left out and
the axis label says to read them on the axis. At the chart's own size every one is written."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import pytest
import yaml

import model
from model import charts
from model.charts.scorecard import THIN

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "assumptions" / "templates" / "growth-company.yaml"
WHY = "One step of a grid of assumed exit multiples"


@pytest.fixture(scope="module")
def comparison(tmp_path_factory):
    thesis = yaml.safe_load(TEMPLATE.read_text(encoding="utf-8"))
    thesis.pop("weights", None)
    thesis["scenarios"] = {
        f"case_{i}": {
            "label": f"Exit EV/sales of {3 + 0.5 * i:.1f}x",
            "rationale": {"estimate": WHY},
            "overrides": {
                "ev_sales_exit": {"unit": "x", "value": 3 + 0.5 * i, "source": {"estimate": WHY}}
            },
        }
        for i in range(9)
    }
    for k in range(8):
        thesis["scorecard"][f"sales_above_{k}"] = {
            "statement": f"sales[2029] >= {1 + 0.3 * k} * sales[2025]",
            "label": f"Sales in 2029 at least {1 + 0.3 * k:.1f} times those of 2025",
            "source": {"estimate": WHY},
        }
    path = tmp_path_factory.mktemp("card") / "card.yaml"
    path.write_text(yaml.safe_dump(thesis, sort_keys=False), encoding="utf-8")
    found = model.compare(path, n_paths=200, seed=3)
    assert len(found.results) == 10
    return found


def written(fig) -> list:
    return [t for t in fig.axes[0].texts if t.get_gid().startswith("p_") and t.get_visible()]


def test_exported_small_the_probabilities_give_way_to_a_note(comparison):
    fig = charts.scorecard_chart(comparison)
    try:
        size = tuple(fig.get_size_inches())
        assert len(written(fig)) == 80  # eight scenarios named, the other two in grey
        fig.set_size_inches(6.0, 4.0)
        assert [str(p) for p in charts.review_chart(fig)] == []
        assert written(fig) == []
        assert " ".join(fig.axes[0].get_xlabel().split()).endswith(THIN)
        fig.set_size_inches(*size)
        assert [str(p) for p in charts.review_chart(fig)] == []
        assert len(written(fig)) == 80
        assert THIN not in " ".join(fig.axes[0].get_xlabel().split())
    finally:
        plt.close(fig)


def test_on_a_small_caller_figure_the_text_stays_apart(comparison):
    fig = plt.figure(figsize=(6.0, 4.0), layout="constrained")
    try:
        charts.scorecard_chart(comparison, ax=fig.add_subplot())
        assert [str(p) for p in charts.review_chart(fig)] == []
        assert written(fig) == []
        assert "read them on the axis" in fig.axes[0].get_xlabel()
    finally:
        plt.close(fig)
