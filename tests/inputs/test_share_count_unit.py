"""'share' is the fraction unit; a count of shares is 'shares': 'share bn' is refused, naming
'shares bn', wherever it is written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from model.errors import ThesisError
from model.inputs import load_thesis
from model.inputs.units import UnitError, parse_unit

VALUATION_DATA = Path(__file__).resolve().parents[1] / "valuation" / "data"


@pytest.mark.parametrize(
    ("unit", "right"),
    [
        ("share bn", "shares bn"),
        ("Share m", "shares m"),
        ("bn share", "bn shares"),
        ("share k/year", "shares k/year"),
    ],
)
def test_share_with_a_scale_names_the_count_unit(unit: str, right: str) -> None:
    with pytest.raises(UnitError) as info:
        parse_unit(unit)
    assert f"'share' is the fraction unit (a market share); a count of shares is '{right}'" in (
        str(info.value)
    )


@pytest.mark.parametrize("unit", ["share", "shares", "shares bn", "USD/share", "USD bn/share"])
def test_fractions_counts_and_amounts_per_share_stay(unit: str) -> None:
    parse_unit(unit)


def test_a_share_count_in_share_bn_is_refused_at_its_unit(tmp_path: Path) -> None:
    # 'unit: share bn' for the shares a share_count block reads validated silently.
    path = tmp_path / "t.yaml"
    shutil.copy(VALUATION_DATA / "eur_two_segments.yaml", path)
    text = path.read_text(encoding="utf-8")
    assert "  shares_2025:\n    unit: shares m\n" in text
    path.write_text(
        text.replace("  shares_2025:\n    unit: shares m\n", "  shares_2025:\n    unit: share m\n"),
        encoding="utf-8",
    )
    with pytest.raises(ThesisError) as info:
        load_thesis(path, allow_read=[str(VALUATION_DATA)])
    err = info.value
    assert err.line == 97 and err.field == "assumptions.shares_2025.unit", str(err)
    assert "a count of shares is 'shares m'" in str(err)
