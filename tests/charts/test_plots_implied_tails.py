"""The implied-value chart words a tail as the console does: never "100% below" or "the 100%
percentile" for a value that is merely far out."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from model.charts import implied_value
from model.valuation.finance.implied import implied

THESIS = Path(__file__).resolve().parents[2] / "assumptions" / "alibaba.yaml"


def test_tails_are_not_rounded_to_certainty():
    base = implied(THESIS, "wacc", bounds=(0.05, 0.3))
    result = dataclasses.replace(base, quantile=0.998, price_percentile=0.9991)
    fig = implied_value(result, footnote=True)
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    implied_label = next(t for t in labels if t.startswith("implied by"))
    assert "over 99.5% of the distribution below" in implied_label, implied_label
    texts = " ".join(t.get_text() for t in fig.texts)
    assert "above the 99th percentile of" in texts, texts
    assert "100% percentile" not in texts
