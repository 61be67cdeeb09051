"""A price on a chart is written as quoted: "Price: 900 TWD", not "Price: 900.0 TWD". Whole
units from 1,000 and in a currency without a minor unit, as the console prints them; below,
the decimals its size calls for, without a trailing ".0" from 10 up."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import pytest

import model
from model import charts
from model.charts import style as st

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "assumptions" / "templates" / "growth-company.yaml"  # priced at 900 TWD


@pytest.fixture(scope="module")
def result():
    return model.simulate(model.load_thesis(TEMPLATE), n_paths=400, seed=2)


def every_text(fig) -> str:
    texts = [t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text"))]
    return "\n".join(" ".join(t.split()) for t in texts if isinstance(t, str))


def test_the_price_of_900_twd_reads_900_twd(result):
    figs = [
        charts.value_distribution(result),
        charts.value_distribution(result, kind="cdf"),
    ]
    try:
        for fig in figs:
            words = every_text(fig)
            assert "Price: 900 TWD" in words
            assert "900.0 TWD" not in words
    finally:
        for fig in figs:
            plt.close(fig)


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (900.0, "TWD/share", "900 TWD"),
        (129.5, "HKD/share", "129.5 HKD"),
        (91.72, "HKD/share", "91.72 HKD"),
        (19.99, "USD/share", "19.99 USD"),
        (10.04, "USD/share", "10.04 USD"),
        (24.75, "USD/share", "24.75 USD"),
        (12.3456, "USD/share", "12.35 USD"),
        (0.0725, "GBP/share", "0.0725 GBP"),
        (4.2, "USD/share", "4.20 USD"),
        (0.385, "USD/share", "0.385 USD"),
        (1250.0, "TWD/share", "1,250 TWD"),
        (1234.5, "TWD/share", "1,234 TWD"),
        (850.0, "JPY/share", "850 JPY"),
        (265_000.0, "JPY/share", "265,000 JPY"),
    ],
)
def test_prices_print_with_the_precision_of_their_size_and_currency(value, unit, text):
    assert st.format_price(value, unit) == text
