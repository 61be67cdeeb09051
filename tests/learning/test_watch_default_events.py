"""The default watch list holds the events that can happen next, whatever year it watches.

Events happen from model year 1 on. A thesis valued while year 0 is still in progress watches
year 0's figures by default; its events are those of year 1, the first year they can happen in,
and they stand in the list with the figures, ranked by how much they move the value. Naming a
year (``observe_year=``) watches that year alone, as before.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import model
from model.learning.watchlist import default_observables

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "assumptions" / "examples"

EVENT = dict(
    extra_assumptions=(
        '  war_prob:\n    unit: "%"\n    value: 0.4\n'
        '    source: {estimate: "Chance of a price war in any one year"}\n'
    ),
    extra_bottom=(
        'events:\n  price_war:\n    label: "A price war breaks out"\n'
        "    annual_prob: war_prob\n    repeatable: false\n"
        "    effects:\n      - {target: margin, op: add, by: -0.1}\n"
        '    source: {estimate: "Rivals cut their prices"}\n'
    ),
)


def _run(tmp_path: Path, write_vintage, as_of: str) -> model.SimulationResult:
    path = write_vintage(tmp_path / "thesis.yaml", as_of=as_of, first=2025, last=2030, **EVENT)
    return model.simulate(model.load_thesis(path), n_paths=4000, seed=7, keep_inputs=True)


def test_year_0_figures_come_with_the_events_of_year_1(tmp_path, write_vintage):
    run = _run(tmp_path, write_vintage, "2025-06-30")  # 2025, year 0, is still in progress
    wl = model.watch(run)
    names = [it.quantity for it in wl.items]
    assert "event:price_war@2026" in names, names
    assert {it.observed_year for it in wl.items if not it.binary} == {2025}, names
    spreads = [it.spread for it in wl.items]
    assert spreads == sorted(spreads, reverse=True)  # ranked with the rest
    war = next(it for it in wl.items if it.binary)
    assert war.medians[1] < war.medians[0]  # a price war lowers the value
    assert any("happens by 2026" in line for line in wl.sentences())


def test_a_year_named_is_watched_alone(tmp_path, write_vintage):
    run = _run(tmp_path, write_vintage, "2025-06-30")
    named = model.watch(run, observe_year=2025)  # no event can have happened by 2025
    assert {it.observed_year for it in named.items} == {2025}
    assert not any(it.binary for it in named.items)
    later = model.watch(run, observe_year=2027)
    assert {it.observed_year for it in later.items} == {2027}
    assert "event:price_war@2027" in [it.quantity for it in later.items]


def test_a_default_year_after_year_0_keeps_its_own_events(tmp_path, write_vintage):
    run = _run(tmp_path, write_vintage, "2026-01-15")  # 2025 is over: 2026 is watched
    assert {it.observed_year for it in model.watch(run).items} == {2026}
    assert "event:price_war@2026" in [it.quantity for it in model.watch(run).items]


@pytest.mark.parametrize(
    ("example", "event"),
    [
        ("copper-miner", "mine_outage"),
        ("regional-bank", "us_recession"),
        ("saas-subscription", "hyperscaler_bundling"),
    ],
)
def test_the_examples_watch_their_events(example, event):
    run = model.simulate(
        EXAMPLES / f"{example}.yaml", n_paths=2000, seed=4, keep_inputs=True, progress=False
    )
    names = [it.quantity for it in model.watch(run).items]
    assert any(n.startswith(f"event:{event}@") for n in names), names


def test_an_event_limited_to_a_later_year_is_watched_by_that_year(tmp_path, write_vintage):
    # Limited to 2029, the price war cannot have happened by 2026: watched by 2026 it took one
    # value on every path and was left out, though it moves the value most.
    bottom = EVENT["extra_bottom"].replace(
        "repeatable: false\n", "repeatable: false\n    years: [2029]\n"
    )
    extra = EVENT["extra_assumptions"].replace("0.4", "0.5")
    path = write_vintage(
        tmp_path / "thesis.yaml", as_of="2025-06-30", first=2025, last=2030,
        extra_assumptions=extra, extra_bottom=bottom,
    )  # fmt: skip
    run = model.simulate(model.load_thesis(path), n_paths=4000, seed=7, keep_inputs=True)
    wl = model.watch(run)
    assert "event:price_war@2029" in [it.quantity for it in wl.items]
    assert wl.observed == "2025 (events by 2029)"
    assert ("event:price_war@2029", "A price war breaks out") in default_observables(run)
