"""The year ``watch`` observes by default: the first model year ending after the valuation date.

A thesis valued on 30 June 2025 whose first model year is calendar 2025 has not seen 2025's
figures yet: they are the next to be reported, so the watch list is of 2025, not 2026. A first
year already over on the valuation date is reported, and the next year is watched. A year 0 that
leaves nothing to watch (the thesis fixes it, and events start in year 1) gives way to year 1.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

import model
from model.learning.watchlist import default_observables, default_years

ROOT = Path(__file__).resolve().parents[2]


def _run(tmp_path: Path, write_vintage, as_of: str) -> model.SimulationResult:
    path = write_vintage(tmp_path / "thesis.yaml", as_of=as_of, first=2025, last=2030)
    return model.simulate(model.load_thesis(path), n_paths=2000, seed=7, keep_inputs=True)


def _observed(wl: model.learning.WatchList) -> set[int | None]:
    return {it.observed_year for it in wl.items}


def test_a_first_year_still_in_progress_is_watched(tmp_path, write_vintage):
    run = _run(tmp_path, write_vintage, "2025-06-30")  # 2025 ends on 31 December, after it
    assert default_years(run)[0] == 2025
    wl = model.watch(run)
    assert wl.items and _observed(wl) == {2025}, [it.quantity for it in wl.items]
    assert {q for q, _ in default_observables(run)} == {it.quantity for it in wl.items}


@pytest.mark.parametrize("as_of", ["2025-12-31", "2026-01-15"])
def test_a_first_year_over_by_the_valuation_date_gives_way_to_the_next(
    tmp_path, write_vintage, as_of
):
    # A year ending on the valuation date itself is reported by then: not ahead of it.
    run = _run(tmp_path, write_vintage, as_of)
    assert default_years(run)[0] == 2026
    wl = model.watch(run)
    assert wl.items and _observed(wl) == {2026}, [it.quantity for it in wl.items]


def test_a_year_0_with_nothing_to_watch_gives_way_to_year_1():
    # Valued on 30 September 2025, year 0 (2025) is ahead, but the template fixes its figures.
    run = model.simulate(
        ROOT / "assumptions" / "templates" / "binary-event.yaml", n_paths=2000, seed=4,
        keep_inputs=True,
    )  # fmt: skip
    assert default_years(run) == (2025, 2026)
    with pytest.raises(model.errors.ThesisModelError, match="nothing to watch"):
        model.watch(run, observe_year=2025)
    wl = model.watch(run)
    assert wl.items and _observed(wl) == {2026}, [it.quantity for it in wl.items]
    assert any(it.binary for it in wl.items)  # the events, from year 1 on


def test_without_dates_year_1_is_watched():
    undated = SimpleNamespace(name="t", events={})
    assert default_years(SimpleNamespace(thesis=undated, years=(2025, 2026, 2027))) == (2026,)
    assert default_years(SimpleNamespace(thesis=undated, years=(2025,))) == (2025,)


def test_an_explicit_year_is_kept(tmp_path, write_vintage):
    run = _run(tmp_path, write_vintage, "2025-06-30")
    for year in (2025, 2027):
        wl = model.watch(run, observe_year=year)
        assert _observed(wl) == {year}, [it.quantity for it in wl.items]
    named = model.watch(run, ["sales[2028]"])
    assert [it.quantity for it in named.items] == ["sales[2028]"]
