"""The README says how the tornado swings a discrete input whose two percentiles are equal.

The tornado swings such an input (a rare Bernoulli outcome) from its lowest value to its
highest, as its printed row says, while the README said only "between its 10th and 90th
percentile", which for a 5% Bernoulli are both 0: a reader would expect no swing.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from model.engine.draws.distributions import from_params
from model.engine.spec import ModelSpec, Variable
from model.sensitivities import tornado

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def test_the_readme_states_the_rule():
    text = " ".join(README.split())
    rule = re.search(r"a \*tornado\* swings each assumption between its 10th and 90th percentile"
                     r" \(a discrete one whose two are equal[^)]*from its lowest value to its"
                     r" highest", text)  # fmt: skip
    assert rule, "the README's tornado sentence does not state the discrete rule"


def test_the_tornado_does_what_it_states():
    spec = ModelSpec(variables=(Variable("b", from_params("bernoulli", {"p": 0.05})),))
    res = tornado(spec, lambda inputs: {"y": 10 * inputs["b"]}, "y")
    bar = res.bars[0]
    # the 10% and 90% quantiles of a 5% Bernoulli are both 0; the swing is 0 -> 1
    assert (bar.low_value, bar.high_value) == (0.0, 1.0)
    assert bar.swing == pytest.approx(10.0)
