"""The implied-value chart labels its second scale and the price line with the target's unit,
the unit a run of the same thesis gives that output."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import model
from model.charts import implied_value

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "assumptions" / "templates" / "growth-company.yaml"


def test_target_axis_and_price_line_carry_the_unit() -> None:
    result = model.implied(TEMPLATE, "growth_early", n_paths=0)
    run = model.simulate(TEMPLATE, n_paths=200, seed=1)
    assert result.target_unit == run.units[result.target]
    currency = result.target_unit.split("/")[0].strip()
    assert currency
    fig = implied_value(result)
    main, second = fig.axes[:2]
    assert currency in second.get_ylabel()
    labels = [t.get_text() for t in main.get_legend().get_texts()]
    price = [t for t in labels if t.startswith(result.equals_label)]
    assert price, labels
    assert currency in price[0]
