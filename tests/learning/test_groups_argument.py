"""``groups=`` of attribute: {assumption: group} or {group: [assumptions]}; anything else is
refused naming the entry, instead of a TypeError."""

from __future__ import annotations

import pytest

from model.errors import ParameterError
from model.learning.vintages import attribute

TWO_SCENARIOS = """
scenarios:
  bear:
    label: "Bear: slower growth"
    rationale: {estimate: "Demand for the product slows earlier than hoped"}
    overrides:
      growth:
        unit: "%"
        value: 0.02
        source: {estimate: "Growth of two percent a year in the bear case"}
"""


@pytest.fixture()
def thesis(tmp_path, write_vintage):
    return write_vintage(tmp_path / "example.yaml", extra_bottom=TWO_SCENARIOS)


@pytest.mark.parametrize(
    ("groups", "message"),
    [
        ({"growth": 3}, "groups.growth: expected a group name or a list of assumption names"),
        ({"demand": [1, 2]}, "groups.demand: expected a group name or a list"),
        ({"demand": b"growth"}, "groups.demand: expected a group name or a list"),
        (["growth"], "groups must be a mapping"),
    ],
)
def test_bad_groups_are_named(thesis, groups, message):
    with pytest.raises(ParameterError, match=message):
        attribute(thesis, "bear", groups=groups, n_paths=64, seed=1)


def test_a_list_or_a_generator_of_names_is_a_group(thesis):
    att = attribute(thesis, "bear", groups={"demand": (n for n in ["growth"])}, n_paths=64, seed=1)
    assert "demand" in att.groups
