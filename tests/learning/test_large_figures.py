"""Figures of a share priced in the tens of thousands (yen, won) read as numbers, not 2.9e+04."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import model
from model.cli.authoring import init_thesis
from model.inputs.units import format_value

EXPONENT = re.compile(r"\d[eE][+-]?\d")


@pytest.mark.parametrize(
    ("value", "sign", "text"),
    [
        (145.25, False, "145.2"),
        (0.0123456, False, "0.01235"),
        (1234.5, False, "1,234"),
        (29000.0, False, "29,000"),
        (23150.4, False, "23,150"),
        (-84420.0, True, "-84,420"),
        (6210.0, True, "+6,210"),
        (2.5e9, False, "2,500,000,000"),
        (float("nan"), False, "n/a"),
        (float("inf"), False, "n/a"),
    ],
)
def test_format_value(value: float, sign: bool, text: str) -> None:
    assert format_value(value, sign) == text


@pytest.fixture(scope="module")
def yen_thesis(tmp_path_factory: pytest.TempPathFactory) -> model.Thesis:
    # The event starter (JPY) with a tenth of the shares at ten times the price: every figure
    # per share is in the tens of thousands of yen.
    path = init_thesis("Nippon Widgets", tmp_path_factory.mktemp("yen"), template="event")
    text = path.read_text(encoding="utf-8")
    price = re.search(r"price:\n\s+value: (\d+)", text)
    shares = re.search(r"unit: shares m\n\s+value: (\d+)", text)
    assert price and shares
    text = text.replace(price.group(0), price.group(0)[: -len(price.group(1))] + "29000")
    text = text.replace(shares.group(0), shares.group(0)[: -len(shares.group(1))] + "8")
    Path(path).write_text(text, encoding="utf-8")
    return model.load_thesis(path)


def test_implied_values_are_written_in_full(yen_thesis: model.Thesis) -> None:
    result = model.implied(yen_thesis, "peak_sales", n_paths=0)
    text = result.describe() + repr(result) + result.summary().to_string()
    assert "(29,000)" in result.describe()
    assert not EXPONENT.search(text), text


def test_watch_list_figures_and_event_wording(yen_thesis: model.Thesis) -> None:
    result = model.simulate(yen_thesis, n_paths=4000, seed=3, progress=False)
    watch = model.watch(result)
    text = " ".join(watch.sentences()) + repr(watch) + watch._repr_html_()
    assert not EXPONENT.search(text), text
    events = [s for s in watch.sentences() if "happens" in s]
    assert events, watch.sentences()
    # An event's label is quoted, so a clause ("The regulator grants ...") still reads.
    assert all(s.startswith("if \u201c") for s in events), events
