"""The 2022 vintage of the Alibaba thesis: its own date, price and horizon, 2022 facts only.

A vintage is a thesis as it could have been written on its date. These tests hold the file to
that: the valuation date is the day of the price the 2022 articles give, the horizon runs to
Canalys' forecast year, every document it cites was published by then (per ``seeds/INDEX.md``),
and the central path reproduces the equations the file states (market value on the ex-cash
multiple, the 2019-21 share erosion counted once).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml

from model.engine.execution.runner import central, run
from model.inputs.assembly.thesis import load_thesis
from model.valuation import build_model

ROOT = Path(__file__).resolve().parents[2]
VINTAGE = ROOT / "assumptions" / "alibaba-2022.yaml"
INDEX = ROOT / "seeds" / "INDEX.md"

pytestmark = pytest.mark.skipif(not VINTAGE.exists(), reason="the 2022 vintage is not present")

_MONTHS = {m: i for i, m in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"), start=1)}  # fmt: skip


@pytest.fixture(scope="module")
def thesis():
    return load_thesis(VINTAGE)


@pytest.fixture(scope="module")
def central_path(thesis) -> dict[str, np.ndarray]:
    return central(thesis.to_spec(), build_model(thesis))


def _latest_publication(text: str) -> dt.date:
    """The latest day a date column of INDEX.md allows ("early 2022" -> 31 Dec 2022 at most)."""
    year = int(re.search(r"\b(19|20)\d\d\b", text).group(0))  # type: ignore[union-attr]
    day = re.search(r"\b(\d{1,2}) (\w+) \d{4}", text)
    if day and day.group(2).lower() in _MONTHS:
        return dt.date(year, _MONTHS[day.group(2).lower()], int(day.group(1)))
    month = next((m for m in _MONTHS if m in text.lower()), None)
    if month:
        nxt = dt.date(year + (_MONTHS[month] == 12), _MONTHS[month] % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    return dt.date(year, 12, 31)


def _earliest_publication(text: str) -> dt.date:
    year = int(re.search(r"\b(19|20)\d\d\b", text).group(0))  # type: ignore[union-attr]
    day = re.search(r"\b(\d{1,2}) (\w+) \d{4}", text)
    if day and day.group(2).lower() in _MONTHS:
        return dt.date(year, _MONTHS[day.group(2).lower()], int(day.group(1)))
    month = next((m for m in _MONTHS if m in text.lower()), None)
    return dt.date(year, _MONTHS[month] if month else 1, 1)


def _index_dates() -> dict[str, str]:
    """Document file name -> its date column in seeds/INDEX.md."""
    out = {}
    for line in INDEX.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and cells[0].startswith("`") and cells[0].endswith(".txt`"):
            out[cells[0].strip("`")] = cells[2]
    return out


def _walk(node: Any, path: str = ""):
    """Every (path, key, value) of a parsed YAML tree."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield path, key, value
            yield from _walk(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _walk(value, f"{path}[{i}]")


def test_dated_on_the_2022_price_with_canalys_horizon(thesis) -> None:
    assert thesis.as_of == dt.date(2022, 3, 8)
    assert thesis.price_info.date == thesis.as_of  # no stale price: valued on the price's day
    assert tuple(thesis.years) == (2022, 2023, 2024, 2025, 2026)
    model = build_model(thesis)
    assert model.output_units["value_today"] == "HKD/share"


def test_price_is_the_ads_price_per_hong_kong_share(thesis) -> None:
    values = central(thesis.to_spec())
    ads = float(values["baba_ads_price_2022"])
    fx = float(values["fx_hkd_per_usd"])
    assert ads == pytest.approx(94.07)
    assert float(values["ordinary_shares_per_ads"]) == 8
    assert 7.75 <= fx <= 7.85  # the HKD peg band
    assert thesis.price == pytest.approx(ads * fx / 8, abs=0.005)
    assert float(values["alibaba_price_hkd_2022"]) == pytest.approx(thesis.price, abs=0.005)


def test_cites_only_documents_published_by_as_of(thesis) -> None:
    dates = _index_dates()
    assert len(dates) == 5, "seeds/INDEX.md lists the five articles with their dates"
    raw = yaml.safe_load(VINTAGE.read_text(encoding="utf-8"))
    cited = {value for _, key, value in _walk(raw) if key == "doc"}
    assert cited, "the vintage cites its articles"
    for doc in cited:
        assert doc in dates, f"{doc} is not in seeds/INDEX.md"
        assert _earliest_publication(dates[doc]) <= thesis.as_of, (doc, dates[doc])
    # No estimate leans on a later article either: their references are by number, "(004)".
    later = {doc[:3] for doc, when in dates.items() if _earliest_publication(when) > thesis.as_of}
    assert later == {"002", "003", "004"}
    for where, key, value in _walk(raw):
        if key in ("estimate", "spread", "quote") and isinstance(value, str):
            for number in later:
                assert f"{number})" not in value and f"({number}" not in value, (where, value)


def test_publication_dates_parse() -> None:
    assert _latest_publication("early 2022") == dt.date(2022, 12, 31)
    assert _earliest_publication("February 2025") == dt.date(2025, 2, 1)
    assert _latest_publication("February 2025") == dt.date(2025, 2, 28)
    assert _earliest_publication("updated 27 November 2025") == dt.date(2025, 11, 27)


def test_year_zero_pe_leg_is_the_market_value_of_the_day(thesis, central_path) -> None:
    # The P/E leg capitalises earnings ex interest at the ex-cash multiple and adds net cash
    # once; at the multiple of the day (pe_alibaba_ex_cash_2022) it must return the market
    # value at the thesis price: 94.07 / 8 x 21.3bn shares. The file rounds the multiple to
    # 10.4x, so 0.5% is allowed.
    values = central(thesis.to_spec())
    mcap = 94.07 / 8 * float(values["shares_outstanding"])
    ex_cash = float(np.ravel(values["pe_alibaba_ex_cash_2022"])[0])
    assert float(values["pe_alibaba"]) == pytest.approx(ex_cash, rel=0.005)
    assert float(central_path["value_pe"][0]) == pytest.approx(mcap, rel=0.005)
    # the hand-computed multiple: (mcap - 50) / (20 - 50 x 2% x 0.8)
    assert ex_cash == pytest.approx((mcap - 50.0) / (20.0 - 50.0 * 0.02 * 0.8), rel=1e-9)


def test_share_erosion_counted_once(central_path) -> None:
    # Aliyun loses share at the 2019-21 pace (its own drift) and the state clouds take those
    # points, not more: the rest and Tencent keep their shares (within a point), so Aliyun's
    # 2026 share is 33.5% x exp(-0.109 x 4) (the normaliser stays near 1).
    a = central_path["share_cloud_alibaba"]
    state = central_path["share_cloud_huawei"] + central_path["share_cloud_china_telecom"]
    rest = central_path["share_cloud_rest"] + central_path["share_cloud_tencent"]
    drift = math.log(0.37 / 0.46) / 2
    assert a[-1] == pytest.approx(0.335 * math.exp(4 * drift), abs=0.005)
    assert abs(rest[-1] - rest[0]) < 0.01
    assert (state[-1] - state[0]) == pytest.approx(a[0] - a[-1], abs=0.01)


def test_cloud_market_2026_on_canalys(thesis) -> None:
    # The median 2026 market against Canalys' $85bn: the growth process is centred on the
    # forecast path; the median of a lognormal-like compounding sits a little below, 4%.
    out = run(thesis.to_spec(), build_model(thesis), 8_000, seed=2022).outputs
    median = float(np.median(out["market_cloud"][:, -1]))
    assert abs(median / 85.0 - 1.0) < 0.04, median
    assert np.all(np.isfinite(out["value_today"]))
    assert np.all(out["value_today"] >= 0.0)


def test_existing_depreciation_is_charged_through_the_horizon(central_path) -> None:
    # Depreciation of the assets in place (2.5bn a year, five years) stays in the profit:
    # year 0 has no depreciation of new capex, so it is exactly the existing charge.
    dep = central_path["depreciation"]
    assert dep[0] == pytest.approx(2.5)
    assert np.all(dep >= 2.5 - 1e-12)
