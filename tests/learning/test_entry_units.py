"""Evidence and realised values stated in another scale of the quantity's unit are converted."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import model
from model.errors import StatementError
from model.inputs.assembly.evidence import Realised


@pytest.fixture()
def run(tmp_path: Path, write_vintage):
    path = write_vintage(tmp_path / "example.yaml")
    return model.simulate(model.load_thesis(path), n_paths=4000, seed=11)


def test_evidence_in_millions_weighs_paths_as_in_billions(run) -> None:
    # The model is in EUR bn; the article states sales in EUR m.
    bn = model.Observation.normal("sales[2026]", 14.0, 0.3, unit="EUR bn")
    m = model.Observation.normal("sales[2026]", 14_000.0, 300.0, unit="EUR m")
    w_bn = run.condition(bn).weights
    w_m = run.condition(m).weights
    np.testing.assert_allclose(w_m, w_bn, rtol=1e-9)
    assert run.condition(m).ess < 0.9 * run.n_paths  # the evidence does move the paths


def test_backtest_in_millions_places_the_value_as_in_billions(run) -> None:
    bn = model.backtest(run, [Realised("s", "sales[2026]", 14.0, unit="EUR bn")]).table
    m = model.backtest(run, [Realised("s", "sales[2026]", 14_000.0, unit="EUR m")]).table
    assert 0.05 < bn["percentile"].iloc[0] < 0.95
    assert m["percentile"].iloc[0] == bn["percentile"].iloc[0]
    assert m["p50"].iloc[0] == pytest.approx(1000.0 * bn["p50"].iloc[0], rel=1e-12)
    assert m["unit"].iloc[0] == "EUR m"


def test_an_entry_in_another_kind_of_unit_is_an_error(run) -> None:
    with pytest.raises(StatementError, match=r"stated in %, but 'sales\[2026\]' is in EUR bn"):
        model.backtest(run, [Realised("s", "sales[2026]", 0.05, unit="%")])
    with pytest.raises(StatementError, match="stated in %"):
        run.condition(model.Observation.normal("sales[2026]", 0.05, 0.01, unit="%"))
