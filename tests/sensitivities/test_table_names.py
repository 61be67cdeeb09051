"""``summary()`` and ``to_frame()`` (and so the CSVs) name a sensitivity's columns alike, but for
the tornado's input values, whose two names the README and the docstring give."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import model
from model.sensitivities.results import TornadoResult

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "assumptions" / "templates" / "growth-company.yaml"
#: Columns of summary() that to_frame() has not under that name.
SUMMARY_ONLY = {
    "tornado": {"low", "high", "change_at_low", "change_at_high"},
    "rank": set(),
    "sobol": set(),
}


@pytest.fixture(scope="module")
def results():
    thesis = model.load_thesis(TEMPLATE)
    return {
        "tornado": model.sensitivity(thesis, method="tornado"),
        "rank": model.sensitivity(thesis, method="rank", n_paths=256, seed=1),
        "sobol": model.sensitivity(thesis, method="sobol", n_base=16, seed=1),
    }


@pytest.mark.parametrize("method", ["tornado", "rank", "sobol"])
def test_summary_and_frame_share_their_names(results, method):
    found = results[method]
    summary, frame = found.summary(top=None), found.to_frame()
    assert set(summary.columns) - set(frame.columns) == SUMMARY_ONLY[method]


def test_the_tornados_low_and_high_are_the_frames_low_value_and_high_value(results):
    found = results["tornado"]
    summary = found.summary(top=None).set_index("input")
    frame = found.to_frame().set_index("input")
    assert (summary["low"] == frame.loc[summary.index, "low_value"]).all()
    assert (summary["high"] == frame.loc[summary.index, "high_value"]).all()


def test_the_two_names_are_documented():
    readme = " ".join(ROOT.joinpath("README.md").read_text(encoding="utf-8").split())
    said = re.search(
        r"`low` and `high` in `\.summary\(\)`.*?`low_value` and `high_value` in `\.to_frame\(\)` "
        r"and `tornado\.csv`; the rank and Sobol' tables use the same names in both",
        readme,
    )
    assert said is not None
    doc = " ".join((TornadoResult.summary.__doc__ or "").split())
    assert "``low_value`` and ``high_value``" in doc
