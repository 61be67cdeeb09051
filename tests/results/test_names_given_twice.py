"""An output or a quantile level asked for twice is one row or column, not a doubled count;
one quantile level may be given alone, as pandas' ``quantile(0.5)``."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import model
from model.errors import SettingsError

THESIS = Path(__file__).resolve().parents[2] / "assumptions" / "templates" / "growth-company.yaml"


@pytest.fixture(scope="module")
def result():
    return model.simulate(model.load_thesis(THESIS), n_paths=1000, seed=1)


def test_an_output_named_twice_is_summarised_once(result) -> None:
    twice = result.summary(["value_per_share", "sales", "value_per_share"])
    assert twice.index.is_unique
    pd.testing.assert_frame_equal(twice, result.summary(["value_per_share", "sales"]))
    frame = result.to_frame(["value_per_share", "value_per_share"])
    assert len(frame) == result.n_paths * len(result.years)


def test_a_level_asked_twice_is_one_column(result) -> None:
    q = result.quantiles("value_per_share", [0.5, 0.05, 0.5])
    assert list(q.columns) == ["p50", "p5"]
    assert isinstance(q["p50"], pd.Series)


def test_one_level_alone(result) -> None:
    pd.testing.assert_frame_equal(
        result.quantiles("value_per_share", 0.5), result.quantiles("value_per_share", [0.5])
    )
    pd.testing.assert_frame_equal(  # a 0-d array, as np.float64(0.5) or np.array(0.5) give
        result.quantiles("value_per_share", np.array(0.5)),
        result.quantiles("value_per_share", [0.5]),
    )
    with pytest.raises(SettingsError, match="must lie in"):
        result.quantiles("value_per_share", 5)
    with pytest.raises(SettingsError, match="must be numbers"):
        result.quantiles("value_per_share", True)
