"""A claim that holds on all but a few paths is not shown as certain in the comparison view."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from model import ComparisonResult, compare
from model.results.display import fmt_probability
from model.results.display.views import comparison_html

THESIS = Path(__file__).resolve().parents[2] / "assumptions" / "examples" / "saas-subscription.yaml"


@pytest.mark.parametrize(
    ("p", "text"),
    [(0.9998, ">99.9%"), (1.0, "100.0%"), (0.853, "85.3%"), (0.0002, "0.02%"), (0.0, "0.0%")],
)
def test_a_probability_never_rounds_to_certainty(p, text):
    assert fmt_probability(p) == text


def test_the_comparison_scorecard_says_a_near_certain_claim_is_not_certain(monkeypatch):
    trio = compare(THESIS, ["base", "bull", "bear"], n_paths=1_000, seed=3)
    card = pd.DataFrame(
        {"label": ["Profitable by 2029"], "base": [0.9998], "bull": [1.0], "bear": [0.5]},
        index=pd.Index(["profitable"], name="claim"),
    )
    monkeypatch.setattr(ComparisonResult, "scorecard", lambda self: card)
    html = comparison_html(trio)
    assert ">99.9%" in html.replace("&gt;", ">")
    assert html.count("100.0%") == 1
