"""A dated run replaces both of a dividend payer's returns by its dated ones, so the line model
is asked for its price returns only, and every output is the same as with the model's own."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

import model
from model.engine import sample
from model.valuation import build_model
from model.valuation.finance.today import TodayValuation

ALIBABA = Path(__file__).resolve().parents[2] / "assumptions" / "alibaba.yaml"


def test_a_dated_run_skips_the_models_own_return_solve(monkeypatch: pytest.MonkeyPatch) -> None:
    import model.valuation.lines.model as lines_model

    th = model.load_thesis(ALIBABA)
    line_model = build_model(th)
    line_model = getattr(line_model, "model", line_model)  # the line model itself
    assert "dividends_per_share" in line_model.output_names
    inputs = sample(th.to_spec(), 500, seed=4)
    dated = TodayValuation.from_thesis(line_model, th)

    def plain(x: Any) -> dict[str, np.ndarray]:  # the same model without its shortcut
        return line_model(x)

    plain.output_names = line_model.output_names  # type: ignore[attr-defined]
    plain.output_units = line_model.output_units  # type: ignore[attr-defined]
    reference = TodayValuation.from_thesis(plain, th, dated.cost_of_equity)(inputs)

    paid_seen: list[Any] = []
    solve = lines_model.holding_returns

    def spy(value: Any, price: float, paid: Any = None) -> Any:
        paid_seen.append(paid)
        return solve(value, price, paid)

    monkeypatch.setattr(lines_model, "holding_returns", spy)
    out = dated(inputs)
    assert paid_seen == [None]  # the price returns only: no rate-of-return solve per path
    assert set(out) == set(reference)
    for name, arr in reference.items():
        assert np.array_equal(np.asarray(out[name]), np.asarray(arr), equal_nan=True), name
