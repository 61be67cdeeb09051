"""A Latin hypercube or Sobol' run's note says its percentiles' errors assume independent paths.

Percentiles' standard errors use the independent-paths formula whatever the design, so for a
stratified design they overstate the error. The run's note spoke only of the means' errors,
which left a reader to think the percentiles' errors were measured on the design as well.
"""

from __future__ import annotations

import numpy as np
import pytest

from model.engine import ModelSpec, Variable, from_params, run
from model.results.summary import se_method_note

SPEC = ModelSpec(
    variables=(Variable("x", from_params("normal", {"mean": 0, "sd": 1})),), years=(2025,)
)


def test_an_lhs_median_varies_far_less_than_its_printed_error() -> None:
    # The standard normal's median over 2,000 LHS paths, under ten seeds: the printed error
    # is the independent-paths one, 1 / (2 phi(0) sqrt(n)) = 0.028, while stratification of a
    # single input makes the seeds' medians agree to within a few thousandths.
    medians, errors = [], []
    for seed in range(10):
        table = run(SPEC, lambda i: {"z": i["x"]}, n_paths=2_000, seed=seed, method="lhs")
        row = table.summary().iloc[0]
        medians.append(row["p50"])
        errors.append(row["p50_se"])
    iid = 1.0 / (2.0 * np.sqrt(2.0 * np.pi) ** -1 * np.sqrt(2_000))
    assert np.mean(errors) == pytest.approx(iid, rel=0.15)
    assert np.std(medians, ddof=1) < np.mean(errors) / 4


@pytest.mark.parametrize("method", ["lhs", "sobol"])
@pytest.mark.parametrize("n_paths", [2_000, 8 * 65_536])
def test_the_note_says_percentiles_errors_are_overstated(method: str, n_paths: int) -> None:
    note = se_method_note(n_paths, method)
    assert note is not None
    assert "percentiles' errors assume independent paths, which overstates them" in note


def test_plain_monte_carlo_has_no_note() -> None:
    assert se_method_note(2_000, "mc") is None
