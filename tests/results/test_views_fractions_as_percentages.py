"""What a conditioned result and a tornado print follow the display convention: a fraction
(unit ``%`` or ``share``) shows as a percentage in the repr and the notebook view, to the same
digits in both, while the tables keep fractions."""

from __future__ import annotations

import html
import re
import warnings
from pathlib import Path

import pytest

import model
from model.results.display import fmt_percent
from model.sensitivities.shown import number_text

GROWTH = Path(__file__).resolve().parents[2] / "assumptions" / "templates" / "growth-company.yaml"


def _text(page: str) -> str:
    page = re.sub(r"<svg.*?</svg>", "", page, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


@pytest.fixture(scope="module")
def thesis():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return model.load_thesis(GROWTH)


@pytest.fixture(scope="module")
def conditioned(thesis):
    result = model.simulate(thesis, n_paths=3_000, seed=9)
    evidence = [
        # growth_rate is in %: stated without a unit, it is read in the quantity's own.
        model.Observation.normal("growth_rate[2027]", 0.3, 0.03, name="guide"),
        model.Observation.between("margin[2027]", 0.15, 0.2, name="margin", unit="%"),
        model.Observation.normal("sales[2027]", 30.0, 9.0, name="sales"),
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # (few effective paths are warned about)
        return result.condition(evidence)


def test_a_fraction_observation_reads_as_percentages(conditioned):
    shown = repr(conditioned)
    assert "growth_rate[2027] = 30% ± 3%" in shown
    assert "15% ≤ margin[2027] ≤ 20%" in shown
    assert "sales[2027] = 30 ± 9" in shown  # (not a fraction: as written)
    page = _text(conditioned._repr_html_())
    table = conditioned.evidence_table()
    for name, row in table.iterrows():
        columns = ("prior_p50", "posterior_p50", "prior_sd", "posterior_sd")
        if name == "sales":
            continue
        words = " ".join(fmt_percent(row[c]) for c in columns)
        assert words in page, (name, words)
    assert "growth_rate[2027] = 30% ± 3%" in page
    assert f"{table.loc['guide', 'prior_p50']:.3g}" not in page


def test_the_tables_keep_fractions(conditioned):
    table = conditioned.evidence_table()
    assert table.loc["guide", "observed"] == "growth_rate[2027] = 0.3 ± 0.03"
    assert 0.0 < table.loc["guide", "prior_p50"] < 1.0
    assert table.loc["margin", "observed"] == "0.15 ≤ margin[2027] ≤ 0.2"


@pytest.mark.parametrize("output", ["return_annual", "value_per_share"])
def test_a_tornado_words_its_central_case_alike_in_repr_and_view(thesis, output):
    tornado = model.sensitivity(thesis, method="tornado", output=output)
    line = repr(tornado).splitlines()[1]
    in_repr = re.search(r"central case \(deterministic[^)]*\): (.+)$", line).group(1)
    view = _text(tornado._repr_html_())
    in_view = re.search(r"Central case \(deterministic\): (.+?)\.\s*$", view)
    assert in_view is not None
    want = number_text(tornado.central_value, tornado.output_unit)
    assert in_repr == in_view.group(1) == want
    if output == "return_annual":
        assert want.endswith("%")
