"""``backtest(run, realised)``: a mapping of quantities to finite numbers, Realised entries or a
file; anything else is refused naming the entry, instead of an AttributeError or TypeError."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

import model
from model.errors import ParameterError


@pytest.fixture()
def run(tmp_path: Path, write_vintage):
    path = write_vintage(tmp_path / "example.yaml")
    return model.simulate(model.load_thesis(path), n_paths=256, seed=11)


@pytest.mark.parametrize(
    ("realised", "message"),
    [
        ([3], "expected Realised entries, got int 3"),
        ({"sales[2026]": "14"}, "'sales\\[2026\\]' needs a finite number"),
        ({"sales[2026]": True}, "needs a finite number"),
        ({"sales[2026]": math.nan}, "needs a finite number"),
        ({"s": {"quantity": "sales[2026]", "value": 14}}, "'s' needs a finite number"),
        (5, "realised values are a mapping"),
    ],
)
def test_bad_realised_values_are_named(run, realised, message):
    with pytest.raises(ParameterError, match=message):
        model.backtest(run, realised)


def test_a_mapping_of_numbers_backtests(run):
    table = model.backtest(run, {"sales[2026]": 14}).table
    assert 0.0 <= table["percentile"].iloc[0] <= 1.0
