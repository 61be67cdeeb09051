"""convergence_table reads one value a path: a result, or paths by year, is refused in one line
rather than failing inside numpy or, for a 2-D array, running over the years flattened."""

from __future__ import annotations

import numpy as np
import pytest

from model.charts import convergence_table
from model.errors import SettingsError, WrongKindError


@pytest.fixture(scope="module")
def result():
    import model

    return model.simulate("assumptions/alibaba.yaml", n_paths=200, seed=4)


def test_a_result_names_what_to_pass(result):
    with pytest.raises(WrongKindError, match=r"result\.final\(output\)"):
        convergence_table(result)
    with pytest.raises(WrongKindError, match="convergence_table takes"):
        convergence_table(result, "value_per_share")


def test_paths_by_year_are_refused_not_flattened(result):
    with pytest.raises(WrongKindError, match=r"shape \(200, 6\)"):
        convergence_table(result.paths("value_per_share"))


def test_text_is_refused_in_one_line():
    with pytest.raises(WrongKindError) as caught:
        convergence_table(["a", "b", "c"])
    assert "\n" not in str(caught.value)


def test_one_year_of_values_gives_the_running_mean(result):
    values = result.final("value_per_share")
    table = convergence_table(values, ("mean",), checkpoints=5)
    assert table["n"].iloc[-1] == values.size
    # The last prefix is the whole sample: its running mean is the sample mean.
    assert table["mean"].iloc[-1] == pytest.approx(float(np.mean(values)))


@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_a_value_that_is_not_finite_is_refused_not_spread_through_the_table(bad):
    # One NaN in the paths used to make every running mean NaN without a word.
    values = np.random.default_rng(7).normal(size=300)
    values[11] = bad
    with pytest.raises(SettingsError, match=r"1 of 300 are NaN or infinite") as caught:
        convergence_table(values, ("mean", "p95"), checkpoints=4)
    assert "\n" not in str(caught.value)
    table = convergence_table(values[np.isfinite(values)], ("mean", "p95"), checkpoints=4)
    assert np.isfinite(table.to_numpy()).all()
