"""A share count written in a trust's 'units m' is refused with how to write it.

"units" stays a counted thing (units sold do not add to a share count), so a REIT's or trust's
count of investment units is written 'shares m'; the refusal says so at its line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import model
from model.cli.authoring import starter_text
from model.errors import ThesisError


def test_units_as_a_share_count_says_how_to_write_it(tmp_path: Path) -> None:
    text = starter_text("growth")
    assert "unit: shares m" in text
    path = tmp_path / "trust.yaml"
    path.write_text(text.replace("unit: shares m", "unit: units m"), encoding="utf-8")
    with pytest.raises(ThesisError) as caught:
        model.simulate(path, n_paths=50, seed=1)
    message = str(caught.value)
    assert "must be a share count" in message and "it is in units m" in message
    assert "units are written 'shares m'" in message
    assert str(path) in message
