"""Quote matching and numbers in quotes."""

from __future__ import annotations

import pytest

from model.inputs.scope import thesis_root
from model.inputs.sources.provenance import SeedIndex
from model.inputs.sources.quotes import centre_numbers, matches, normalize, numbers_in
from model.inputs.units import parse_unit

from .conftest import DATA


def _values(quote: str) -> list[float]:
    return [n.value for n in numbers_in(quote)]


@pytest.mark.parametrize(
    ("quote", "values"),
    [
        ("will reach $85 billion by 2026", [85e9, 2026]),
        ("Alibaba holds 35.8% of China's AI cloud market", [0.358]),
        ("its latest valuation to 2.32 trillion HKD", [2.32e12]),
        ("after repurchasing $241 million in Q3 2025", [241e6, 2025]),
        ("Trading at 23.5x versus Amazon's 32.1x", [23.5, 32.1]),
        ("180k Qwen-based models", [180e3]),
        ("trading lower by 1.49% at $94.07", [0.0149, 94.07]),
        ("climbed to $27.4B in 2021", [27.4e9, 2021]),
        ("a “trillion RMB opportunity”", [1e12]),
        ("over three years", [3]),
        ("surged by over HKD 600 billion", [600e9]),
        ("an income of 236.5 billion yuan", [236.5e9]),
        ("revenue of 1,234.5 million", [1234.5e6]),
        ("no numbers here at all", []),
    ],
)
def test_numbers_in_quotes(quote: str, values: list[float]) -> None:
    assert _values(quote) == pytest.approx(values, rel=1e-12)


def test_currencies_are_read() -> None:
    found = numbers_in("2.32 trillion HKD (approximately 2.17 trillion RMB) or $2.42 trillion")
    assert [n.currency for n in found] == ["HKD", "RMB", "USD"]


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("China's cloud market will reach $85 billion by 2026", 85, "USD bn"),
        ("Alibaba holds 35.8% of China's AI cloud market", 0.358, "%"),
        ("Alibaba holds 35.8% of China's AI cloud market", 0.358, "share"),
        ("bringing its latest valuation to 2.32 trillion HKD", 2320, "HKD bn"),
        ("bringing its latest valuation to 2.32 trillion HKD", 2.32, "HKD tn"),
        ("after repurchasing $241 million in Q3 2025", 0.241, "USD bn"),
        ("after repurchasing $241 million in Q3 2025", 241, "USD m"),
        ("Trading at 23.5x versus Amazon", 23.5, "x"),
        ("Over 180k AI models", 180000, "count"),
        ("shares fell by 1.49% on the day", -0.0149, "%"),
        ("a table value of 85 in the declared unit", 85, "USD bn"),
        ("the stock reached a peak of 129.5 HKD", 129.5, "HKD/share"),
    ],
)
def test_number_matches_quote_with_scale(quote: str, value: float, unit: str) -> None:
    u = parse_unit(unit)
    assert any(matches(q, value, u) for q in numbers_in(quote))


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("China's cloud market will reach $85 billion by 2026", 85, "RMB bn"),  # currency
        ("China's cloud market will reach $85 billion by 2026", 85, "USD m"),  # scale
        ("Alibaba holds 35.8% of China's AI cloud market", 35.8, "%"),  # not a fraction
        ("Alibaba holds 35.8% of China's AI cloud market", 0.36, "%"),  # rounded
        # a calendar year supports no amount, fraction or multiple
        ("China's cloud market will reach $85 billion by 2026", 2026, "USD bn"),
        ("China's cloud market will reach $85 billion by 2026", 2026, "USD m"),
        ("after repurchasing $241 million in Q3 2025", 2025, "%"),
        ("after repurchasing $241 million in Q3 2025", 2025, "share"),
        ("after repurchasing $241 million in Q3 2025", 2025, "x"),
        ("after repurchasing $241 million in Q3 2025", 2025, "HKD/USD"),
        ("after repurchasing $241 million in Q3 2025", 2025, "shares bn"),
        # a dollar amount supports only a USD unit
        ("after repurchasing $241 million in Q3 2025", 241e6, "count"),
        ("after repurchasing $241 million in Q3 2025", 241e6, "1"),
        ("after repurchasing $241 million in Q3 2025", 0.241, "HKD bn"),
        ("trading lower by 1.49% at $94.07", 94.07, "x"),
        ("trading lower by 1.49% at $94.07", 94.07, "HKD/share"),
        ("the stock reached a peak of 129.5 HKD", 129.5, "USD/share"),
    ],
)
def test_number_does_not_match(quote: str, value: float, unit: str) -> None:
    u = parse_unit(unit)
    assert not any(matches(q, value, u) for q in numbers_in(quote))


@pytest.mark.parametrize("unit", ["1", "years", "count"])
def test_a_year_supports_a_plain_number(unit: str) -> None:
    found = numbers_in("remaining in its buyback authorization through March 2027")
    assert [(q.value, q.year) for q in found] == [(2027.0, True)]
    assert matches(found[0], 2027, parse_unit(unit))
    assert not matches(found[0], 2027, None)  # an event's or correlation's number


@pytest.mark.parametrize(
    ("quote", "years"),
    [
        ("will reach $85 billion by 2026", [False, True]),
        ("in 2021-2022, from 1999", [True, True, True]),
        ("2,026 servers and 2026x and $2026 and 2026 billion", [False, False, False, False]),
        ("up 2100% since 2101", [False, False]),
    ],
)
def test_years_are_recognised(quote: str, years: list[bool]) -> None:
    assert [q.year for q in numbers_in(quote)] == years


def test_quoted_numbers_are_shown_in_the_assumption_unit() -> None:
    usd_bn, pct = parse_unit("USD bn"), parse_unit("%")
    money, year = numbers_in("will reach $85 billion by 2026")
    assert money.show(usd_bn) == "$85 billion (= 85 USD bn)"
    assert money.show(parse_unit("RMB bn")) == "$85 billion (= 85 USD bn)"
    assert money.show(parse_unit("USD m")) == "$85 billion (= 85000 USD m)"
    assert money.show(None) == "$85 billion (= 85,000,000,000)"
    assert year.show(usd_bn) == "2026 (a year)"
    (share,) = numbers_in("Alibaba holds 35.8% of the market")
    assert share.show(pct) == "35.8% (= 0.358 as a fraction)"


def test_normalize_folds_quotes_dashes_case_and_whitespace() -> None:
    text = "China’s  “AI”\n cloud — Market"
    norm, where = normalize(text)
    assert norm == 'china\'s "ai" cloud - market'
    assert len(where) == len(norm)
    assert text[where[norm.index("market")]] == "M"


def test_centre_numbers() -> None:
    assert centre_numbers("beta", {"mean": 0.358, "sd": 0.02}) == (0.358,)
    assert centre_numbers("lognormal", {"median": 7.3, "sigma": 0.1}) == (7.3,)
    assert centre_numbers("pert", {"min": 1.0, "mode": 2.0, "max": 3.0}) == (2.0,)
    assert centre_numbers("bernoulli", {"p": 0.5}) == (0.5,)
    assert centre_numbers("normal", {"ci90": [1.0, 3.0]}) == (1.0, 3.0)
    assert centre_numbers("discrete", {"values": [1.0, 2.0], "probs": [0.5, 0.5]}) == (
        1.0,
        2.0,
        0.5,
        0.5,
    )


def test_seed_index_and_seeds_dir(tmp_path) -> None:
    index = SeedIndex(DATA / "seeds")
    assert index.names() == ["article.txt", "other.txt"]
    assert index.load("../minimal.yaml") is None
    assert index.load("nope.txt") is None
    original, norm, _ = index.load("article.txt")
    assert "35.8%" in original and "china's cloud market" in norm
    # walking up from a nested file finds the nearest folder holding seeds/: the thesis tree
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    assert thesis_root(nested / "t.yaml") == nested.resolve()
    (tmp_path / "seeds").mkdir()
    assert thesis_root(nested / "t.yaml") == tmp_path.resolve()
