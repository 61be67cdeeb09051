"""Names moved into modules of their own are still found where they were, as the same objects."""

from __future__ import annotations

import importlib

import pytest

MOVED = [
    ("model.results.statements", "model.results.mixins.claims", "Claims"),
    ("model.results.summary", "model.results.weighting.weighted", "weighted_describe"),
    ("model.results.summary", "model.results.weighting.weighted", "weighted_mean"),
    ("model.results.summary", "model.results.weighting.weighted", "weighted_quantile"),
    ("model.results.summary", "model.results.weighting.weighted", "effective_sample_size"),
    ("model.results.analysis", "model.results.returns.basis", "value_output"),
    ("model.results.analysis", "model.results.returns.basis", "VALUE"),
    ("model.results.comparison", "model.results.compare.cases", "Difference"),
    ("model.results.comparison", "model.results.compare.cases", "ClassicView"),
    ("model.results.comparison", "model.results.compare.cases", "CaseValue"),
    ("model.results.formats.excel", "model.results.formats.cells", "number_format"),
    ("model.results.formats.excel", "model.results.formats.cells", "PERCENT"),
    ("model.learning.watchlist", "model.learning.watchitems", "WatchItem"),
    ("model.learning.watchlist", "model.learning.watchitems", "WatchList"),
    ("model.export.job", "model.export.report_settings", "ReportSettings"),
]


@pytest.mark.parametrize(("old", "new", "name"), MOVED)
def test_a_moved_name_is_the_same_object_at_its_old_place(old: str, new: str, name: str) -> None:
    assert getattr(importlib.import_module(old), name) is getattr(
        importlib.import_module(new), name
    )


def test_an_unknown_name_is_still_an_attribute_error() -> None:
    for module in ("model.results.statements", "model.results.summary"):
        with pytest.raises(AttributeError):
            _ = importlib.import_module(module).no_such_name
