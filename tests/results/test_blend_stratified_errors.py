"""A blend gives each scenario a fixed number of paths, so its standard errors are those of a
stratified sample: ``sqrt(sum_s n_s s_s**2) / n`` for a mean, not ``sd / sqrt(n)`` of draws
from the mixture, which counts the spread between the scenarios as sampling noise."""

from __future__ import annotations

import math

import numpy as np
import pytest

from model.results import summary as stats
from model.results.analysis import value_output
from model.scenarios import blend, compare

THESIS = "assumptions/alibaba.yaml"


def test_the_mean_error_of_two_strata_by_hand():
    x = np.array([0.0, 2.0, 10.0, 14.0])
    strata = np.array(["a", "a", "b", "b"])
    # var_a = 2, var_b = 8 (ddof 1): sqrt(2 * 2 + 2 * 8) / 4
    assert stats.mean_se(x, strata=strata)[0] == pytest.approx(math.sqrt(20.0) / 4.0)
    assert stats.mean_se(x)[0] == pytest.approx(np.std(x, ddof=1) / 2.0)
    # p_a = 1/2, p_b = 0: sqrt(2 * 1/4 + 0) / 4
    assert stats.indicator_se(x > 1.0, strata=strata) == pytest.approx(math.sqrt(0.5) / 4.0)


def _stratified_samples(rng, counts, means, sds):
    x = np.concatenate([rng.normal(m, s, c) for c, m, s in zip(counts, means, sds, strict=True)])
    labels = np.repeat(np.arange(len(counts)), counts)
    return x, labels


def test_the_reported_errors_match_the_spread_over_many_seeds():
    # Three scenarios far apart, as bear, base and bull: fixed shares 25/50/25 of 400 paths.
    counts, means, sds = (100, 200, 100), (-3.0, 0.0, 4.0), (1.0, 1.5, 2.0)
    n, reps = sum(counts), 4000
    rng = np.random.default_rng(7)
    got = {"mean": [], "mean_se": [], "p": [], "p_se": [], "p50": [], "p50_se": []}
    for _ in range(reps):
        x, labels = _stratified_samples(rng, counts, means, sds)
        d = stats.describe(x, strata=labels)
        got["mean"].append(d["mean"])
        got["mean_se"].append(d["mean_se"])
        got["p50"].append(d["p50"])
        got["p50_se"].append(d["p50_se"])
        p, se, _ = stats.probability(x > 1.0, strata=labels)
        got["p"].append(p)
        got["p_se"].append(se)
    # The closed form of the mean's error: sqrt(sum n_s sd_s**2) / n.
    exact = math.sqrt(sum(c * s * s for c, s in zip(counts, sds, strict=True))) / n
    assert np.mean(got["mean_se"]) == pytest.approx(exact, rel=0.01)
    # The sd of a sample sd over `reps` seeds is off by about 1 / sqrt(2 reps) = 1.1%: 4 of those.
    tol = 4.0 / math.sqrt(2.0 * reps)
    for stat in ("mean", "p", "p50"):
        spread = float(np.std(got[stat], ddof=1))
        reported = float(np.mean(got[f"{stat}_se"]))
        # The quantile's density is estimated from spacings: a looser 10%.
        assert reported == pytest.approx(spread, rel=tol if stat != "p50" else 0.10), stat
    # The mixture's sd / sqrt(n) counts the spread between the scenarios too: its variance is
    # 2.375 within plus 6.1875 between (weights 1/4, 1/2, 1/4 about the mean 0.25).
    x, labels = _stratified_samples(rng, counts, means, sds)
    ratio = stats.mean_se(x)[0] / stats.mean_se(x, strata=labels)[0]
    assert ratio == pytest.approx(math.sqrt((2.375 + 6.1875) / 2.375), rel=0.1)


def _stratified(variance, labels) -> float:
    """sqrt(sum_s n_s variance_s) / n, by scenario."""
    masks = [labels == s for s in np.unique(labels)]
    return math.sqrt(sum(np.count_nonzero(m) * variance(m) for m in masks)) / labels.size


@pytest.fixture(scope="module")
def mixed():
    return blend(compare(THESIS, ["base", "bull", "bear"], n_paths=400, seed=3))


def test_a_blend_reports_the_stratified_errors(mixed):
    values = np.asarray(mixed.array("value_per_share"), dtype=float)[:, -1]
    labels = np.asarray(mixed.path_scenarios)
    n = values.size
    by_hand = _stratified(lambda m: np.var(values[m], ddof=1), labels)
    row = mixed.summary("value_per_share").iloc[-1]
    assert row["mean_se"] == pytest.approx(by_hand, rel=1e-12)
    # The scenarios' means differ, so the stratified error is below the mixture's.
    assert row["mean_se"] < np.std(values, ddof=1) / math.sqrt(n)
    # The returns measure the headline value (today's, when the run states it).
    headline = np.asarray(mixed.array(value_output(mixed)), dtype=float)[:, -1]
    up = headline > mixed.price
    p_hand = _stratified(lambda m: up[m].mean() * (1.0 - up[m].mean()), labels)
    table = mixed.returns().table()
    assert table["p_upside_se"].iloc[-1] == pytest.approx(p_hand, rel=1e-12)


def test_a_claim_on_a_blend_has_the_stratified_error(mixed):
    values = np.asarray(mixed.array("value_per_share"), dtype=float)[:, -1]
    labels = np.asarray(mixed.path_scenarios)
    cut = float(np.median(values))
    truth = values > cut
    by_hand = _stratified(lambda m: truth[m].mean() * (1.0 - truth[m].mean()), labels)
    got = mixed.prob(f"value_per_share[{mixed.exit_year}] > {cut!r}")
    assert got.se == pytest.approx(by_hand, rel=1e-12)
