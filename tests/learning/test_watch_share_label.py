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
    assert share == ["Nimbus Telemetry Inc's share of platform"]
    lines = model.watch(run, observe_year=2027).sentences()
    assert any(
        "if Nimbus Telemetry Inc's share of platform for FY2027 comes in" in s for s in lines
    )
    assert not any("Platform: US" in s for s in lines)


def test_a_named_company_share_reads_as_its_share_not_as_a_market_for_a_player() -> None:
    # The company's own share under its name reads "Alibaba's share of cloud ex AI (...)",
    # not "Cloud ex AI (...): Alibaba" (a market, then a name, then "for 2026").
    thesis = Path(__file__).resolve().parents[2] / "assumptions" / "alibaba.yaml"
    run = model.simulate(thesis, n_paths=600, seed=3, keep_inputs=True)
    shares = [label for q, label in default_observables(run) if q.startswith("share_")]
    assert shares, "the flagship thesis watches its market shares"
    for label in shares:
        assert label.startswith("Alibaba's share of "), label
        assert not label.endswith(": Alibaba"), label
    # The segment keeps its own capitals inside the sentence ("AI cloud", not "ai cloud").
    assert any(label == "Alibaba's share of AI cloud" for label in shares), shares
