"""Assumptions reached through lines without a role take the group of the line they feed."""

from __future__ import annotations

from pathlib import Path

import model
from model.learning.groups import Group, assumption_groups

DATA = Path(__file__).parents[1] / "valuation" / "data" / "multi_legs.yaml"
LEGS = "pe: {weight: 1.0, multiple: pe_exit}"


def test_a_price_line_feeding_revenue_is_market(tmp_path):
    text = DATA.read_text().replace("LEGS", LEGS)
    # Revenue from volume x price, both lines without a role; price a process of its own.
    text = text.replace(
        "    revenue:\n      value: revenue[t-1] * (1 + sales_growth)\n      start: sales_2025\n",
        "    volume:\n      value: sales_2025 / price_2025\n"
        "    unit_price:\n      value: price_2025 * (1 + sales_growth) ** t\n"
        "    revenue:\n      value: volume * unit_price\n",
    )
    text = text.replace(
        "  sales_growth:\n",
        "  price_2025:\n    unit: USD\n    value: 100\n"
        '    source: {estimate: "A unit price, an illustrative round number for the tests"}\n'
        "  sales_growth:\n",
    )
    path = tmp_path / "thesis.yaml"
    path.write_text(text)
    groups = assumption_groups(model.load_thesis(path))
    assert groups["price_2025"] is Group.MARKET
    assert groups["sales_growth"] is Group.MARKET
    assert groups["sales_2025"] is Group.MARKET
    # Direct uses keep their groups.
    assert groups["pe_exit"] is Group.MULTIPLES and groups["margin"] is Group.MARGINS
