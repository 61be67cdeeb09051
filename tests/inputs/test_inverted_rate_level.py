"""An exchange rate written the other way round (``0.66`` in ``AUD/USD``, meaning USD per
AUD) is warned at its line when it lies far from the usual level of that pair and its
reciprocal near it; rates that moved within their range, and units of unknown pairs, are not."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from model.cli.main import main
from model.inputs.currencies import USD_PER_UNIT, inverted_rate
from model.inputs.units import parse_unit

EXAMPLE = Path(__file__).parents[2] / "assumptions" / "examples" / "copper-miner.yaml"
RATE = "  audusd:\n    unit: USD/AUD\n    value: 0.66\n"


def _said(tmp_path: Path, capsys: pytest.CaptureFixture[str], rate: str) -> list[str]:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert RATE in text
    path = tmp_path / EXAMPLE.name
    path.write_text(text.replace(RATE, rate, 1), encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    return [x for x in capsys.readouterr().err.splitlines() if "the other way round" in x]


def test_a_rate_written_inverted_is_warned_at_its_line(tmp_path, capsys):
    (said,) = _said(tmp_path, capsys, "  audusd:\n    unit: USD/AUD\n    value: 1.52\n")
    assert f"{EXAMPLE.name}:" in said and "assumptions.audusd.value: 'audusd': 1.52 USD/AUD" in said
    assert "about 0.65 USD/AUD (late 2025)" in said
    assert "its reciprocal 0.6579 is near it" in said


@pytest.mark.parametrize("value", ["0.66", "0.55", "0.78"])
def test_a_rate_within_its_range_is_not_warned(tmp_path, capsys, value):
    assert _said(tmp_path, capsys, f"  audusd:\n    unit: USD/AUD\n    value: {value}\n") == []


@pytest.mark.parametrize(
    ("value", "unit", "warned"),
    [(0.86, "USD/EUR", False), (1.16, "USD/EUR", False), (1.0, "USD/EUR", False),
     (0.73, "CAD/USD", True), (1.37, "CAD/USD", False), (0.1285, "HKD/USD", True),
     (7.8, "HKD/USD", False), (150.0, "JPY/USD", False), (0.0066, "JPY/USD", True),
     (0.66, "JPY bn/USD bn", False), (1.2, "USD/XAU", False), (150.0, "JPY m/USD", False),
     (1.52, "USD/AUD", True), (0.8, "USD/CHF", True), (6.5, "RMB/USD", False)],
)  # fmt: skip
def test_pairs_and_scales(value, unit, warned):
    assert (inverted_rate(value, parse_unit(unit)) is not None) is warned


def test_the_usual_levels_are_reciprocal_across_a_pair():
    # A/B and B/A are one another's reciprocal: the table holds one number a currency.
    from model.inputs.currencies import usual_rate

    for a, b in [("EUR", "USD"), ("JPY", "GBP"), ("INR", "SGD")]:
        ab = usual_rate(parse_unit(f"{a}/{b}"))
        ba = usual_rate(parse_unit(f"{b}/{a}"))
        assert ab is not None and ba is not None
        assert math.isclose(ab[2] * ba[2], 1.0)
    assert all(v > 0 for v in USD_PER_UNIT.values())


def test_a_thesis_valued_years_ago_is_not_judged_by_todays_levels():
    import datetime as dt
    from types import SimpleNamespace

    from model.inputs.plausibility import inverted_rates

    def thesis(year: int) -> SimpleNamespace:
        rate = SimpleNamespace(unit=parse_unit("USD/CHF"), value=0.8, path=("assumptions", "r"))
        return SimpleNamespace(
            as_of=dt.date(year, 6, 30), assumptions={"r": rate}, central_values=lambda: {"r": 0.8}
        )

    # 0.80 USD per franc was the rate of 2005; today it reads as written the other way round.
    assert inverted_rates(thesis(2005)) == []
    (found,) = inverted_rates(thesis(2025))
    field, message = found.field, found.message
    assert field == ("assumptions", "r", "value") and "the other way round" in message
