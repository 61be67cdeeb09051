"""The company's own market share, its player named in the first person (``us``), reads in the
watch list as the company's share of the market, not as a country ("Platform: US")."""

from __future__ import annotations

from pathlib import Path

import model
from model.learning.watchlist import default_observables

EXAMPLES = Path(__file__).resolve().parents[2] / "assumptions" / "examples"


def test_a_first_person_share_reads_as_the_companys_share() -> None:
    run = model.simulate(EXAMPLES / "saas-subscription.yaml", n_paths=600, seed=3, keep_inputs=True)
    labels = dict(default_observables(run))
    share = [label for q, label in labels.items() if q.startswith("share_platform_us")]
    assert share == ["Nimbus Telemetry Inc's share of Platform"]
    lines = model.watch(run).sentences()
    assert any(
        "if Nimbus Telemetry Inc's share of Platform for FY2027 comes in" in s for s in lines
    )
    assert not any("Platform: US" in s for s in lines)
