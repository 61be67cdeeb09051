"""``model.attribute(thesis, from_=...)`` given neither a scenario name, a thesis file nor a
Thesis says what it takes (a ParameterError), rather than failing a bare ``assert``."""

from __future__ import annotations

from pathlib import Path

import pytest

import model
from model.errors import ParameterError

ROOT = Path(__file__).resolve().parents[2]
THESIS = ROOT / "assumptions" / "templates" / "growth-company.yaml"


@pytest.mark.parametrize("bad", [5, 2.5, b"old.yaml", ["bear"]])
def test_from_of_the_wrong_kind_is_named(bad):
    with pytest.raises(ParameterError, match="from_ must be a scenario of this thesis") as info:
        model.attribute(model.load_thesis(THESIS), from_=bad, n_paths=100, seed=1)
    assert f"(got {type(bad).__name__} " in str(info.value)
