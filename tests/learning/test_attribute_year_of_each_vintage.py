"""Between two vintage files, a year one horizon lacks is refused naming that vintage, at once.

The 2022 vintage runs 2022..2026 and the 2025 one 2025..2030; every run of the waterfall reads
the output at the year asked, on one file's horizon or the other's. A year outside either was
refused only once the old vintage had been simulated, as "outside the run's years", without
saying which vintage lacked it.
"""

from __future__ import annotations

import pytest

from model.errors import HorizonError
from model.learning.runs import SharedRuns
from model.learning.vintages import attribute


@pytest.fixture()
def no_runs(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a run was made before the year was checked")

    monkeypatch.setattr(SharedRuns, "run", refuse)


@pytest.mark.parametrize(
    ("year", "said"),
    [
        (2029, "the horizon of example-2022 (2022..2026)"),
        (2023, "the horizon of example (2025..2030)"),
    ],
)
def test_the_vintage_lacking_the_year_is_named_before_any_run(vintage_pair, no_runs, year, said):
    old, new = vintage_pair
    with pytest.raises(HorizonError) as caught:
        attribute(new, old, output="sales", year=year, n_paths=64, seed=1)
    assert str(caught.value) == f"year {year} is outside {said}"


def test_a_year_of_both_horizons_is_still_read_in_each(vintage_pair):
    old, new = vintage_pair
    att = attribute(new, old, output="sales", year=2026, n_paths=64, seed=1)
    assert (att.from_year, att.to_year) == (2026, 2026)
