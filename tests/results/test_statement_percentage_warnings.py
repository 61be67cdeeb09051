"""A statement evaluated on a result is warned about as a scorecard claim is at the load.

``result.prob("margin[2028] > 17")`` in a notebook (17 meaning 0.17) can never hold and would
say 0% without a word, while the same statement as a scorecard claim is warned at its line by
``validate``. ``prob``, ``truth``, a comparison's ``prob`` and a conditioned result's ``prob`` say
it once per statement, naming it, with the fraction meant; so for an amount compared with a
number a scale word off. A statement that is fine, and the thesis' own claims (warned at their
lines when the thesis is loaded), are not warned.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import model
from model.errors import ThesisModelWarning
from model.results.condition import Observation, condition


@pytest.fixture
def run(readme_example: str, tmp_path: Path) -> model.SimulationResult:
    path = tmp_path / "example.yaml"
    path.write_text(readme_example, encoding="utf-8")
    return model.simulate(model.load_thesis(path), n_paths=500, seed=1)


def _said(call) -> list[str]:
    """The ThesisModelWarnings ``call()`` gives, every one (no filter folds repeats)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        call()
    return [str(w.message) for w in caught if issubclass(w.category, ThesisModelWarning)]


def test_a_whole_percentage_against_a_fraction_is_warned_once(run) -> None:
    statement = "margin[2028] > 17"
    said = _said(lambda: (run.prob(statement), run.truth(statement), run.prob(statement)))
    assert said == [
        "statement 'margin[2028] > 17': compares 'margin' (unit '%') with 17, which means "
        "1,700%: the claim can hardly hold or fail; '%' values are fractions: did you mean 0.17?"
    ]


def test_a_ratio_of_amounts_against_a_whole_percentage_is_warned(run) -> None:
    statement = "ebit[2028] / sales[2028] > 17"
    said = _said(lambda: run.truth(statement))
    assert len(said) == 1, said
    assert said[0].startswith("statement 'ebit[2028] / sales[2028] > 17': compares"), said
    assert "a fraction) with 17, which means 1,700%" in said[0], said
    assert said[0].endswith("did you mean 0.17?"), said
    assert _said(lambda: run.prob(statement)) == []  # once per statement per result


def test_an_amount_a_scale_word_off_is_warned(run) -> None:
    said = _said(lambda: run.prob("ebit[2028] > 0.2"))
    assert len(said) == 1, said
    assert said[0].startswith("statement 'ebit[2028] > 0.2': reads 0.2 in EUR m;"), said
    assert "did you mean 200 (0.2 EUR bn)?" in said[0], said


def test_a_comparison_and_a_conditioned_result_warn_too(readme_example, tmp_path) -> None:
    path = tmp_path / "example.yaml"
    path.write_text(readme_example, encoding="utf-8")
    both = model.compare(model.load_thesis(path), ["base", "bear"], n_paths=500, seed=1)
    said = _said(lambda: both.prob("margin[2028] > 18"))
    assert len(said) == 2 and all("did you mean 0.18?" in s for s in said), said
    assert all(s.startswith("statement 'margin[2028] > 18': ") for s in said), said
    given = condition(both["base"], Observation.between("ebit[2026]", low=100.0), min_ess=100)
    said = _said(lambda: given.prob("margin[2029] > 18"))
    assert len(said) == 1 and "did you mean 0.18?" in said[0], said


@pytest.mark.parametrize(
    "statement",
    [
        "margin[2028] > 0.17",
        "ebit[2028] / sales[2028] > 0.17",
        "-margin[2028] < -0.17",
        "value_per_share[2030] > 40",
        "ebit[2028] > 150",
        "ebit[2030] > 2 * ebit[2025]",
    ],
)
def test_a_plausible_statement_is_not_warned(run, statement) -> None:
    assert _said(lambda: (run.prob(statement), run.truth(statement))) == []


def test_the_scorecard_claims_are_not_warned_again(run) -> None:
    claim = "ebit[2028] / sales[2028] > 0.17"
    assert _said(lambda: (run.scorecard(), run.prob(claim))) == []
