"""The project's Alibaba thesis and every one of its scenarios validate."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from model.inputs import SourceKind, load_thesis
from model.inputs.assembly.ledger import format_ledger
from model.inputs.units import format_number

ROOT = Path(__file__).resolve().parents[2]
ALIBABA = ROOT / "assumptions" / "alibaba.yaml"


@pytest.fixture(scope="module")
def thesis():
    # The thesis file is part of the repository: if it is missing, that is a failure.
    assert ALIBABA.is_file(), f"{ALIBABA} is missing"
    return load_thesis(ALIBABA)


def test_base_loads_with_sources(thesis) -> None:
    assert thesis.currency == "HKD"
    assert thesis.years == tuple(range(thesis.years[0], thesis.years[-1] + 1))
    assert thesis.price > 0
    counts = thesis.source_counts()
    assert counts["sourced"] > 0
    assert counts["sourced"] + counts["derived"] + counts["estimated"] == counts["total"]
    for a in thesis.assumptions.values():
        if a.source.kind in (SourceKind.SOURCED, SourceKind.SPREAD_ESTIMATED):
            assert a.source.doc and a.source.quote


def test_every_scenario_validates(thesis) -> None:
    names = list(thesis.scenarios)
    assert names[0] == "base" and len(names) > 1
    for name in names:
        scenario = load_thesis(ALIBABA, scenario=name)
        assert scenario.scenario == name
        assert len(scenario.ledger()) > len(scenario.assumptions)
        spec = scenario.to_spec()
        assert spec.years == scenario.years


def test_weights_cover_known_scenarios(thesis) -> None:
    assert thesis.weights, "the thesis blends its scenarios, so it must weight them"
    assert set(thesis.weights) <= set(thesis.scenarios)
    assert sum(w.value for w in thesis.weights.values()) == pytest.approx(1.0, abs=1e-9)


def test_ledger_shows_derived_central_values(thesis) -> None:
    central = thesis.ledger().set_index("name")["central"]
    values = {n: a.value for n, a in thesis.assumptions.items() if a.value is not None}
    hkd_per_rmb = values["alibaba_mcap_hkd_2025"] / values["alibaba_mcap_rmb_2025"]
    rmb_per_usd = values["amazon_mcap_rmb"] / values["amazon_mcap_usd"]
    assert central["fx_hkd_per_usd"] == pytest.approx(hkd_per_rmb * rmb_per_usd, rel=1e-12)
    shares = values["alibaba_mcap_hkd_2025"] / values["alibaba_price_hkd_2025"]
    assert central["shares_implied_feb_2025"] == pytest.approx(shares, rel=1e-12)
    assert central["shares_outstanding"] == 19.0  # the filings' count, not the derived 17.9bn
    # every static assumption has a finite central value; only per-year ones are NaN
    static = [n for n in thesis.assumptions if n not in thesis.per_year]
    assert np.all(np.isfinite(central[static].to_numpy(dtype=float)))
    text = format_ledger(thesis)
    assert max(len(line) for line in text.splitlines()) <= 120
    # HKD per USD (about 7.78) is read off the ledger instead of worked out by hand
    assert f"  {format_number(hkd_per_rmb * rmb_per_usd)}  " in text
