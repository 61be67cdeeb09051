"""A realised value given without a label is named in words from its line, not by its raw
expression: the backtest's table and chart show "Revenue, 2027" rather than "revenue[2027]"."""

from __future__ import annotations

from pathlib import Path

import model
from model.charts.learning import backtest_chart
from model.learning import backtest

EXAMPLES = Path(__file__).resolve().parents[2] / "assumptions" / "examples"
TEMPLATE = EXAMPLES / "saas-subscription.yaml"


def test_an_unlabelled_line_value_is_named_by_its_line():
    r = model.simulate(model.load_thesis(TEMPLATE), n_paths=1_000, seed=1, progress=False)
    bt = backtest(r, {"revenue[2027]": 1_000.0, "revenue[2027] / revenue[2026]": 1.2})
    assert bt.table.loc["revenue[2027]", "label"] == "Revenue, FY2027"  # a January year end
    # An expression has no line to name it: it stays as written.
    assert bt.table.loc["revenue[2027] / revenue[2026]", "label"] == ""
    fig = backtest_chart(bt)
    ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert "Revenue, FY2027" in ticks
