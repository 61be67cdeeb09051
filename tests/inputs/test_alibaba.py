"""The project's Alibaba thesis and every one of its scenarios validate."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.inputs import SourceKind, load_thesis

ROOT = Path(__file__).resolve().parents[2]
ALIBABA = ROOT / "assumptions" / "alibaba.yaml"

pytestmark = pytest.mark.skipif(
    not ALIBABA.is_file(), reason="assumptions/alibaba.yaml is not in this checkout"
)


@pytest.fixture(scope="module")
def thesis():
    return load_thesis(ALIBABA)


def test_base_loads_with_sources(thesis) -> None:
    assert thesis.currency == "HKD"
    assert thesis.years[0] <= thesis.years[-1]
    assert thesis.price > 0
    counts = thesis.source_counts()
    assert counts["sourced"] > 0
    assert counts["sourced"] + counts["derived"] + counts["estimated"] == counts["total"]
    for a in thesis.assumptions.values():
        if a.source.kind in (SourceKind.SOURCED, SourceKind.SPREAD_ESTIMATED):
            assert a.source.doc and a.source.quote


def test_every_scenario_validates(thesis) -> None:
    names = list(thesis.scenarios)
    assert names[0] == "base"
    for name in names:
        scenario = load_thesis(ALIBABA, scenario=name)
        assert scenario.scenario == name
        assert len(scenario.ledger()) > len(scenario.assumptions)
        spec = scenario.to_spec()
        assert spec.years == scenario.years


def test_weights_cover_known_scenarios(thesis) -> None:
    if thesis.weights:
        assert set(thesis.weights) <= set(thesis.scenarios)
        assert sum(w.value for w in thesis.weights.values()) == pytest.approx(1.0, abs=1e-9)
