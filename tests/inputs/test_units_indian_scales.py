"""Indian scales in units: an amount in 'INR crore' or 'INR lakh', a share count in crore."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

import model
from model.inputs.units import UnitError, convert, parse_unit


@pytest.mark.parametrize(
    ("text", "power"),
    [("INR crore", 7), ("INR cr", 7), ("INR crores", 7), ("INR lakh", 5), ("shares crore", 7)],
)
def test_crore_and_lakh_are_scales(text: str, power: int) -> None:
    assert parse_unit(text).power == power


def test_crore_converts_to_the_western_scales() -> None:
    assert convert(1_23_456, "INR crore", "INR bn") == pytest.approx(1234.56)
    assert convert(6.5, "INR lakh", "INR k") == pytest.approx(650.0)
    # A computed amount at a crore's scale is named so, not '1e7'.
    assert (parse_unit("INR crore") * parse_unit("x")).canonical() == "INR crore"


def test_two_scales_are_still_refused() -> None:
    with pytest.raises(UnitError, match="lakh, crore"):
        parse_unit("INR lakh crore")


def test_a_thesis_in_crore_reads_its_quotes(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "results.txt").write_text(
        "The company reported revenue of Rs 1,23,456 crore for the year ended March 31, "
        "2025, and its shares outstanding number 361.8 crore.\n",
        encoding="utf-8",
    )
    body = textwrap.dedent(
        """\
        format: 1
        thesis:
          name: IT services
          company: Example Infotech Ltd
          as_of: 2025-04-18
          currency: INR
          fiscal_year_end: "03-31"
          horizon: {first: 2025, last: 2027}
          price: {value: 3450, unit: INR/share, source: {estimate: "An illustrative price"}}
        assumptions:
          revenue_2025:
            unit: INR crore
            value: 123456
            source: {doc: results.txt, quote: "revenue of Rs 1,23,456 crore"}
          shares_2025:
            unit: shares crore
            value: 361.8
            source: {doc: results.txt, quote: "its shares outstanding number 361.8 crore"}
        """
    )
    path = tmp_path / "thesis.yaml"
    path.write_text(body, encoding="utf-8")
    thesis = model.load_thesis(path)
    ledger = thesis.ledger().set_index("name")
    assert ledger.loc["revenue_2025", "unit"] == "INR crore"
    assert ledger.loc["shares_2025", "unit"] == "shares crore"
