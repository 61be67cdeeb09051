"""``to_frame()`` (and so the CSV, JSON and Excel exports) labels an input as the summaries and
charts do: the thesis label, else the name made readable; the ``input`` column keeps the name.
It used to write the bare snake_case name where every other view showed words."""

from __future__ import annotations

import pytest

from model.results.formats.excel import sensitivity_table
from model.sensitivities.results import (
    FactorKind,
    RankCorrelationResult,
    RankEntry,
    SobolEntry,
    SobolResult,
    TornadoBar,
    TornadoResult,
)
from model.valuation.roles import humanize

NAMES = ("rest_earnings_growth", "ai_cloud_share", "pe_exit")
LABELS = {"pe_exit": "Exit multiple on earnings"}  # the others have none: label = name


def _label(name: str) -> str:
    return LABELS.get(name, name)


@pytest.fixture()
def results():
    bars = tuple(
        TornadoBar(n, _label(n), "%", 0.1, 0.2, 10.0 - i, 12.0 + i) for i, n in enumerate(NAMES)
    )
    crackdown = TornadoBar(
        "regulatory_crackdown", "regulatory_crackdown", "", 0, 1, 12.0, 8.0,
        kind=FactorKind.EVENT, event_year=2028,
    )  # fmt: skip
    tornado = TornadoResult("value_per_share", 2030, 11.0, (*bars, crackdown))
    ranks = RankCorrelationResult(
        "value_per_share", 2030, 500, 0.95,
        tuple(RankEntry(n, _label(n), "%", 0.5, 0.4, 0.6, 1 / 3) for n in NAMES),
    )  # fmt: skip
    sobol = SobolResult(
        "value_per_share", 2030, 64, 64 * 5, 0.95, 1,
        tuple(SobolEntry(n, _label(n), "%", 0.3, 0.05, 0.3, 0.05) for n in NAMES),
    )  # fmt: skip
    return tornado, ranks, sobol


def test_to_frame_labels_match_the_summaries(results):
    tornado, ranks, sobol = results
    for found in (ranks, sobol):
        frame, summary = found.to_frame(), found.summary(top=None)
        assert list(frame["input"]) == list(NAMES)  # the names are kept
        assert list(frame["label"]) == list(summary["label"])
    frame = tornado.to_frame().set_index("input")
    summary = tornado.summary(top=None).set_index("input")
    for name in NAMES:  # a variable's summary label is the same words
        assert frame.loc[name, "label"] == summary.loc[name, "label"]
    # an event's summary label adds when it happens, which the frame has in its own columns
    assert summary.loc["regulatory_crackdown", "label"].startswith(
        frame.loc["regulatory_crackdown", "label"]
    )
    assert frame.loc["regulatory_crackdown", "event_year"] == 2028


def test_an_unlabelled_input_is_named_in_words_and_a_label_is_kept(results):
    for found in results:
        frame = found.to_frame().set_index("input")
        assert frame.loc["rest_earnings_growth", "label"] == humanize("rest_earnings_growth")
        assert frame.loc["rest_earnings_growth", "label"] != "rest_earnings_growth"
        assert frame.loc["pe_exit", "label"] == LABELS["pe_exit"]


def test_the_workbook_sheet_has_the_readable_labels_and_the_names(results):
    sheet = sensitivity_table(list(results))
    assert not (sheet["label"] == sheet["input"]).any()
    expected = [label for found in results for label in found.to_frame()["label"]]
    assert list(sheet["label"]) == expected
    assert set(sheet["input"]) == {*NAMES, "regulatory_crackdown"}
