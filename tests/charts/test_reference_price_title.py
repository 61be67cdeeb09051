"""A year-end value's histogram calls the price today's only when it is dated on the valuation
date; a reference price from months before is named with its date."""

from __future__ import annotations

from pathlib import Path

import model
from model.charts import style as st
from model.charts import value_distribution

ROOT = Path(__file__).resolve().parents[2]


def _title(path: Path) -> str:
    result = model.simulate(model.load_thesis(path), n_paths=1000, seed=1)
    return st.title_of(value_distribution(result, "value_per_share")).replace("\n", " ")


def test_a_price_dated_before_the_valuation_date_is_not_today_s() -> None:
    title = _title(ROOT / "assumptions" / "alibaba.yaml")  # price of 17 Feb 2025, as of 27 Nov
    assert "price today" not in title
    assert "the price is 129.5 HKD (17 Feb 2025)" in title
    assert "90% range" in title and "between" not in title


def test_a_price_of_the_valuation_date_is_today_s() -> None:
    title = _title(ROOT / "assumptions" / "examples" / "regional-bank.yaml")
    assert "the price today is 48.5" in title and "90% range" in title
