"""A discrete input whose rare outcome lies beyond both tornado quantiles still swings.

``y = 2 x1 + x2 + 10 b`` with ``b ~ Bernoulli(0.05)``: the 10% and 90% quantiles of ``b`` are
both 0, so the tornado gave it no swing and ranked it last, while its Sobol' index is the
largest (``100 * 0.05 * 0.95 = 4.75`` of a variance of ``4 + 1 + 4.75``). Like an event, it now
swings from its lowest value to its highest, and the printout says so.
"""

from __future__ import annotations

import io

import pytest

from model.engine.draws.distributions import from_params
from model.engine.spec import ModelSpec, Variable
from model.export.console import print_tornado
from model.sensitivities import tornado


def _spec(dist: str, params: dict[str, object]) -> ModelSpec:
    return ModelSpec(
        variables=(
            Variable("x1", from_params("normal", {"mean": 0.0, "sd": 1.0})),
            Variable("x2", from_params("normal", {"mean": 0.0, "sd": 1.0})),
            Variable("b", from_params(dist, params)),
        )
    )


def _model(inputs):
    return {"y": 2 * inputs["x1"] + inputs["x2"] + 10 * inputs["b"]}


def test_a_rare_bernoulli_outcome_swings_from_0_to_1() -> None:
    res = tornado(_spec("bernoulli", {"p": 0.05}), _model, "y")
    bars = {b.input: b for b in res.bars}
    assert (bars["b"].low_value, bars["b"].high_value) == (0.0, 1.0)
    assert bars["b"].swing == pytest.approx(10.0)
    assert res.ranking[0] == "b"
    # x1 still swings between its own 10% and 90% quantiles: 2 * 2 * 1.2816.
    assert bars["x1"].swing == pytest.approx(4 * 1.2815515655446004)
    assert any("lowest" in note and "b" in note for note in res.notes), res.notes
    out = io.StringIO()
    print_tornado(res, out)
    row = next(line for line in out.getvalue().splitlines() if " b " in line)
    assert "lowest" in row, out.getvalue()


def test_a_discrete_input_with_distinct_quantiles_keeps_them() -> None:
    # values 1, 2, 3 with probabilities 0.2, 0.6, 0.2: p10 = 1 and p90 = 3 already.
    res = tornado(_spec("discrete", {"values": [1, 2, 3], "probs": [0.2, 0.6, 0.2]}), _model, "y")
    bar = next(b for b in res.bars if b.input == "b")
    assert (bar.low_value, bar.high_value) == (1.0, 3.0)
    assert not any("lowest" in note for note in res.notes)
