"""A money parameter written as the number 0 means nothing, in any currency and scale."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

import model
from model.errors import ThesisError

README = Path(__file__).resolve().parents[2] / "README.md"
LEG = "dcf: {weight: w_dcf, discount_rate: wacc, terminal_growth: long_growth}"


def _example(tmp_path: Path, net_cash: str, name: str) -> Path:
    text = README.read_text(encoding="utf-8")
    body = re.search(r"<!-- readme-example: example.yaml -->\n```yaml\n(.*?)```", text, re.S)
    assert body is not None
    thesis = body.group(1)
    assert LEG in thesis
    leg = LEG.replace("}", f", net_cash: {net_cash}}}")
    path = tmp_path / name
    path.write_text(thesis.replace(LEG, leg), encoding="utf-8")
    return path


def test_zero_net_cash_on_a_leg_is_accepted_and_means_none(tmp_path: Path) -> None:
    zero = model.load_thesis(_example(tmp_path, "0", "zero.yaml"))
    spelled = model.load_thesis(_example(tmp_path, '"0 * sales"', "spelled.yaml"))
    a = model.simulate(zero, n_paths=2000, seed=5, keep=["value_dcf"]).paths("value_dcf")
    b = model.simulate(spelled, n_paths=2000, seed=5, keep=["value_dcf"]).paths("value_dcf")
    np.testing.assert_array_equal(a.to_numpy(), b.to_numpy())


def test_a_nonzero_pure_number_is_still_refused(tmp_path: Path) -> None:
    with pytest.raises(ThesisError, match="must be an amount of EUR, the model currency"):
        model.simulate(model.load_thesis(_example(tmp_path, "5", "five.yaml")), n_paths=1000)
