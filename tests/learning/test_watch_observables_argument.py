"""``observables=`` of ``model.watch``: one quantity alone, and mistakes said in a message.

A single quantity given as a string was read character by character ("unknown output 's'");
an int, None or a one-element tuple ended in a Python TypeError or ValueError; an
``observe_year`` given beside named observables was ignored without a word.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import model
from model.errors import ParameterError


@pytest.fixture()
def run(tmp_path, write_vintage):
    path = write_vintage(tmp_path / "example.yaml")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # few paths: the watch list's own warning
        return model.simulate(model.load_thesis(path), n_paths=1000, seed=3)


def test_one_quantity_given_alone_is_watched_as_one(run):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        alone = model.watch(run, "sales[2026]")
        listed = model.watch(run, ["sales[2026]"])
    assert [it.quantity for it in alone.items] == ["sales[2026]"]
    assert alone.items[0].medians == listed.items[0].medians
    # by hand: the median value of the paths at or below the 20th percentile of sales
    sales, value = run.final("sales", 2026), run.final("value_today", None)
    low = sales <= np.quantile(sales, 0.2)
    assert alone.items[0].medians[0] == pytest.approx(np.median(value[low]))


@pytest.mark.parametrize("observables", [5, [None], [("sales[2026]",)], [("sales[2026]", 3)]])
def test_what_is_not_a_quantity_is_refused_with_a_message(run, observables):
    with pytest.raises(ParameterError, match=r"observables must be quantities such as"):
        model.watch(run, observables)


def test_a_year_to_observe_beside_named_observables_is_refused_not_ignored(run):
    # observe_year picks the default observables; with observables named it would do nothing
    with pytest.raises(ParameterError, match=r"observe_year=2027 chooses the default observables"):
        model.watch(run, ["sales[2026]"], observe_year=2027)
