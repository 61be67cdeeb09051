"""Labels made from names keep currency codes and depositary shares in capitals.

An unlabelled exchange rate ``usd_per_eur`` read "Usd per eur" on the tornado chart and
``shares_per_ads`` read "Shares per ads"; "ads" alone (advertising) and words that are also
ISO 4217 codes ("all", "top", "try") stay words.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest

from model import charts
from model.charts.style import in_sentence
from model.sensitivities.results import TornadoBar, TornadoResult
from model.valuation.roles import humanize


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("usd_per_eur", "USD per EUR"),
        ("fx_hkd_per_usd", "FX HKD per USD"),
        ("jpy_revenue", "JPY revenue"),
        ("shares_per_ads", "Shares per ADS"),
        ("usd_per_eur_per_ads", "USD per EUR per ADS"),
        ("ads_price", "ADS price"),
        ("gmv_growth", "GMV growth"),
        ("ipo_year", "IPO year"),
        # Not codes here: advertising, and English words that ISO 4217 also lists.
        ("digital_ads_growth", "Digital ads growth"),
        ("all_in_cost", "All in cost"),
        ("top_line_growth", "Top line growth"),
    ],
)
def test_codes_upper_cased(name: str, label: str) -> None:
    assert humanize(name) == label


def test_in_a_sentence_the_code_keeps_its_capitals() -> None:
    assert in_sentence(humanize("usd_per_eur")) == "USD per EUR"


def test_tornado_tick_of_an_unlabelled_rate() -> None:
    bars = (
        TornadoBar("usd_per_eur", "usd_per_eur", "USD/EUR", 1.03, 1.26, 75.8, 66.8),
        TornadoBar("shares_per_ads", "shares_per_ads", "1", 1.0, 3.0, 70.0, 72.0),
    )
    fig = charts.tornado_chart(TornadoResult("value_per_share", 2030, 71.1, bars))
    try:
        ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
        assert ticks == ["USD per EUR", "Shares per ADS"]
    finally:
        plt.close(fig)
