"""Implied expectations: solving the central case back to a known input, and clear failures."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from scipy.stats import norm

from model.engine.execution.deterministic import evaluate
from model.inputs.assembly.thesis import load_thesis
from model.valuation import build_model
from model.valuation.finance import ValuationDates
from model.valuation.finance.implied import ImpliedError, implied
from model.valuation.finance.today import TodayValuation

ROOT = Path(__file__).resolve().parents[2]
MINIMAL = ROOT / "tests" / "inputs" / "data" / "minimal.yaml"
ALIBABA = ROOT / "assumptions" / "alibaba.yaml"
TAU_2030 = 1860 / 365  # 27 Nov 2025 -> 31 Dec 2030, ACT/365F
COE = 0.09


class Toy:
    """Value per share 5 x P/E x (1 + growth)^t: closed forms for every answer."""

    output_names = ("value_per_share",)

    def __init__(self, use_pe: bool) -> None:
        self.use_pe = use_pe

    def __call__(self, inputs):
        g = np.asarray(inputs["growth"], dtype=float)
        pe = np.asarray(inputs["pe"], dtype=float) if self.use_pe else np.full(g.shape, 23.5)
        pe = pe[:, -1] if pe.ndim == 2 else pe
        t = np.arange(6.0)
        return {"value_per_share": 5.0 * pe[:, None] * (1.0 + g[:, None]) ** t}


def test_implied_growth_has_the_closed_form_and_the_price_percentile():
    r = implied(MINIMAL, "growth", cost_of_equity=COE, model=lambda th: Toy(False),
                n_paths=20_000, seed=3)  # fmt: skip
    expect = (129.5 * (1 + COE) ** TAU_2030 / 117.5) ** (1 / 5) - 1
    assert r.value == pytest.approx(expect, abs=1e-9)
    assert r.central == pytest.approx(0.05)
    assert r.quantile == pytest.approx(norm.cdf((expect - 0.05) / 0.04), abs=1e-9)
    # The price sits where the growth distribution puts the implied growth (MC error 4 SE).
    se = np.sqrt(r.quantile * (1 - r.quantile) / 20_000)
    assert abs(r.price_percentile - r.quantile) < 4 * se
    assert r.target_at_central == pytest.approx(117.5 * 1.05**5 * (1 + COE) ** -TAU_2030)
    assert "growth" in repr(r) and "<table" in r._repr_html_()
    assert r.summary().loc["implied value", "implied"] == pytest.approx(expect)


def test_a_fixed_assumption_needs_bounds_and_then_solves():
    with pytest.raises(ImpliedError, match="explicit bounds"):
        implied(MINIMAL, "pe", cost_of_equity=COE, model=lambda th: Toy(True))
    r = implied(MINIMAL, "pe", cost_of_equity=COE, model=lambda th: Toy(True), bounds=(10, 40))
    assert r.value == pytest.approx(129.5 * (1 + COE) ** TAU_2030 / (5 * 1.05**5), rel=1e-10)


def test_no_root_in_range_states_the_target_at_both_ends():
    with pytest.raises(ImpliedError, match=r"value_today is .* at .* and .* at") as err:
        implied(MINIMAL, "growth", equals=1e6, cost_of_equity=COE, model=lambda th: Toy(False))
    assert "(1,000,000)" in str(err.value)


def test_unknown_names_are_clear_errors():
    toy = {"cost_of_equity": COE, "model": lambda th: Toy(False)}
    with pytest.raises(ImpliedError, match="did you mean growth"):
        implied(MINIMAL, "growht", **toy)
    with pytest.raises(ImpliedError, match="not a single-valued assumption"):
        implied(MINIMAL, "growth_path", **toy)
    with pytest.raises(ImpliedError, match=r"target output 'value_tody'.*did you mean"):
        implied(MINIMAL, "growth", target="value_tody", **toy)
    with pytest.raises(ImpliedError, match=r"unknown scenario 'bul'.*did you mean bull"):
        implied(MINIMAL, "growth", scenario="bul", **toy)


def test_implied_recovers_a_known_input_of_the_alibaba_thesis():
    thesis = load_thesis(ALIBABA)
    spec = thesis.to_spec()
    today = build_model(thesis)  # the thesis' model with today's value (at its wacc)
    assert "value_today" in today.output_names
    known = 0.0925
    value = float(evaluate(spec, {"wacc": np.array([known])}, today)["value_today"][0])
    r = implied(thesis, "wacc", equals=value)
    assert r.value == pytest.approx(known, abs=1e-9)
    # And against the price itself: the solved wacc puts today's value on the price.
    at_price = implied(thesis, "wacc", bounds=(0.05, 0.3))
    back = evaluate(spec, {"wacc": np.array([at_price.value])}, today)["value_today"][0]
    assert back == pytest.approx(thesis.price, rel=1e-9)


def test_today_valuation_adds_discounted_value_and_dated_returns():
    dates = ValuationDates.of("2025-11-27", range(2025, 2031), price_date="2025-02-17")

    def fn(inputs):
        n = len(inputs["coe"])
        return {
            "value_per_share": np.tile(np.linspace(130, 200, 6), (n, 1)),
            "dps": np.full((n, 6), 2.0),
        }

    today = TodayValuation(fn, dates, 129.5, "coe", distributions="dps")
    out = today({"coe": np.array([0.10, 0.08])})
    tau = dates.t_value
    for i, r in enumerate([0.10, 0.08]):
        expect = np.sum(2.0 * (1 + r) ** -tau) + 200.0 * (1 + r) ** -tau[-1]
        assert out["value_today"][i] == pytest.approx(expect)
    # The base median of the issue: 200 HKD at end-2030 is about 124 HKD today at 10 %.
    no_div = TodayValuation(fn, dates, 129.5, 0.10)({"coe": np.array([0.1])})
    assert no_div["value_today"][0] == pytest.approx(200 * 1.1 ** -tau[-1])
    assert no_div["value_today"][0] < 129.5
    assert no_div["return_dated"][0, -1] == pytest.approx(
        (200 / 129.5) ** (1 / dates.t_price[-1]) - 1
    )
    assert out["return_dated"][0, -1] > no_div["return_dated"][0, -1]  # dividends count


def test_today_valuation_pickles_for_process_backends():
    import pickle

    dates = ValuationDates.of("2025-11-27", range(2025, 2031))
    today = TodayValuation(Toy(False), dates, 129.5, 0.09)
    back = pickle.loads(pickle.dumps(today))
    inputs = {"growth": np.array([0.05]), "pe": np.array([23.5])}
    assert back(inputs)["value_today"][0] == today(inputs)["value_today"][0]
    assert back.output_names == today.output_names


def test_the_report_and_its_charts_import_no_root_finder():
    # Only solving for an implied value needs scipy.optimize (a third of a second to import);
    # the charts and the report read this module for its wording alone.
    import subprocess
    import sys

    code = (
        "import sys, model.charts, model.export.job, model.export.job_text, "
        "model.valuation.finance.implied; print('scipy.optimize' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"
