"""Tables printed by the learning commands read like every other printed table."""

from __future__ import annotations

import pandas as pd

from model.cli.learning import _shown


def test_fractions_print_as_percentages_and_noise_as_zero() -> None:
    # `thesis update` printed return_annual as 0.1293 next to "12.9%" everywhere else, and a
    # standard error of equal values as 4.681e-16.
    table = pd.DataFrame(
        {
            "unit": ["%", "GBP m", "share"],
            "prior_mean": [0.1293, 320.2, 0.358],
            "posterior_mean_se": [0.0003, 4.681e-16, float("nan")],
        },
        index=pd.Index(["return_annual", "dividends", "share_x"], name="output"),
    )
    shown = _shown(table)
    assert list(shown["prior_mean"]) == ["12.93%", "320.2", "35.80%"]
    assert list(shown["posterior_mean_se"]) == ["0.03%", "0", "n/a"]
    assert list(shown["unit"]) == ["%", "GBP m", "share"]


def test_tables_without_units_keep_their_figures() -> None:
    table = pd.DataFrame({"prior_sd": [169.2, 1.11e-16], "observed": ["a", "b"]})
    assert list(_shown(table)["prior_sd"]) == ["169.2", "0"]
