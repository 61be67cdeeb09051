"""The implied value on the mean basis: the mean over paths, both branches of an event, equals
the price, against closed forms on a model whose value is the assumption times a binary weight.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import model
from model.cli.main import main
from model.engine import run
from model.engine.draws.dist_families import Fixed
from model.engine.execution.runner import sample_holding
from model.valuation.finance.implied import ImpliedError, implied

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "assumptions" / "templates" / "binary-event.yaml"
#: The template's licence decision: 45% a year, from year 1; column 2 has had two chances.
P_YEAR, COLUMN = 0.45, 2
Q = 1 - (1 - P_YEAR) ** COLUMN  # P(licence granted by the column's year) = 0.6975
FAILED = 0.2  # the weight of a path whose licence has not come


class Weighted:
    """``value_today = peak_sales * (1 if licensed by the column's year else 0.2)``."""

    output_names = ("value_today",)

    def __call__(self, x: Any) -> dict[str, np.ndarray]:
        granted = np.asarray(x["licence_granted"])[:, COLUMN] > 0
        return {"value_today": np.asarray(x["peak_sales"]) * np.where(granted, 1.0, FAILED)}


def _solve(basis: str, n_paths: int = 0, seed: int = 7) -> Any:
    return implied(
        model.load_thesis(TEMPLATE), "peak_sales", equals=100.0, basis=basis,
        n_paths=n_paths, seed=seed, model=lambda th: Weighted(),
    )  # fmt: skip


def test_the_central_basis_takes_one_branch_of_the_event() -> None:
    # The central path has the licence by year 2 (median timing: 69.75% >= 1/2): weight 1.
    r = _solve("central")
    assert r.value == pytest.approx(100.0, rel=1e-9)
    assert r.basis == "central" and r.se is None


def test_the_mean_basis_weighs_both_branches_within_its_standard_error() -> None:
    n = 4_000
    r = _solve("mean", n)
    # Closed form: mean = x * (q + 0.2 (1 - q)), so x* = 100 / (q + 0.2 (1 - q)) = 131.93.
    w = Q + FAILED * (1 - Q)
    exact = 100.0 / w
    assert r.basis == "mean" and r.paths == n and r.se is not None
    se_mean, se_x = r.se
    # The delta-method error against its closed form: x sd(w) / (sqrt(n) E[w]).
    sd_w = (1 - FAILED) * math.sqrt(Q * (1 - Q))
    assert se_x == pytest.approx(exact * sd_w / (math.sqrt(n) * w), rel=0.1)
    assert se_mean == pytest.approx(100.0 * sd_w / (math.sqrt(n) * w), rel=0.1)
    assert abs(r.value - exact) < 4 * se_x, (r.value, exact, se_x)
    assert "the mean of value_today over 4,000 paths" in r.describe()
    assert r.summary().loc["basis", "implied"] == "mean of value_today over 4,000 paths"


def test_the_mean_basis_repeats_with_its_seed_and_moves_without_it() -> None:
    a, b, c = _solve("mean", 500, seed=3), _solve("mean", 500, seed=3), _solve("mean", 500, 4)
    assert a.value == b.value
    assert a.value != c.value


def test_too_few_paths_or_an_unknown_basis_are_refused() -> None:
    with pytest.raises(ImpliedError, match="at least 100 paths"):
        _solve("mean", 50)
    with pytest.raises(ImpliedError, match="basis must be 'central' or 'mean'"):
        _solve("median")


def test_the_command_solves_a_correlated_assumption_on_the_mean_basis(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Alibaba correlates ai_cloud_cagr with china_cloud_cagr and ai_cloud_margin_target: they
    # are drawn given its value, where the mean basis once refused it.
    args = ["implied", str(ROOT / "assumptions" / "alibaba.yaml"), "--solve-for", "ai_cloud_cagr"]
    assert main([*args, "--basis", "mean", "--paths", "500", "--equals", "145", "--seed", "1"]) == 0
    assert capsys.readouterr().out.startswith("the mean of value_today over 500 paths equals")


def test_holding_a_variable_draws_as_a_run_with_it_fixed() -> None:
    spec = model.load_thesis(TEMPLATE).to_spec()
    at = sample_holding(spec, 3_000, "peak_sales", seed=11)
    held = at(120.0)
    variables = tuple(
        type(v)(v.name, Fixed(value=120.0)) if v.name == "peak_sales" else v for v in spec.variables
    )
    fixed = type(spec)(
        variables=variables, processes=spec.processes, events=spec.events,
        derived=spec.derived, correlation=spec.correlation, years=spec.years,
    )  # fmt: skip
    ran = run(fixed, None, 3_000, seed=11, progress=False).outputs
    for name in spec.names:
        assert np.array_equal(np.asarray(held[name]), np.asarray(ran[name])), name


def test_the_command_solves_on_the_mean_basis(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["implied", str(TEMPLATE), "--solve-for", "peak_sales", "--seed", "1"]
    assert main([*args, "--basis", "mean", "--paths", "1000"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("the mean of value_today over 1,000 paths equals the price")
    assert "mean value_today at the central value" in out
    assert main([*args, "--basis", "mean", "--paths", "20"]) == 2
    assert "at least 100 paths" in capsys.readouterr().err


def test_a_variable_in_the_matrix_without_a_correlation_can_be_held() -> None:
    from model.engine import Correlation, ModelSpec, Variable, from_params, sample

    def v(name: str) -> Variable:
        return Variable(name, from_params("normal", {"mean": 1.0, "sd": 0.2}))

    matrix = np.array([[1.0, 0.5, 0.0], [0.5, 1.0, 0.0], [0.0, 0.0, 1.0]])
    spec = ModelSpec(
        variables=(v("a"), v("b"), v("c")), correlation=Correlation(("a", "b", "c"), matrix)
    )
    held = sample_holding(spec, 2_000, "c", seed=5)(3.0)
    drawn = sample(spec, 2_000, seed=5)
    assert np.array_equal(np.asarray(held["a"]), drawn["a"])
    assert np.array_equal(np.asarray(held["b"]), drawn["b"])
    assert np.all(np.asarray(held["c"]) == 3.0)
    # Holding a, which b is correlated with, moves b only.
    held = sample_holding(spec, 2_000, "a", seed=5)(3.0)
    assert not np.array_equal(np.asarray(held["b"]), drawn["b"])
    assert np.array_equal(np.asarray(held["c"]), drawn["c"])


class Failing(Weighted):
    """No value on the paths where royalties grow fastest (a few percent of them)."""

    def __call__(self, x: Any) -> dict[str, np.ndarray]:
        out = super().__call__(x)
        value = out["value_today"].copy()
        value[np.asarray(x["royalty_growth"]) > 0.055] = np.nan
        return {"value_today": value}


class Raising(Weighted):
    def __call__(self, x: Any) -> dict[str, np.ndarray]:
        from model.errors import ParameterError

        raise ParameterError("the royalties line has no value", field="royalties")


@pytest.mark.parametrize(
    ("fn", "reason"),
    [
        (Failing(), r"the target has no value on [\d,]+ of 1,000 paths"),
        (Raising(), "the royalties line has no value"),
    ],
)
def test_the_mean_basis_says_why_it_has_no_value(fn: Any, reason: str) -> None:
    with pytest.raises(ImpliedError) as info:
        implied(
            model.load_thesis(TEMPLATE), "peak_sales", equals=100.0, basis="mean",
            n_paths=1_000, seed=2, model=lambda th: fn,
        )  # fmt: skip
    text = str(info.value)
    assert "the mean of value_today over 1,000 paths" in text
    assert re.search(reason, text), text
    assert "check the model and the other assumptions" in text  # not "narrow the range"


def test_a_seed_the_central_case_cannot_use_is_noted(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["implied", str(TEMPLATE), "--solve-for", "peak_sales", "--seed", "3"]
    assert main(args) == 0
    err = capsys.readouterr().err
    assert "note: --seed 3 does not apply without --paths or --basis mean" in err
    assert main([*args, "--basis", "mean", "--paths", "200"]) == 0
    assert "does not apply" not in capsys.readouterr().err
