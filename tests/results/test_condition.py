"""Conditioning on evidence: importance weights checked against closed forms."""

from __future__ import annotations

import math
import warnings
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from model.errors import ParameterError, StatementError, ThesisModelError
from model.results.condition import (
    LowEffectiveSampleWarning,
    Observation,
    ObservationKind,
    condition,
    effective_sample_size,
    observation_from_mapping,
    weighted_describe,
)
from model.results.results import SimulationResult

YEARS = (2025, 2026)
N = 200_000
MU0, SD0 = 10.0, 2.0  # prior of x
Y_OBS, SD_OBS = 13.0, 1.5  # observation of x with normal error


def _thesis() -> SimpleNamespace:
    return SimpleNamespace(
        name="t",
        path="t.yaml",
        file_hash="0",
        scorecard={},
        weights={},
        ledger=lambda: pd.DataFrame(),
    )


def _result(n: int = N, seed: int = 11) -> SimulationResult:
    rng = np.random.default_rng(seed)
    x = MU0 + SD0 * rng.standard_normal(n)
    z = rng.standard_normal(n)  # independent of x
    y = np.column_stack([x, 2 * x + 1])  # a per-year output driven by x
    return SimulationResult(
        thesis=_thesis(),
        scenario="base",
        scenario_label="Base",
        years=YEARS,
        outputs={"y": y, "z": z},
        inputs={"x": x},
        units={"y": "USD bn", "z": "USD bn", "x": "USD bn"},
        seed_entropy=seed,
    )


def _conjugate() -> tuple[float, float]:
    precision = 1 / SD0**2 + 1 / SD_OBS**2
    mean = (MU0 / SD0**2 + Y_OBS / SD_OBS**2) / precision
    return mean, math.sqrt(1 / precision)


def test_normal_observation_gives_the_conjugate_posterior():
    result = _result()
    cond = condition(result, Observation.normal("x", Y_OBS, SD_OBS))
    mean, sd = _conjugate()
    row = cond.summary("y").loc[("y", 2025)]
    # tolerances: four standard errors of the weighted estimates
    assert abs(row["mean"] - mean) < 4 * row["mean_se"]
    assert abs(row["sd"] - sd) < 4 * row["sd_se"]
    # the posterior median of a normal posterior is its mean
    assert abs(row["p50"] - mean) < 4 * row["p50_se"] + 1e-9
    # a linear function of x follows: y[2026] = 2 x + 1
    row2 = cond.summary("y").loc[("y", 2026)]
    assert abs(row2["mean"] - (2 * mean + 1)) < 4 * row2["mean_se"]
    assert abs(row2["sd"] - 2 * sd) < 4 * row2["sd_se"]


def test_expected_effective_sample_size():
    # for normal prior and likelihood, E[w^2]/E[w]^2 has a closed form
    result = _result()
    cond = condition(result, Observation.normal("y[2025]", Y_OBS, SD_OBS))
    s2, t2 = SD0**2, SD_OBS**2
    d2 = (Y_OBS - MU0) ** 2
    ratio = math.sqrt((s2 + t2) ** 2 / (t2 * (2 * s2 + t2))) * math.exp(
        d2 / (s2 + t2) - d2 / (2 * s2 + t2)
    )
    expected = N / ratio
    assert cond.ess == pytest.approx(expected, rel=0.05)


def test_independent_quantity_is_unchanged():
    result = _result()
    cond = condition(result, Observation.normal("x", Y_OBS, SD_OBS))
    prior = weighted_describe(result.outputs["z"], np.full(N, 1 / N))
    post = cond.summary("z").loc[("z", 2026)]
    assert abs(post["mean"] - prior["mean"]) < 4 * post["mean_se"]
    assert abs(post["sd"] - prior["sd"]) < 4 * post["sd_se"]
    assert abs(post["p50"] - prior["p50"]) < 4 * post["p50_se"]


def test_uninformative_evidence_keeps_equal_weights():
    result = _result(n=10_000)
    cond = condition(result, Observation.between("x", low=-1e9, high=1e9))
    assert cond.ess == pytest.approx(10_000)
    assert np.allclose(cond.weights, 1 / 10_000)


def test_range_observation_truncates_the_prior():
    from scipy import stats

    result = _result()
    cond = condition(result, Observation.between("x", low=12.0))
    a = (12.0 - MU0) / SD0
    expected = MU0 + SD0 * stats.norm.pdf(a) / stats.norm.sf(a)
    row = cond.summary("y").loc[("y", 2025)]
    assert abs(row["mean"] - expected) < 4 * row["mean_se"]
    assert cond.weights[result.inputs["x"] < 12.0].sum() == 0.0
    assert cond.ess == pytest.approx(N * stats.norm.sf(a), rel=0.02)


def test_posterior_probability_matches_closed_form():
    from scipy import stats

    result = _result()
    cond = condition(result, Observation.normal("x", Y_OBS, SD_OBS))
    mean, sd = _conjugate()
    found = cond.prob("x > 12")
    assert abs(found.p - stats.norm.sf(12, mean, sd)) < 4 * found.se


def test_low_ess_warns_with_advice():
    result = _result(n=5_000)
    with pytest.warns(LowEffectiveSampleWarning, match="re-simulate with about"):
        cond = condition(result, Observation.normal("x", 17.0, 0.05), min_ess=1000)
    assert cond.low_ess
    assert "effective paths" in cond.advice()


def test_incompatible_evidence_is_an_error():
    result = _result(n=1_000)
    with pytest.raises(ThesisModelError, match="incompatible with every simulated path"):
        condition(result, Observation.between("x", low=1e6))


def test_resample_is_reproducible_and_follows_the_weights():
    result = _result(n=50_000)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        cond = condition(result, Observation.normal("x", Y_OBS, SD_OBS))
    a, b = cond.resample(), cond.resample()
    assert np.array_equal(a.inputs["x"], b.inputs["x"])
    mean, sd = _conjugate()
    x = a.inputs["x"]
    se = sd / math.sqrt(cond.ess)
    assert abs(x.mean() - mean) < 4 * se
    assert a.scenario.endswith("evidence")
    # every table of a result works on the resampled one
    assert a.summary("y").shape[0] == 2


def test_observation_validation():
    with pytest.raises(ParameterError, match="sd > 0"):
        Observation.normal("x", 1.0, 0.0)
    with pytest.raises(ParameterError, match="low and/or high"):
        Observation("o", "x", ObservationKind.RANGE)
    with pytest.raises(ParameterError, match="above high"):
        Observation.between("x", low=2, high=1)


def test_observation_of_a_statement_or_a_path_is_refused():
    result = _result(n=1_000)
    with pytest.raises(StatementError, match="true/false"):
        condition(result, Observation.normal("x > 1", 1, 1))
    with pytest.raises(StatementError, match="one value per path"):
        condition(result, Observation.normal("y", 1, 1))


def test_mapping_form_of_evidence():
    obs = observation_from_mapping(
        "growth",
        {"quantity": "x", "value": 13, "sd": 1.5, "source": {"estimate": "test"}},
    )
    assert obs.kind is ObservationKind.NORMAL and obs.source.startswith("estimate")
    rng = observation_from_mapping("r", {"quantity": "x", "range": [11, None]})
    assert rng.kind is ObservationKind.BOUND and rng.low == 11
    with pytest.raises(ParameterError, match="value and sd"):
        observation_from_mapping("bad", {"quantity": "x", "value": 1})
    result = _result(n=2_000)
    cond = condition(result, {"growth": {"quantity": "x", "value": 13, "sd": 1.5}}, min_ess=100)
    assert cond.evidence_table().index.tolist() == ["growth"]


def test_effective_sample_size_of_equal_and_degenerate_weights():
    assert effective_sample_size(np.ones(10)) == pytest.approx(10)
    assert effective_sample_size(np.array([1.0, 0, 0])) == pytest.approx(1)


def test_compare_and_repr():
    result = _result(n=20_000)
    cond = condition(result, Observation.normal("x", Y_OBS, SD_OBS))
    table = cond.compare("y", year=2025)
    mean, _ = _conjugate()
    assert table.loc["y", "prior_mean"] == pytest.approx(MU0, abs=0.1)
    assert abs(table.loc["y", "posterior_mean"] - mean) < 4 * table.loc["y", "posterior_mean_se"]
    assert "ess" in repr(cond) and "<table" in cond._repr_html_()


# -- evidence files ---------------------------------------------------------------------------


ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]


def _alibaba():
    import model

    return model.load_thesis(ROOT / "assumptions" / "alibaba.yaml")


def test_alibaba_evidence_file_loads_with_its_quote():
    from model.inputs.assembly.evidence import load_evidence

    (obs,) = load_evidence(ROOT / "assumptions" / "evidence" / "alibaba-2025q3.yaml", _alibaba())
    assert obs.value == pytest.approx(0.34) and obs.sd == pytest.approx(0.02)
    assert obs.source.startswith("004_ee90e3727d2ffaf9.txt")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "  g:\n    quantity: x\n    unit: '%'\n    value: 0.35\n    sd: 0.01\n"
            "    source: {doc: 004_ee90e3727d2ffaf9.txt,"
            ' quote: "Cloud revenue grew 34% year-over-year in Q3 2025"}\n',
            "0.35",
        ),
        (
            "  g:\n    quantity: x\n    value: 0.3\n    source: {estimate: a b c d e f}\n",
            "value and sd",
        ),
        ("  g:\n    quantity: x\n    value: 0.3\n    sd: 0.1\n    colour: red\n", "colour"),
        ("  g:\n    quantity: x\n    value: 0.3\n    sd: 0.1\n", "missing source"),
        (
            "  g:\n    quantity: x\n    value: 0.3\n    sd: -1\n"
            "    source: {estimate: a b c d e f}\n",
            "sd > 0",
        ),
    ],
)
def test_bad_evidence_files_name_file_line_and_field(tmp_path, body, message):
    from model.errors import ThesisError
    from model.inputs.assembly.evidence import load_evidence

    path = tmp_path / "ev.yaml"
    path.write_text("format: 1\nevidence:\n" + body, encoding="utf-8")
    with pytest.raises(ThesisError) as info:
        load_evidence(path, _alibaba())
    text = str(info.value)
    assert message in text and "ev.yaml:" in text and "evidence.g" in text


def test_weighted_describe_subset_matches_full_exactly() -> None:
    """Asking for fewer figures gives the same figures, to the last bit."""
    rng = np.random.default_rng(7)
    x = rng.lognormal(size=5_000)
    x[::97] = np.nan
    w = rng.uniform(size=5_000)
    w[::13] = 0.0
    full = weighted_describe(x, w)
    lean = weighted_describe(x, w, (("p50", 0.5),), spread=False)
    assert set(lean) == {"n", "ess", "mean", "mean_se", "p50", "p50_se"}
    for key, value in lean.items():
        assert value == full[key], key
    assert "sd" in weighted_describe(x, w, ())
