"""Quotes in plain ASCII skip the East Asian number reading, and lose nothing by it.

:func:`model.inputs.sources.quotes.numbers_in` reads Japanese, Chinese and Korean numbers
first; a quote whose normalised text is ASCII without a Korean percentage point (``%p``) has
none, so the reading (and the compiling of its patterns) is skipped. These tests hold the
skipped reading to the full one, on the seed articles' sentences and on ASCII that comes close
to what the full reading accepts.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from model.inputs.sources.eastasian import east_asian_numbers
from model.inputs.sources.normalization import normalize
from model.inputs.sources.quotes import _east_asian_numbers, numbers_in

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

NEAR_MISSES = [
    "margins rose 3.5%p from a year earlier",
    "up 3.5% p from last year",
    "a 2%pt rise",
    "interest of 5% p.a. on the deposit",
    "RMB 5 billion and rmb5bn",
    "HK$ 3.2 billion, US$12 million, JPY 300 billion, CNY 4.5bn, USD 85 billion",
    "No. 3 plant, item #3, 3/31/2025, 1,234.5 and 1.234,5",
    "revenue of 12,000 (100%) in 2024",
    "3 . 5 and 3.5 . and .5",
    "",
]
CJK = ["売上高は1兆2,000億円", "매출 3조 원", "营收3点5亿元", "利润增长3.5%p", "¥100億"]


def _sentences() -> list[str]:
    out: list[str] = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        out += [s for s in re.split(r"(?<=[.!?])\s+|\n+", text) if any(c.isdigit() for c in s)]
    return out


def test_the_seed_articles_have_numbers_to_read():
    assert len(_sentences()) > 50


@pytest.mark.parametrize("quote", _sentences()[:400] + NEAR_MISSES + CJK)
def test_the_gate_gives_what_the_full_reading_gives(quote):
    text, _ = normalize(quote)
    assert _east_asian_numbers(text) == east_asian_numbers(text)


def test_the_gate_reads_what_it_must():
    """Non-ASCII text and a Korean percentage point in ASCII go to the full reading."""
    for quote in [*CJK, NEAR_MISSES[0]]:
        text, _ = normalize(quote)
        assert _east_asian_numbers(text), quote


def test_numbers_in_hands_out_a_fresh_list_each_time():
    quote = "will reach $85 billion by 2026"
    first = numbers_in(quote)
    first.append(first[0])
    second = numbers_in(quote)
    assert second == first[:-1] and second is not first
    assert [n.value for n in second] == [85e9, 2026.0]
