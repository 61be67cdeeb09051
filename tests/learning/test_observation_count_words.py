"""One observation reads "1 observation", several "2 observations": the conditioned result's
repr, its resampled label, the report's summary text and page and the prior/posterior chart
used to print "1 observation(s)"."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import matplotlib
import numpy as np
import pytest

import model
from model.charts.learning import prior_posterior_chart
from model.export.learning import Learning, learning_html, learning_summary

matplotlib.use("Agg")

SAAS = Path(__file__).resolve().parents[2] / "assumptions" / "examples" / "saas-subscription.yaml"


@pytest.fixture(scope="module")
def prior():
    return model.simulate(SAAS, n_paths=1_000, seed=1)


def _observations(prior, k: int) -> list:
    out = []
    for year in (2027, 2026)[:k]:
        median = float(np.median(prior.final("revenue", year)))
        out.append(model.Observation.normal(f"revenue[{year}]", median, median * 0.1))
    return out


def _texts(cond) -> list[str]:
    fig = prior_posterior_chart(cond)
    chart = " ".join(t.get_text() for t in fig.findobj(matplotlib.text.Text))
    report = SimpleNamespace(learning=Learning(conditioned=cond))
    return [
        repr(cond),
        cond.resample().scenario_label,
        "\n".join(learning_summary(report.learning)),
        learning_html(report, {}),
        chart,
    ]


@pytest.mark.parametrize(("k", "words"), [(1, "1 observation"), (2, "2 observations")])
def test_the_count_of_observations_agrees_with_its_noun(prior, k, words):
    cond = prior.condition(_observations(prior, k), min_ess=10)
    for text in _texts(cond):
        assert "observation(s)" not in text
        assert words in text
        if k == 1:
            assert "1 observations" not in text
