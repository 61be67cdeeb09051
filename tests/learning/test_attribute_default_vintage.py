"""``model.attribute(thesis)`` of a thesis naming its ``previous:`` vintage explains the change
from that vintage, as the report does; without one it says what to pass."""

from __future__ import annotations

from pathlib import Path

import pytest

import model
from model.errors import ParameterError

ROOT = Path(__file__).resolve().parents[2]
SAAS = ROOT / "assumptions" / "examples" / "saas-subscription.yaml"


def test_the_previous_vintage_is_the_default_old_end(tmp_path):
    text = SAAS.read_text(encoding="utf-8")
    (tmp_path / "old.yaml").write_text(text.replace("value: 0.18", "value: 0.22", 1))
    new = tmp_path / "new.yaml"
    new.write_text(text.replace("format: 1\n", "format: 1\nprevious: old.yaml\n", 1))
    found = model.attribute(new, n_paths=300, seed=1)
    given = model.attribute(new, from_=tmp_path / "old.yaml", n_paths=300, seed=1)
    assert found.to_frame().equals(given.to_frame())


def test_without_a_previous_vintage_it_asks_for_from_():
    with pytest.raises(ParameterError, match=r"from_.*names no 'previous:' vintage"):
        model.attribute(SAAS, n_paths=300, seed=1)
