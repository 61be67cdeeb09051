"""The watch list says when an observable's spread is no more than sampling noise.

The spread of the conditional medians is never zero on a finite run: a quantity that has
nothing to do with the value still splits the paths into groups whose medians differ by
chance, and such a quantity used to be listed as a fact to watch with a spread like any other.
For a quantity independent of the value, ``spread**2 * 4 f**2 n`` is about chi-square with
``K - 1`` degrees of freedom (``K`` groups, ``f`` the density of the value at its median), so
its 95% quantile is the noise bound; an unrelated quantity must stay below it in about 95% of
seeds, and a quantity the value depends on must clear it.
"""

from __future__ import annotations

from pathlib import Path

import model

UNRELATED = (
    '  unrelated:\n    unit: "%"\n    dist: normal\n    mean: 0.5\n    sd: 0.1\n'
    '    source: {estimate: "A figure the value does not depend on, to watch nonetheless"}\n'
)
SEEDS = 40


def test_an_unrelated_quantity_stays_within_the_noise_bound(write_vintage, tmp_path: Path):
    thesis = model.load_thesis(write_vintage(tmp_path / "t.yaml", extra_assumptions=UNRELATED))
    above = 0
    for seed in range(SEEDS):
        run = model.simulate(thesis, n_paths=2_000, seed=seed, keep_inputs=True, progress=False)
        wl = model.watch(run, ["unrelated", "sales[2026]"])
        item = {it.quantity: it for it in wl.items}
        assert item["sales[2026]"].spread > 3 * item["sales[2026]"].noise
        above += item["unrelated"].spread > item["unrelated"].noise
    # Binomial(40, 0.05): 7 or more exceedances has probability 0.003.
    assert above <= 6, above


def test_the_sentence_says_within_sampling_noise(write_vintage, tmp_path: Path):
    thesis = model.load_thesis(write_vintage(tmp_path / "t.yaml", extra_assumptions=UNRELATED))
    run = model.simulate(thesis, n_paths=2_000, seed=0, keep_inputs=True, progress=False)
    wl = model.watch(run, [("unrelated", "Unrelated"), ("sales[2026]", "Sales")])
    by_label = dict(zip([it.label for it in wl.items], wl.sentences(), strict=True))
    assert "sampling noise" in by_label["Unrelated"], by_label
    assert "sampling noise" not in by_label["Sales"], by_label
    assert "noise" in wl.summary().columns
