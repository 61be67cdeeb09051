"""``groups=`` between two vintage files is checked as between two scenarios of one file.

Between scenarios a ``groups=`` that is not a mapping, or whose value is neither a group name
nor a list of names, is refused with a message; between files the same mistakes ended in a
Python TypeError or AttributeError from deep inside the attribution.
"""

from __future__ import annotations

import pytest

from model.errors import ParameterError
from model.learning.vintages import attribute


@pytest.mark.parametrize(
    ("groups", "said"),
    [
        (["growth", "margin"], "groups must be a mapping"),
        ({"mine": 3}, "groups.mine: expected a group name or a list of assumption names, got 3"),
        ({"mine": ["growth", 7]}, "groups.mine: expected a group name or a list"),
        ({"mine": ["growth", "nosuch"]}, "groups.mine: unknown assumption 'nosuch' (in neither"),
        ({"nosuch": "market"}, "groups: unknown assumption 'nosuch' (in neither vintage)"),
    ],
)
def test_a_mistaken_groups_argument_is_refused_with_a_message(vintage_pair, groups, said):
    old, new = vintage_pair
    with pytest.raises(ParameterError) as caught:
        attribute(new, old, groups=groups, n_paths=64, seed=1)
    assert said in str(caught.value)


def test_both_forms_still_regroup_and_the_parts_add_up(vintage_pair):
    old, new = vintage_pair
    by_name = attribute(new, old, groups={"growth": "mine", "margin": "mine"}, n_paths=64, seed=1)
    by_group = attribute(new, old, groups={"mine": ["growth", "margin"]}, n_paths=64, seed=1)
    assert by_name.members["mine"] == by_group.members["mine"] == ("growth", "margin")
    assert by_name.median == by_group.median
    change = by_name.end["median"] - by_name.start["median"]
    assert sum(by_name.median.values()) == pytest.approx(change, abs=1e-9)
