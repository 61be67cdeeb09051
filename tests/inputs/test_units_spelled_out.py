"""A unit written out in words (``percent``, ``times``, ``bps``) is answered with the symbol
meant: no spelling is near its symbol, so a close match could not suggest it."""

from __future__ import annotations

import pytest

from model.inputs.units import UnitError, parse_unit

from .conftest import ThesisCopy, assert_at, fail_load, line_of


@pytest.mark.parametrize(
    ("unit", "meant"),
    [("percent", "did you mean '%'?"), ("per cent", "did you mean '%'?"),
     ("percent of sales", "did you mean '%'?"), ("times", "did you mean 'x'?"),
     ("bps", "25 bps is 0.0025")],
)  # fmt: skip
def test_a_unit_written_out_in_words_suggests_its_symbol(unit: str, meant: str) -> None:
    with pytest.raises(UnitError, match="unknown unit") as info:
        parse_unit(unit)
    assert meant in str(info.value)


def test_unit_percent_in_a_thesis_is_answered_at_its_line(thesis_copy: ThesisCopy) -> None:
    text = thesis_copy.edit('    unit: "%"', "    unit: percent")
    err = fail_load(thesis_copy)
    assert_at(err, "minimal.yaml", line_of(text, "unit: percent"), None, "did you mean '%'?")
