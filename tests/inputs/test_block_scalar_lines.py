"""A message about a name in a block scalar (``value: >-``, ``|``) points at the line of the name,
not at the key's line; other styles keep the key's line."""

from __future__ import annotations

import pytest

from model.inputs import load_thesis
from model.inputs.yamlsafe import parse_yaml
from tests.inputs.conftest import ThesisCopy, assert_at, fail_load, line_of

TYPO = "'capex_to_revnue' is neither a line of the model nor an assumption"


def _doc(value: str):
    return parse_yaml(f"lines:\n  fcf:\n    value: {value}\n  other: 1\n", file="t.yaml")


@pytest.mark.parametrize("style", [">-", ">", "|", "|-"])
def test_a_name_in_a_block_scalar_is_found_on_its_line(style: str) -> None:
    doc = _doc(f"{style}\n      ebit - max(ebit, 0) * tax\n      + sbc - capex_to_revnue * revenue")
    err = doc.error(("lines", "fcf", "value"), TYPO)
    assert err.line == 5, str(err)
    assert doc.line(("lines", "fcf", "value")) == 3  # without a message: the key's line


@pytest.mark.parametrize(
    ("value", "message"),
    [
        # Quoted and plain scalars fold their lines: the text is not the file's line for line.
        ('"ebit\n      + capex_to_revnue"', TYPO),
        ("ebit\n      + capex_to_revnue", TYPO),
        # On two lines, or not an identifier, or not there: no one line to name.
        (">-\n      capex_to_revnue\n      + capex_to_revnue", TYPO),
        (">-\n      ebit\n      + capex", "in 'ebit + capex': cannot add USD m to EUR m"),
        (">-\n      ebit\n      + sbc", TYPO),
        (">-\n      ebit\n      + capex_to_revnue_2", TYPO),
    ],
)
def test_otherwise_the_keys_line_is_kept(value: str, message: str) -> None:
    assert _doc(value).error(("lines", "fcf", "value"), message).line == 3


def test_a_typo_on_a_continuation_line_of_a_derived_value(thesis_copy: ThesisCopy) -> None:
    text = thesis_copy.edit(
        'derived: "market_2026 * fx_rmb_per_usd"',
        "derived: >-\n      market_2026\n      * fx_rmb_pre_usd",
    )
    assert_at(
        fail_load(thesis_copy),
        "minimal.yaml",
        line_of(text, "* fx_rmb_pre_usd"),
        "assumptions.market_2026_rmb.derived",
        "unknown name 'fx_rmb_pre_usd'",
    )


def test_a_thesis_locates_a_message_inside_a_block(thesis_copy: ThesisCopy) -> None:
    text = thesis_copy.edit(
        'derived: "market_2026 * fx_rmb_per_usd"',
        "derived: >-\n      market_2026\n      * fx_rmb_per_usd",
    )
    thesis = load_thesis(thesis_copy.path)
    path = ("assumptions", "market_2026_rmb", "derived")
    key = line_of(text, "derived: >-")
    assert thesis.locate(path)[1] == key
    assert thesis.locate(path, "'fx_rmb_per_usd' is ...")[1] == key + 2
    assert thesis.locate(path, "'market_2026' is ...")[1] == key + 1
