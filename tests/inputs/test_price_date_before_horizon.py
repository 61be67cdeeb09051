"""A price dated before the first model year: the dated returns run from the price date but
count only the model's distributions, so the warning about the price's date says which
distributions they leave out (those paid from the price date to the first model year)."""

from __future__ import annotations

import warnings
from pathlib import Path

import model

from .test_fraction_warnings import write
from .test_load_thesis_warns import KE, KE_LEG, RATE


def _price_warning(tmp_path: Path, date: str) -> str:
    path = write(tmp_path, KE, KE_LEG, RATE, ("    date: 2025-06-30", f"    date: {date}"))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model.load_thesis(path)
    (said,) = [str(w.message) for w in caught if "thesis.price.date" in str(w.message)]
    return said


def test_the_distributions_before_the_first_model_year_are_named(tmp_path: Path) -> None:
    # Horizon 2025-2029 (calendar years), valued on 2025-06-30, priced on 2019-12-01: the
    # dividends of the year ends 2019 to 2024 are in no model year.
    said = _price_warning(tmp_path, "2019-12-01")
    assert "the price is dated 2019-12-01" in said
    assert (
        "the returns leave out the dividends and other distributions paid from 2019-12-01 "
        "to 2024-12-31, before the first model year (2025), so they understate a holder's "
        "return since the price date" in said
    ), said


def test_a_price_inside_the_first_model_year_leaves_nothing_out(tmp_path: Path) -> None:
    said = _price_warning(tmp_path, "2025-03-03")
    assert "the price is dated 2025-03-03" in said
    assert "distributions" not in said, said
