"""``result["sales"]`` gives the paths of an output, as ``ds["sales"]`` does in xarray and as
``comparison["base"]`` gives one scenario; a result is not a sequence of anything."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import model
from model.errors import UnknownOutputError

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def runs():
    thesis = model.load_thesis(ROOT / "assumptions" / "examples" / "japan-conglomerate.yaml")
    return model.compare(thesis, ["base", "bear"], n_paths=200, seed=1)


def test_an_output_by_name(runs):
    result = runs["base"]
    pd.testing.assert_frame_equal(result["ebit"], result.paths("ebit"))
    assert runs["bear"]["value_per_share"].shape == (200, len(result.years))


def test_an_unknown_name_says_so(runs):
    with pytest.raises(UnknownOutputError):
        runs["base"]["ebitda_typo"]


def test_a_result_is_not_iterable(runs):
    with pytest.raises(TypeError):
        iter(runs["base"])
