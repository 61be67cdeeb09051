"""Watch-list lines (and the chart's labels) say which year is observed, whether the observable
has a label of its own or not, for quantities and for events."""

from __future__ import annotations

import re
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import pytest

import model
from model.charts.learning import watch_chart

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "assumptions" / "templates"


def _year_of(quantity: str) -> str:
    found = set(re.findall(r"\[(\d{4})\]", quantity)) | set(re.findall(r"@(\d{4})$", quantity))
    assert len(found) == 1, quantity
    return found.pop()


@pytest.fixture(scope="module")
def run():
    return model.simulate(TEMPLATES / "binary-event.yaml", n_paths=2000, seed=4, keep_inputs=True)


def test_default_lines_name_the_observed_year(run) -> None:
    wl = model.watch(run, observe_year=run.years[2])
    assert any(it.binary for it in wl.items) and any(not it.binary for it in wl.items)
    lines = wl.sentences()
    assert len(lines) == len(wl.items)
    for it, line in zip(wl.items, lines, strict=True):
        year = _year_of(it.quantity)
        assert it.observed_year == int(year)
        assert year in line, line
        assert year not in it.label  # the label alone would not say it
    fig = watch_chart(wl)
    ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert all(re.search(r"\b\d{4}\b", t) for t in ticks), ticks


def test_labelled_and_plain_quantities(run) -> None:
    later, sooner = run.years[-1], run.years[1]
    wl = model.watch(run, [(f"revenue[{later}]", "Revenue"), f"earnings[{sooner}]"])
    by_quantity = dict(zip((it.quantity for it in wl.items), wl.sentences(), strict=True))
    assert f"Revenue for {later} comes in below" in by_quantity[f"revenue[{later}]"]
    # A quantity without a label shows its own year once.
    plain = by_quantity[f"earnings[{sooner}]"]
    assert plain.count(str(sooner)) == 1, plain


def test_what_cannot_vary_by_the_first_year_is_not_listed(run, tmp_path) -> None:
    # Events happen from year 1 on, and this thesis fixes year 0: nothing to watch there.
    with pytest.raises(model.errors.ThesisModelError, match="nothing to watch"):
        model.watch(run, observe_year=run.years[0])
    thesis = (ROOT / "assumptions" / "examples" / "copper-miner.yaml").read_text()
    assert "events:" in thesis
    mine = model.simulate(
        ROOT / "assumptions" / "examples" / "copper-miner.yaml", n_paths=2000, seed=4,
        keep_inputs=True,
    )  # fmt: skip
    wl = model.watch(mine, observe_year=mine.years[0])
    assert wl.items and not any(it.binary for it in wl.items)
    assert not any("n/a" in line for line in wl.sentences())
