"""A realised value (or an observation with a unit) whose quantity is a comparison says so,
instead of a unit error about the unit 'true/false'."""

from __future__ import annotations

from pathlib import Path

import pytest

import model
from model.errors import StatementError
from model.inputs.assembly.evidence import Realised


@pytest.fixture()
def run(tmp_path: Path, write_vintage):
    path = write_vintage(tmp_path / "example.yaml")
    return model.simulate(model.load_thesis(path), n_paths=256, seed=11)


def test_a_realised_comparison_is_named_as_such(run) -> None:
    realised = [Realised("s", "sales[2026] > 14", 1.0, unit="EUR bn")]
    with pytest.raises(StatementError) as info:
        model.backtest(run, realised)
    text = str(info.value)
    assert "'sales[2026] > 14' is a true/false statement; give the quantity itself" in text
    assert "unit word" not in text and "true/false (" not in text
