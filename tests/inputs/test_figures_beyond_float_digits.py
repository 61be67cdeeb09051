"""Figures of 1e15 or more in magnitude are written in scientific notation with four significant
digits by the shared number formatting, in messages and on the console: written out in full,
their digits past the 15th a float holds are noise ("1,000,000,000,000,000,139,961,...%").
Figures below keep the formats they had, digit for digit."""

from __future__ import annotations

import math
import re
import warnings
from pathlib import Path

import numpy as np
import pytest

from model.charts.base import numbers as chart_numbers
from model.cli.main import main
from model.export.console import money
from model.export.text.html_blocks import _pct as html_pct
from model.inputs.figures import LARGE, format_fixed, format_number, format_value, large_text
from model.results.display import fmt_number, fmt_percent, fmt_same, with_se
from model.results.values import pct, se_pct
from model.sensitivities.shown import number_text

#: Four significant digits: a figure read back is within half a unit of its fourth digit.
FOUR_DIGITS = 5e-4
#: A run of this many digits (thousands separators dropped) is more than a float holds.
NOISE = re.compile(r"\d{16,}")


def _read_back(text: str) -> float:
    """The first number in ``text`` (scientific or not, separators dropped)."""
    found = re.search(r"[-+]?\d[\d,]*(?:\.\d+)?(?:e[-+]\d+)?", text)
    assert found is not None, text
    return float(found.group(0).replace(",", ""))


HUGE = [1.176438185188534e96, -4.4731e97, 1e72 + 1.4e56, LARGE, 9.87654321e15]


@pytest.mark.parametrize("value", HUGE)
@pytest.mark.parametrize(
    ("shown", "scale"),
    [
        (format_number, 1.0),
        (format_value, 1.0),
        (format_fixed, 1.0),
        (fmt_number, 1.0),
        (money, 1.0),
        (chart_numbers.format_number, 1.0),
        (number_text, 1.0),
        (lambda v: with_se(v, abs(v) / 1e3), 1.0),
        (lambda v: fmt_same([v, 12.5])[0], 1.0),
        (lambda v: fmt_percent(v / 100), 1.0),
        (lambda v: pct(v / 100), 1.0),
        (lambda v: pct(v / 100, sign=True), 1.0),
        (lambda v: se_pct(v / 100), -1.0),  # an error has no sign
        (lambda v: chart_numbers.format_value(v / 100, "%"), 1.0),
        (lambda v: html_pct(v / 100, abs(v) / 1e5), 1.0),
    ],
)
def test_a_figure_past_float_digits_is_scientific(shown, scale, value):
    text = shown(value)
    assert NOISE.search(text.replace(",", "")) is None, text
    assert "e+" in text, text
    expected = value if scale > 0 else abs(value)
    assert abs(_read_back(text) / expected - 1.0) <= FOUR_DIGITS, (text, value)


def test_ordinary_figures_keep_their_formats():
    rng = np.random.default_rng(20261206)
    # Every magnitude below the threshold, signs and decimals alike.
    values = rng.choice([-1.0, 1.0], 400) * 10.0 ** rng.uniform(-6, math.log10(LARGE), 400)
    for v in map(float, values):
        assert large_text(v) is None
        assert format_fixed(v) == f"{v:,.0f}"
        assert format_fixed(v, 2, sign=True) == f"{v:+,.2f}"
        assert format_fixed(v, grouped=False) == f"{v:.0f}"
        if abs(v) < 1e13:  # as a percentage, below the threshold too
            assert pct(v / 100) == f"{v / 100:.1%}"
            assert pct(v / 100, sign=True) == f"{v / 100:+.1%}"
        assert money(v) == f"{v:,.1f}"
    assert format_fixed(LARGE * (1 - 1e-15)) == "999,999,999,999,999"
    assert format_fixed(LARGE) == "1e+15"


def _copy(tmp_path: Path, readme_example: str, old: str, new: str) -> Path:
    assert readme_example.count(old) == 1
    path = tmp_path / "big.yaml"
    path.write_text(readme_example.replace(old, new), encoding="utf-8")
    return path


def test_a_huge_fraction_is_written_in_its_warning_as_a_short_percentage(
    tmp_path, readme_example, capsys
):
    path = _copy(tmp_path, readme_example, "ci90: [0.04, 0.14]", "ci90: [0.04, 1e70]")
    main(["validate", "-q", str(path)])
    err = capsys.readouterr().err
    said = [x for x in err.splitlines() if "implausible for any quantity" in x]
    assert said and "[0.04, 1e+70] in unit '%' means 1e+72%," in said[0], err
    assert NOISE.search(err.replace(",", "")) is None, err


def test_a_value_far_above_the_price_is_written_short_in_warnings_and_on_the_console(
    tmp_path, readme_example, capsys
):
    # Sales of 1e99 EUR m: a value per share of about 4.5e97 EUR against a price of 38.
    path = _copy(tmp_path, readme_example, "value: 820\n", "value: 1e99\n")
    main(["validate", "-q", str(path)])
    err = capsys.readouterr().err
    found = re.search(r"values the share at (\S+) EUR/share, (\S+) times above the price", err)
    assert found is not None, err
    central, times = (float(g) for g in found.groups())
    assert abs(times / (central / 38.0) - 1.0) <= FOUR_DIGITS, err
    assert NOISE.search(err.replace(",", "")) is None, err
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        main(["run", str(path), "--paths", "200", "--seed", "1"])
    out = capsys.readouterr().out
    assert re.search(r"p5 \d\.\d{3}e\+97 ", out), out
    assert NOISE.search(out.replace(",", "")) is None, out
