"""``summary(top=...)`` of a sensitivity result: a whole number of at least 1, or None."""

from __future__ import annotations

from pathlib import Path

import pytest

import model
from model.errors import SettingsError

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "assumptions" / "templates" / "growth-company.yaml"


@pytest.fixture(scope="module")
def results():
    thesis = model.load_thesis(TEMPLATE)
    return {
        "tornado": model.sensitivity(thesis, method="tornado"),
        "rank": model.sensitivity(thesis, method="rank", n_paths=256, seed=1),
        "sobol": model.sensitivity(thesis, method="sobol", n_base=16, seed=1),
    }


@pytest.mark.parametrize("top", [0, -1, 2.0, "2", True])
@pytest.mark.parametrize("method", ["tornado", "rank", "sobol"])
def test_a_top_that_is_no_count_of_rows_is_refused(results, method, top):
    with pytest.raises(SettingsError, match="top must be a whole number of at least 1, or None"):
        results[method].summary(top=top)


@pytest.mark.parametrize("method", ["tornado", "rank", "sobol"])
def test_top_counts_rows(results, method):
    found = results[method]
    everything = found.summary(top=None)
    assert len(found.summary(top=1)) == 1
    assert len(found.summary(top=10**6)) == len(everything)
