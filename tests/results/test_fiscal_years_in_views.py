"""A notebook's views of a thesis whose year ends in March name its years FY2030, as the
report does: a bare 2030 reads as the calendar year."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

import model

EXAMPLES = Path(__file__).resolve().parents[2] / "assumptions" / "examples"
JAPAN = EXAMPLES / "japan-conglomerate.yaml"


def _text(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", " ", html))


@pytest.fixture(scope="module")
def japan():
    return model.simulate(JAPAN, n_paths=300, seed=1)


def test_a_run_names_its_exit_year_fy(japan) -> None:
    text = _text(japan._repr_html_())
    assert "value today (held to FY2030)" in text
    assert "FY2026-FY2030" in text
    assert "outputs in FY2030" in text
    assert "in FY2030" in text
    assert not re.search(r"(held to|in) 2030\b", text), text


def test_the_returns_table_names_each_year_fy(japan) -> None:
    text = _text(japan.returns()._repr_html_())
    for year in (2027, 2028, 2029, 2030):
        assert f"FY{year}" in text
    assert not re.search(r"(?<![-\dY])20(2[7-9]|30)\b(?!-)", text), text


def test_a_comparison_names_the_exit_year_fy() -> None:
    text = _text(model.compare(JAPAN, n_paths=300, seed=1)._repr_html_())
    assert "Value today (held to FY2030)" in text


def test_the_classic_view_names_the_exit_year_fy() -> None:
    view = model.compare(JAPAN, n_paths=300, seed=1).classic_view(bull="activist")
    assert "today's value (held to FY2030)" in repr(view)
    assert "Classic view: today's value (held to FY2030)" in _text(view._repr_html_())


def test_the_returns_view_names_its_value_price_and_years(japan) -> None:
    # Today's value against a price with its thousands grouped, over fiscal years.
    assert repr(japan.returns()) == (
        "ReturnsView('base': value today against the price 1,250 JPY, FY2027..FY2030)"
    )


def test_a_difference_names_its_fiscal_year() -> None:
    diff = model.compare(JAPAN, n_paths=300, seed=1).difference("activist", "base")
    assert "value_per_share in FY2030" in repr(diff)
    assert "value_per_share in FY2030, path by path" in _text(diff._repr_html_())
