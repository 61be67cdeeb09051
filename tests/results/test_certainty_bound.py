"""A probability counted at 0% or 100% (no path, or every path, satisfies the claim) has a
standard error of 0, which claims a certainty the sample cannot give: every text shows the
exact one-sided 95% bound instead (about 3 / n, the rule of three), never "0.0% ± 0.0%"."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pandas as pd
import pytest

import model
from model.export.console import _prob_se
from model.export.html_report import _pct
from model.results.display import prob_text
from model.results.display.views import scorecard_table
from model.results.values import bound_text, certainty_bound, pct_se

SAAS = Path(__file__).resolve().parents[2] / "assumptions" / "examples" / "saas-subscription.yaml"


def _number(text: str) -> float:
    return float(re.search(r"[<>] ([0-9.]+)%", text).group(1)) / 100.0


@pytest.mark.parametrize("n", [30, 1_000, 20_000, 2_500_000])
def test_the_bound_is_the_exact_binomial_one_and_about_three_over_n(n):
    bound = certainty_bound(n)
    # Zero hits in n independent paths has probability (1 - b)**n = 5% at the bound.
    assert (1.0 - bound) ** n == pytest.approx(0.05, rel=1e-9)
    assert n * bound == pytest.approx(-math.log(0.05), rel=0.06)  # the rule of three


@pytest.mark.parametrize("n", [30, 812.4, 1_000, 20_000, 2_500_000])
def test_the_text_never_understates_the_bound(n):
    bound = certainty_bound(n)
    low, high = bound_text(0.0, n), bound_text(1.0, n)
    assert low.startswith("< ") and low.endswith("95% bound")
    assert high.startswith("> ") and high.endswith("95% bound")
    assert bound <= _number(low) <= bound * 1.1
    assert 1.0 - bound * 1.1 <= _number(high) <= 1.0 - bound


def test_only_a_count_of_none_or_all_has_a_bound():
    assert bound_text(0.5, 1_000) is None
    assert bound_text(0.0, None) is None
    assert math.isnan(certainty_bound(0.0)) and math.isnan(certainty_bound(1.0))
    assert pct_se(0.4, 0.01, 1_000) == pct_se(0.4, 0.01)


def test_a_probability_of_no_path_shows_its_bound_in_every_text():
    result = model.simulate(SAAS, n_paths=1_000, seed=1)
    never = result.prob("revenue[2027] < 0")
    assert never.p == 0.0 and never.se == 0.0  # the numeric error stays what the paths give
    assert never.bound == pytest.approx(certainty_bound(1_000))
    always = result.prob("revenue[2027] > 0")
    assert always.bound == pytest.approx(1.0 - certainty_bound(1_000))
    for p in (never, always):
        for text in (str(p), repr(p), p._repr_html_()):
            assert "± 0" not in text
            assert "95% bound" in text
    assert "< 0.30%" in str(never) and "> 99.70%" in str(always)


def test_tables_console_and_report_show_the_bound():
    card = pd.DataFrame(
        {"claim": ["never", "often"], "label": ["", ""], "probability": [0.0, 0.4],
         "probability_se": [0.0, 0.01], "n_undefined": [0, 0]}
    )  # fmt: skip
    html = scorecard_table(card, 20_000)
    assert "&lt; 0.015%, 95% bound" in html and "± 0%" not in html and "± 1" in html
    assert prob_text(1.0, 0.0, 20_000) == "100.0% (> 99.985%, 95% bound)"
    assert _prob_se(0.0, 0.0, 20_000) == "0.0% (< 0.015%, 95% bound)"
    assert _prob_se(0.4, 0.01, 20_000) == "40.0% ± 1.0%"
    assert _pct(0.0, 0.0, 20_000) == "0.0% (< 0.015%, 95% bound)"
