"""A claim reads the model's outputs and the assumptions, not the thesis' price:
``value_per_share[2030] > price`` was refused as "neither a model output nor an assumption"
with no word on how to write it. The error gives the statement with the price's number, in the
unit of the value per share (the price's), and that statement validates."""

from __future__ import annotations

import pytest

from tests.inputs.insurer import validate_claim


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


@pytest.mark.parametrize(
    ("statement", "written"),
    [
        ("value_per_share[2030] > price", "value_per_share[2030] > 2.4"),
        ("value_per_share[2030] >= 1.2 * price", "value_per_share[2030] >= 1.2 * 2.4"),
        ("value_per_share[2030] > price[2030]", "value_per_share[2030] > 2.4"),
    ],
)
def test_a_claim_on_the_price_says_how_to_write_it(tmp_path, capsys, statement, written):
    messages, line, code = validate_claim(tmp_path, statement, capsys)
    assert code == 2
    (error,) = messages
    assert error.startswith(
        f"error: insurer.yaml:{line}: scorecard.the_claim.statement: 'price' in "
    ), error
    assert error.endswith(
        f"not the thesis' price: write its number, {written!r} (the price is 2.4 GBP/share, "
        "the unit of value_per_share)"
    ), error
    messages, _, code = validate_claim(tmp_path, written, capsys)
    assert (code, messages) == (0, [])
