"""A crossing of the price that is a step of the central path is no answer of ``implied``.

The central path puts a one-off event with annual probability ``p`` at its median timing: in
year 1 once ``p >= 1/2``, so today's value steps up at ``p = 0.5``. A price between the two
sides of the step used to be answered "equals the price when p = 50.00%", where the target is
one side or the other and never the price. The step is now refused, with both sides, the event
that moves there, and the mean basis (which is smooth) offered instead.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

import model
from model.cli.main import main
from model.engine.execution.deterministic import evaluate
from model.inputs.units import format_value
from model.valuation import build_model
from model.valuation.finance.implied import ImpliedError, ImpliedJumpError, implied
from model.valuation.finance.today import TodayValuation

BINARY = """\
format: 1
thesis:
  name: "A licence decision"
  company: Binary Event Ltd
  as_of: 2025-12-31
  currency: USD
  horizon: {first: 2026, last: 2028}
  price: {value: PRICE, unit: USD/share, source: {estimate: "A round price, set per test"}}
assumptions:
  approval_prob: {unit: "%", value: 0.3, source: {estimate: "The yearly chance of a licence"}}
  licensed: {unit: "1", value: 0, source: {estimate: "Not licensed until the event"}}
  base_cash: {unit: USD m, value: 10, source: {estimate: "Cash flow without a licence"}}
  uplift: {unit: USD m, value: 30, source: {estimate: "Extra cash flow each year once licensed"}}
  shares_0: {unit: shares m, value: 10, source: {estimate: "Shares outstanding, held flat"}}
  net_cash_0: {unit: USD m, value: 5, source: {estimate: "Net cash, then the flows kept"}}
  wacc: {unit: "%", value: 0.1, source: {estimate: "A round cost of capital for the check"}}
events:
  licence:
    annual_prob: approval_prob
    effects:
      - {target: licensed, op: add, by: 1}
    source: {estimate: "A decision falls each year until the licence is granted"}
model:
  kind: lines
  currency: USD m
  blocks:
    count: {type: share_count, shares: shares_0}
    cash: {type: net_cash, start: net_cash_0, inflow: fcf}
  lines:
    fcf: {value: base_cash + uplift * licensed, role: fcff}
    earnings: {value: base_cash + uplift * licensed, role: earnings}
  valuation:
    legs:
      dcf: {weight: 1, discount_rate: wacc, terminal_growth: 0}
"""
#: Bounds that hold the step at 0.5 between two grid points (41 points, 0.0175 apart).
BOUNDS = (0.1, 0.8)
TEMPLATE = Path(__file__).resolve().parents[2] / "assumptions" / "templates" / "binary-event.yaml"


def _write(tmp_path: Path, price: float = 1.0) -> Path:
    path = tmp_path / "binary.yaml"
    path.write_text(BINARY.replace("PRICE", repr(price)), encoding="utf-8")
    return path


def _value_today(path: Path, p: float) -> float:
    """Today's value of the central path with ``approval_prob = p``, from the model itself."""
    thesis = model.load_thesis(path)
    fn = TodayValuation.from_thesis(build_model(thesis), thesis, None)
    out = evaluate(thesis.to_spec(), {"approval_prob": np.array([p])}, fn)
    return float(np.asarray(out["value_today"])[0])


@pytest.fixture
def binary(tmp_path: Path) -> tuple[Path, float, float]:
    """The thesis priced halfway up its step at 0.5, and the values either side of the step."""
    probe = _write(tmp_path)
    below, above = _value_today(probe, 0.49), _value_today(probe, 0.51)
    assert above > below  # a licence a year earlier is worth more
    return _write(tmp_path, (below + above) / 2), below, above


def test_a_step_over_the_price_is_refused_with_both_sides(binary):
    path, below, above = binary
    with pytest.raises(ImpliedJumpError) as info:
        implied(model.load_thesis(path), "approval_prob", bounds=BOUNDS)
    err = info.value
    assert isinstance(err, ImpliedError)  # as every case with no answer
    assert err.assumption == "approval_prob"
    assert err.at == pytest.approx(0.5, abs=1e-9)
    # The step between 0.49 and 0.51 is the only one there: each side is flat up to it.
    assert err.values == pytest.approx((below, above), rel=1e-12)
    assert "licence" in err.cause
    text = str(err)
    assert f"jumps from {format_value(below)} to {format_value(above)}" in text
    assert "approval_prob = 50.00%" in text and "basis='mean'" in text


def test_the_command_line_says_so_and_exits_as_for_no_root(binary, capsys):
    path, below, above = binary
    args = ["implied", str(path), "--solve-for", "approval_prob", "--bounds", "0.1", "0.8"]
    assert main(args) == 2
    captured = capsys.readouterr()
    # After validate's warnings about the thesis (its cash earns nothing), the error alone.
    err = "\n".join(x for x in captured.err.strip().splitlines() if not x.startswith("warning: "))
    assert err.startswith("error: no value of 'approval_prob'") and "\n" not in err
    assert f"{format_value(below)} to {format_value(above)}" in err
    assert "--basis mean" in err and "event licence" in err
    assert "equals the price" not in captured.out


def test_the_mean_basis_solves_the_same_thesis(binary):
    path, _, _ = binary
    # Up to 1: below it some paths wait longer for the licence than the central path does.
    found = implied(
        model.load_thesis(path), "approval_prob", bounds=(0.1, 1.0), basis="mean", n_paths=400,
        seed=1,
    )  # fmt: skip
    assert found.basis == "mean" and 0.1 < found.value < 1.0


def test_a_price_on_a_side_of_the_step_still_solves(binary, tmp_path):
    # Priced at the value of one flat side: every value of that side attains it, and the answer
    # is a value where the target equals the price, not the step.
    _, below, _ = binary
    flat = _write(tmp_path, below)
    found = implied(model.load_thesis(flat), "approval_prob", bounds=BOUNDS)
    assert _value_today(flat, found.value) == pytest.approx(below, rel=1e-9)


def test_a_continuous_assumption_solves_at_its_closed_form(binary):
    # Today's value is linear in the uplift of cash flow (the licence date held): the answer is
    # where the line meets the price, and the check against the price lets it through.
    path, _, _ = binary
    thesis = model.load_thesis(path)
    fn = TodayValuation.from_thesis(build_model(thesis), thesis, None)
    v0, v1 = (
        float(
            np.asarray(evaluate(thesis.to_spec(), {"uplift": np.array([u])}, fn)["value_today"])[0]
        )
        for u in (0.0, 1.0)
    )
    found = implied(thesis, "uplift", bounds=(0.0, 100.0))
    assert found.value == pytest.approx((thesis.price - v0) / (v1 - v0), rel=1e-9)
    assert found.roots == (found.value,)


class _StepDown:
    """``value_today = peak_sales``, less 60 from a peak of 100 on: a step down over 80."""

    output_names = ("value_today",)

    def __call__(self, x: Any) -> dict[str, np.ndarray]:
        peak = np.asarray(x["peak_sales"], dtype=float)
        return {"value_today": np.where(peak < 100.0, peak, peak - 60.0)}


def test_a_step_beside_true_roots_is_not_one_of_them():
    # 80 is reached at 80 and again at 140; the step at 100 (from 100 down to 40) also brackets
    # it, and was listed as a third value that "also fits".
    found = implied(
        model.load_thesis(TEMPLATE), "peak_sales", equals=80.0, bounds=(20.0, 200.0),
        model=lambda th: _StepDown(),
    )  # fmt: skip
    assert found.roots == pytest.approx((80.0, 140.0), rel=1e-9)
    assert found.value == pytest.approx(80.0, rel=1e-9)


class _SmallStepSteepRise:
    """Today's value that steps from 0.0005 to 0.0009 at ``peak_sales`` = 50 and rises by 10 a
    unit past 100: the step is small next to the target's range over the search."""

    output_names = ("value_today",)

    def __call__(self, inputs: dict[str, Any]) -> dict[str, np.ndarray]:
        p = np.asarray(inputs["peak_sales"], dtype=float)
        step = np.where(p < 50, 1e-5 * p, 1e-5 * p + 4e-4)
        return {"value_today": step + np.where(p > 100, (p - 100) * 10.0, 0.0)}


TEMPLATE = Path(__file__).resolve().parents[2] / "assumptions" / "templates" / "binary-event.yaml"


def test_a_small_step_beside_a_steep_rise_is_refused():
    # The target over the search reaches 2,000: a tolerance set by it took the step's miss
    # of 0.0002 for a root. Judged by the target either side of the answer, it is a step.
    thesis = model.load_thesis(TEMPLATE)
    with pytest.raises(ImpliedJumpError) as caught:
        implied(
            thesis,
            "peak_sales",
            equals=0.0007,
            bounds=(20.0, 300.0),
            model=lambda _: _SmallStepSteepRise(),
        )
    assert caught.value.at == pytest.approx(50.0)


def test_a_small_price_on_the_steep_target_still_solves():
    # The same target at 0.0003 (below the step) is attained at peak_sales = 30.
    found = implied(
        model.load_thesis(TEMPLATE),
        "peak_sales",
        equals=0.0003,
        bounds=(20.0, 300.0),
        model=lambda _: _SmallStepSteepRise(),
    )
    assert found.value == pytest.approx(30.0, rel=1e-9)
