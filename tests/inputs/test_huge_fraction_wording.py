"""A number past any figure of a company in a '%' assumption is refused without writing it as
a percentage it is not: '%' values are fractions, so 1e+120 is not '1e+120 %'."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.errors import ThesisError
from model.inputs.assembly.thesis import load_thesis

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "assumptions" / "templates" / "binary-event.yaml"


@pytest.mark.parametrize("key", ["value", "sd"])
def test_huge_fraction_is_not_written_as_a_percentage(tmp_path, key):
    text = EXAMPLE.read_text(encoding="utf-8")
    block = '  long_growth:\n    unit: "%"\n    value: 0.0\n'
    assert block in text
    huge = (
        block.replace("0.0", "1e120")
        if key == "value"
        else block.replace("value: 0.0", "dist: normal\n    mean: 0.0\n    sd: 1e120")
    )
    path = tmp_path / "t.yaml"
    path.write_text(text.replace(block, huge), encoding="utf-8")
    with pytest.raises(ThesisError) as info:
        load_thesis(path)
    message = str(info.value)
    assert "beyond" in message and "1e+120 %" not in message
